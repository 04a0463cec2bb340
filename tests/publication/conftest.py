"""Shared data of the publication tests: a programme and an employer in each state (draft, published, discontinued),
the occupation, skill and segment they are linked to, and a coordinator who edits programmes and actors."""

import datetime

import pytest
from django.contrib.auth.models import Permission, User

from programmes.models import Programme
from skills.models import Actor, OccupationSkill
from tests.factories import (
    ActorFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)

STATES = ["draft", "published", "discontinued"]
ENDED = datetime.date(2025, 6, 30)


@pytest.fixture
def occupation():
    return OccupationFactory(slug="cell-operator", label_en="cell operator")


@pytest.fixture
def skill(occupation):
    skill = SkillFactory(slug="operate-cell-line", label_en="operate a cell line")
    OccupationSkill.objects.create(occupation=occupation, skill=skill)
    return skill


@pytest.fixture
def segment():
    return SegmentFactory(code="cells", name_en="Cells")


@pytest.fixture
def programmes(occupation, skill, segment) -> dict[str, Programme]:
    """One programme in each state, all of one published provider, each leading to the occupation and teaching
    its skill, each given at a site and counted in the segment."""
    provider = ActorFactory(slug="college", name_en="College")
    site = SiteFactory(actor=provider)
    made = {}
    for state in STATES:
        programme = ProgrammeFactory(
            slug=f"{state}-programme",
            name_en=f"The {state} programme",
            provider=provider,
            state=state,
            ended_on=ENDED if state == "discontinued" else None,
            segments=[segment],
        )
        programme.occupations.add(occupation)
        programme.skills.add(skill)
        OfferingFactory(programme=programme, site=site)
        made[state] = programme
    return made


@pytest.fixture
def actors(segment) -> dict[str, Actor]:
    """One employer in each state, each with a site and counted in the segment."""
    made = {}
    for state in STATES:
        actor = ActorFactory(
            slug=f"{state}-employer",
            name_en=f"The {state} employer",
            kind=Actor.Kind.EMPLOYER,
            state=state,
            ended_on=ENDED if state == "discontinued" else None,
        )
        actor.segments.add(segment)
        SiteFactory(actor=actor)
        made[state] = actor
    return made


@pytest.fixture
def editor() -> User:
    """A coordinator who edits programmes and actors (staff with the change permissions), nothing else."""
    user = User.objects.create_user("editor", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(
            codename="change_programme", content_type__app_label="programmes"
        ),
        Permission.objects.get(
            codename="change_actor", content_type__app_label="skills"
        ),
    )
    return user
