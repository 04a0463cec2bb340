"""Translated fields of the supply side."""

from modeltranslation.translator import TranslationOptions, register

from batteryregion.records import track_history
from programmes.models import EntryRequirement, Intake, Offering, Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "entry_notes")
    required_languages = ("en",)


# Every version is kept (batteryregion/records.py); made after the translation fields exist so that they are copied.
track_history(Programme, m2m_fields=("languages", "segments", "skills", "occupations"))
for _model in (EntryRequirement, Offering, Intake):
    track_history(_model)
