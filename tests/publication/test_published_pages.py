"""Publishing deliberately on the public pages: the catalogue, the programme, provider, actor, occupation and skill pages,
the map and the home page show published records only; discontinued programmes and actors keep a page that says so;
a draft is a 404 to the public and a preview with a banner to a coordinator who edits it; the pathway search and
page route through published programmes only; and reading a successor costs no extra query."""

import re

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from gaps.pathways.search import PathwayQuery, find_pathways
from programmes.map import MapFilters, map_items
from programmes.models import Programme
from tests.factories import (
    CompetenceNeedFactory,
    EducationLevelFactory,
    QualificationTypeFactory,
    pathway_programme,
)
from tests.publication.conftest import STATES

pytestmark = pytest.mark.django_db


BANNER = "Draft — not public. Only coordinators see this preview."


@pytest.fixture
def editor_client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def names_in(html: str, kind: str) -> set[str]:
    """The states whose "The <state> <kind>" name appears in the page."""
    return {state for state in STATES if f"The {state} {kind}" in html}


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


# Public pages -------------------------------------------------------------------------------------------------------


def test_the_catalogue_lists_published_programmes_only(client, programmes):
    assert names_in(page(client, "/en/programmes/"), "programme") == {"published"}


def test_the_catalogue_lists_published_programmes_only_for_a_coordinator_too(
    editor_client, programmes
):
    assert names_in(page(editor_client, "/en/programmes/"), "programme") == {
        "published"
    }


def test_a_published_programme_page_has_no_notice_and_may_be_indexed(
    client, programmes
):
    response = client.get("/en/programmes/published-programme/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "publication-notice" not in html and BANNER not in html
    assert 'name="robots"' not in html
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_draft_programme_is_a_404_to_the_public(client, partner, programmes):
    assert client.get("/en/programmes/draft-programme/").status_code == 404
    client.force_login(partner)  # logged in, but no coordinator
    assert client.get("/en/programmes/draft-programme/").status_code == 404


def test_staff_without_the_right_to_edit_programmes_get_a_404_for_a_draft(
    client, programmes
):
    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get("/en/programmes/draft-programme/").status_code == 404


def test_a_coordinator_previews_a_draft_programme_with_a_banner_never_cached_or_indexed(
    editor_client, programmes
):
    response = editor_client.get("/en/programmes/draft-programme/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(
        r'<div class="publication-notice draft" role="status">\s*<p><strong>'
        + re.escape(BANNER),
        html,
    )
    assert '<meta name="robots" content="noindex">' in html
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    change = reverse("admin:programmes_programme_change", args=[programmes["draft"].pk])
    assert f'href="{change}"' in html


def test_the_coordinators_group_may_preview_drafts(coordinator_client, programmes):
    html = page(coordinator_client, "/en/programmes/draft-programme/")
    assert BANNER in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_preview_banner_is_in_the_page_language(
    editor_client, programmes, language
):
    html = page(editor_client, f"/{language}/programmes/draft-programme/")
    with translation.override(language):
        assert translation.gettext(BANNER) in html


def test_a_discontinued_programme_keeps_its_page_with_its_end_date_and_successor(
    client, programmes
):
    discontinued = programmes["discontinued"]
    discontinued.successor = programmes["published"]
    discontinued.save()

    response = client.get("/en/programmes/discontinued-programme/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "This programme ended on 30 June 2025." in html
    assert re.search(
        r'The programme that replaces it:\s*<a href="/en/programmes/published-programme/">'
        r'<span lang="en">The published programme</span></a>',
        html,
    )
    assert BANNER not in html and 'name="robots"' not in html


def test_a_discontinued_programme_without_an_end_date_or_successor_says_it_was_discontinued(
    client, programmes
):
    programmes["discontinued"].ended_on = None
    programmes["discontinued"].save()
    html = page(client, "/sv/programmes/discontinued-programme/")
    with translation.override("sv"):
        assert translation.gettext("This programme has been discontinued.") in html
        assert translation.gettext("The programme that replaces it:") not in html


def test_a_draft_successor_is_not_named_to_the_public(client, programmes):
    discontinued = programmes["discontinued"]
    discontinued.successor = programmes["draft"]
    discontinued.save()
    html = page(client, "/en/programmes/discontinued-programme/")
    assert "The programme that replaces it:" not in html
    assert "draft-programme" not in html


def test_a_discontinued_programme_page_tells_search_engines_when_it_ended(
    client, programmes
):
    html = page(client, "/en/programmes/discontinued-programme/")
    assert '"endDate": "2025-06-30"' in html


def test_a_published_programme_of_a_draft_provider_does_not_link_to_the_providers_page(
    client, programmes
):
    provider = programmes["published"].provider
    provider.state = "draft"
    provider.save()
    html = page(client, "/en/programmes/published-programme/")
    assert 'href="/en/actors/college/"' not in html
    assert "/en/actors/college/" not in html  # nor in its JSON-LD


def test_the_actor_list_shows_published_actors_only(client, actors):
    assert names_in(page(client, "/en/actors/"), "employer") == {"published"}


def test_the_provider_page_lists_its_published_programmes_only(client, programmes):
    assert names_in(page(client, "/en/actors/college/"), "programme") == {"published"}


def test_a_draft_actor_is_a_404_to_the_public_and_a_preview_for_a_coordinator(
    client, editor_client, actors
):
    assert client.get("/en/actors/draft-employer/").status_code == 404
    response = editor_client.get("/en/actors/draft-employer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert BANNER in html and '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]


def test_a_discontinued_actor_keeps_its_page_with_the_organisation_that_carries_on(
    client, actors
):
    discontinued = actors["discontinued"]
    discontinued.successor = actors["published"]
    discontinued.save()
    html = page(client, "/en/actors/discontinued-employer/")
    assert "This organisation ended on 30 June 2025." in html
    assert re.search(
        r'The organisation that carries on its work:\s*<a href="/en/actors/published-employer/">',
        html,
    )
    assert BANNER not in html


def test_the_actor_page_shows_only_published_needs_the_visitor_may_see(
    client, coordinator_client, actors
):
    employer = actors["published"]
    for state in STATES:
        for visibility in ("public", "coordinators"):
            CompetenceNeedFactory(
                employer=employer,
                state=state,
                visibility=visibility,
                occupation__label_en=f"{state} {visibility} need",
            )

    public = page(client, "/en/actors/published-employer/")
    coordinators = page(coordinator_client, "/en/actors/published-employer/")

    needs = re.compile(r"(\w+ \w+) need</span>")
    assert set(needs.findall(public)) == {"published public"}
    assert set(needs.findall(coordinators)) == {
        "published public",
        "published coordinators",
    }


def test_the_occupation_page_shows_published_programmes_only(
    client, programmes, occupation
):
    assert names_in(page(client, "/en/occupations/cell-operator/"), "programme") == {
        "published"
    }


def test_the_occupation_list_counts_published_programmes_only(
    client, programmes, occupation
):
    html = page(client, "/en/occupations/")
    assert re.search(
        r'href="/en/occupations/cell-operator/".*?<td class="num"[^>]*>1</td>',
        html,
        re.S,
    )


def test_the_skill_page_shows_published_programmes_only(client, programmes, skill):
    assert names_in(page(client, "/en/skills/operate-cell-line/"), "programme") == {
        "published"
    }


def test_the_map_shows_published_programmes_and_actors_only(client, programmes, actors):
    names = {item.name.text for item in map_items(MapFilters())}
    assert names == {"College", "The published programme", "The published employer"}
    html = page(client, "/en/map/")
    assert names_in(html, "programme") == {"published"}
    assert names_in(html, "employer") == {"published"}


def test_the_home_page_counts_published_programmes_and_actors_only(
    client, programmes, actors
):
    response = client.get("/en/")
    totals = response.context["totals"]
    # the published college and the published employer; one published programme
    assert (totals["programmes"], totals["actors"]) == (1, 2)
    (cells,) = response.context["segments"]
    assert (cells.finnish_programmes, cells.actor_count) == (1, 1)


def test_a_record_with_a_public_page_has_view_on_site_in_its_language(programmes):
    programme = programmes["draft"]
    with translation.override("sv"):
        assert programme.get_absolute_url() == "/sv/programmes/draft-programme/"
        assert programme.provider.get_absolute_url() == "/sv/actors/college/"
        occupation = programme.occupations.get()
        assert occupation.get_absolute_url() == "/sv/occupations/cell-operator/"
        assert (
            programme.skills.get().get_absolute_url() == "/sv/skills/operate-cell-line/"
        )


def test_the_admin_offers_view_on_site_for_programmes(client, programmes):
    client.force_login(User.objects.create_superuser("admin"))
    programme = programmes["draft"]
    html = page(
        client, reverse("admin:programmes_programme_change", args=[programme.pk])
    )
    assert "View on site" in html
    content_type = ContentType.objects.get_for_model(Programme)
    shortcut = client.get(
        reverse("admin:view_on_site", args=[content_type.pk, programme.pk]),
        headers={"accept-language": "fi"},
    )
    assert shortcut.status_code == 302
    assert shortcut["Location"].endswith("/fi/programmes/draft-programme/")


# Pathways -----------------------------------------------------------------------------------------------------------


@pytest.fixture
def pathway_data(occupation):
    """A route-worthy programme in each state, each open to the vocational qualification and leading to the
    occupation."""
    vocational = QualificationTypeFactory(level=EducationLevelFactory(level=4))
    for state in STATES:
        programme = pathway_programme(
            f"{state}-route",
            level=EducationLevelFactory(level=5),
            accepts=[vocational],
            leads_to=[occupation],
        )
        programme.state = state
        programme.save()
    return vocational


def test_find_pathways_never_uses_a_draft_or_discontinued_programme(pathway_data):
    result = find_pathways(PathwayQuery(starting_point=pathway_data))
    steps = {step.programme.slug for route in result.routes for step in route.steps}
    assert steps == {"published-route"}


def test_the_pathway_page_and_api_route_through_published_programmes_only(
    client, pathway_data
):
    html = page(client, "/en/pathways/?start=fi-vocational")
    assert "/en/programmes/published-route/" in html
    assert "draft-route" not in html and "discontinued-route" not in html

    found = APIClient().get("/api/v1/pathways/", {"start": "fi-vocational"}).json()
    assert [route["key"] for route in found["routes"]] == [
        "published-route>cell-operator"
    ]


# Query counts ---------------------------------------------------------------------------------------------------------


def test_a_discontinued_programme_and_actor_page_read_their_successor_in_the_same_queries(
    client, programmes, actors, django_assert_num_queries
):
    programmes["discontinued"].successor = programmes["published"]
    programmes["discontinued"].save()
    actors["discontinued"].successor = actors["published"]
    actors["discontinued"].save()
    # The budgets of tests/programmes/test_pages.py: the successor is joined to the record's own row, so the programme
    # page makes its usual 12 queries; the employer gives no programmes and states no needs, so its page reads no
    # programme towns, languages or needs (but does read its partners, its cooperation actions, its workshops and the
    # news about its programmes). The region outlines of each page's small map are kept between requests by the
    # portal (the tests read them each time).
    with django_assert_num_queries(12):
        client.get("/en/programmes/discontinued-programme/")
    with django_assert_num_queries(10):
        client.get("/en/actors/discontinued-employer/")
