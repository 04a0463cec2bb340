"""Starting an action from a finding is one click: the gap pages offer "Start an action" to those who may add
actions, and the link opens the admin's add form filled with the finding's context (a gap's segment, occupation or
skill with its regions, needs and programmes; an overlapping pair; a need met only across the border)."""

import re
from html import unescape

import pytest
from django.test import Client

from gaps.cooperation.models import Action
from gaps.cooperation.start import action_start_url
from programmes.models import Programme
from skills.models import CompetenceNeed, Region
from tests.cooperation.conftest import coordinator_of

pytestmark = pytest.mark.django_db

START = re.compile(
    r'<a (?:class="action-start" )?href="(/admin/gaps/action/add/\?[^"]*)">Start an action</a>'
)


def start_links(client: Client, address: str) -> list[str]:
    html = client.get(address).content.decode()
    return [unescape(link) for link in START.findall(html)]


def initial_of(client: Client, address: str) -> dict:
    """The add form's initial values as the admin fills them from the address."""
    response = client.get(address)
    assert response.status_code == 200
    form = response.context["adminform"].form
    return {name: form[name].value() for name in form.fields}


def pks(model, **lookup) -> set[str]:
    return {
        str(pk) for pk in model.objects.filter(**lookup).values_list("pk", flat=True)
    }


def test_the_address_names_the_kind_the_links_and_a_title():
    assert action_start_url(
        kind="coordinate_overlap",
        programmes=[3, 4, 3],
        regions=[],
        title_en="Two & one",
    ) == (
        "/admin/gaps/action/add/?kind=coordinate_overlap&programmes=3%2C4&title_en=Two+%26+one"
    )


def test_a_gap_drill_down_starts_an_action_with_its_segment_regions_needs_and_programmes(
    data, coordinator_client
):
    links = start_links(coordinator_client, "/en/gaps/segment/cells/")
    assert len(links) == 1
    initial = initial_of(coordinator_client, links[0])
    assert {str(pk) for pk in initial["segments"]} == {str(data["cells"].pk)}
    assert {str(pk) for pk in initial["regions"]} == pks(
        Region, code__in=["FI1D", "FI1D9", "SE331"]
    )
    # The needs behind the figures that the coordinator may see: of the segment, and of its occupation (cell
    # operator), the coordinators-only one included.
    assert {str(pk) for pk in initial["needs"]} == pks(
        CompetenceNeed,
        slug__in=["oulu-cells", "north-cells", "oulu-operators", "oulu-secret"],
    )
    assert {str(pk) for pk in initial["programmes"]} == pks(
        Programme, slug__in=["oulu-cell-course", "oulu-cell-unknown", "umea-cells"]
    )
    assert initial["title_en"] == "Close the gap: Cell manufacturing"


def test_an_occupation_drill_down_starts_an_action_with_the_occupation(
    data, coordinator_client
):
    links = start_links(coordinator_client, "/en/gaps/occupation/cell-operator/")
    initial = initial_of(coordinator_client, links[0])
    assert {str(pk) for pk in initial["occupations"]} == {str(data["operator"].pk)}
    assert pks(CompetenceNeed, slug="oulu-operators") <= {
        str(pk) for pk in initial["needs"]
    }


def test_an_overlapping_pair_starts_an_action_to_coordinate_both_programmes(
    data, coordinator_client
):
    links = start_links(coordinator_client, "/en/gaps/overlaps/")
    assert links
    initial = initial_of(coordinator_client, links[0])
    assert initial["kind"] == Action.Kind.COORDINATE_OVERLAP
    assert {str(pk) for pk in initial["programmes"]} == pks(
        Programme, slug__in=["oulu-cell-course", "umea-cells"]
    )
    assert len(initial["skills"]) == 2
    assert initial["title_en"].startswith("Coordinate ")


def test_a_need_met_only_across_the_border_starts_a_joint_recruitment(
    data, coordinator_client
):
    links = start_links(coordinator_client, "/en/gaps/")
    assert len(links) == 1  # the one need of the data set met only across the border
    initial = initial_of(coordinator_client, links[0])
    assert initial["kind"] == Action.Kind.JOINT_RECRUITMENT
    assert {str(pk) for pk in initial["needs"]} == pks(
        CompetenceNeed, slug="vbotten-recycling"
    )
    assert {str(pk) for pk in initial["regions"]} == pks(Region, code="SE331")


def test_the_coordinator_who_starts_an_action_is_its_responsible_one(
    data, coordinator, coordinator_client
):
    initial = initial_of(coordinator_client, "/admin/gaps/action/add/")
    assert initial["responsible"] == coordinator.coordinator.pk


@pytest.mark.parametrize("viewer", ["anonymous", "partner", "staff"])
def test_only_those_who_may_add_actions_are_offered_the_link(
    data, partner, django_user_model, viewer
):
    client = Client()
    if viewer == "partner":
        client.force_login(partner)
    if viewer == "staff":  # staff without a coordinator record: read-only
        client.force_login(
            django_user_model.objects.create_user("staff", password="pw", is_staff=True)
        )
    for address in ("/en/gaps/", "/en/gaps/segment/cells/", "/en/gaps/overlaps/"):
        assert start_links(client, address) == []


def test_a_lead_is_offered_the_link_too(data):
    client = Client()
    client.force_login(coordinator_of("lead-se", side="SE", role="lead"))
    assert len(start_links(client, "/en/gaps/segment/cells/")) == 1


def test_saving_the_filled_form_creates_the_action_with_its_context(
    data, coordinator, coordinator_client
):
    link = start_links(coordinator_client, "/en/gaps/segment/cells/")[0]
    initial = initial_of(coordinator_client, link)
    posted = {
        "slug": "cells-gap",
        "kind": Action.Kind.NEW_TRAINING,
        "title_en": initial["title_en"],
        "state": "idea",
        "visibility": "public",
        "responsible": coordinator.coordinator.pk,
        "segments": initial["segments"],
        "regions": initial["regions"],
        "needs": initial["needs"],
        "programmes": initial["programmes"],
        "participants-TOTAL_FORMS": 0,
        "participants-INITIAL_FORMS": 0,
        "figures-TOTAL_FORMS": 0,
        "figures-INITIAL_FORMS": 0,
    }
    response = coordinator_client.post("/admin/gaps/action/add/", posted)
    assert response.status_code == 302, response.context["adminform"].form.errors
    action = Action.objects.get(slug="cells-gap")
    assert list(action.segments.all()) == [data["cells"]]
    assert action.needs.count() == 4 and action.programmes.count() == 3
    assert action.history.count() == 1
