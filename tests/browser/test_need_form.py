"""The employers' needs form in a real browser, on the bundled data: filled in and sent with the keyboard alone in
fi, sv and en with no axe violation on the form, its errors or the confirmation; "Add another need" takes the focus
to the new need; and a coordinator of the region accepts a sending in the admin, after which it is a published need.
"""

import pytest
from django.test import Client

from skills.models import Actor, CompetenceNeed, NeedSubmission, Occupation, Region
from tests.browser.conftest import axe_violations, describe
from tests.coordinators.world import coordinator_user
from tests.factories import NeedSubmissionFactory, SubmittedNeedFactory

LANGUAGES = ["fi", "sv", "en"]


@pytest.fixture(autouse=True)
def no_waiting(settings):
    # A script types far faster than a person: the form's shortest time would refuse it (tested in tests/intake).
    settings.NEED_FORM_MIN_SECONDS = 0


@pytest.fixture(scope="module")
def names(bundled_site, django_db_blocker) -> dict[str, dict[str, str]]:
    """What a person types, in each language: a bundled employer, region and occupation by their names."""
    with django_db_blocker.unblock():
        actor = Actor.objects.get(slug="keliber")
        region = Region.objects.get(code="FI1D5")
        occupation = (
            Occupation.objects.filter(segments__isnull=False).order_by("slug").first()
        )
        return {
            language: {
                "organisation": getattr(actor, f"name_{language}"),
                "region": getattr(region, f"name_{language}"),
                "occupation": getattr(occupation, f"label_{language}"),
                "occupation_slug": occupation.slug,
            }
            for language in LANGUAGES
        }


def tab(page, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press("Tab")


def focused(page) -> str:
    return page.evaluate(
        "() => document.activeElement.id || document.activeElement.name"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_employer_sends_needs_with_the_keyboard(
    page, names, language, django_db_blocker
):
    typed = names[language]
    page.goto(f"{page.base}/{language}/needs/new/")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.focus("#id_organisation")
    page.keyboard.type(typed["organisation"])
    tab(page)
    assert focused(page) == "id_region"
    page.keyboard.type(
        typed["region"][:6]
    )  # a closed select chooses by the letters typed
    tab(page)
    page.keyboard.type("Kokkola")
    tab(page)
    assert focused(page) == "id_needs-0-occupation"
    page.keyboard.type(typed["occupation"])
    page.keyboard.press("Escape")  # closes the suggestions
    tab(page)
    page.keyboard.type("Prosessiautomaatio")
    tab(page)
    page.keyboard.type("12")
    tab(page)
    page.keyboard.type("2029")
    tab(page)
    page.keyboard.press(
        "ArrowDown"
    )  # education: the first band after "not sure"'s place in the list
    tab(page)
    page.keyboard.press("ArrowDown")
    tab(page, 2)  # past "Add another need"
    assert focused(page) == "id_may_publish_0"
    page.keyboard.press("Space")
    tab(page, 2)  # past the message
    assert focused(page) == "id_contact_name"
    page.keyboard.type("Maija Meikäläinen")
    tab(page)
    page.keyboard.type("maija@example.org")
    tab(page, 2)  # past the optional telephone, to the send button
    page.keyboard.press("Enter")
    page.wait_for_url("**/needs/new/sent/**")

    assert page.locator("strong").first.inner_text().startswith("N-")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    with django_db_blocker.unblock():
        submission = NeedSubmission.objects.filter(language=language).latest(
            "submitted_at"
        )
        need = submission.needs.get()
        assert submission.organisation.slug == "keliber"
        assert submission.region.code == "FI1D5"
        assert submission.may_publish is True
        assert need.occupation.slug == typed["occupation_slug"]
        assert (need.headcount, need.target_year) == (12, 2029)
    assert page.console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_errors_are_listed_first_and_beside_their_fields(page, language):
    page.goto(f"{page.base}/{language}/needs/new/")
    page.focus("#id_contact_email")
    page.keyboard.type("not an address")
    page.locator("button[type=submit]:not([name])").press("Enter")

    summary = page.locator(".error-summary")
    summary.wait_for()
    assert page.title().split(" ")[0] in {"Virhe:", "Fel:", "Error:"}
    assert summary.locator("a[href='#id_contact_email']").count() == 1
    assert page.get_attribute("#id_contact_email", "aria-invalid") == "true"
    assert "id_contact_email_error" in page.get_attribute(
        "#id_contact_email", "aria-describedby"
    )
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_add_another_need_takes_the_focus_to_the_new_need(page):
    page.goto(f"{page.base}/en/needs/new/")
    page.focus("#id_needs-0-occupation")
    page.keyboard.type("Battery recycling operator")
    page.locator("button[name=add_need]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_needs-1-occupation")

    assert focused(page) == "id_needs-1-occupation"
    assert page.input_value("#id_needs-0-occupation") == "Battery recycling operator"
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_a_coordinator_accepts_a_sending_and_it_becomes_a_need(page, django_db_blocker):
    with django_db_blocker.unblock():
        region = Region.objects.get(code="FI1D5")
        occupation = Occupation.objects.order_by("slug").first()
        submission = NeedSubmissionFactory(
            region=region, organisation_name="Kokkola Lab Oy"
        )
        line = SubmittedNeedFactory(
            submission=submission, occupation=occupation, headcount=7
        )
        user, _ = coordinator_user("browser-reviewer", side="FI", regions=[region])
        client = Client()
        client.force_login(user)
        session = client.cookies["sessionid"].value
    page.context.add_cookies(
        [{"name": "sessionid", "value": session, "url": page.base}]
    )

    page.goto(f"{page.base}/admin/skills/needsubmission/")
    page.get_by_role("link", name=submission.reference).click()
    page.select_option("#id_needs-0-decision", "accepted")
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/admin/skills/needsubmission/")

    assert "the employer is sent the decision" in page.content()
    with django_db_blocker.unblock():
        line.refresh_from_db()
        assert line.decision == "accepted"
        need = CompetenceNeed.objects.get(pk=line.need_id)
        assert (need.state, need.visibility, need.headcount) == (
            "published",
            "public",
            7,
        )
    public = page.goto(f"{page.base}/en/gaps/occupation/{occupation.slug}/")
    assert public.status == 200
