"""Translated fields of the supply side."""

from modeltranslation.translator import TranslationOptions, register

from batteryregion.records import track_history
from programmes.models import (
    ApplicationPeriod,
    EntryRequirement,
    Intake,
    Offering,
    Programme,
)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "entry_notes", "prior_studies")
    required_languages = ("en",)


# Every version is kept (batteryregion/records.py); made after the translation fields exist so that they are copied.
track_history(
    Programme,
    m2m_fields=("languages", "segments", "skills", "occupations", "required_fields"),
)
for _model in (EntryRequirement, Offering, Intake, ApplicationPeriod):
    track_history(_model)
