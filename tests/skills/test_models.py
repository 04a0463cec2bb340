"""Database constraints of the vocabulary and the demand side: what must always hold, even outside forms."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.db import IntegrityError, transaction

from skills.models import CompetenceNeed, EducationLevel, Region
from tests.factories import (
    CompetenceNeedFactory,
    EducationLevelFactory,
    OccupationFactory,
    RegionFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def refused(make) -> bool:
    """True when the database refuses the write."""
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_two_skills_cannot_share_an_esco_uri():
    SkillFactory(esco_uri="http://data.europa.eu/esco/skill/same")
    assert refused(
        lambda: SkillFactory(esco_uri="http://data.europa.eu/esco/skill/same")
    )


def test_two_occupations_cannot_share_an_esco_uri():
    OccupationFactory(esco_uri="http://data.europa.eu/esco/occupation/same")
    assert refused(
        lambda: OccupationFactory(esco_uri="http://data.europa.eu/esco/occupation/same")
    )


def test_a_skill_needs_an_esco_uri_unless_it_is_local():
    assert refused(lambda: SkillFactory(esco_uri=None, is_local=False))
    assert not refused(lambda: SkillFactory(esco_uri=None, is_local=True))
    assert refused(
        lambda: SkillFactory(is_local=True)
    )  # a local skill with an ESCO URI is a contradiction


def test_many_local_skills_may_have_no_esco_uri():
    SkillFactory(esco_uri=None, is_local=True)
    assert not refused(lambda: SkillFactory(esco_uri=None, is_local=True))


def test_a_competence_need_needs_a_positive_headcount():
    assert refused(lambda: CompetenceNeedFactory(headcount=0))
    assert not refused(lambda: CompetenceNeedFactory(headcount=1))


def test_a_competence_need_level_range_runs_upwards_within_eqf():
    assert refused(lambda: CompetenceNeedFactory(min_level=5, max_level=4))
    assert refused(lambda: CompetenceNeedFactory(min_level=0))
    assert refused(lambda: CompetenceNeedFactory(max_level=9))
    assert not refused(lambda: CompetenceNeedFactory(min_level=4, max_level=4))


def test_a_competence_need_names_its_employer_or_its_source():
    assert refused(lambda: CompetenceNeedFactory(employer=None, source_name=""))
    assert not refused(
        lambda: CompetenceNeedFactory(
            employer=None, source_name="Workshop in Skellefteå"
        )
    )


def test_education_levels_are_one_to_eight_and_unique():
    assert refused(lambda: EducationLevel.objects.create(level=9, name_en="Nine"))
    assert refused(lambda: EducationLevel.objects.create(level=0, name_en="Zero"))
    EducationLevelFactory(level=4)
    assert refused(lambda: EducationLevel.objects.create(level=4, name_en="Four again"))


def test_a_region_code_starts_with_its_country_and_its_level_is_nuts_0_to_3():
    assert refused(
        lambda: Region.objects.create(
            code="SE331", country="FI", level=3, name_en="Västerbotten"
        )
    )
    assert refused(
        lambda: Region.objects.create(
            code="FI1D9", country="FI", level=4, name_en="North Ostrobothnia"
        )
    )
    assert not refused(lambda: RegionFactory(code="SE331", country="SE", level=3))


@pytest.fixture
def needs_of_every_visibility() -> dict[str, CompetenceNeed]:
    return {
        visibility: CompetenceNeedFactory(
            visibility=visibility, slug=f"need-{visibility}"
        )
        for visibility in CompetenceNeed.Visibility.values
    }


def visible_slugs(user) -> set[str]:
    return set(CompetenceNeed.objects.visible_to(user).values_list("slug", flat=True))


def test_the_public_sees_public_needs_only(needs_of_every_visibility):
    assert visible_slugs(AnonymousUser()) == {"need-public"}


def test_a_logged_in_partner_also_sees_partner_needs(needs_of_every_visibility):
    partner = User.objects.create_user("partner")
    assert visible_slugs(partner) == {"need-public", "need-partners"}


def test_a_coordinator_with_the_permission_sees_confidential_needs_too(
    needs_of_every_visibility, coordinator
):
    coordinator.user_permissions.add(
        Permission.objects.get(codename="view_confidential_needs")
    )
    coordinator = User.objects.get(pk=coordinator.pk)  # fresh permission cache
    assert visible_slugs(coordinator) == {
        "need-public",
        "need-partners",
        "need-coordinators",
    }
