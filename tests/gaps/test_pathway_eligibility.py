"""Routes a person can take: admission rules (audience, age, field, prior studies) against what the person told,
"maybe" conditions for what they did not, steps back by field, and routes near home first."""

from dataclasses import replace

import pytest
from django.utils import translation

from gaps.pathways import search as search_module
from gaps.pathways.search import (
    CONDITION_PENALTY_MONTHS,
    FAR_FIRST_STEP_MONTHS,
    GROUP_CONDITION_PENALTY_MONTHS,
    Home,
    PathwayQuery,
    find_pathways,
    score,
)
from programmes.models import Programme
from tests.factories import (
    EducationFieldFactory,
    OccupationFactory,
    QualificationTypeFactory,
    RegionFactory,
    pathway_programme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The rules are compared in words: in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


programme = pathway_programme
OULU = (65.0121, 25.4651)
KEMI = (65.7364, 24.5637)  # about 100 km from Oulu
KIRUNA = (67.8558, 20.2253)  # about 390 km


@pytest.fixture
def operator():
    return OccupationFactory(slug="operator", label_en="Operator")


def home_in_oulu(region=None) -> Home:
    region = region or RegionFactory()
    return Home("FI564", "Oulu", "FI", *OULU, frozenset({region.pk}))


def slugs(query: PathwayQuery) -> list[tuple[str, ...]]:
    return [
        tuple(s.programme.slug for s in r.steps) for r in find_pathways(query).routes
    ]


@pytest.mark.parametrize(
    "audience, situations, listed",
    [
        (Programme.Audience.JOB_SEEKERS_SE, frozenset({"job_seeker_se"}), True),
        (Programme.Audience.JOB_SEEKERS_SE, frozenset({"job_seeker_fi"}), False),
        (Programme.Audience.JOB_SEEKERS_SE, frozenset(), False),  # "none of these"
        (Programme.Audience.TEACHERS, frozenset({"teacher"}), True),
        (Programme.Audience.TEACHERS, frozenset(), False),
        (Programme.Audience.FOREIGN_DEGREE, frozenset({"foreign_degree"}), True),
        (Programme.Audience.EMPLOYEES, frozenset(), False),
        (Programme.Audience.EVERYONE, frozenset(), True),
    ],
)
def test_an_audience_admits_only_the_people_it_names(
    basic, operator, audience, situations, listed
):
    programme("course", accepts=[basic], leads_to=[operator], audience=audience)
    query = PathwayQuery(starting_point=basic, situations=situations)
    assert slugs(query) == ([("course",)] if listed else [])


def test_an_audience_the_person_did_not_answer_is_a_condition_to_check(basic, operator):
    programme(
        "lernia",
        accepts=[basic],
        leads_to=[operator],
        audience=Programme.Audience.JOB_SEEKERS_SE,
    )
    route = find_pathways(PathwayQuery(starting_point=basic)).routes[0]
    assert route.steps[0].conditions == (
        "Only for job seekers registered with Arbetsförmedlingen in Sweden.",
    )
    assert route.score == score(route)


def test_a_programme_for_a_group_the_person_did_not_mention_ranks_after_the_others(
    basic, operator
):
    """Most people are in none of the groups: such a programme weighs GROUP_CONDITION_PENALTY_MONTHS more than
    another condition, and a programme six months longer without it comes first."""
    programme(
        "for-job-seekers",
        accepts=[basic],
        leads_to=[operator],
        months=6,
        audience=Programme.Audience.JOB_SEEKERS_SE,
    )
    programme("for-adults", accepts=[basic], leads_to=[operator], months=12, min_age=20)
    longer = 6 + GROUP_CONDITION_PENALTY_MONTHS - 1
    programme("for-everyone", accepts=[basic], leads_to=[operator], months=longer)

    routes = find_pathways(PathwayQuery(starting_point=basic)).routes

    assert [r.steps[0].programme.slug for r in routes[:2]] == [
        "for-adults",
        "for-everyone",
    ]
    assert all(route.score == score(route) for route in routes)
    told = PathwayQuery(starting_point=basic, situations=frozenset({"job_seeker_se"}))
    assert slugs(told)[0] == ("for-job-seekers",)
    assert ("for-job-seekers",) not in slugs(
        PathwayQuery(starting_point=basic, situations=frozenset())
    )


def test_a_programme_for_residents_follows_the_home_country(basic, operator):
    programme(
        "komvux",
        accepts=[basic],
        leads_to=[operator],
        audience=Programme.Audience.RESIDENTS_SE,
        country="SE",
    )
    finland = PathwayQuery(starting_point=basic, home=home_in_oulu())
    sweden = PathwayQuery(
        starting_point=basic,
        home=Home("SE2482", "Skellefteå", "SE", 64.75, 20.95, frozenset()),
    )
    assert slugs(finland) == []
    assert slugs(sweden) == [("komvux",)]


def test_a_minimum_age_closes_younger_groups_and_asks_the_unsure(basic, operator):
    programme("komvux", accepts=[basic], leads_to=[operator], min_age=20)
    assert slugs(PathwayQuery(starting_point=basic, age="under_18")) == []
    assert slugs(PathwayQuery(starting_point=basic, age="25_plus")) == [("komvux",)]
    unsure = find_pathways(PathwayQuery(starting_point=basic)).routes[0]
    assert unsure.steps[0].conditions == ("From the age of 20.",)


def test_a_qualification_at_the_waiving_level_opens_a_programme_to_younger_people(
    basic, vocational, levels, operator
):
    """Swedish municipal adult education admits people under 20 who hold an upper secondary diploma (EQF 4)."""
    programme(
        "komvux",
        accepts=[basic, vocational],
        leads_to=[operator],
        min_age=20,
        min_age_waived_from=levels[4],
    )
    assert slugs(PathwayQuery(starting_point=basic, age="under_18")) == []
    assert slugs(PathwayQuery(starting_point=vocational, age="under_18")) == [
        ("komvux",)
    ]
    diploma_holder = find_pathways(PathwayQuery(starting_point=vocational)).routes[0]
    assert diploma_holder.steps[0].conditions == ()
    unsure = find_pathways(PathwayQuery(starting_point=basic)).routes[0]
    assert unsure.steps[0].conditions == (
        "From the age of 20, or younger with a qualification at EQF level 4 or above.",
    )


def test_a_closed_programme_on_the_best_routes_is_listed_with_its_reason(
    basic, operator
):
    programme(
        "teachers-course",
        accepts=[basic],
        leads_to=[operator],
        months=1,
        audience=Programme.Audience.TEACHERS,
        entry_notes_en="For teachers of vocational schools.",
    )
    programme("long-programme", accepts=[basic], leads_to=[operator], months=36)
    result = find_pathways(PathwayQuery(starting_point=basic, situations=frozenset()))
    assert [r.steps[0].programme.slug for r in result.routes] == ["long-programme"]
    assert [(n.programme.slug, n.reasons) for n in result.not_open] == [
        ("teachers-course", ("Only for teachers and trainers.",))
    ]


def test_a_closed_programme_the_preferences_leave_out_is_not_listed_nor_searched_for(
    basic, operator, monkeypatch
):
    """ "Not open to you" lists only programmes the person's preferences keep: with none of them closed, the
    search without the admission rules does not run at all."""
    programme(
        "teachers-course",
        accepts=[basic],
        leads_to=[operator],
        months=1,
        audience=Programme.Audience.TEACHERS,
    )
    programme("swedish-programme", country="SE", accepts=[basic], leads_to=[operator])
    searches = []
    original = search_module.search_routes

    def counted(query, *args, **kwargs):
        searches.append(query.apply_rules)
        return original(query, *args, **kwargs)

    monkeypatch.setattr(search_module, "search_routes", counted)
    in_sweden = PathwayQuery(
        starting_point=basic, situations=frozenset(), countries=frozenset({"SE"})
    )
    result = find_pathways(in_sweden)
    assert [r.steps[0].programme.slug for r in result.routes] == ["swedish-programme"]
    assert result.not_open == []
    assert False not in searches  # no search without the rules
    searches.clear()
    anywhere = find_pathways(replace(in_sweden, countries=frozenset()))
    assert [n.programme.slug for n in anywhere.not_open] == ["teachers-course"]
    assert False in searches


def test_a_required_field_opens_a_first_step_only_to_that_field_and_a_later_step_after_it(
    basic, vocational, levels, operator
):
    engineering = EducationFieldFactory(code="07")
    business = EducationFieldFactory(code="04", name_en="Business")
    programme(
        "engineering-vocational",
        accepts=[basic],
        level=levels[4],
        qualification=vocational,
        education_field=engineering,
    )
    programme(
        "engineering-degree",
        min_level=levels[4],
        level=levels[6],
        leads_to=[operator],
        required_fields=[engineering],
    )
    in_engineering = PathwayQuery(starting_point=vocational, field=engineering)
    in_business = PathwayQuery(starting_point=vocational, field=business)
    from_basic = PathwayQuery(starting_point=basic, field=business)
    assert slugs(in_engineering) == [("engineering-degree",)]
    assert slugs(in_business) == []
    # After a programme in engineering, the degree is open whatever the person's own field.
    assert slugs(from_basic) == [("engineering-vocational", "engineering-degree")]
    unsure = find_pathways(PathwayQuery(starting_point=vocational)).routes[0]
    assert unsure.steps[0].conditions == (
        "Earlier education in: Engineering, manufacturing and construction.",
    )


def test_prior_studies_are_always_a_condition(vocational, levels, operator):
    programme(
        "engineering-degree",
        accepts=[vocational],
        level=levels[6],
        leads_to=[operator],
        prior_studies_en="Matematik 3c, Fysik 2",
    )
    route = find_pathways(PathwayQuery(starting_point=vocational)).routes[0]
    assert route.steps[0].conditions == (
        "Requires these studies: Matematik 3c, Fysik 2",
    )


def test_a_step_back_in_the_same_field_is_left_out_but_a_change_of_field_may_start_lower(
    levels, vocational, operator
):
    bachelor = QualificationTypeFactory(code="fi-amk", level=levels[6])
    chemistry = EducationFieldFactory(code="05", name_en="Natural sciences")
    engineering = EducationFieldFactory(code="07")
    programme(
        "chemistry-vocational",
        min_level=levels[2],
        level=levels[4],
        qualification=vocational,
        leads_to=[operator],
        education_field=chemistry,
    )
    programme(
        "process-vocational",
        min_level=levels[2],
        level=levels[4],
        leads_to=[operator],
        education_field=engineering,
    )
    programme("short-course", min_level=levels[2], leads_to=[operator], months=2)
    as_chemist = PathwayQuery(starting_point=bachelor, field=chemistry)
    field_unknown = PathwayQuery(starting_point=bachelor)
    assert sorted(slugs(as_chemist)) == [("process-vocational",), ("short-course",)]
    assert slugs(field_unknown) == [("short-course",)]


def test_routes_that_start_near_home_come_first(basic, operator):
    # At most two routes per occupation and country are kept: the two best show the order.
    programme("far", accepts=[basic], leads_to=[operator], months=6, at=KIRUNA)
    programme("near", accepts=[basic], leads_to=[operator], months=12, at=KEMI)
    assert slugs(PathwayQuery(starting_point=basic)) == [("far",), ("near",)]
    result = find_pathways(PathwayQuery(starting_point=basic, home=home_in_oulu()))
    assert slugs(PathwayQuery(starting_point=basic, home=home_in_oulu())) == [
        ("near",),
        ("far",),
    ]
    near, far = result.routes
    assert near.steps[0].distance_km == pytest.approx(90, abs=5)
    assert near.steps[0].near
    assert far.steps[0].distance_km == pytest.approx(392, abs=5)
    assert not far.steps[0].near
    # "far" is 6 months long: 24 more months for being far put it after the 12-month programme near home.
    assert far.score == 6 + FAR_FIRST_STEP_MONTHS == score(far)


def test_distance_learning_counts_as_near_for_everyone(basic, operator):
    programme("far", accepts=[basic], leads_to=[operator], months=6, at=KIRUNA)
    programme(
        "online",
        accepts=[basic],
        leads_to=[operator],
        months=18,
        at=KIRUNA,
        delivery_mode=Programme.DeliveryMode.ONLINE,
    )
    from_oulu = PathwayQuery(starting_point=basic, home=home_in_oulu())
    assert slugs(from_oulu) == [("online",), ("far",)]


def test_studying_near_home_keeps_distance_learning_and_counts_what_it_removed(basic):
    far, near, part_time = (OccupationFactory(slug=slug) for slug in ("a", "b", "c"))
    programme("far", accepts=[basic], leads_to=[far], at=KIRUNA)
    programme("near", accepts=[basic], leads_to=[near], at=KEMI)
    programme(
        "part-time",
        accepts=[basic],
        leads_to=[part_time],
        at=KIRUNA,
        pace=Programme.Pace.PART_TIME,
    )
    query = PathwayQuery(starting_point=basic, home=home_in_oulu(), mobility="commute")
    result = find_pathways(query)
    assert sorted(r.steps[0].programme.slug for r in result.routes) == [
        "near",
        "part-time",
    ]
    assert [(r.constraint, r.routes) for r in result.removed] == [("mobility", 1)]
    distance = PathwayQuery(starting_point=basic, mobility="distance")
    assert slugs(distance) == [("part-time",)]


def test_the_region_preference_keeps_online_programmes_given_elsewhere(basic, operator):
    lapland = RegionFactory(code="FI1D7", code_2024="FI1D7", name_en="Lapland")
    programme("oulu", accepts=[basic], leads_to=[operator])
    programme(
        "online",
        accepts=[basic],
        leads_to=[operator],
        delivery_mode=Programme.DeliveryMode.ONLINE,
    )
    query = PathwayQuery(starting_point=basic, regions=(lapland,))
    assert slugs(query) == [("online",)]


def test_a_condition_weighs_in_the_ranking(basic, operator):
    programme("for-adults", accepts=[basic], leads_to=[operator], months=6, min_age=20)
    programme(
        "for-everyone",
        accepts=[basic],
        leads_to=[operator],
        months=6 + CONDITION_PENALTY_MONTHS - 1,
    )
    assert slugs(PathwayQuery(starting_point=basic)) == [
        ("for-everyone",),
        ("for-adults",),
    ]
    assert slugs(PathwayQuery(starting_point=basic, age="25_plus")) == [
        ("for-adults",),
        ("for-everyone",),
    ]
