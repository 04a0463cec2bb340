"""The follow-up page /<lang>/cooperation/follow-up/: its counts on a small data set written out by hand, the period's
rules, visibility, the CSV files in fi and en, invalid dates and its fixed number of queries.

The data (``period``): the gap pages' data set (tests/gaps/conftest.py; the gap analysis finds cell manufacturing
and the cell operator under-supplied in North Ostrobothnia, FI1D9) and, for the period 1 January – 30 June 2026:

* public actions: a joint programme (idea, March–September 2026, cells, a Finnish college), a shared-teachers action
  (in progress, since 2025, no end), a new training (done, 2025: before the period), a study visit (agreed, from
  2027: after it), an "other" action without dates recorded on 1 May 2026 (in) and one recorded on 1 November 2026
  (out);
* a coordinators-only joint programme (agreed, February–April 2026) addressing cells and the cell operator;
* figures: the joint programme promised 10 places due 1 June and achieved 4 on 15 May, promised 5 students due
  31 December (out) and achieved 3 of them on 1 February (in); the new training (out of the period itself) promised 20
  students due 31 March and achieved 15 on 2 April; the coordinators' action promised 100 places due 1 May;
* links: Finnish–Swedish agreement since 2024 (in), research from July 2026 (out), cluster 2020–2025 (out),
  apprenticeship without a start date (in), a Finnish–Finnish agreement (in, not across the border), a draft (out).
"""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone, translation

from gaps.cooperation.models import Action, ActionFigure
from skills.models import ActorLink
from tests.cooperation.test_cooperation_page_costs import add_actions
from tests.factories import (
    ActionFactory,
    ActionFigureFactory,
    ActionParticipantFactory,
    ActorFactory,
    ActorLinkFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

PERIOD = "from=2026-01-01&to=2026-06-30"
# the segments 1; the actions by type and state 1, the figures by measure 1, the actions per segment and occupation
# 1, the gap analyses of segments and occupations 8 (shared regions and offerings 2, then 3 each), the links 1 and
# their segments 1, the joint actions' participants 1 and their actions' segments 1, the planned training 1
FOLLOW_UP = 17


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def recorded(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text + " 12:00"))


@pytest.fixture
def period(data):
    joint = ActionFactory(
        slug="joint", kind="joint_programme", state="idea",
        starts_on=day("2026-03-01"), ends_on=day("2026-09-30"),
    )  # fmt: skip
    joint.segments.add(data["cells"])
    ActionParticipantFactory(action=joint, actor=ActorFactory(country="FI"))
    ActionFactory(
        slug="shared", kind="shared_resources", state="in_progress",
        starts_on=day("2025-01-01"), ends_on=None,
    )  # fmt: skip
    done = ActionFactory(
        slug="done-2025", kind="new_training", state="done",
        starts_on=day("2025-01-01"), ends_on=day("2025-12-31"),
    )  # fmt: skip
    ActionFactory(
        slug="visit-2027", kind="study_visit", state="agreed",
        starts_on=day("2027-01-01"), ends_on=None,
    )  # fmt: skip
    ActionFactory(slug="undated-may", kind="other", starts_on=None, ends_on=None,
                  created_at=recorded("2026-05-01"))  # fmt: skip
    ActionFactory(slug="undated-november", kind="other", starts_on=None, ends_on=None,
                  created_at=recorded("2026-11-01"))  # fmt: skip
    secret = ActionFactory(
        slug="secret", kind="joint_programme", state="agreed", visibility="coordinators",
        starts_on=day("2026-02-01"), ends_on=day("2026-04-01"),
    )  # fmt: skip
    secret.segments.add(data["cells"])
    secret.occupations.add(data["operator"])

    ActionFigureFactory(action=joint, measure="places", promised=10, achieved=4,
                        due_on=day("2026-06-01"), achieved_on=day("2026-05-15"))  # fmt: skip
    ActionFigureFactory(action=joint, measure="students", promised=5, achieved=3,
                        due_on=day("2026-12-31"), achieved_on=day("2026-02-01"))  # fmt: skip
    ActionFigureFactory(action=done, measure="students", promised=20, achieved=15,
                        due_on=day("2026-03-31"), achieved_on=day("2026-04-02"))  # fmt: skip
    ActionFigureFactory(action=secret, measure="places", promised=100, achieved=None,
                        due_on=day("2026-05-01"), achieved_on=None)  # fmt: skip

    ActorLinkFactory(kind="agreement", started_on=day("2024-08-01"))
    ActorLinkFactory(kind="research", started_on=day("2026-07-01"))
    ActorLinkFactory(kind="cluster", started_on=day("2020-01-01"), ended_on=day("2025-12-31"))  # fmt: skip
    ActorLinkFactory(kind="apprenticeship", started_on=None)
    ActorLinkFactory(kind="agreement", partner=ActorFactory(country="FI"), started_on=day("2025-01-01"))  # fmt: skip
    ActorLinkFactory(kind="shared_programme", state="draft", started_on=day("2025-01-01"))  # fmt: skip
    return data


def report_of(client, query: str = PERIOD, language: str = "en"):
    response = client.get(f"/{language}/cooperation/follow-up/?{query}")
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.context["report"]


def kinds(report) -> dict[str, dict[str, int]]:
    states = [state for state, _label in report.states]
    return {
        row.kind: {s: n for s, n in zip(states, row.counts, strict=True) if n}
        for row in report.kinds
        if row.total
    }


def measures(report) -> dict[str, tuple[int, int, float | None]]:
    return {
        row.measure: (row.promised, row.achieved, row.share) for row in report.measures
    }


# --- counts --------------------------------------------------------------------------------------------------------


def test_an_anonymous_visitor_counts_the_public_actions_of_the_period(client, period):
    report = report_of(client)
    assert kinds(report) == {
        "joint_programme": {"idea": 1},
        "shared_resources": {"in_progress": 1},
        "other": {"idea": 1},
    }
    assert report.actions == 3
    assert report.state_totals == [2, 0, 0, 1, 0, 0]


def test_figures_count_by_their_own_dates_whatever_the_period_of_their_action(
    client, period
):
    assert measures(report_of(client)) == {
        "places": (10, 4, 40.0),
        "students": (20, 18, 90.0),
        "teachers": (0, 0, None),
        "trained": (0, 0, None),
    }


def test_segments_and_gaps_with_and_without_an_action(client, period):
    report = report_of(client)
    segments = {
        row.segment.code: (row.actions, [r.code for r in row.gap_regions])
        for row in report.segments
    }
    assert segments == {"cells": (1, ["FI1D9"]), "recycling": (0, [])}
    gaps = {
        row.dimension: (row.gaps, row.with_action, row.without_action)
        for row in report.gaps
    }
    assert gaps == {"segment": (1, 1, 0), "occupation": (1, 0, 1)}


def test_links_across_the_border_active_in_the_period_by_kind(client, period):
    report = report_of(client)
    by_kind = {row.label.text: row.count for row in report.links.by_kind}
    assert by_kind == {
        str(ActorLink.Kind.AGREEMENT.label): 1,
        str(ActorLink.Kind.APPRENTICESHIP.label): 1,
        str(ActorLink.Kind.SHARED_PROGRAMME.label): 0,
        str(ActorLink.Kind.RESEARCH.label): 0,
        str(ActorLink.Kind.CLUSTER.label): 0,
        "Joint action": 0,
    }
    assert (
        report.links.cross_border,
        report.links.total,
        report.links_without_start,
    ) == (2, 3, 1)


def test_joint_actions_across_the_border_count_like_the_network_pages(client, period):
    finnish, swedish = ActorFactory(country="FI"), ActorFactory(country="SE")
    in_period = ActionFactory(
        slug="shared-lab", starts_on=day("2026-05-01"), ends_on=day("2027-05-01")
    )
    later = ActionFactory(slug="later-visit", starts_on=day("2026-09-01"))
    dropped = ActionFactory(
        slug="given-up", state="dropped", dropped_reason_en="No funding."
    )
    hidden = ActionFactory(slug="confidential", visibility="coordinators")
    for action in (in_period, later, dropped, hidden):
        ActionParticipantFactory(action=action, actor=finnish)
        ActionParticipantFactory(action=action, actor=swedish)

    report = report_of(client)

    by_kind = {row.label.text: row.count for row in report.links.by_kind}
    assert by_kind["Joint action"] == 1
    assert report.links.cross_border == 3
    lines = csv_lines(client, "links", "en")
    assert "Joint action,1" in lines
    assert lines[-1] == "Total,3"


def test_a_segment_and_a_country_pair_narrow_the_actions(client, period):
    report = report_of(client, PERIOD + "&segment=cells")
    assert report.actions == 1
    assert [row.segment.code for row in report.segments] == ["cells"]
    assert report_of(client, PERIOD + "&countries=fi").actions == 1
    assert report_of(client, PERIOD + "&countries=fi-se").actions == 0
    # links concerning cells: none has a segment here
    assert report_of(client, PERIOD + "&segment=recycling").links.cross_border == 0


# --- the period -------------------------------------------------------------------------------------------------------


def test_the_period_defaults_to_the_start_of_this_year_until_today(client, period):
    today = timezone.localdate()
    report = report_of(client, "")
    assert (report.query.start, report.query.end) == (
        datetime.date(today.year, 1, 1),
        today,
    )


def test_an_action_counts_on_the_first_and_last_day_of_the_period(client, period):
    # the joint programme ends on 30 September; the shared teachers and the undated action of May go on
    assert report_of(client, "from=2026-09-30&to=2026-09-30").actions == 3
    assert report_of(client, "from=2026-10-01&to=2026-10-01").actions == 2
    # the undated action recorded on 1 May 2026 counts from that day
    assert kinds(report_of(client, "from=2026-05-01&to=2026-05-01")).get("other") == {
        "idea": 1
    }
    assert "other" not in kinds(report_of(client, "from=2026-04-30&to=2026-04-30"))


def test_dates_in_the_languages_own_form_are_read_too(client, period):
    assert report_of(client, "from=1.1.2026&to=30.6.2026", "fi").actions == 3


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=2026-13-01", "From", "Enter a valid date."),
        ("from=2026-01-01&to=yesterday", "To", "Enter a valid date."),
        ("from=2026-06-30&to=2026-01-01", "To", "must not be before its start"),
    ],
)
def test_an_invalid_period_is_a_400_naming_the_field(
    client, period, query, field, message
):
    response = client.get(f"/en/cooperation/follow-up/?{query}")
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert re.search(rf'<a href="#id_\w+">{field}</a>: [^<]*{re.escape(message)}', html)
    assert 'aria-invalid="true"' in html
    csv_response = client.get(f"/en/cooperation/follow-up/actions.csv?{query}")
    assert csv_response.status_code == 400
    assert csv_response.content.decode().startswith(f"{field}: ")


def test_an_unknown_segment_is_a_400(client, period):
    response = client.get(f"/en/cooperation/follow-up/?{PERIOD}&segment=nonsense")
    assert response.status_code == 400
    assert "is not a part of the value chain" in unescape(response.content.decode())


# --- visibility -------------------------------------------------------------------------------------------------------


def test_a_coordinator_counts_the_actions_only_coordinators_see(period, viewers):
    anonymous = report_of(viewers["anonymous"])
    coordinator = report_of(viewers["coordinator"])
    assert (anonymous.actions, coordinator.actions) == (3, 4)
    assert kinds(coordinator)["joint_programme"] == {"idea": 1, "agreed": 1}
    assert measures(coordinator)["places"] == (110, 4, pytest.approx(100 * 4 / 110))
    segments = {row.segment.code: row.actions for row in coordinator.segments}
    assert segments["cells"] == 2
    gaps = {row.dimension: (row.gaps, row.with_action) for row in coordinator.gaps}
    assert gaps["occupation"] == (1, 1)
    partner = report_of(viewers["partner"])
    assert partner.actions == 3


def test_the_page_says_whose_actions_it_counts(period, viewers):
    anonymous = (
        viewers["anonymous"]
        .get(f"/en/cooperation/follow-up/?{PERIOD}")
        .content.decode()
    )
    coordinator = (
        viewers["coordinator"]
        .get(f"/en/cooperation/follow-up/?{PERIOD}")
        .content.decode()
    )
    assert "The counts include public actions only" in anonymous
    assert "Do not publish them as such" in coordinator


# --- the page -------------------------------------------------------------------------------------------------------


def test_every_table_has_a_caption_and_headers_and_the_board_links_here(client, period):
    html = client.get(f"/en/cooperation/follow-up/?{PERIOD}").content.decode()
    assert html.count("<caption") == 6
    assert html.count('<table class="gap-table follow-up-table">') == 6
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert "css/follow_up.css" in html
    for table in ("actions", "figures", "segments", "gaps", "links", "planned"):
        assert (
            f"/en/cooperation/follow-up/{table}.csv?{PERIOD.replace('&', '&amp;')}&amp;format=csv-comma"
            in html
        )
    assert (
        'href="/en/cooperation/follow-up/"'
        in client.get("/en/cooperation/").content.decode()
    )


def test_the_print_stylesheet_keeps_tables_whole_and_leaves_out_navigation():
    from pathlib import Path

    css = (Path(__file__).parents[2] / "static/css/follow_up.css").read_text()
    printed = css[css.index("@media print") :]
    assert "break-inside: avoid" in printed
    assert ".gap-form" in printed and ".gap-contents" in printed


# --- CSV --------------------------------------------------------------------------------------------------------------


def csv_lines(client, table: str, language: str, query: str = PERIOD) -> list[str]:
    response = client.get(f"/{language}/cooperation/follow-up/{table}.csv?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"-{language}.csv" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")
    return text.lstrip("\ufeff").splitlines()


def test_the_csv_files_follow_the_languages_spreadsheets(client, period):
    english = csv_lines(client, "figures", "en")
    assert (
        english[0]
        == "Measure,Promised, due in the period,Achieved in the period,Share achieved (%)".replace(
            "Promised, due in the period", '"Promised, due in the period"'
        )
    )
    assert english[1] == "Places created,10,4,40.00"
    assert english[3] == "Teachers shared,0,0,"
    finnish = csv_lines(client, "figures", "fi")
    with translation.override("fi"):
        places = str(ActionFigure.Measure.PLACES.label)
    assert finnish[1] == f"{places};10;4;40,00"
    assert ";" in finnish[0] and finnish[0] != english[0].replace(",", ";")


def test_the_csv_tables_hold_the_pages_counts(client, period):
    actions = csv_lines(client, "actions", "en")
    assert actions[0].startswith(
        "Type of action,Idea,Proposed,Agreed,In progress,Done,Dropped,Total"
    )
    assert actions[-1] == "Total,2,0,0,1,0,0,3"
    assert csv_lines(client, "segments", "en")[1:] == [
        "Cell manufacturing,1,FI1D9",
        "Recycling,0,",
    ]
    assert csv_lines(client, "gaps", "en")[1:] == [
        "Value-chain segments,1,1,0",
        "Occupations,1,0,1",
    ]
    links = csv_lines(client, "links", "en")
    assert links[-1] == "Total,2"
    assert (
        csv_lines(client, "links", "en", PERIOD + "&format=csv-semicolon")[-1]
        == "Total;2"
    )


def test_a_coordinators_csv_file_is_marked_confidential(period, viewers):
    response = viewers["coordinator"].get(
        f"/en/cooperation/follow-up/actions.csv?{PERIOD}"
    )
    assert response["Content-Disposition"].endswith('-confidential.csv"')
    assert (
        b"".join(response.streaming_content).decode().splitlines()[-1]
        == "Total,2,0,1,1,0,0,4"
    )


def test_an_unknown_table_or_format(client, period):
    assert client.get("/en/cooperation/follow-up/nothing.csv").status_code == 404
    response = client.get("/en/cooperation/follow-up/actions.csv?format=xlsx")
    assert response.status_code == 400
    assert "format" in response.content.decode()


# --- queries ----------------------------------------------------------------------------------------------------------


def test_the_follow_up_does_the_same_queries_for_1_and_30_actions(
    client, data, django_assert_num_queries
):
    # The gap pages' data set gives the gap analyses rows, and the links concern cells: without any row or link,
    # Django skips the query of the rows' keys or of the links' segments.
    ActorLinkFactory().segments.add(data["cells"])
    address = "/en/cooperation/follow-up/?from=2027-01-01&to=2027-12-31"
    filtered = address + "&segment=cells&countries=fi-se"

    def add(count: int, start: int = 0) -> None:
        add_actions(count, start)
        for action in Action.objects.filter(segments__code="segment-0"):
            action.segments.add(data["cells"])

    add(1)
    with django_assert_num_queries(FOLLOW_UP):
        report = client.get(address).context["report"]
    assert report.actions == 1
    with django_assert_num_queries(
        FOLLOW_UP + 1
    ):  # the occupations of the chosen segment
        assert client.get(filtered).context["report"].actions == 1
    add(29, start=1)
    for link in ActorLinkFactory.create_batch(20):
        link.segments.add(data["cells"])
    with django_assert_num_queries(FOLLOW_UP):
        report = client.get(address).context["report"]
    assert report.actions == 30
    joint = {row.label.text: row.count for row in report.links.by_kind}["Joint action"]
    assert joint > 0  # the actions' Finnish and Swedish participants
    assert report.links.cross_border == 21 + joint
    assert sum(row.promised for row in report.measures) == 30 * 40
    with django_assert_num_queries(FOLLOW_UP + 1):
        report = client.get(filtered).context["report"]
    assert report.actions == 10
    with django_assert_num_queries(FOLLOW_UP):  # the CSV file reads the same
        response = client.get(address.replace("/?", "/actions.csv?"))
        b"".join(response.streaming_content)


def test_planned_training_counts_planned_and_proposed_programmes_apart(
    client, period, data
):
    finnish = ActorFactory(country="FI")
    swedish = ActorFactory(country="SE")
    planned = {"availability": "planned", "segments": [data["cells"]]}
    ProgrammeFactory(
        provider=finnish,
        expected_start=day("2026-03-02"),
        places_per_year=12,
        **planned,
    )  # starts in the period
    ProgrammeFactory(
        provider=swedish,
        expected_start=day("2026-08-17"),
        places_per_year=20,
        **planned,
    )  # after it
    ProgrammeFactory(
        provider=finnish,
        expected_start=day("2026-06-30"),
        places_per_year=None,
        **planned,
    )  # on its last day, places not stated
    ProgrammeFactory(
        provider=finnish, availability="proposed", places_per_year=30
    )  # no expected start, no segment
    ProgrammeFactory(
        provider=finnish, availability="planned", expected_start=day("2026-02-01"),
        state="draft",
    )  # not published  # fmt: skip
    running_before = report_of(client).planned

    rows = {row.availability: row for row in running_before}
    assert [row.availability for row in running_before] == ["planned", "proposed"]
    assert (rows["planned"].programmes, rows["planned"].places) == (3, 32)
    assert (rows["planned"].starting, rows["planned"].starting_places) == (2, 12)
    assert (rows["proposed"].programmes, rows["proposed"].places) == (1, 30)
    assert (rows["proposed"].starting, rows["proposed"].starting_places) == (0, 0)

    swedish_only = {
        row.availability: row.programmes
        for row in report_of(client, PERIOD + "&countries=se").planned
    }
    assert swedish_only == {"planned": 1, "proposed": 0}
    cells_only = {
        row.availability: row.programmes
        for row in report_of(client, PERIOD + "&segment=cells").planned
    }
    assert cells_only == {"planned": 3, "proposed": 0}
    assert csv_lines(client, "planned", "en")[1:] == [
        "Planned,3,32,2,12",
        "Proposed,1,30,0,0",
    ]
    page = client.get(f"/fi/cooperation/follow-up/?{PERIOD}").content.decode()
    assert 'id="follow-up-planned"' in page
