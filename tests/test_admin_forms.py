"""The admin's change forms: the places fields explain which one counts, an offering's site is one of the provider's
sites within the coordinator's scope, and the site form's map finds its region boundaries."""

import pytest
from django.test import Client

from programmes.models import Offering
from tests.coordinators.world import coordinator_user
from tests.factories import (
    ActorFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def offering_site_choices(response) -> set[int]:
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Offering
    )
    return set(formset.empty_form.fields["site"].queryset.values_list("pk", flat=True))


def test_an_offering_site_is_chosen_among_the_providers_sites(admin_client):
    programme = ProgrammeFactory()
    first, second = (
        SiteFactory(actor=programme.provider),
        SiteFactory(actor=programme.provider),
    )
    SiteFactory()  # another actor's site
    response = admin_client.get(f"/admin/programmes/programme/{programme.pk}/change/")
    assert offering_site_choices(response) == {first.pk, second.pk}


def test_the_offering_sites_offered_to_a_coordinator_are_the_providers_sites_in_their_regions():
    ours, elsewhere = RegionFactory(code="FI1D9"), RegionFactory(code="FI1D5")
    programme = ProgrammeFactory()
    in_region = SiteFactory(actor=programme.provider, region=ours)
    SiteFactory(
        actor=programme.provider, region=elsewhere
    )  # the provider's, out of scope
    SiteFactory(region=ours)  # in scope, another actor's
    OfferingFactory(programme=programme, site=in_region)
    user, _coordinator = coordinator_user("regional", side="FI", regions=[ours])
    response = logged_in(user).get(
        f"/admin/programmes/programme/{programme.pk}/change/"
    )
    assert response.status_code == 200
    assert offering_site_choices(response) == {in_region.pk}


def test_the_add_form_offers_every_site_the_coordinator_may_use():
    provider = ActorFactory()
    own_sites = {SiteFactory(actor=provider).pk, SiteFactory(actor=provider).pk}
    SiteFactory()  # another organisation's site, in no region of theirs
    user, _coordinator = coordinator_user("own", side="FI", organisations=[provider])
    response = logged_in(user).get("/admin/programmes/programme/add/")
    assert response.status_code == 200
    assert offering_site_choices(response) == own_sites


def test_an_offering_keeps_a_site_its_provider_no_longer_has(admin_client):
    offering = OfferingFactory()  # at another actor's site
    response = admin_client.get(
        f"/admin/programmes/programme/{offering.programme.pk}/change/"
    )
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Offering
    )
    assert offering.site in formset.forms[0].fields["site"].queryset


def test_a_new_site_can_be_added_beside_the_offering_site(admin_client):
    programme = ProgrammeFactory()
    html = admin_client.get(
        f"/admin/programmes/programme/{programme.pk}/change/"
    ).content.decode()
    assert 'id="add_id_offerings-__prefix__-site"' in html


def test_the_places_fields_explain_which_one_the_gap_analysis_counts(admin_client):
    programme = ProgrammeFactory()
    html = admin_client.get(
        f"/admin/programmes/programme/{programme.pk}/change/"
    ).content.decode()
    assert (
        "Leave empty to count the places of its latest current intake instead." in html
    )
    assert "shares what is left of the programme&#x27;s places equally" in html
    assert "The places of this year&#x27;s intake." in html


def test_the_site_form_carries_its_map_and_the_boundaries_it_draws(admin_client):
    region = RegionFactory(
        code="FI1D9",
        boundary={
            "type": "Polygon",
            "coordinates": [[[25, 65], [26, 65], [26, 66], [25, 65]]],
        },
    )
    site = SiteFactory(region=region)
    html = admin_client.get(f"/admin/skills/site/{site.pk}/change/").content.decode()
    assert 'data-site-map="/admin/skills/site/boundaries/"' in html
    assert "js/admin_site_map.js" in html
    assert "vendor/leaflet/leaflet.js" in html
    boundaries = admin_client.get("/admin/skills/site/boundaries/").json()
    assert [feature["geometry"] for feature in boundaries["features"]] == [
        region.boundary
    ]


def test_the_boundaries_of_the_site_map_are_for_staff_only(client):
    response = client.get("/admin/skills/site/boundaries/")
    assert response.status_code == 302


@pytest.mark.parametrize(
    "path",
    ["programmes/programme", "skills/actor", "skills/site", "skills/competenceneed"],
)
def test_change_forms_load_the_language_buttons_and_the_form_styles(admin_client, path):
    html = admin_client.get(f"/admin/{path}/add/").content.decode()
    assert "js/admin_language_switch.js" in html
    assert "css/admin_forms.css" in html


def test_the_boundaries_of_the_site_map_take_three_queries(
    admin_client, django_assert_num_queries
):
    RegionFactory(
        code="FI1D9",
        boundary={
            "type": "Polygon",
            "coordinates": [[[25, 65], [26, 65], [26, 66], [25, 65]]],
        },
    )
    admin_client.get(
        "/admin/"
    )  # the session and the user are loaded once per request: 2 queries
    with django_assert_num_queries(3):
        admin_client.get("/admin/skills/site/boundaries/")
