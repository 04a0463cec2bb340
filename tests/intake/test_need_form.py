"""The public employer form: what it asks in three languages, what it stores, what it refuses and how it is
protected (time token, honeypot, rate limit, size limits). Nothing it stores is public before a coordinator's review."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from skills.intake.protection import form_token
from skills.models import CompetenceNeed, NeedSubmission
from tests.factories import ActorFactory, OccupationFactory, RegionFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return {
        "region": RegionFactory(
            code="FI1D5",
            code_2024="FI1D5",
            name_en="Central Ostrobothnia",
            name_fi="Keski-Pohjanmaa",
            name_sv="Mellersta Österbotten",
        ),  # fmt: skip
        "swedish_region": RegionFactory(
            code="SE331",
            code_2024="SE331",
            country="SE",
            name_sv="Västerbotten",
            name_fi="Västerbotten",
            name_en="Västerbotten",
        ),  # fmt: skip
        "actor": ActorFactory(
            name_fi="Kokkolan Akkukemia Oy",
            name_sv="Karleby Batterikemi Ab",
            name_en="Kokkola Battery Chemicals Ltd",
            kind="employer",
        ),  # fmt: skip
        "occupation": OccupationFactory(
            label_fi="prosessinhoitaja",
            label_sv="processoperatör",
            label_en="process operator",
        ),  # fmt: skip
        "skill": SkillFactory(
            label_fi="kemikaalien käsittely",
            label_sv="hantera kemikalier",
            label_en="handle chemicals",
        ),  # fmt: skip
    }


def url(language: str = "en") -> str:
    with translation.override(language):
        return reverse("needs:new")


def filled(**changes: str) -> dict[str, str]:
    """A complete sending: the organisation on the map, one need for an ESCO occupation and one in own words."""
    data = {
        "shown": form_token(now=time.time() - 60),
        "homepage": "",
        "organisation": "Karleby Batterikemi Ab",
        "region": "FI1D5",
        "site": "Kokkola Industrial Park",
        "may_publish": "yes",
        "message": "",
        "contact_name": "Anna Andersson",
        "contact_email": "anna@example.org",
        "contact_phone": "",
        "needs-TOTAL_FORMS": "2",
        "needs-INITIAL_FORMS": "0",
        "needs-MIN_NUM_FORMS": "1",
        "needs-MAX_NUM_FORMS": "10",
        "needs-0-occupation": "processoperatör",
        "needs-0-skills": "hantera kemikalier\nsvetsning",
        "needs-0-headcount": "25",
        "needs-0-target_year": "2028",
        "needs-0-level_band": "vocational",
        "needs-0-urgency": "high",
        "needs-1-occupation": "Laboratorieingenjör för batterimaterial",
        "needs-1-skills": "",
        "needs-1-headcount": "3",
        "needs-1-target_year": "2029",
        "needs-1-level_band": "bachelor",
        "needs-1-urgency": "medium",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("language", "heading", "suggestion"),
    [
        ("fi", "Kerro, keitä organisaationne tarvitsee", "prosessinhoitaja"),
        (
            "sv",
            "Berätta vilka personer er organisation kommer att behöva",
            "processoperatör",
        ),
        ("en", "Tell us the people your organisation will need", "process operator"),
    ],
)
def test_the_form_asks_in_the_page_language_and_is_never_cached(
    client, world, language, heading, suggestion
):
    response = client.get(url(language))
    html = response.content.decode()

    assert response.status_code == 200
    assert heading in html
    # The ESCO occupations are offered in the visitor's language as they type.
    assert f'<option value="{suggestion}">' in html
    assert 'list="occupation-names"' in html
    assert "no-store" in response["Cache-Control"]
    assert 'name="homepage"' in html and 'tabindex="-1"' in html


def test_a_sending_is_stored_for_review_and_nothing_is_public(client, world):
    needs_before = CompetenceNeed.objects.count()

    response = client.post(url("sv"), filled())

    submission = NeedSubmission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sv/needs/new/sent/?ref={submission.reference}"
    assert submission.language == "sv"
    assert submission.organisation == world["actor"]  # matched by its Swedish name
    assert submission.region == world["region"]
    assert submission.may_publish is True
    first, second = submission.needs.order_by("position")
    assert first.occupation == world["occupation"] and first.occupation_text == ""
    assert list(first.skills.all()) == [world["skill"]]
    assert first.skills_text == "hantera kemikalier\nsvetsning"
    assert (first.headcount, first.target_year, first.level_band, first.urgency) == (
        25,
        2028,
        "vocational",
        "high",
    )
    assert second.occupation is None
    assert second.occupation_text == "Laboratorieingenjör för batterimaterial"
    assert {line.decision for line in (first, second)} == {"pending"}
    # Nothing reaches the public before a coordinator's review.
    assert CompetenceNeed.objects.count() == needs_before
    assert "Anna" not in client.get("/api/v1/competence-needs/").content.decode()


def test_the_receipt_is_mailed_in_the_language_of_the_form(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("sv"), filled())

    submission = NeedSubmission.objects.get()
    [receipt] = mail.outbox
    assert receipt.to == ["anna@example.org"]
    assert submission.reference in receipt.subject
    assert receipt.subject.startswith("Mottaget")
    assert "processoperatör: 25 personer till 2028" in receipt.body
    assert "http://testserver/sv/privacy/" in receipt.body
    assert "180" in receipt.body  # the days until the contact is erased


def test_the_confirmation_shows_the_reference_only_in_its_format(client):
    good = client.get("/en/needs/new/sent/", {"ref": "N-ABCD-2345"})
    forged = client.get("/en/needs/new/sent/", {"ref": "<script>"})

    assert "N-ABCD-2345" in good.content.decode()
    assert "&lt;script&gt;" not in forged.content.decode()
    assert "Your reference is" not in forged.content.decode()


@pytest.mark.parametrize(
    ("language", "changes", "field", "message"),
    [
        (
            "en",
            {"needs-0-headcount": ""},
            "needs-0-headcount",
            "This field is required.",
        ),
        (
            "fi",
            {"needs-0-headcount": "0"},
            "needs-0-headcount",
            "Arvon on oltava vähintään 1.",
        ),  # fmt: skip
        (
            "sv",
            {"needs-0-target_year": "2099"},
            "needs-0-target_year",
            "Året måste vara 2041 eller tidigare.",
        ),  # fmt: skip
        (
            "fi",
            {"needs-0-target_year": "2001"},
            "needs-0-target_year",
            "Vuoden on oltava 2026 tai myöhemmin.",
        ),  # fmt: skip
        (
            "en",
            {"contact_email": "not an address"},
            "contact_email",
            "Enter a valid email address.",
        ),  # fmt: skip
        ("sv", {"region": "XX9"}, "region", "Välj ett giltigt alternativ."),
        ("en", {"organisation": "x" * 201}, "organisation", "at most 200 characters"),
        ("fi", {"may_publish": ""}, "may_publish", "Tämä kenttä vaaditaan."),
    ],
)
def test_bad_input_is_a_400_naming_the_field_in_the_page_language(
    client, world, language, changes, field, message
):
    response = client.post(url(language), filled(**changes))
    html = response.content.decode()

    assert response.status_code == 400
    assert message in html
    assert f'href="#id_{field}"' in html  # the summary at the top links to the field
    assert f'id="id_{field}_error"' in html
    assert NeedSubmission.objects.count() == 0
    # What was typed is kept to correct.
    assert "Karleby Batterikemi Ab" in html or changes.get("organisation")


def test_a_need_in_error_is_named_by_its_number(client, world):
    response = client.post(url("en"), filled(**{"needs-1-headcount": ""}))

    assert response.status_code == 400
    assert "Need 2, How many people" in response.content.decode()


def test_more_needs_than_allowed_are_refused(client, world):
    data = filled(**{"needs-TOTAL_FORMS": "11"})
    for index in range(2, 11):
        for name in ("occupation", "headcount", "target_year", "level_band", "urgency"):
            data[f"needs-{index}-{name}"] = data[f"needs-0-{name}"]

    response = client.post(url("en"), data)

    assert response.status_code == 400
    assert NeedSubmission.objects.count() == 0


def test_add_another_need_keeps_what_was_typed_and_adds_an_empty_need(client, world):
    data = filled(**{"needs-TOTAL_FORMS": "1", "add_need": "1"})

    response = client.post(url("en"), data)
    html = response.content.decode()

    assert response.status_code == 200
    assert NeedSubmission.objects.count() == 0
    assert (
        'value="processoperatör"' in html and 'value="Karleby Batterikemi Ab"' in html
    )
    assert 'name="needs-TOTAL_FORMS" value="2"' in html
    assert 'name="needs-1-occupation"' in html
    assert "autofocus" in html
    assert 'class="error"' not in html  # nothing is checked yet


@pytest.mark.parametrize(
    ("shown", "message"),
    [
        (lambda: form_token(), "The form was sent very quickly after it opened."),
        (
            lambda: form_token(now=time.time() - 5 * 3600),
            "The form was open for a long time.",
        ),  # fmt: skip
        (lambda: "forged", "The form could not be checked."),
    ],
)
def test_the_time_token_refuses_fast_old_and_forged_sendings(
    client, world, shown, message
):
    response = client.post(url("en"), filled(shown=shown()))

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="Karleby Batterikemi Ab"' in html  # kept, to send again
    assert NeedSubmission.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_answered_as_sent_and_keeps_nothing(client, world):
    response = client.post(url("en"), filled(homepage="https://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == "/en/needs/new/sent/"
    assert NeedSubmission.objects.count() == 0
    assert mail.outbox == []


def test_an_address_may_send_a_few_forms_an_hour(client, world, settings):
    settings.NEED_FORM_RATE_LIMIT = 2
    first = client.post(url("en"), filled())
    second = client.post(url("fi"), filled())
    third = client.post(url("en"), filled())
    other_address = client.post(url("en"), filled(), REMOTE_ADDR="192.0.2.44")

    assert (first.status_code, second.status_code) == (302, 302)
    assert third.status_code == 429
    assert "Too many sendings" in third.content.decode()
    assert other_address.status_code == 302
    assert NeedSubmission.objects.count() == 3


def test_the_privacy_notice_tells_about_the_form_and_the_retention(client, settings):
    settings.NEED_CONTACT_RETENTION_DAYS = 90
    html = client.get("/en/privacy/").content.decode()

    assert 'id="employer-form"' in html
    assert "erased 90 days after" in html
    assert 'href="/en/needs/new/"' in html


@pytest.mark.parametrize("more", [0, 30])
def test_the_form_page_costs_the_same_queries_whatever_the_data(
    client, world, more, django_assert_num_queries
):
    for _ in range(more):
        ActorFactory()
        OccupationFactory()
    # Regions (1), the occupations (1) and the organisations (1) suggested.
    with django_assert_num_queries(3):
        assert client.get(url("fi")).status_code == 200
