"""Database constraints of the supply side."""

import pytest
from django.db import IntegrityError, transaction

from programmes.models import EntryRequirement, Intake
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
