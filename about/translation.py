"""Translated fields of the partnership's organisations (name_fi, name_sv, name_en …), and their history."""

from modeltranslation.translator import TranslationOptions, register

from about.models import PartnerOrganisation
from batteryregion.records import track_history


@register(PartnerOrganisation)
class PartnerOrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


# After the translation fields exist, so that each version copies name_fi, name_sv, name_en … too.
track_history(PartnerOrganisation)
