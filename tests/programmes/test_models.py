"""Database constraints of the supply side."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from programmes.models import EntryRequirement, Intake, Programme
from tests.factories import (
    EducationLevelFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
)

pytestmark = pytest.mark.django_db


def refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_places_per_year_are_positive_when_given():
    assert refused(lambda: ProgrammeFactory(places_per_year=0))
    assert not refused(lambda: ProgrammeFactory(places_per_year=None))


def test_credits_need_a_unit():
    assert refused(lambda: ProgrammeFactory(credits=180, credit_unit=""))
    assert not refused(lambda: ProgrammeFactory(credits=180, credit_unit="osp"))


def test_an_entry_requirement_is_a_qualification_or_a_level_never_both_or_neither():
    programme = ProgrammeFactory()
    qualification = QualificationTypeFactory()
    level = EducationLevelFactory(level=4)
    assert refused(lambda: EntryRequirement.objects.create(programme=programme))
    assert refused(
        lambda: EntryRequirement.objects.create(
            programme=programme, qualification_type=qualification, min_level=level
        )
    )
    assert not refused(
        lambda: EntryRequirement.objects.create(
            programme=programme, qualification_type=qualification
        )
    )
    assert refused(
        lambda: EntryRequirement.objects.create(
            programme=programme, qualification_type=qualification
        )
    )


def test_one_intake_per_programme_and_year():
    programme = ProgrammeFactory()
    Intake.objects.create(programme=programme, year=2022, places=30, enrolled=12)
    assert refused(
        lambda: Intake.objects.create(programme=programme, year=2022, places=30)
    )


@pytest.mark.parametrize(
    ("language", "credits", "unit", "expected"),
    [
        ("fi", "180", "osp", "180 osaamispistettä (osp)"),
        ("fi", "1", "ects", "1 opintopiste (ECTS)"),
        ("fi", "7.5", "ects", "7,5 opintopistettä (ECTS)"),
        ("sv", "7.5", "hp", "7,5 högskolepoäng (hp)"),
        ("en", "1", "ects", "1 ECTS credit"),
        ("en", "240", "ects", "240 ECTS credits"),
    ],
)
def test_the_scope_reads_as_each_language_counts(language, credits, unit, expected):
    programme = Programme(credits=Decimal(credits), credit_unit=unit)
    with translation.override(language):
        assert programme.scope() == expected
