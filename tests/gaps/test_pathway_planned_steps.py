"""Planned and proposed programmes in the pathway search: a planned step is marked with its expected start and ranks
after an equal running one (it weighs like a condition to check); a proposed programme is never on a route."""

import datetime

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from gaps.pathways.routes import CONDITION_PENALTY_MONTHS
from gaps.pathways.search import PathwayQuery, find_pathways
from programmes.models import Programme
from tests.factories import OccupationFactory
from tests.gaps.pathway_search_data import programme, routes_of

pytestmark = pytest.mark.django_db


def test_a_planned_step_is_marked_and_ranks_after_an_equal_running_one(basic, levels):
    operator = OccupationFactory(slug="process-operator")
    programme("planned-course", months=12, accepts=[basic], leads_to=[operator],
              availability=Programme.Availability.PLANNED, expected_start=datetime.date(2027, 8, 1))  # fmt: skip
    programme("running-course", months=12, accepts=[basic], leads_to=[operator])

    with translation.override("en"):
        result = find_pathways(PathwayQuery(starting_point=basic))

    running, planned = result.routes
    assert [s.programme.slug for s in running.steps] == ["running-course"]
    assert [s.programme.slug for s in planned.steps] == ["planned-course"]
    assert planned.steps[0].conditions == ("Planned, expected to start August 2027.",)
    assert running.steps[0].conditions == ()
    assert planned.score - running.score == CONDITION_PENALTY_MONTHS


def test_a_proposed_programme_is_never_on_a_route(basic, levels):
    operator = OccupationFactory(slug="process-operator")
    programme("proposed-course", months=6, accepts=[basic], leads_to=[operator],
              availability=Programme.Availability.PROPOSED)  # fmt: skip
    programme("running-course", months=24, accepts=[basic], leads_to=[operator])

    assert routes_of(PathwayQuery(starting_point=basic)) == [
        (("running-course",), "process-operator")
    ]


def test_the_route_page_and_the_api_step_mark_a_planned_step(client, basic, levels):
    basic.is_starting_point = True
    basic.save()
    operator = OccupationFactory(slug="process-operator")
    programme("planned-course", months=12, accepts=[basic], leads_to=[operator],
              availability=Programme.Availability.PLANNED, expected_start=datetime.date(2027, 8, 1))  # fmt: skip

    html = client.get("/en/pathways/", {"start": "fi-basic"}).content.decode()
    body = APIClient().get("/api/v1/pathways/", {"start": "fi-basic"}, headers={"accept-language": "en"}).json()  # fmt: skip

    assert "Planned, expected to start August 2027." in html
    [step] = body["routes"][0]["steps"]
    assert step["conditions"] == ["Planned, expected to start August 2027."]
    assert (step["availability"], step["expected_start"]) == ("planned", "2027-08-01")
