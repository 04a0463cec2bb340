"""The figures and statuses of the partner API's gap analysis (/api/v1/gaps/) on hand-made data: each row's demand,
supply and status, its key, region, sources and page, the parameters, rules and data dates stated, the filters, and
published records, current intakes and example data only as the rules say."""

import pytest

from programmes.models import Programme
from skills.models import CompetenceNeed
from tests.api.factories import IntakeFactory
from tests.api.gap_data import (
    FIGURES,
    GAPS,
    Urgency,
    _reference_year,  # noqa: F401 (fixtures)
    cells,
    figures,
    need,
    programme,
)
from tests.factories import OccupationFactory, SkillFactory

pytestmark = pytest.mark.django_db


# --- figures and statuses ---------------------------------------------------------------------------------------------


def test_each_row_has_its_demand_supply_and_status(api_client, segment_data):
    rows = cells(api_client.get(GAPS))

    assert list(rows) == [
        ("raw-materials", "SE331"),
        ("cell-manufacturing", "FI1D9"),
        ("cell-manufacturing", "SE331"),
        ("recycling", "FI1D9"),
    ]
    assert figures(rows["recycling", "FI1D9"], *FIGURES) == {
        "people": 10,
        "demand": 7.5,
        "supply": 4.0,
        "filled": 3.0,  # 4 places × 3/4 filled
        "difference": -3.5,
        "ratio": 0.533,
        "unmet": 4.5,  # 7.5 − min(4, 3)
        "status": "under-supplied",
    }
    assert figures(rows["cell-manufacturing", "FI1D9"], *FIGURES) == {
        "people": 6,
        "demand": 2.0,
        "supply": 0.0,
        "filled": 0.0,
        "difference": -2.0,
        "ratio": 0.0,
        "unmet": 2.0,
        "status": "across-border",
    }
    assert figures(rows["cell-manufacturing", "SE331"], *FIGURES) == {
        "people": 0,
        "demand": 0.0,
        "supply": 20.0,
        "filled": 20.0,  # no intake: counted as full
        "difference": 20.0,
        "ratio": None,
        "unmet": 0.0,
        "status": "no-stated-need",
    }
    assert figures(rows["raw-materials", "SE331"], *FIGURES) == {
        "people": 4,
        "demand": 8.0,
        "supply": 0.0,
        "filled": 0.0,
        "difference": -8.0,
        "ratio": 0.0,
        "unmet": 8.0,
        "status": "no-training",
    }


def test_a_row_names_its_key_and_region_counts_its_sources_and_links_to_its_page(
    api_client, segment_data
):
    row = cells(api_client.get(GAPS))["recycling", "FI1D9"]

    # No planned programme: no planned places, and the status after planned training is today's.
    assert row == {
        "key": {
            "code": "recycling",
            "name": {"fi": "recycling fi", "sv": "recycling sv", "en": "recycling en"},
        },
        "region": {
            "code": "FI1D9",
            "name": {
                "fi": "Pohjois-Pohjanmaa",
                "sv": "Norra Österbotten",
                "en": "North Ostrobothnia",
            },
            "country": "FI",
            "level": 3,
        },
        **figures(row, *FIGURES),
        "planned_places": 0.0,
        "planned_programmes": 0,
        "planned_status": row["status"],
        "needs": 1,
        "sources": 1,
        "examples": 0,
        "example_people": 0,
        "example_demand": 0.0,
        "example_programmes": 0,
        "example_places": 0.0,
        "rests_on_examples": False,
        "programmes": 1,
        "unknown_places": 0,
        "programmes_in_country": 1,
        "programmes_across_border": 0,
        "needs_oldest": "2026-05-01",
        "needs_newest": "2026-05-01",
        "programmes_oldest": "2026-03-15",
        "programmes_newest": "2026-03-15",
        "page_url": {
            code: f"http://testserver/{code}/gaps/segment/recycling/"
            for code in ["fi", "sv", "en"]
        },
    }


def test_the_answer_states_its_parameters_rules_and_data_dates(
    api_client, segment_data
):
    body = api_client.get(GAPS).json()

    assert body["parameters"] == {
        "dimension": "segment",
        "key": None,
        "horizon": None,
        "min_level": 1,
        "max_level": 8,
        "countries": ["FI", "SE"],
        "statuses": ["standing"],
        "reference_year": 2026,
        "examples": "include",
        "oldest_intake_year": 2024,  # intakes of 2023 and earlier are too old to count
    }
    assert body["thresholds"] == {
        "balanced_range": [0.8, 1.25],
        "urgency_weights": {"low": 0.5, "medium": 1.0, "high": 1.5, "critical": 2.0},
        "mostly_examples": 0.5,
    }
    assert body["inputs"] == {
        "needs_oldest": "2026-05-01",
        "needs_newest": "2026-05-01",
        "programmes_oldest": "2026-03-15",
        "programmes_newest": "2026-03-15",
    }
    assert (body["count"], body["next"], body["previous"]) == (4, None, None)


def test_the_filters_narrow_the_needs_and_rows(api_client, segment_data):
    # Horizon 2027 leaves out the cell-manufacturing need (2028), so FI1D9 has no row for it any more.
    by_2027 = cells(api_client.get(GAPS, {"horizon": 2027}))
    in_finland = cells(api_client.get(GAPS, {"country": "FI"}))
    # EQF 6–8: the programmes (EQF 5) no longer count; needs without a level band still do.
    high_levels = cells(api_client.get(GAPS, {"min_level": 6, "key": "recycling"}))

    assert {key: row["status"] for key, row in by_2027.items()} == {
        ("raw-materials", "SE331"): "no-training",
        ("cell-manufacturing", "SE331"): "no-stated-need",
        ("recycling", "FI1D9"): "under-supplied",
    }
    assert {key: row["status"] for key, row in in_finland.items()} == {
        (
            "cell-manufacturing",
            "FI1D9",
        ): "across-border",  # Swedish programmes still decide this
        ("recycling", "FI1D9"): "under-supplied",
    }
    assert list(high_levels) == [("recycling", "FI1D9")]
    assert figures(high_levels["recycling", "FI1D9"], "demand", "supply", "status") == {
        "demand": 7.5,
        "supply": 0.0,
        "status": "no-training",
    }
    parameters = api_client.get(
        GAPS, {"key": "recycling", "country": "FI", "horizon": 2030}
    ).json()["parameters"]
    assert (parameters["key"], parameters["countries"], parameters["horizon"]) == (
        "recycling",
        ["FI"],
        2030,
    )


def test_withdrawn_needs_count_only_when_asked_for(api_client, regions, segments):
    need(
        regions["FI"],
        headcount=4,
        urgency=Urgency.MEDIUM,
        target_year=2026,
        segments=(segments["recycling"],),
        status=CompetenceNeed.Status.WITHDRAWN,
    )

    assert cells(api_client.get(GAPS)) == {}
    rows = cells(api_client.get(GAPS, {"status": ["standing", "withdrawn"]}))
    assert rows["recycling", "FI1D9"]["demand"] == 4.0


def test_occupation_and_skill_rows_are_balanced_or_short_of_recruits(
    api_client, regions
):
    operator = OccupationFactory(slug="cell-operator")
    chemistry = SkillFactory(slug="cell-chemistry")
    # 8 people by 2029, medium → 8 / 4 years = 2.0 a year, met by 2 places: balanced.
    need(
        regions["FI"],
        headcount=8,
        urgency=Urgency.MEDIUM,
        target_year=2029,
        occupation=operator,
    )
    programme("operator-training", "FI", places=2, occupations=[operator])
    # 4 people by 2026 → 4.0 a year; 5 places, but only 2 of 5 filled: 2 < 0.8 × 4.
    need(
        regions["SE"], headcount=4, urgency=Urgency.MEDIUM, target_year=2026
    ).skills.set([chemistry])
    chemistry_course = programme("chemistry-course", "SE", places=5, skills=[chemistry])
    IntakeFactory(programme=chemistry_course, places=5, applicants=9, enrolled=2)

    by_occupation = cells(api_client.get(GAPS, {"dimension": "occupation"}))
    by_skill = cells(api_client.get(GAPS, {"dimension": "skill"}))
    one_skill = cells(
        api_client.get(GAPS, {"dimension": "skill", "key": "cell-chemistry"})
    )

    assert figures(by_occupation["cell-operator", "FI1D9"], *FIGURES) == {
        "people": 8,
        "demand": 2.0,
        "supply": 2.0,
        "filled": 2.0,
        "difference": 0.0,
        "ratio": 1.0,
        "unmet": 0.0,
        "status": "balanced",
    }
    assert by_occupation["cell-operator", "FI1D9"]["key"] == {
        "slug": "cell-operator",
        "name": {
            "fi": operator.label_fi,
            "sv": operator.label_sv,
            "en": operator.label_en,
        },
    }
    assert by_occupation["cell-operator", "FI1D9"]["page_url"]["en"] == (
        "http://testserver/en/gaps/occupation/cell-operator/"
    )
    assert figures(by_skill["cell-chemistry", "SE331"], *FIGURES) == {
        "people": 4,
        "demand": 4.0,
        "supply": 5.0,
        "filled": 2.0,
        "difference": 1.0,
        "ratio": 1.25,
        "unmet": 2.0,  # 4 − min(5, 2)
        "status": "recruitment-gap",
    }
    assert one_skill == by_skill
    assert (
        cells(api_client.get(GAPS, {"dimension": "occupation", "key": "cell-operator"}))
        == by_occupation
    )


# --- published records, old intakes, example data -------------------------------------------------------------------


def test_only_published_needs_and_programmes_count(api_client, regions, segments):
    recycling = segments["recycling"]
    need(
        regions["FI"],
        headcount=10,
        urgency=Urgency.MEDIUM,
        target_year=2026,
        segments=(recycling,),
    )
    need(regions["FI"], headcount=90, urgency=Urgency.MEDIUM, target_year=2026, segments=(recycling,),
         state="draft")  # fmt: skip
    need(regions["FI"], headcount=80, urgency=Urgency.MEDIUM, target_year=2026, segments=(recycling,),
         state="discontinued")  # fmt: skip
    programme("published", "FI", places=8, segments=[recycling])
    Programme.objects.filter(
        pk=programme("ended", "FI", places=50, segments=[recycling]).pk
    ).update(state="discontinued")

    row = cells(api_client.get(GAPS))["recycling", "FI1D9"]

    assert figures(row, "people", "demand", "supply", "programmes", "status") == {
        "people": 10,
        "demand": 10.0,
        "supply": 8.0,
        "programmes": 1,
        "status": "balanced",  # 8 places for 10 people a year: exactly 80 %
    }


def test_an_intake_three_years_old_no_longer_counts(api_client, regions, segments):
    recycling = segments["recycling"]
    need(
        regions["FI"],
        headcount=10,
        urgency=Urgency.MEDIUM,
        target_year=2026,
        segments=(recycling,),
    )
    old = programme("old-intake", "FI", places=None, segments=[recycling])
    IntakeFactory(programme=old, year=2023, places=30, applicants=None, enrolled=None)
    current = programme("current-intake", "FI", places=None, segments=[recycling])
    IntakeFactory(
        programme=current, year=2024, places=9, applicants=None, enrolled=None
    )

    row = cells(api_client.get(GAPS))["recycling", "FI1D9"]

    # 2026: intakes of 2024 and later count; the 2023 intake's 30 places do not.
    assert figures(row, "supply", "programmes", "unknown_places", "status") == {
        "supply": 9.0,
        "programmes": 2,
        "unknown_places": 1,
        "status": "balanced",  # 9 places for 10 people a year: 90 %
    }


def test_example_data_is_counted_and_said_or_left_out(api_client, regions, segments):
    """Recycling in FI1D9: a real need for 2 people and an example need for 6 (medium, by 2026), a programme whose
    8 places come from an example intake and a real one with 2 places per year."""
    recycling = segments["recycling"]
    need(
        regions["FI"],
        headcount=2,
        urgency=Urgency.MEDIUM,
        target_year=2026,
        segments=(recycling,),
    )
    need(regions["FI"], headcount=6, urgency=Urgency.MEDIUM, target_year=2026, segments=(recycling,),
         is_example=True)  # fmt: skip
    from_example = programme("from-example", "FI", places=None, segments=[recycling])
    IntakeFactory(programme=from_example, year=2025, places=8, applicants=None, enrolled=None,
                  is_example=True)  # fmt: skip
    programme("real", "FI", places=2, segments=[recycling])
    names = ("people", "demand", "supply", "status", "needs", "examples", "example_people", "example_demand",
             "example_programmes", "example_places", "rests_on_examples")  # fmt: skip

    included = api_client.get(GAPS)
    excluded = api_client.get(GAPS, {"examples": "exclude"})

    assert figures(cells(included)["recycling", "FI1D9"], *names) == {
        "people": 8,
        "demand": 8.0,
        "supply": 10.0,
        "status": "balanced",  # 10 places for 8 people a year: 125 %
        "needs": 2,
        "examples": 1,
        "example_people": 6,
        "example_demand": 6.0,  # 75 % of the demand
        "example_programmes": 1,
        "example_places": 8.0,  # 80 % of the places
        "rests_on_examples": True,
    }
    assert figures(cells(excluded)["recycling", "FI1D9"], *names) == {
        "people": 2,
        "demand": 2.0,
        "supply": 2.0,
        "status": "balanced",  # 2 places for 2 people a year
        "needs": 1,
        "examples": 0,
        "example_people": 0,
        "example_demand": 0.0,
        "example_programmes": 0,
        "example_places": 0.0,
        "rests_on_examples": False,
    }
    assert included.json()["parameters"]["examples"] == "include"
    assert excluded.json()["parameters"]["examples"] == "exclude"
