"""The people and records the import tests share."""

import pytest
from django.contrib.auth.models import User

from programmes.models import EntryRequirement
from tests.factories import (
    CompetenceNeedFactory,
    EducationLevelFactory,
    IntakeFactory,
    OfferingFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root", "root@example.org", "pw")


@pytest.fixture
def catalogue(db) -> dict:
    segment = SegmentFactory(code="recycling")
    skill = SkillFactory(slug="sort-waste")
    qualification = QualificationTypeFactory(code="fi-vocational")
    level = EducationLevelFactory(level=4)
    programme = ProgrammeFactory(slug="recycling-technician", segments=[segment])
    programme.skills.set([skill])
    EntryRequirement.objects.create(
        programme=programme, qualification_type=qualification
    )
    EntryRequirement.objects.create(programme=programme, min_level=level)
    site = SiteFactory(slug="oulu-campus", actor=programme.provider)
    OfferingFactory(programme=programme, site=site)
    IntakeFactory(programme=programme)
    CompetenceNeedFactory(slug="need-1", employer=programme.provider)
    return {"programme": programme, "site": site, "segment": segment}
