"""No combination of filters reveals a need hidden from the viewer: the differencing test of the gap analysis.

The attack: ask /api/v1/gaps/ (or a CSV export) twice with filters that differ in one parameter, say ``status=standing``
and ``status=standing&status=paused``, and subtract; what is left is the needs that one parameter adds. If a hidden
need counted in either answer, or changed a mark, a date, whether a row exists or which needs are listed, the
difference would show it.

What is tested instead of every pair: for every filter combination of a grid (every parameter of GapForm and of the
API's GapParameters — dimension, key, horizon, min_level/max_level, country, status, examples — with a few values
each), the viewer's whole answer on the full data is compared with their whole answer on the same data without the
needs hidden from them, byte for byte (JSON and CSV bodies, the pages' text). That is equivalent to the pairwise
test and stronger: if both answers of any pair are identical with and without the hidden needs, so is their
difference, for every pair that can be formed from the grid, not only those that differ in one filter; and an answer
that leaked something no difference shows (a row, a date, a mark) would fail too. It also costs one request per
grid point and data set instead of two per pair, which keeps the test well under a minute.

The data has needs of every visibility, and within each, of every status, several target years and urgencies,
regions in both countries and at two NUTS levels, level bands, named segments or only an occupation's, skills, examples,
employers and named workshop sources, and dates older and newer than the public needs'. Some cells hold hidden needs
of three or more employers (the old rule counted those in public figures), some only hidden needs (a row that must
not appear), some a hidden need met only across the border (the dashboard's list and its CSV).

Viewers: anonymous (every partner and coordinator need is hidden), a logged-in partner (coordinators-only needs are
hidden), and coordinators as the control: their answers must change without those needs, or the data would prove
nothing. Besides the whole set, each hidden need is also removed alone, on a smaller grid, so that no need can hide
behind another.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from batteryregion.page_cache import forget_version
from skills.models import Actor, CompetenceNeed
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    EducationLevelFactory,
    IntakeFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2026
Visibility = CompetenceNeed.Visibility
Status = CompetenceNeed.Status
Urgency = CompetenceNeed.Urgency

GAPS = "/api/v1/gaps/"
OVERLAPS = "/api/v1/overlaps/"
TABLES = ("segments", "occupations", "skills", "unmet", "across-border")

# The values of each filter the grid takes (a missing parameter is its default).
HORIZONS = ({}, {"horizon": "2026"}, {"horizon": "2028"})
LEVELS = ({}, {"min_level": "4", "max_level": "4"}, {"min_level": "5"})
COUNTRIES = ({}, {"country": "FI"}, {"country": "SE"})
STATUSES = (
    {},
    {"status": ["paused"]},
    {"status": ["standing", "paused", "withdrawn"]},
)
EXAMPLES = ({}, {"examples": "exclude"})
KEYS = {"segment": "cells", "occupation": "operator", "skill": "safety"}


@pytest.fixture(autouse=True)
def _this_year():
    """This year is 2026 for every form the requests make, so that the weights do not depend on today."""
    with mock.patch("gaps.analysis.forms.this_year", return_value=YEAR):
        yield


class Rollback(Exception):
    """Undoes the removal of needs once their answers have been read."""


@contextmanager
def removed(needs: list[CompetenceNeed]) -> Iterator[None]:
    """The data without these needs, for the duration of the block."""
    try:
        with transaction.atomic():
            CompetenceNeed.objects.filter(pk__in=[n.pk for n in needs]).delete()
            yield
            raise Rollback
    except Rollback:
        pass


def programme(region, places, *, level=None, segments=(), occupations=(), skills=()):
    created = ProgrammeFactory(
        places_per_year=places,
        awarded_level=EducationLevelFactory(level=level) if level else None,
        provider__country=region.country,
    )
    created.segments.set(segments)
    created.occupations.set(occupations)
    created.skills.set(skills)
    OfferingFactory(
        programme=created, site=SiteFactory(actor=created.provider, region=region)
    )
    return created


@pytest.fixture
def data(regions) -> dict:
    """Programmes on both sides and 36 needs: 12 of each visibility, varied filter by filter, and hidden needs placed
    where a leak would show (see the module docstring). Returns the hidden needs by who they are hidden from."""
    cells, recycling = (
        SegmentFactory(code="cells", order=1),
        SegmentFactory(code="recycling", order=2),
    )
    operator = OccupationFactory(slug="operator")
    operator.segments.set([cells])
    chemist = OccupationFactory(slug="chemist")
    chemist.segments.set([recycling])
    assembly, safety = SkillFactory(slug="assembly"), SkillFactory(slug="safety")

    programme(
        regions.fi1d9,
        20,
        level=4,
        segments=[cells],
        occupations=[operator],
        skills=[assembly],
    )
    swedish = programme(
        regions.se331,
        10,
        level=6,
        segments=[cells, recycling],
        occupations=[chemist],
        skills=[safety],
    )
    IntakeFactory(programme=swedish, year=YEAR, places=8, enrolled=5, is_example=True)
    programme(
        regions.fi1d7,
        5,
        segments=[recycling],
        occupations=[operator],
        skills=[assembly, safety],
    )

    places = [regions.fi1d9, regions.fi1d7, regions.se331, regions.se332, regions.fi1d]
    statuses = [Status.STANDING, Status.STANDING, Status.PAUSED, Status.WITHDRAWN]
    years = [2025, 2026, 2027, 2028, 2031]
    urgencies = list(Urgency.values)
    bands = [(None, None), (3, 4), (5, 6), (6, 8)]
    segment_sets = [(), (cells,), (recycling,), (cells, recycling)]
    occupations = [operator, chemist, None]
    skill_sets = [(assembly,), (), (assembly, safety)]
    workshops = ActorFactory(kind=Actor.Kind.EMPLOYER, slug="shared-employer")
    hidden: dict[str, list[CompetenceNeed]] = {"partners": [], "coordinators": []}

    def need(visibility, **fields) -> CompetenceNeed:
        segments, skills = fields.pop("segments", ()), fields.pop("skills", ())
        created = CompetenceNeedFactory(visibility=visibility, **fields)
        created.segments.set(segments)
        created.skills.set(skills)
        if visibility != Visibility.PUBLIC:
            hidden[visibility].append(created)
        return created

    for v, visibility in enumerate(Visibility.values):
        # Public needs stated in 2025; partners' earlier, coordinators' later: a date that leaked would show.
        stated_year = {Visibility.PUBLIC: 2025, Visibility.PARTNERS: 2023}.get(
            visibility, 2026
        )
        for i in range(12):
            low, high = bands[(i + 2 * v) % 4]
            source: dict = {}
            if i % 3 == 2:
                source = {
                    "employer": None,
                    "source_kind": "workshop",
                    "source_name": f"Workshop {i % 2}",
                }
            elif i % 4 == 1:
                source = {"employer": workshops}
            need(
                visibility,
                region=places[(i + v) % 5],
                status=statuses[i % 4],
                target_year=years[(2 * i + v) % 5],
                urgency=urgencies[(i + v) % 4],
                min_level=low,
                max_level=high,
                segments=segment_sets[(i + v) % 4],
                occupation=occupations[(i + 2 * v) % 3],
                skills=skill_sets[i % 3],
                headcount=3 + 7 * i + v,
                is_example=i % 5 == 4,
                stated_on=datetime.date(stated_year, 1 + i, 1 + v),
                **source,
            )
    for visibility in (Visibility.PARTNERS, Visibility.COORDINATORS):
        # Three employers' hidden needs beside a public one: counted in public figures under the old rule.
        for n in range(3):
            need(visibility, region=regions.fi1d9, segments=(cells,), occupation=operator, headcount=5 + n,
                 target_year=2027, urgency=Urgency.HIGH)  # fmt: skip
        # Hidden needs alone in their row (Lapland, safety, recycling): the row must not exist for those they are
        # hidden from.
        for n in range(3):
            need(visibility, region=regions.fi1d7, skills=(safety,), occupation=None, segments=(recycling,),
                 headcount=40 + n, target_year=2026, urgency=Urgency.CRITICAL)  # fmt: skip
        # Met only across the border: a chemist in Finland (only the Swedish programme leads to it).
        need(
            visibility,
            region=regions.fi1d9,
            occupation=chemist,
            headcount=9,
            target_year=2028,
        )
    need(
        Visibility.PUBLIC,
        region=regions.fi1d9,
        segments=(cells,),
        occupation=operator,
        headcount=12,
    )
    return {"hidden": hidden}


def grid() -> list[dict]:
    """The defaults, each filter changed alone, and every filter changed at once: every pair of filter combinations
    that differ in one filter around the defaults, and the farthest combination."""
    changed = [
        value
        for values in (HORIZONS, LEVELS, COUNTRIES, STATUSES, EXAMPLES)
        for value in values[1:]
    ]
    everything = {
        **HORIZONS[2],
        **LEVELS[2],
        **COUNTRIES[2],
        **STATUSES[2],
        **EXAMPLES[1],
    }
    return [{}, *changed, everything]


PAGE_GRID = [{}, STATUSES[2], {**COUNTRIES[2], **LEVELS[2], **HORIZONS[1]}]
"""The filters under which the pages, the answers for one key and the drill-down files are compared."""

EVERY_NEED = {"status": list(Status.values)}
"""The filters under which every need counts somewhere: each hidden need is removed alone under these."""


def answers(client: Client, filters: list[dict]) -> dict:
    """The API's gap analysis in each dimension and every CSV table, for each filter combination."""
    got = {}
    for n, params in enumerate(filters):
        for dimension in KEYS:
            query = {**params, "dimension": dimension, "page_size": 500}
            got[GAPS, n, dimension] = _body(client.get(GAPS, query))
        for table in TABLES:
            got[table, n] = _body(client.get(f"/en/gaps/export/{table}.csv", params))
    return got


def key_answers(client: Client) -> dict:
    """For each filter combination of PAGE_GRID: the API's rows of one key in each dimension, that key's drill-down
    page and file, and the dashboard; the overlapping programmes once."""
    got = {}
    for n, params in enumerate(PAGE_GRID):
        for dimension, key in KEYS.items():
            query = {**params, "dimension": dimension, "key": key}
            got[GAPS, n, dimension] = _body(client.get(GAPS, query))
            got["detail.csv", n, dimension] = _body(
                client.get(f"/en/gaps/export/{dimension}/{key}.csv", params)
            )
            got["detail", n, dimension] = _body(
                client.get(f"/en/gaps/{dimension}/{key}/", params)
            )
        got["dashboard", n] = _body(client.get("/en/gaps/", params))
    got[OVERLAPS] = _body(client.get(OVERLAPS, {"min_similarity": "0"}))
    return got


def wide_answers(client: Client) -> dict:
    """The API's rows in every dimension and the file of needs met only across the border, with every need
    counted: what removing one need at a time is checked on."""
    got = {
        dimension: _body(
            client.get(GAPS, {**EVERY_NEED, "dimension": dimension, "page_size": 500})
        )
        for dimension in KEYS
    }
    got["across-border"] = _body(
        client.get("/en/gaps/export/across-border.csv", EVERY_NEED)
    )
    return got


def _body(response) -> bytes:
    assert response.status_code == 200, response.content[:300]
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def viewer(request, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def differing(first: dict, second: dict) -> list:
    """The answers that are not byte for byte the same."""
    return [name for name in first if first[name] != second[name]]


def hidden_needs(data: dict, hidden_from: tuple[str, ...]) -> list[CompetenceNeed]:
    return [need for group in hidden_from for need in data["hidden"][group]]


ROLES = [
    pytest.param("anonymous", ("partners", "coordinators"), id="anonymous"),
    pytest.param("partner", ("coordinators",), id="partner"),
]


@pytest.mark.parametrize(("role", "hidden_from"), ROLES)
def test_no_filter_combination_reveals_a_need_hidden_from_the_viewer(
    request, data, role, hidden_from
):
    assert (
        settings.PAGE_CACHE_SECONDS == 0
    )  # every answer is computed, none served from a cache
    client = viewer(request, role)
    filters = grid()
    assert len(filters) == 11

    seen = answers(client, filters)
    with removed(hidden_needs(data, hidden_from)):
        assert differing(seen, answers(client, filters)) == []


@pytest.mark.parametrize(("role", "hidden_from"), ROLES)
def test_no_page_key_or_drill_down_reveals_a_need_hidden_from_the_viewer(
    request, data, role, hidden_from
):
    client = viewer(request, role)
    coordinators = viewer(request, "coordinator")

    seen = key_answers(client)
    control = key_answers(coordinators)
    with removed(hidden_needs(data, hidden_from)):
        assert differing(seen, key_answers(client)) == []
        changed = differing(control, key_answers(coordinators))
    # The control: the same needs change what coordinators see in each kind of answer, so the data tests something.
    assert {name[0] for name in changed} == {GAPS, "detail.csv", "detail", "dashboard"}


@pytest.mark.parametrize(("role", "hidden_from"), ROLES)
def test_no_single_hidden_need_changes_what_the_viewer_sees(
    request, data, role, hidden_from
):
    client = viewer(request, role)
    seen = wide_answers(client)
    hidden = hidden_needs(data, hidden_from)
    assert len(hidden) == 19 * len(hidden_from)

    for need in hidden:
        with removed([need]):
            assert differing(seen, wide_answers(client)) == [], need.slug


def test_each_hidden_need_in_a_row_counts_for_coordinators(request, data):
    """The control of the test above: every hidden need that belongs to a row changes what coordinators see."""
    coordinators = viewer(request, "coordinator")
    seen = wide_answers(coordinators)
    for need in hidden_needs(data, ("partners", "coordinators")):
        if need.occupation_id or need.segments.exists() or need.skills.exists():
            with removed([need]):
                assert differing(seen, wide_answers(coordinators)), need.slug


CACHED_ADDRESSES = [
    f"{GAPS}?dimension=skill",
    "/en/gaps/?status=standing&status=paused",
    "/en/gaps/segment/cells/",
    "/en/gaps/how/",
]


def test_the_page_cache_never_stores_or_serves_a_logged_in_viewers_figures(
    request, data, settings
):
    """Anonymous answers are cached; coordinators' and partners' answers are neither stored for nor served to others."""
    anonymous = Client()
    expected = {address: _body(anonymous.get(address)) for address in CACHED_ADDRESSES}
    settings.PAGE_CACHE_SECONDS = 600
    forget_version()
    cache.clear()

    for role in ("coordinator", "partner"):
        client = viewer(request, role)
        for address in CACHED_ADDRESSES:
            own = client.get(address)
            assert "X-Cache" not in own and "private" in own["Cache-Control"], address
            if (
                role == "coordinator"
            ):  # partners may see the same page as visitors (the method page)
                assert own.content != expected[address], address
    for address in CACHED_ADDRESSES:
        first, second = anonymous.get(address), anonymous.get(address)
        assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit"), address
        assert first.content == second.content == expected[address], address
    coordinators = viewer(request, "coordinator")
    for address in CACHED_ADDRESSES:
        own = coordinators.get(address)
        assert "X-Cache" not in own and own.content != expected[address], address
