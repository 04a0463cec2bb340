"""The review queue: a coordinator of the region accepts (after correcting), merges or rejects each need an employer
sent; accepted needs count in the gap analysis; the employer is told the decisions; the contact is erased in time."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from skills.intake.retention import erase_contacts
from skills.models import CompetenceNeed, NeedSubmission, SubmittedNeed
from tests.coordinators.world import coordinator_user, form_data
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    NeedSubmissionFactory,
    OccupationFactory,
    RegionFactory,
    SegmentFactory,
    SubmittedNeedFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue():
    """A Finnish submission with two needs (one in the employer's own words), in Central Ostrobothnia."""
    region = RegionFactory(
        code="FI1D5", code_2024="FI1D5", name_en="Central Ostrobothnia"
    )
    occupation = OccupationFactory(label_en="process operator")
    employer = ActorFactory(kind="employer", name_en="Kokkola Battery Chemicals Ltd")
    submission = NeedSubmissionFactory(
        region=region, organisation=employer, organisation_name="Kokkolan Akkukemia Oy"
    )
    named = SubmittedNeedFactory(
        submission=submission, position=1, occupation=occupation, headcount=25
    )
    own_words = SubmittedNeedFactory(
        submission=submission,
        position=2,
        occupation=None,
        occupation_text="Akkumateriaalien laboratorioinsinööri",
        skills_text="ICP-OES\nröntgendiffraktio",
        headcount=3,
        level_band="bachelor",
    )
    user, _record = coordinator_user("reviewer", side="FI", regions=[region])
    client = Client()
    client.force_login(user)
    return {
        "submission": submission,
        "named": named,
        "own_words": own_words,
        "occupation": occupation,
        "employer": employer,
        "region": region,
        "client": client,
        "user": user,
    }


def change_url(submission: NeedSubmission) -> str:
    return f"/admin/skills/needsubmission/{submission.pk}/change/"


def review(queue, decisions: dict[int, dict[str, str]]):
    """Post the submission's admin page with the given fields of each need (by index) changed."""
    client = queue["client"]
    data = form_data(client.get(change_url(queue["submission"])))
    for index, fields in decisions.items():
        for name, value in fields.items():
            data[f"needs-{index}-{name}"] = value
    return client.post(change_url(queue["submission"]), data)


def test_the_queue_lists_what_waits_for_the_reviewer(queue):
    elsewhere = NeedSubmissionFactory(
        region=RegionFactory(code="SE331", code_2024="SE331", country="SE"),
        organisation_name="Skellefteå Cells AB",
    )
    SubmittedNeedFactory(submission=elsewhere)

    html = queue["client"].get("/admin/skills/needsubmission/").content.decode()

    assert queue["submission"].reference in html
    assert "Skellefteå Cells AB" not in html  # another region's: not theirs to see
    # The contact is on the submission's page for the reviewer.
    page = queue["client"].get(change_url(queue["submission"])).content.decode()
    assert "maija.meikalainen@example.org" in page


def test_accepting_makes_a_published_need_that_counts_in_the_gap_analysis(queue):
    response = review(
        queue,
        {0: {"decision": "accepted", "headcount": "30", "target_year": "2029"}},
    )

    assert response.status_code == 302
    named = SubmittedNeed.objects.get(pk=queue["named"].pk)
    need = named.need
    assert named.decision == "accepted" and named.decided_by == queue["user"]
    assert need.state == "published" and need.visibility == "public"
    assert (need.headcount, need.target_year) == (
        30,
        2029,
    )  # as the coordinator corrected it
    assert (need.min_level, need.max_level) == (4, 4)  # a vocational qualification
    assert need.employer == queue["employer"] and need.region == queue["region"]
    assert need.source_kind == "employer" and need.stated_on == timezone.localdate(
        queue["submission"].submitted_at
    )
    assert "Kokkolan Akkukemia Oy" in need.description_fi
    # It is in the gap analysis' drill-down for its occupation, for everyone.
    drill_down = Client().get(f"/en/gaps/occupation/{queue['occupation'].slug}/")
    assert need in drill_down.context["groups"][0].needs
    # One need still waits: no decision e-mail yet.
    assert mail.outbox == []


def test_a_need_not_to_be_published_is_for_coordinators_only(queue):
    NeedSubmission.objects.filter(pk=queue["submission"].pk).update(may_publish=False)

    review(queue, {0: {"decision": "accepted"}})

    need = SubmittedNeed.objects.get(pk=queue["named"].pk).need
    assert need.visibility == "coordinators"
    assert need not in CompetenceNeed.objects.visible_to(AnonymousUser())
    assert need in CompetenceNeed.objects.visible_to(queue["user"])


def test_a_need_in_own_words_is_accepted_once_the_coordinator_names_what_it_counts_as(
    queue,
):
    refused = review(queue, {1: {"decision": "accepted"}})
    assert refused.status_code == 200
    assert (
        "Choose an occupation, skills or value-chain segments before accepting"
        in refused.content.decode()
    )
    assert CompetenceNeed.objects.filter(submissions__isnull=False).count() == 0

    segment = SegmentFactory()
    accepted = review(queue, {1: {"decision": "accepted", "segments": [segment.pk]}})

    assert accepted.status_code == 302
    need = SubmittedNeed.objects.get(pk=queue["own_words"].pk).need
    assert list(need.segments.all()) == [segment]
    assert (need.min_level, need.max_level) == (6, 6)
    assert "Akkumateriaalien laboratorioinsinööri" in need.description_fi
    assert "ICP-OES; röntgendiffraktio" in need.description_fi


def test_merging_links_the_need_already_recorded_and_changes_it_not(queue):
    recorded = CompetenceNeedFactory(
        occupation=queue["occupation"], region=queue["region"]
    )
    before = recorded.history.count()

    refused = review(queue, {0: {"decision": "merged"}})
    merged = review(queue, {0: {"decision": "merged", "need": str(recorded.pk)}})

    assert (
        refused.status_code == 200
        and "Choose the competence need it is the same as." in refused.content.decode()
    )
    assert merged.status_code == 302
    line = SubmittedNeed.objects.get(pk=queue["named"].pk)
    assert line.decision == "merged" and line.need == recorded
    assert recorded.history.count() == before


def test_rejecting_needs_a_reason_and_then_every_decision_is_mailed(
    queue, django_capture_on_commit_callbacks
):
    refused = review(queue, {0: {"decision": "rejected"}})
    assert "Give the reason" in refused.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        done = review(
            queue,
            {
                0: {"decision": "accepted"},
                1: {"decision": "rejected", "reason": "Ei akkualan tarve."},
            },
        )

    assert done.status_code == 302
    submission = NeedSubmission.objects.get(pk=queue["submission"].pk)
    assert submission.decided_at is not None
    [decision] = mail.outbox
    assert decision.to == ["maija.meikalainen@example.org"]
    assert decision.subject.startswith("Päätetty")  # the submission's language, Finnish
    assert "Hyväksytty" in decision.body
    assert "Syy: Ei akkualan tarve." in decision.body
    # A decided need cannot be decided again.
    again = review(queue, {1: {"decision": "accepted"}})
    assert again.status_code == 302
    assert SubmittedNeed.objects.get(pk=queue["own_words"].pk).decision == "rejected"


def test_a_refused_decision_saves_nothing_of_the_page(queue):
    review(
        queue,
        {0: {"decision": "accepted", "headcount": "99"}, 1: {"decision": "rejected"}},
    )

    named = SubmittedNeed.objects.get(pk=queue["named"].pk)
    assert named.decision == "pending" and named.headcount == 25
    assert CompetenceNeed.objects.filter(submissions__isnull=False).count() == 0


def test_a_coordinator_of_another_region_does_not_see_the_submission(queue):
    outsider, _ = coordinator_user(
        "outsider",
        side="SE",
        regions=[RegionFactory(code="SE331", code_2024="SE331", country="SE")],
    )
    client = Client()
    client.force_login(outsider)

    response = client.get(change_url(queue["submission"]))

    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_contact_is_erased_after_its_time_and_never_kept_in_history(
    queue, settings
):
    settings.NEED_CONTACT_RETENTION_DAYS = 30
    review(
        queue,
        {0: {"decision": "accepted"}, 1: {"decision": "rejected", "reason": "Ei."}},
    )
    decided = NeedSubmission.objects.get(pk=queue["submission"].pk).decided_at

    assert erase_contacts(now=decided + datetime.timedelta(days=29)) == 0
    assert NeedSubmission.objects.get(pk=queue["submission"].pk).contact_email

    call_command("erase_need_contacts", stdout=open("/dev/null", "w"))  # today: not yet
    erased = erase_contacts(now=decided + datetime.timedelta(days=30, minutes=1))

    submission = NeedSubmission.objects.get(pk=queue["submission"].pk)
    assert erased == 1
    assert (
        submission.contact_name,
        submission.contact_email,
        submission.contact_phone,
    ) == ("", "", "")
    assert submission.contact_erased_on is not None
    assert submission.needs.count() == 2  # the needs and decisions stay
    for version in submission.history.all():
        assert not hasattr(version, "contact_email")


def test_a_reviewer_erases_a_contact_at_once_when_the_person_asks(queue):
    response = queue["client"].post(
        "/admin/skills/needsubmission/",
        {
            "action": "erase_contact_now",
            "_selected_action": [queue["submission"].pk],
            "index": 0,
        },
    )

    submission = NeedSubmission.objects.get(pk=queue["submission"].pk)
    assert response.status_code == 302
    assert (submission.contact_name, submission.contact_email) == ("", "")
    assert submission.contact_erased_on == timezone.localdate()
    assert submission.needs.filter(decision="pending").count() == 2  # still to review
