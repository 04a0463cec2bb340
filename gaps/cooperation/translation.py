"""Translated fields of cooperation actions, and the history of actions and their parts."""

from modeltranslation.translator import TranslationOptions, register

from batteryregion.records import track_history
from gaps.cooperation.models import Action, ActionFigure, ActionParticipant


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("title", "description", "dropped_reason")
    required_languages = ("en",)


# Every version is kept (batteryregion/records.py); made after the translation fields exist so that they are copied.
track_history(
    Action,
    m2m_fields=("segments", "occupations", "skills", "regions", "needs", "programmes"),
)
for _model in (ActionParticipant, ActionFigure):
    track_history(_model)
