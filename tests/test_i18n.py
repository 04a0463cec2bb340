"""Translated fields fall back fi → sv → en, sv → fi → en, en → fi → sv, and say so."""

import pytest
from django.utils import translation

from batteryregion.i18n import by_translated_name, shown
from skills.models import Segment
from tests.factories import SegmentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "filled", "expected_lang"),
    [
        ("fi", {"sv": "Återvinning", "en": "Recycling"}, "sv"),
        ("fi", {"en": "Recycling"}, "en"),
        ("sv", {"fi": "Kierrätys", "en": "Recycling"}, "fi"),
        ("sv", {"en": "Recycling"}, "en"),
        ("en", {"fi": "Kierrätys", "sv": "Återvinning"}, "fi"),
        ("en", {"sv": "Återvinning"}, "sv"),
    ],
)
def test_a_missing_translation_falls_back_in_the_designed_order_and_is_marked(
    language, filled, expected_lang
):
    segment = SegmentFactory(
        name_fi=filled.get("fi", ""),
        name_sv=filled.get("sv", ""),
        name_en=filled.get("en", ""),
    )
    with translation.override(language):
        result = shown(segment, "name")
    assert (result.text, result.lang, result.is_fallback) == (
        filled[expected_lang],
        expected_lang,
        True,
    )


def test_a_present_translation_is_not_marked_as_fallback():
    segment = SegmentFactory(
        name_fi="Kierrätys", name_sv="Återvinning", name_en="Recycling"
    )
    with translation.override("sv"):
        result = shown(segment, "name")
    assert (result.text, result.lang, result.is_fallback) == (
        "Återvinning",
        "sv",
        False,
    )


def test_the_model_attribute_follows_the_same_fallback_order():
    segment = SegmentFactory(name_fi="", name_sv="Återvinning", name_en="Recycling")
    with translation.override("fi"):
        assert Segment.objects.get(pk=segment.pk).name == "Återvinning"


def test_sorting_by_translated_name_puts_untranslated_rows_where_their_fallback_belongs():
    SegmentFactory(code="b", name_fi="Bakkukemikaalit", name_sv="", name_en="Zinc")
    SegmentFactory(
        code="a",
        name_fi="Kierrätys",
        name_sv="Materialåtervinning",
        name_en="Recycling",
    )
    SegmentFactory(
        code="c", name_fi="Automaatio", name_sv="Automation", name_en="Automation"
    )
    with translation.override("sv"):
        codes = [s.code for s in by_translated_name(Segment.objects.all())]
    assert codes == [
        "c",
        "b",
        "a",
    ]  # Automation, (fi) Bakkukemikaalit, Materialåtervinning
