"""What the bundled Battery Region data contains: the vocabulary in three languages, real and sourced actors and
programmes on both sides of the border, sourced needs with their source and date, examples marked as examples, and
example needs and intakes that show every gap status. The data is loaded once for the module, inside a transaction rolled back at the end."""

import datetime

import pytest
from django.db import transaction

from about.models import PartnerOrganisation
from batteryregion.bundled_data import load_bundled_data
from programmes.models import Programme
from skills.models import (
    Actor,
    CompetenceNeed,
    Occupation,
    OccupationSkill,
    QualificationType,
    Region,
    Segment,
    Skill,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def bundled(django_db_setup, django_db_blocker):
    """The real bundled data, loaded once for the module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_bundled_data()
        yield
        transaction.set_rollback(True)


def test_the_bundled_data_holds_the_promised_vocabulary():

    assert Segment.objects.count() >= 6
    project_regions = Region.objects.filter(
        code__in=["FI1D9", "FI1D5", "FI195", "SE331", "SE332"]
    )
    assert project_regions.count() == 5
    assert all(
        region.boundary["type"] in {"Polygon", "MultiPolygon"}
        for region in project_regions
    )
    assert Region.objects.get(code="FI195").code_2024 == "FI19A"
    assert list(
        QualificationType.objects.values_list("level__level", flat=True).filter(
            code="se-higher-vocational"
        )
    ) == [5]
    assert QualificationType.objects.exclude(country="").count() >= 12
    assert set(QualificationType.objects.values_list("country", flat=True)) >= {
        "FI",
        "SE",
    }
    assert Occupation.objects.filter(is_local=False).count() >= 25
    assert Skill.objects.filter(is_local=False).count() >= 150
    assert OccupationSkill.objects.filter(relation="essential").count() >= 600


def test_every_bundled_label_exists_in_finnish_swedish_and_english():
    translated = {
        Segment: ["name"],
        Region: ["name"],
        QualificationType: ["name"],
        Skill: ["label"],
        Occupation: ["label", "description"],
        Actor: ["name", "description"],
        Programme: ["name", "description"],
        PartnerOrganisation: ["name", "description"],
    }
    for model, fields in translated.items():
        for field in fields:
            for language in ("fi", "sv", "en"):
                empty = model.objects.filter(**{f"{field}_{language}__in": ["", None]})
                assert not empty.exists(), (
                    f"{model.__name__}.{field}_{language} empty for {list(empty[:5])}"
                )


def test_every_bundled_actor_and_programme_is_real_and_sourced_on_both_sides_of_the_border():
    assert Actor.objects.count() >= 25
    assert Programme.objects.count() >= 30
    for country in ("FI", "SE"):
        assert Actor.objects.filter(country=country).count() >= 8
        assert Programme.objects.filter(provider__country=country).count() >= 10
    assert not Actor.objects.filter(source_url="").exists()
    assert not Programme.objects.filter(source_url="").exists()
    assert not Programme.objects.filter(offerings__isnull=True).exists()


# Employers whose end is public: no need may be stated after it or ask for people after its year, and none stands.
KNOWN_ENDS = {
    "northvolt": datetime.date(
        2025, 3, 12
    ),  # bankruptcy filed in Sweden; Lyten bought the plant
}


def test_needs_without_a_public_source_are_marked_as_examples():
    assert CompetenceNeed.objects.exists()
    assert not CompetenceNeed.objects.filter(source_url="", is_example=False).exists()
    assert CompetenceNeed.objects.filter(is_example=True).exists()
    assert CompetenceNeed.objects.filter(is_example=False).count() >= 10


def test_a_sourced_need_gives_its_source_and_a_date_not_after_today_and_examples_say_so():
    today = datetime.date.today()
    for need in CompetenceNeed.objects.filter(is_example=False):
        assert need.source_url.startswith("https://"), need.slug
        assert need.source_name, need.slug
        assert need.stated_on <= today, need.slug
        assert not need.description_en.startswith("Example"), need.slug
    for need in CompetenceNeed.objects.filter(is_example=True):
        assert need.source_name.startswith("Example:"), need.slug
        assert need.description_fi.startswith("Esimerkki"), need.slug
        assert need.description_sv.startswith("Exempel"), need.slug
        assert need.description_en.startswith("Example"), need.slug


def test_no_need_is_stated_for_or_asks_for_people_at_an_employer_after_its_end():
    for employer, end in KNOWN_ENDS.items():
        for need in CompetenceNeed.objects.filter(employer__slug=employer):
            assert need.stated_on <= end, need.slug
            assert need.target_year <= end.year, need.slug
            assert need.status != CompetenceNeed.Status.STANDING, need.slug


def test_realistic_starting_points_reach_five_battery_occupations_on_each_side_of_the_border():
    from gaps.pathways.search import PathwayQuery, find_pathways, load_network

    network = load_network()
    starts = [
        "fi-basic",  # basic education
        "fi-general-upper-secondary",  # general upper secondary
        "fi-vocational",  # vocational qualification
        "se-higher-vocational",  # higher vocational
        "fi-uas-bachelor",  # UAS bachelor
        "work-experience",  # no qualification, but work experience
        "se-compulsory",
        "se-upper-secondary-vocational",
    ]
    for code in starts:
        query = PathwayQuery(starting_point=QualificationType.objects.get(code=code))
        reached: dict[str, set[str]] = {"FI": set(), "SE": set()}
        for route in find_pathways(query, network).routes:
            reached[route.steps[-1].country].add(route.occupation.slug)
        assert len(reached["FI"]) >= 5 and len(reached["SE"]) >= 5, (code, reached)


def test_the_example_data_shows_every_gap_status_on_both_sides_of_the_border():
    """The example needs and intakes are written so that the default dashboard (standing needs, EQF 1–8, anonymous
    visitor) shows every status in Finland and in Sweden.

    Demand is weighted by the years left to a need's target year, so the statuses are checked for this year and for
    every later year while the example intakes still count as current supply (INTAKE_MAX_AGE_YEARS); after that the
    example intakes need a newer year, and this test says so. In the segment
    view at EQF 1–8 every segment is served by programmes on both sides of the border, so "no training" and "covered
    only across the border" can only show in the occupation view (or in a narrower level band).
    """
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Max

    from gaps.analysis.compare import analyse
    from gaps.analysis.parameters import GapQuery, this_year
    from gaps.analysis.statuses import Status
    from programmes.models import Intake

    supply_statuses = {
        Status.UNDER_SUPPLIED,
        Status.RECRUITMENT_GAP,
        Status.BALANCED,
        Status.OVER_SUPPLIED,
    }
    every_status = supply_statuses | {Status.NO_TRAINING, Status.ACROSS_BORDER}
    expected = {"segment": supply_statuses, "occupation": every_status}
    newest_example_intake = Intake.objects.filter(is_example=True).aggregate(
        newest=Max("year")
    )["newest"]
    last_current_year = newest_example_intake + settings.INTAKE_MAX_AGE_YEARS - 1
    for year in sorted({this_year(), *range(2026, last_current_year + 1)}):
        for dimension, statuses in expected.items():
            cells = analyse(
                GapQuery(dimension=dimension, reference_year=year), AnonymousUser()
            ).cells
            for country in ("FI", "SE"):
                shown = {cell.status for cell in cells if cell.country == country}
                assert shown >= statuses, (year, dimension, country, statuses - shown)

    for country in ("FI", "SE"):
        needs = CompetenceNeed.objects.filter(region__country=country)
        for status in ("paused", "withdrawn"):
            assert needs.filter(status=status).exists(), (country, status)
        for visibility in ("public", "partners", "coordinators"):
            assert needs.filter(visibility=visibility).exists(), (country, visibility)


def test_the_example_data_has_figures_that_confidential_needs_change_for_coordinators_only():
    """Partner and coordinator needs count in the figures of those who may see them and in no one else's: a public
    figure counts exactly the needs a visitor may see (gaps.analysis.demand)."""
    from django.contrib.auth.models import AnonymousUser, Permission, User

    from gaps.analysis.compare import analyse
    from gaps.analysis.demand import needs_behind
    from gaps.analysis.parameters import GapQuery

    query = GapQuery(dimension="segment")
    anonymous = AnonymousUser()
    cells = analyse(query, anonymous).cells
    for cell in cells:
        seen = needs_behind(query, cell.key.pk, anonymous).filter(region=cell.region)
        assert cell.needs == seen.count(), (cell.key, cell.region)
    coordinator = User.objects.create_user("reader")
    coordinator.user_permissions.add(
        Permission.objects.get(codename="view_confidential_needs")
    )
    coordinator = User.objects.get(pk=coordinator.pk)
    every = {
        (c.key.pk, c.region.pk): c.people for c in analyse(query, coordinator).cells
    }
    public = {(c.key.pk, c.region.pk): c.people for c in cells}
    assert any(every[pair] > public.get(pair, 0) for pair in every)


def test_intake_figures_without_a_source_are_marked_as_examples():
    from programmes.models import Intake

    assert Intake.objects.filter(is_example=True).exists()
    assert not Intake.objects.filter(source_url="", is_example=False).exists()
