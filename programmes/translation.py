"""Translated fields of the supply side."""

from modeltranslation.translator import TranslationOptions, register

from programmes.models import Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "entry_notes")
    required_languages = ("en",)
