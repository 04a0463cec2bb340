"""Who may apply to a programme and when: the rules, their validation, the admin, and the programme page."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from batteryregion.services import coordinator_groups_sync
from coordinators.models import Coordinator
from programmes.models import ApplicationPeriod, Programme
from tests.coordinators.world import form_data
from tests.factories import (
    ActorFactory,
    ApplicationPeriodFactory,
    EducationFieldFactory,
    EducationLevelFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db

Audience = Programme.Audience


def errors_of(record) -> dict[str, list[str]]:
    try:
        record.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_region_of_residence_is_required_exactly_for_residents_of_a_region():
    region = RegionFactory()
    without = ProgrammeFactory.build(
        provider=ActorFactory(), audience=Audience.RESIDENTS_REGION
    )
    assert errors_of(without)["audience_region"] == [
        "Choose the region whose residents may apply."
    ]
    needless = ProgrammeFactory.build(
        provider=ActorFactory(), audience=Audience.TEACHERS, audience_region=region
    )
    assert "audience_region" in errors_of(needless)
    given = ProgrammeFactory.build(
        provider=ActorFactory(),
        audience=Audience.RESIDENTS_REGION,
        audience_region=region,
    )
    assert "audience_region" not in errors_of(given)


def test_a_level_that_waives_the_minimum_age_needs_a_minimum_age():
    level = EducationLevelFactory(level=4)
    without_age = ProgrammeFactory.build(
        provider=ActorFactory(), min_age_waived_from=level
    )
    assert errors_of(without_age)["min_age_waived_from"] == [
        "Give the minimum age that this level waives."
    ]
    with_age = ProgrammeFactory.build(
        provider=ActorFactory(), min_age=20, min_age_waived_from=level
    )
    assert "min_age_waived_from" not in errors_of(with_age)


def test_the_database_refuses_a_region_of_residence_for_another_audience():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeFactory(audience=Audience.EVERYONE, audience_region=RegionFactory())


def test_an_application_period_cannot_close_before_it_opens():
    period = ApplicationPeriodFactory.build(
        offering=OfferingFactory(),
        opens_on=datetime.date(2027, 3, 10),
        closes_on=datetime.date(2027, 3, 9),
    )
    assert errors_of(period)["closes_on"] == [
        "The application period cannot close (2027-03-09) before it opens (2027-03-10)."
    ]
    period.closes_on = period.opens_on  # one day is a period
    assert errors_of(period) == {}
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationPeriodFactory(
            opens_on=datetime.date(2027, 3, 10), closes_on=datetime.date(2027, 3, 1)
        )


def test_the_programme_page_shows_who_may_apply_pace_and_fees(client):
    programme = ProgrammeFactory(
        slug="industrial-electrician",
        audience=Audience.JOB_SEEKERS_SE,
        min_age=20,
        prior_studies_en="Matematik 2",
        prior_studies_sv="Matematik 2",
        prior_studies_fi="Matematiikka 2",
        recognition_of_prior_learning=True,
        free_of_charge=True,
        pace=Programme.Pace.PART_TIME,
    )
    programme.required_fields.add(EducationFieldFactory())
    html = client.get("/en/programmes/industrial-electrician/").content.decode()
    assert "Registered job seekers in Sweden" in html
    assert "20 years" in html
    assert "Engineering, manufacturing and construction" in html
    assert '<span lang="en">Matematik 2</span>' in html
    assert "can be shown and credited" in html
    assert "Part-time" in html
    assert "Free of charge" in html


def test_the_page_names_the_region_of_residence(client):
    region = RegionFactory(code="SE332", country="SE", name_en="Norrbotten")
    ProgrammeFactory(
        slug="for-norrbotten",
        audience=Audience.RESIDENTS_REGION,
        audience_region=region,
    )
    html = client.get("/en/programmes/for-norrbotten/").content.decode()
    assert "Residents of Norrbotten" in html


def test_rules_not_recorded_are_not_shown(client):
    ProgrammeFactory(slug="open-to-all", entry_notes_en="Upper secondary education.")
    html = client.get("/en/programmes/open-to-all/").content.decode()
    assert 'id="admission-rules"' not in html
    assert "Pace" not in html
    assert "Tuition" not in html
    assert "When to apply" not in html


def test_prior_studies_missing_in_english_are_shown_in_finnish_and_marked(client):
    ProgrammeFactory(
        slug="lukio-pohjalta",
        prior_studies_fi="Pitkä matematiikka",
        prior_studies_sv="",
        prior_studies_en="",
    )
    html = client.get("/en/programmes/lukio-pohjalta/").content.decode()
    assert '<span lang="fi">Pitkä matematiikka</span>' in html
    assert "(not yet translated)" in html


def test_the_page_lists_open_and_coming_application_periods_with_their_links(client):
    today = timezone.localdate()
    offering = OfferingFactory(programme=ProgrammeFactory(slug="with-periods"))
    ApplicationPeriodFactory(
        offering=offering,
        opens_on=today - datetime.timedelta(days=40),
        closes_on=today - datetime.timedelta(days=1),
        apply_url="https://example.org/closed",
    )
    ApplicationPeriodFactory(
        offering=offering,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
        service=ApplicationPeriod.Service.ANTAGNING,
        apply_url="https://www.antagning.se/se/search?period=open",
    )
    html = client.get("/en/programmes/with-periods/").content.decode()
    assert "When to apply" in html
    assert (
        'href="https://www.antagning.se/se/search?period=open">Antagning.se</a>' in html
    )
    assert "https://example.org/closed" not in html


@pytest.fixture
def organisation_coordinator(db):
    """A coordinator of the organisation that gives the programme, and that programme with one offering."""
    provider = ActorFactory(slug="our-college", country="FI")
    programme = ProgrammeFactory(slug="our-programme", provider=provider)
    offering = OfferingFactory(programme=programme, site=SiteFactory(actor=provider))
    user = coordinator_user(provider)
    return user, programme, offering


def coordinator_user(provider) -> User:
    user = User.objects.create_user("our-coordinator", password="pw", is_staff=True)
    coordinator = Coordinator.objects.create(user=user, side="FI")
    coordinator.organisations.set([provider])
    coordinator_groups_sync(coordinator)
    return user


def test_a_coordinator_sets_who_may_apply_in_the_admin(
    client, organisation_coordinator
):
    user, programme, _offering = organisation_coordinator
    client.force_login(user)
    url = f"/admin/programmes/programme/{programme.pk}/change/"
    form = client.get(url)
    html = form.content.decode()
    assert "Who may apply" in html
    data = form_data(form)
    data.update(audience=Audience.TEACHERS, min_age="18", pace="self_paced")
    data["required_fields"] = [str(EducationFieldFactory(code="01").pk)]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    programme.refresh_from_db()
    assert (programme.audience, programme.min_age, programme.pace) == (
        "teachers",
        18,
        "self_paced",
    )
    assert [field.code for field in programme.required_fields.all()] == ["01"]


def test_a_region_of_residence_for_another_audience_is_refused_in_the_admin(
    client, organisation_coordinator
):
    user, programme, _offering = organisation_coordinator
    client.force_login(user)
    url = f"/admin/programmes/programme/{programme.pk}/change/"
    data = form_data(client.get(url))
    data.update(audience=Audience.EVERYONE, audience_region=str(RegionFactory().pk))
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        "A region of residence is only given when the programme is for residents of a region."
        in response.content.decode()
    )


def test_a_coordinator_adds_an_application_period_on_the_offering_page(
    client, organisation_coordinator
):
    user, _programme, offering = organisation_coordinator
    client.force_login(user)
    url = f"/admin/programmes/offering/{offering.pk}/change/"
    data = form_data(client.get(url))
    prefix = "application_periods"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-opens_on": "2027-03-01",
            f"{prefix}-0-closes_on": "2027-02-01",
            f"{prefix}-0-service": "opintopolku",
            f"{prefix}-0-apply_url": "https://opintopolku.fi/",
        }
    )
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "cannot close (2027-02-01) before it opens" in refused.content.decode()
    data[f"{prefix}-0-closes_on"] = "2027-03-31"
    assert client.post(url, data).status_code == 302
    period = offering.application_periods.get()
    assert (period.opens_on, period.closes_on) == (
        datetime.date(2027, 3, 1),
        datetime.date(2027, 3, 31),
    )


def test_an_offering_of_another_organisation_opens_read_only(
    client, organisation_coordinator
):
    user, _programme, _offering = organisation_coordinator
    client.force_login(user)
    theirs = OfferingFactory()
    html = client.get(f"/admin/programmes/offering/{theirs.pk}/change/").content
    assert b'name="_save"' not in html
