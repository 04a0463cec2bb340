"""A workshop's page: who sees it, which of its needs, never its contact, and what the gap analysis made of each
need, in a fixed number of queries."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    OccupationFactory,
    RegionFactory,
    SegmentFactory,
    WorkshopFactory,
    pathway_programme,
)

pytestmark = pytest.mark.django_db

CONTACT_NAME = "Maija Meikäläinen"
CONTACT_EMAIL = "maija.meikalainen@example.org"


def page(slug: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse("gaps:workshop_detail", args=[slug])


def workshop_need(workshop, **fields):
    fields.setdefault("source_kind", workshop.kind)
    fields.setdefault("source_name", workshop.title_en)
    fields.setdefault("employer", None)
    return CompetenceNeedFactory(workshop=workshop, **fields)


@pytest.fixture
def oulu():
    return RegionFactory(code="FI1D9", code_2024="FI1D9", name_en="North Ostrobothnia")


@pytest.fixture
def workshop(oulu):
    return WorkshopFactory(
        slug="oulu-cells",
        title_en="Cell factory workshop",
        regions=[oulu],
        participants=[ActorFactory(name_en="Cell Company Oy")],
        segments=[SegmentFactory(name_en="Cell manufacturing")],
    )


@pytest.fixture
def needs(workshop, oulu):
    """One need of each visibility, published, and one public draft."""
    return {
        visibility: workshop_need(
            workshop,
            region=oulu,
            visibility=visibility,
            occupation=OccupationFactory(label_en=f"{visibility} occupation"),
        )
        for visibility in ("public", "partners", "coordinators")
    } | {
        "draft": workshop_need(
            workshop,
            region=oulu,
            state="draft",
            occupation=OccupationFactory(label_en="draft occupation"),
        )
    }


def shown(html: str) -> set[str]:
    return {
        name
        for name in ("public", "partners", "coordinators", "draft")
        if f"{name} occupation" in html
    }


def test_a_workshop_without_a_public_summary_is_a_404_for_everyone_but_coordinators(
    client, partner, coordinator_client, workshop
):
    workshop.is_summary_public = False
    workshop.save()
    partner_client = Client()
    partner_client.force_login(partner)

    assert client.get(page(workshop.slug)).status_code == 404
    assert partner_client.get(page(workshop.slug)).status_code == 404
    assert (
        client.get(reverse("gaps:workshop_list"))
        .content.decode()
        .count("Cell factory workshop")
        == 0
    )
    response = coordinator_client.get(page(workshop.slug))
    assert response.status_code == 200
    assert "Only coordinators see this page" in response.content.decode()


def test_a_public_summary_shows_the_workshop_and_only_the_needs_the_visitor_may_see(
    client, partner, coordinator_client, workshop, needs
):
    partner_client = Client()
    partner_client.force_login(partner)

    html = client.get(page(workshop.slug)).content.decode()
    assert "The companies need process operators." in html
    assert "Cell Company Oy" in html
    assert "Cell manufacturing" in html
    assert "North Ostrobothnia" in html
    assert shown(html) == {"public"}
    assert shown(partner_client.get(page(workshop.slug)).content.decode()) == {
        "public",
        "partners",
    }
    assert shown(coordinator_client.get(page(workshop.slug)).content.decode()) == {
        "public",
        "partners",
        "coordinators",
        "draft",
    }
    assert (
        "Cell factory workshop"
        in client.get(reverse("gaps:workshop_list")).content.decode()
    )


def test_the_contact_is_shown_to_coordinators_only_and_never_in_the_api(
    client, partner, coordinator_client, workshop, needs
):
    partner_client = Client()
    partner_client.force_login(partner)
    for visitor in (client, partner_client):
        html = visitor.get(page(workshop.slug)).content.decode()
        assert CONTACT_NAME not in html
        assert CONTACT_EMAIL not in html
        api = visitor.get(
            "/api/v1/competence-needs/", {"page_size": 100}
        ).content.decode()
        assert CONTACT_NAME not in api
        assert CONTACT_EMAIL not in api
    assert (
        CONTACT_NAME
        not in coordinator_client.get("/api/v1/competence-needs/").content.decode()
    )
    html = coordinator_client.get(page(workshop.slug)).content.decode()
    assert CONTACT_NAME in html
    assert CONTACT_EMAIL in html


def test_each_need_shows_the_gap_status_of_its_occupation_in_its_region_with_the_drill_down(
    client, workshop, oulu
):
    welder = OccupationFactory(slug="cell-operator", label_en="Cell operator")
    chemist = OccupationFactory(slug="battery-chemist", label_en="Battery chemist")
    # 20 places a year against 10 people by 2028: over-supplied; nobody trains battery chemists.
    pathway_programme(
        "cell-operator-training", leads_to=[welder], places=20, region=oulu
    )
    workshop_need(
        workshop, region=oulu, occupation=welder, headcount=10, target_year=2028
    )
    workshop_need(
        workshop, region=oulu, occupation=chemist, headcount=5, target_year=2028
    )

    response = client.get(page(workshop.slug))

    statuses = {
        need.occupation.slug: [
            (s.dimension, s.status.code if s.status else None) for s in judged
        ]
        for need, judged in response.context["rows"]
    }
    assert statuses == {
        "cell-operator": [("occupation", "over-supplied")],
        "battery-chemist": [("occupation", "no-training")],
    }
    html = response.content.decode()
    assert 'href="/en/gaps/occupation/cell-operator/#region-FI1D9"' in html
    assert 'href="/en/gaps/occupation/battery-chemist/#region-FI1D9"' in html


def test_a_need_of_a_segment_shows_its_segments_status(client, workshop, oulu):
    recycling = SegmentFactory(code="recycling", name_en="Recycling")
    need = workshop_need(workshop, region=oulu, occupation=None)
    need.segments.set([recycling])

    response = client.get(page(workshop.slug))

    [(_need, [judged])] = response.context["rows"]
    assert (judged.dimension, judged.key, judged.status.code) == (
        "segment",
        recycling,
        "no-training",
    )
    assert (
        'href="/en/gaps/segment/recycling/#region-FI1D9"' in response.content.decode()
    )


@pytest.mark.parametrize(
    ("viewer", "expected"), [("anonymous", 12), ("coordinator", 16)]
)
def test_the_page_does_the_same_queries_for_1_and_20_needs(
    client, coordinator, workshop, oulu, django_assert_num_queries, viewer, expected
):
    # Anonymous: the workshop (1), participants, segments, regions (3), the needs (1), their skills and segments (2),
    # and the analysis of their occupations (regions and offerings 2; needs, supply, keys 3): 12. A coordinator adds
    # the session and user (2) and their permissions (2).
    if viewer == "coordinator":
        client.force_login(coordinator)
    programme_occupation = OccupationFactory()
    pathway_programme("training", leads_to=[programme_occupation], region=oulu)
    workshop_need(workshop, region=oulu, occupation=programme_occupation)
    with django_assert_num_queries(expected):
        client.get(page(workshop.slug))
    for _ in range(19):
        workshop_need(workshop, region=oulu, occupation=OccupationFactory())
    with django_assert_num_queries(expected):
        response = client.get(page(workshop.slug))
    assert len(response.context["rows"]) == 20


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_workshop_pages_answer_in_each_language_with_one_h1(
    client, workshop, needs, language
):
    for address in (page(workshop.slug, language), _list(language)):
        response = client.get(address)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert len(re.findall(r"<h1[ >]", html)) == 1
    title = {
        "fi": "Akkutyöpaja",
        "sv": "Batteriworkshop",
        "en": "Cell factory workshop",
    }[language]
    assert title in client.get(page(workshop.slug, language)).content.decode()


def _list(language: str) -> str:
    with translation.override(language):
        return reverse("gaps:workshop_list")


def test_an_unknown_workshop_is_a_404(client):
    assert client.get(page("no-such-workshop")).status_code == 404


def test_staff_who_are_not_coordinators_see_no_contact_and_no_hidden_workshop(
    client, workshop
):
    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(staff)
    assert CONTACT_NAME not in client.get(page(workshop.slug)).content.decode()
