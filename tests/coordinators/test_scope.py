"""Each coordinator edits only what is theirs: forms offer only what they may use, and refuse the rest."""

import pytest
from django.test import Client

from programmes.models import Programme
from skills.models import CompetenceNeed, Site
from tests.coordinators.world import coordinator_user, form_data
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    OccupationFactory,
    ProgrammeFactory,
    RegionFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def oulu():
    return RegionFactory(code="FI1D9")


@pytest.fixture
def vasterbotten():
    return RegionFactory(code="SE331", code_2024="SE331", country="SE", name_en="Västerbotten")  # fmt: skip


@pytest.fixture
def osao(oulu):
    actor = ActorFactory(slug="osao", country="FI", name_en="OSAO")
    SiteFactory(slug="osao-oulu", actor=actor, region=oulu)
    return actor


@pytest.fixture
def campus_skelleftea(vasterbotten):
    actor = ActorFactory(slug="campus-skelleftea", country="SE", name_en="Campus Skellefteå")  # fmt: skip
    return SiteFactory(slug="campus", actor=actor, region=vasterbotten)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_programme(client: Client, *, provider, sites=()) -> object:
    """POST the programme add form as the user sees it, with a name, a provider and offerings at the sites."""
    data = form_data(client.get("/admin/programmes/programme/add/"))
    data.update(
        slug="battery-operator",
        name_en="Battery operator",
        kind="vocational",
        provider=provider.pk,
        source_url="https://example.org/battery-operator",
        state="published",
    )
    data["offerings-TOTAL_FORMS"] = len(sites)
    for number, site in enumerate(sites):
        data[f"offerings-{number}-site"] = site.pk
        data[f"offerings-{number}-starts_on"] = "2027-08-16"
    return client.post("/admin/programmes/programme/add/", data)


def provider_choices(client: Client) -> set[str]:
    form = client.get("/admin/programmes/programme/add/").context["adminform"].form
    return {actor.slug for actor in form.fields["provider"].queryset}


def test_a_coordinator_of_an_organisation_adds_its_programmes_only(osao, campus_skelleftea):  # fmt: skip
    user, _ = coordinator_user("osao-coordinator", side="FI", organisations=[osao])
    client = logged_in(user)
    assert provider_choices(client) == {"osao"}

    forged = add_programme(client, provider=campus_skelleftea.actor)
    assert forged.status_code == 200
    assert not Programme.objects.exists()

    assert add_programme(client, provider=osao).status_code == 302
    assert Programme.objects.get().provider == osao


def test_a_coordinator_of_a_region_adds_programmes_given_in_it(
    osao, campus_skelleftea, vasterbotten
):
    user, _ = coordinator_user("skelleftea", side="SE", regions=[vasterbotten])
    client = logged_in(user)
    provider = campus_skelleftea.actor
    assert provider_choices(client) == {"campus-skelleftea"}

    without_offering = add_programme(client, provider=provider)
    assert without_offering.status_code == 200
    assert "Keep at least one offering at a site in your regions" in without_offering.content.decode()  # fmt: skip
    elsewhere = add_programme(client, provider=provider, sites=[osao.sites.get()])
    assert elsewhere.status_code == 200
    assert not Programme.objects.exists()

    assert add_programme(client, provider=provider, sites=[campus_skelleftea]).status_code == 302  # fmt: skip
    assert Programme.objects.get().offerings.get().site == campus_skelleftea


def test_a_coordinator_cannot_move_their_programme_to_another_provider(osao, campus_skelleftea):  # fmt: skip
    user, _ = coordinator_user("osao-coordinator", side="FI", organisations=[osao])
    client = logged_in(user)
    programme = ProgrammeFactory(provider=osao)
    url = f"/admin/programmes/programme/{programme.pk}/change/"
    data = form_data(client.get(url))
    data["provider"] = campus_skelleftea.actor.pk
    assert client.post(url, data).status_code == 200
    programme.refresh_from_db()
    assert programme.provider == osao


def test_autocomplete_offers_only_the_providers_a_coordinator_may_use(osao, campus_skelleftea):  # fmt: skip
    user, _ = coordinator_user("osao-coordinator", side="FI", organisations=[osao])
    response = logged_in(user).get(
        "/admin/autocomplete/",
        {
            "app_label": "programmes",
            "model_name": "programme",
            "field_name": "provider",
            "term": "",
        },  # fmt: skip
    )
    assert [row["id"] for row in response.json()["results"]] == [str(osao.pk)]


def test_a_coordinator_of_a_region_places_sites_and_needs_only_in_it(
    osao, oulu, vasterbotten
):
    user, _ = coordinator_user("skelleftea", side="SE", regions=[vasterbotten])
    client = logged_in(user)
    site_form = client.get("/admin/skills/site/add/").context["adminform"].form
    assert list(site_form.fields["region"].queryset) == [vasterbotten]
    assert (
        osao in site_form.fields["actor"].queryset
    )  # any actor may have a site in their region

    need = CompetenceNeedFactory(employer=None, source_name="Workshop", region=vasterbotten, occupation=OccupationFactory())  # fmt: skip
    url = f"/admin/skills/competenceneed/{need.pk}/change/"
    data = form_data(client.get(url))
    data["region"] = oulu.pk
    assert client.post(url, data).status_code == 200
    assert CompetenceNeed.objects.get().region == vasterbotten


def test_a_coordinator_with_an_organisation_and_a_region_cannot_combine_them_outside_both(
    osao, oulu, vasterbotten, campus_skelleftea
):
    user, _ = coordinator_user("both", side="FI", organisations=[osao], regions=[vasterbotten])  # fmt: skip
    client = logged_in(user)
    site = SiteFactory(actor=osao, region=oulu)
    url = f"/admin/skills/site/{site.pk}/change/"
    data = form_data(client.get(url))
    other = ActorFactory(country="FI")
    data["actor"] = other.pk  # neither their organisation nor in their region
    response = client.post(url, data)
    assert response.status_code == 200
    assert "You may only save records of your own organisations" in response.content.decode()  # fmt: skip
    assert Site.objects.get(pk=site.pk).actor == osao


def test_a_lead_cannot_move_an_actor_to_the_other_side(osao):
    user, _ = coordinator_user("lead", side="FI", role="lead")
    client = logged_in(user)
    url = f"/admin/skills/actor/{osao.pk}/change/"
    data = form_data(client.get(url))
    data["country"] = "SE"
    assert client.post(url, data).status_code == 200
    osao.refresh_from_db()
    assert osao.country == "FI"


def test_staff_without_a_coordinator_record_see_everything_and_change_nothing(
    coordinator, osao
):
    # The shared `coordinator` fixture has a coordinator record without organisations or regions.
    programme = ProgrammeFactory(provider=osao)
    client = logged_in(coordinator)
    listing = client.get("/admin/programmes/programme/").content.decode()
    assert f"/{programme.pk}/change/" in listing
    change = client.get(f"/admin/programmes/programme/{programme.pk}/change/")
    assert 'name="_save"' not in change.content.decode()
    assert client.get("/admin/programmes/programme/add/").status_code == 403


def test_the_list_of_my_programmes_costs_the_same_queries_for_1_and_20(
    osao, django_assert_max_num_queries, django_assert_num_queries
):
    user, _ = coordinator_user("osao-coordinator", side="FI", organisations=[osao])
    client = logged_in(user)
    ProgrammeFactory(provider=osao)
    client.get("/admin/programmes/programme/")  # content types are cached from here on
    with django_assert_max_num_queries(QUERIES) as first:
        client.get("/admin/programmes/programme/")
    ProgrammeFactory.create_batch(19, provider=osao)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get("/admin/programmes/programme/")
    assert response.context["cl"].result_count == 20


# Session, user, the user's and groups' permissions (2), the coordinator record with its organisations and regions
# (3: once per request), the filters' choices (segments, regions, levels, languages: 4), the counts of "mine" and of
# all (2), the page, the date hierarchy (2): 16 on 2 December 2026.
QUERIES = 16
