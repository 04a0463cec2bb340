"""The gap analysis pages: the dashboard's heat map, list and tables for a hand-made data set, who sees which needs,
the drill-down listing exactly the needs and offerings behind a figure, the overlaps and "how it works" pages, bad
input (400) and unknown keys (404), a fixed number of queries, and the three languages.

The data set, with Y the reference year (this year), every figure written out (demand = people × urgency weight /
years left, years left counting Y through the target year):

* needs in North Ostrobothnia (FI1D9): 12 cell operators, high urgency, by Y (12 × 1.5 / 1 = 18); 4 people for
  cell manufacturing, medium, by Y + 1 (4 × 1 / 2 = 2); and a coordinators-only need of one employer for 100
  operators, critical, by Y (100 × 2 / 1 = 200);
* a need in North and East Finland (FI1D, the NUTS 2 region around FI1D9), example data: 6 people for cell
  manufacturing, low, by Y (6 × 0.5 = 3);
* a need in Västerbotten (SE331): 5 people for recycling, medium, by Y (5);
* programmes: in Oulu (FI1D9) a cell course with 12 places (leads to cell operator, teaches two skills), a cell
  programme with no known places and a recycling programme with 8 places; in Umeå (SE331) a cell programme with 30
  places teaching the same two skills as the Oulu course (an overlap of 100 %).
"""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from gaps.analysis import detail_views
from gaps.analysis.forms import DashboardForm
from gaps.analysis.input_dates import age_in_words
from gaps.analysis.parameters import this_year
from programmes.models import Programme
from skills.models import Actor, CompetenceNeed
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    IntakeFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]
Y = this_year()
Urgency = CompetenceNeed.Urgency
Visibility = CompetenceNeed.Visibility

# Queries of an anonymous visitor (see the views' docstrings); a logged-in coordinator adds the session, the user
# and the user's and group's permissions.
# regions and offerings shared by the three analyses 2, then segment, occupation and skill analyses 3 each (needs,
# keys of the programmes, the keys), needs across the border 1
DASHBOARD = 12
DASHBOARD_COMPARED = 17  # and the segment analysis once more, counted the other way round with examples 5
DETAIL_SEGMENT = 8  # the segment 1, its analysis 5 (its regions also place the offerings), needs 1, offerings 1
DETAIL_OCCUPATION = 8  # the occupation 1, its analysis 5, needs 1, offerings 1
OVERLAPS = 6  # segment choices 1, pairs 1, the page's programmes, offerings and skills 3, the groups 1
LOGGED_IN = 4


def url(name: str, language: str = "en", **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def text(html: str) -> str:
    """The page's text: tags dropped, entities decoded, white space collapsed."""
    words = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
    return re.sub(r"\( ", "(", re.sub(r" ([:.,)])", r"\1", words))


def section(html: str, element_id: str) -> str:
    """The HTML of the <section> with the id (sections are not nested on these pages)."""
    found = re.search(rf'<section id="{element_id}".*?</section>', html, re.S)
    assert found, f"no section {element_id}"
    return found.group(0)


def heat_cell(html: str, segment: str, region_index: int) -> str:
    """The text of one heat map cell: the row of the segment, the region column by index (0 = first region)."""
    heat = section(html, "heat-map")
    row = re.search(
        rf"<tr>\s*<th scope=\"row\"><a [^>]*><span[^>]*>{segment}</span></a></th>(.*?)</tr>",
        heat,
        re.S,
    )
    assert row, f"no row {segment}"
    cells = re.findall(
        r"<td class=\"gap-cell ([^\"]+)\">(.*?)</td>", row.group(1), re.S
    )
    status, content = cells[region_index]
    return f"{status} | {text(content)}"


def region_columns(html: str) -> list[str]:
    heat = section(html, "heat-map")
    return re.findall(r'<span class="gap-code">(\w+)</span>', heat.split("</thead>")[0])


def employer(slug: str) -> Actor:
    return ActorFactory(
        slug=slug,
        kind=Actor.Kind.EMPLOYER,
        name_fi=f"Työnantaja {slug}",
        name_sv=f"Arbetsgivare {slug}",
        name_en=f"Employer {slug}",
    )


def need(slug: str, region, people: int, urgency: str, *, years: int = 1, segments=(), occupation=None,
         visibility: str = Visibility.PUBLIC, example: bool = False, stated=datetime.date(2026, 5, 1),
         source=None) -> CompetenceNeed:  # fmt: skip
    """A standing need of its own employer, described by its slug in every language."""
    made = CompetenceNeedFactory(
        slug=slug,
        employer=source or employer(f"employer-{slug}"),
        region=region,
        headcount=people,
        urgency=urgency,
        target_year=Y + years - 1,
        occupation=occupation,
        visibility=visibility,
        is_example=example,
        stated_on=stated,
        description_fi=f"Tarve {slug}",
        description_sv=f"Behov {slug}",
        description_en=f"Need {slug}",
    )
    made.segments.set(segments)
    return made


def programme(slug: str, region, *, places: int | None, segments=(), country: str = "FI", teaches=(), leads_to=(),
              verified=None, town: str = "Oulu"):  # fmt: skip
    """A published programme given at one site in the region, named by its slug in every language."""
    made = ProgrammeFactory(
        slug=slug,
        name_fi=f"Koulutus {slug}",
        name_sv=f"Utbildning {slug}",
        name_en=f"Programme {slug}",
        places_per_year=places,
        provider__country=country,
        provider__slug=f"provider-{slug}",
        segments=list(segments),
        verified_on=verified,
    )
    site = SiteFactory(
        actor=made.provider, region=region, town_fi=town, town_sv=town, town_en=town
    )
    OfferingFactory(programme=made, site=site)
    made.skills.add(*teaches)
    made.occupations.add(*leads_to)
    return made


@pytest.fixture
def data():
    north = RegionFactory(
        code="FI1D",
        code_2024="FI1D",
        level=2,
        name_fi="Pohjois- ja Itä-Suomi",
        name_sv="Norra och Östra Finland",
        name_en="North and East Finland",
    )
    oulu = RegionFactory(code="FI1D9", parent=north)
    vbotten = RegionFactory(
        code="SE331",
        code_2024="SE331",
        country="SE",
        name_fi="Västerbotten",
        name_sv="Västerbotten",
        name_en="Västerbotten",
    )
    cells = SegmentFactory(
        code="cells",
        order=1,
        name_fi="Kennovalmistus",
        name_sv="Celltillverkning",
        name_en="Cell manufacturing",
    )
    recycling = SegmentFactory(
        code="recycling",
        order=2,
        name_fi="Kierrätys",
        name_sv="Återvinning",
        name_en="Recycling",
    )
    operator = OccupationFactory(
        slug="cell-operator",
        label_fi="kennooperaattori",
        label_sv="celloperatör",
        label_en="cell operator",
    )
    operator.segments.add(cells)
    skills = [
        SkillFactory(slug="electrolyte-handling", label_en="electrolyte handling"),
        SkillFactory(slug="cell-stacking", label_en="cell stacking"),
    ]
    need("oulu-operators", oulu, 12, Urgency.HIGH, occupation=operator)
    need("oulu-cells", oulu, 4, Urgency.MEDIUM, years=2, segments=[cells],
         stated=datetime.date(2025, 3, 1))  # fmt: skip
    need("oulu-secret", oulu, 100, Urgency.CRITICAL, occupation=operator,
         visibility=Visibility.COORDINATORS)  # fmt: skip
    need("north-cells", north, 6, Urgency.LOW, segments=[cells], example=True)
    need("vbotten-recycling", vbotten, 5, Urgency.MEDIUM, segments=[recycling])
    programme("oulu-cell-course", oulu, places=12, segments=[cells], teaches=skills, leads_to=[operator],
              verified=datetime.date(2026, 1, 15))  # fmt: skip
    programme("oulu-cell-unknown", oulu, places=None, segments=[cells])
    programme("oulu-recycling", oulu, places=8, segments=[recycling])
    programme("umea-cells", vbotten, places=30, segments=[cells], country="SE", teaches=skills,
              town="Umeå")  # fmt: skip
    return {
        "oulu": oulu,
        "north": north,
        "cells": cells,
        "recycling": recycling,
        "operator": operator,
    }


def more_data(data) -> None:
    """Ten times the segments, regions, needs and programmes, with more overlapping pairs."""
    for n in range(10):
        region = RegionFactory(
            code=f"SE33{n}" if n > 1 else f"FI1D{n + 1}",
            code_2024=f"X{n}",
            country="SE" if n > 1 else "FI",
            name_en=f"Region {n}",
        )
        segment = SegmentFactory(code=f"extra-{n}", order=10 + n)
        occupation = OccupationFactory(slug=f"extra-occupation-{n}")
        occupation.segments.add(segment)
        skills = SkillFactory.create_batch(3)
        for m in range(3):
            need(f"extra-{n}-{m}", region, 5 + m, Urgency.HIGH, years=m + 1, occupation=occupation,
                 visibility=[Visibility.PUBLIC, Visibility.PARTNERS, Visibility.COORDINATORS][m])  # fmt: skip
            programme(f"extra-{n}-{m}", region, places=10 + m, segments=[segment, data["cells"]],
                      teaches=skills, leads_to=[occupation], country=region.country)  # fmt: skip


# The dashboard ---------------------------------------------------------------------------------------------------


def test_the_dashboard_shows_each_segment_by_region_with_status_and_demand_against_places(
    client, data
):
    response = client.get(url("gaps:dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    assert region_columns(html) == ["FI1D", "FI1D9", "SE331"]
    # Cells: demand per year / places per year. FI1D has its own need (3) and the places of FI1D9 inside it (12);
    # its one need is an example, so all its demand (3 of 3) is example data.
    assert heat_cell(html, "Cell manufacturing", 0) == (
        "gap-over-supplied | ▲ Over: Over-supplied, demand per year 3 / places per year 12 mostly examples"
    )
    assert heat_cell(html, "Cell manufacturing", 1) == (
        "gap-under-supplied | ▼ Under: Under-supplied, demand per year 20 / places per year 12"
    )
    assert heat_cell(html, "Cell manufacturing", 2) == (
        "gap-no-stated-need | ○ No need: No stated need, demand per year 0 / places per year 30"
    )
    assert heat_cell(html, "Recycling", 0) == "gap-empty | — no needs and no programmes"
    assert heat_cell(html, "Recycling", 2) == (
        "gap-across-border | ⇄ Across border: Covered only across the border, demand per year 5 / places per year 0"
    )
    # Each cell links to the drill-down at its region, with the page's filters.
    assert (
        'href="/en/gaps/segment/cells/?min_level=2#region-FI1D9"'
        in client.get(url("gaps:dashboard") + "?min_level=2").content.decode()
    )
    # The legend explains every status.
    legend = text(section(html, "heat-map"))
    assert (
        "Recruitment gap Places would cover the demand, but they stay unfilled"
        in legend
    )
    assert "Training exists, but no counted need asks for it." in legend


def test_the_list_table_has_every_figure_of_a_cell_with_its_inputs_and_marks(
    client, data
):
    html = client.get(url("gaps:dashboard")).content.decode()

    rows = [
        text(row)
        for row in re.findall(r"<tr>(.*?)</tr>", section(html, "segment-list"), re.S)
    ]
    # segment, region, people, demand, places, filled, difference, ratio, status, needs, programmes, dates, marks
    assert rows[1] == (
        "Cell manufacturing North and East Finland FI1D 6 3.0 12.0 12.0 9.0 400% ▲ Over-supplied 1 need 1 source "
        "2 programmes 1 with unknown places 1 May 2026 ("
        + age("2026-05-01")
        + ") 15 January 2026 ("
        + age("2026-01-15")
        + ") rests mostly on example data The need is an example. This figure rests mostly on example data: "
        "check it without example data before acting on it."
    )
    assert rows[2] == (
        "Cell manufacturing North Ostrobothnia FI1D9 16 20.0 12.0 12.0 −8.0 60% ▼ Under-supplied 2 needs "
        "2 sources 2 programmes 1 with unknown places 1 March 2025 – 1 May 2026 (the oldest "
        + age("2025-03-01")
        + ") 15 January 2026 ("
        + age("2026-01-15")
        + ")"
    )
    assert rows[5].startswith(
        "Recycling Västerbotten SE331 5 5.0 0.0 0.0 −5.0 0% ⇄ Covered only across the border 1 need 1 source "
        "0 programmes"
    )
    assert len(rows) == 6  # the header and five cells
    inputs = text(html.split('class="gap-inputs">')[1].split("</p>")[0])
    assert inputs == (
        f"Needs stated between 1 March 2025 and 1 May 2026 (the oldest {age('2025-03-01')}). "
        f"Programmes verified on 15 January 2026 ({age('2026-01-15')})."
    )


def age(iso: str) -> str:
    return age_in_words(datetime.date.fromisoformat(iso), timezone.localdate())


def test_the_dashboard_ranks_the_largest_unmet_needs_by_occupation_and_skill(
    client, data
):
    html = client.get(url("gaps:dashboard")).content.decode()

    occupations = text(section(html, "largest-unmet").split('id="unmet-skills')[0])
    # Only the cell operator need names an occupation: 18 per year needed, 12 places (the course leads to it).
    assert (
        "1 cell operator North Ostrobothnia FI1D9 6.0 18.0 12.0 ▼ Under-supplied"
        in occupations
    )
    assert (
        "No unmet demand with these filters."
        in section(html, "largest-unmet").split('id="unmet-skills-title"')[1]
    )
    assert 'href="/en/gaps/occupation/cell-operator/#region-FI1D9"' in html


def test_the_dashboard_lists_needs_met_only_across_the_border_and_links_the_overlaps(
    client, data
):
    html = client.get(url("gaps:dashboard")).content.decode()

    across = section(html, "across-border")
    assert "1 need." in text(across)
    assert listed_needs(across) == ["vbotten-recycling"]
    assert 'href="/en/actors/employer-vbotten-recycling/"' in across
    overlaps = section(html, "overlap-teaser")
    assert 'href="/en/gaps/overlaps/"' in overlaps
    assert "oulu-cell-course" not in overlaps  # the pairs are on their own page


def test_the_dashboard_links_every_export_with_the_filters_and_the_how_page(
    client, data
):
    query = "horizon=2030&country=FI"
    html = client.get(url("gaps:dashboard") + "?" + query).content.decode()

    for table in [
        "segments",
        "occupations",
        "skills",
        "unmet",
        "overlaps",
        "across-border",
    ]:
        assert (
            f'href="/en/gaps/export/{table}.csv?horizon=2030&amp;country=FI&amp;format=csv-comma"'
            in html
        )
    assert 'href="/en/gaps/how/"' in html
    assert (
        '<button type="button" class="secondary" data-print hidden>Print report</button>'
        in html
    )
    assert '<script src="/static/js/gaps.js" defer></script>' in html
    assert "<script>" not in html and " style=" not in html  # ready for a strict CSP


def test_the_chosen_filters_are_kept_in_the_form_and_said_in_words(client, data):
    html = client.get(
        url("gaps:dashboard")
        + "?horizon=2030&min_level=3&max_level=6&country=SE&status=paused"
    ).content.decode()

    assert '<option value="2030" selected>' in html
    assert 'name="country" value="SE" id="id_country_1" checked' in html
    assert 'name="status" value="paused" id="id_status_1" checked' in html
    assert text(html.split('class="gap-filter-list">')[1].split("</dl>")[0]) == (
        "Needed by (horizon) 2030 EQF levels 3–6 Countries Sweden Needs counted Paused "
        "Example data Included"
    )


def test_an_empty_form_shows_what_it_counts(client, data):
    html = client.get(url("gaps:dashboard")).content.decode()

    assert '<option value="1" selected>1</option>' in html.split('name="min_level"')[1]
    assert '<option value="8" selected>8</option>' in html.split('name="max_level"')[1]
    assert 'name="status" value="standing" id="id_status_0" checked' in html


# Who sees which needs --------------------------------------------------------------------------------------------


def test_a_confidential_need_of_one_employer_is_neither_listed_nor_counted_for_the_public(
    client, coordinator_client, partner, data
):
    cells = url("gaps:detail", dimension="segment", key="cells")

    public = client.get(url("gaps:dashboard")).content.decode()
    assert "demand per year 20 /" in heat_cell(public, "Cell manufacturing", 1)
    public_detail = section(client.get(cells).content.decode(), "region-FI1D9")
    assert "oulu-secret" not in public_detail
    assert "withheld" not in public_detail

    client.force_login(partner)
    assert "oulu-secret" not in client.get(cells).content.decode()

    coordinators = coordinator_client.get(url("gaps:dashboard")).content.decode()
    assert "demand per year 220 /" in heat_cell(coordinators, "Cell manufacturing", 1)
    detail = section(coordinator_client.get(cells).content.decode(), "region-FI1D9")
    assert "Need oulu-secret" in detail
    assert "withheld" not in detail


def test_confidential_needs_count_for_no_visitor_however_many_employers_state_them(
    client, coordinator_client, data
):
    for n in range(3):
        need(f"secret-{n}", data["oulu"], 1, Urgency.MEDIUM, segments=[data["recycling"]],
             visibility=Visibility.COORDINATORS)  # fmt: skip

    recycling = url("gaps:detail", dimension="segment", key="recycling")
    html = client.get(url("gaps:dashboard")).content.decode()
    assert heat_cell(html, "Recycling", 1) == (
        "gap-no-stated-need | ○ No need: No stated need, demand per year 0 / places per year 8"
    )
    detail = section(client.get(recycling).content.decode(), "region-FI1D9")
    assert "secret-" not in detail
    assert "No need that you may see is behind this figure." in detail
    assert "not shown publicly" not in detail

    html = coordinator_client.get(url("gaps:dashboard")).content.decode()
    assert heat_cell(html, "Recycling", 1) == (
        "gap-over-supplied | ▲ Over: Over-supplied, demand per year 3 / places per year 8"
    )
    detail = section(coordinator_client.get(recycling).content.decode(), "region-FI1D9")
    assert [n for n in listed_needs(detail) if n.startswith("secret-")] == [
        "secret-0",
        "secret-1",
        "secret-2",
    ]


CONFIDENTIAL_NOTE = "Your figures include confidential needs, which only coordinators may see. Do not publish them as such"
NO_CONFIDENTIAL_NOTE = "Confidential needs are not counted in the figures you see"


@pytest.mark.parametrize(
    ("viewer", "note"),
    [
        ("anonymous", NO_CONFIDENTIAL_NOTE),
        ("partner", NO_CONFIDENTIAL_NOTE),
        ("coordinator", CONFIDENTIAL_NOTE),
    ],
)
def test_the_pages_say_whether_their_figures_include_confidential_needs(
    request, client, data, viewer, note
):
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    other = ({CONFIDENTIAL_NOTE, NO_CONFIDENTIAL_NOTE} - {note}).pop()
    for address in (
        url("gaps:dashboard"),
        url("gaps:detail", dimension="segment", key="recycling"),
        url("gaps:method"),
    ):
        page = text(client.get(address).content.decode())
        assert note in page, address
        assert other not in page, address


# The drill-down --------------------------------------------------------------------------------------------------


def listed_needs(html: str) -> list[str]:
    """The slugs of the needs listed in the HTML (described as "Need <slug>"), in order."""
    cells = re.findall(r'<th scope="row" class="gap-need">(.*?)</th>', html, re.S)
    return [text(cell).removeprefix("Need ") for cell in cells]


def listed_programmes(html: str) -> list[str]:
    """The slugs of the programmes linked from the HTML's tables, in order."""
    return re.findall(r'<th scope="row"><a href="/en/programmes/([\w-]+)/">', html)


def test_the_drill_down_lists_exactly_the_needs_and_offerings_behind_each_figure(
    client, data
):
    response = client.get(url("gaps:detail", dimension="segment", key="cells"))

    assert response.status_code == 200
    html = response.content.decode()
    oulu, north, vbotten = (
        section(html, f"region-{code}") for code in ["FI1D9", "FI1D", "SE331"]
    )
    assert listed_needs(oulu) == ["oulu-operators", "oulu-cells"]
    assert listed_programmes(oulu) == ["oulu-cell-course", "oulu-cell-unknown"]
    # The NUTS 2 region's figure has its own need and the places of the programmes in the regions inside it.
    assert listed_needs(north) == ["north-cells"]
    assert listed_programmes(north) == ["oulu-cell-course", "oulu-cell-unknown"]
    assert listed_needs(vbotten) == []
    assert listed_programmes(vbotten) == ["umea-cells"]
    # The figures and the listed needs add up: 18 + 2 = 20 people per year.
    figures = text(oulu)
    assert (
        "People needed 16 Weighted demand per year 20.0 Places per year 12.0" in figures
    )
    assert "Listed needs 16 20.0" in figures
    assert (
        f"Need oulu-operators Employer employer-oulu-operators cell operator 12 {Y} High 18.0 Standing"
        in figures
    )
    assert "Programme oulu-cell-unknown" in figures and "unknown unknown" in figures
    assert "example data" in text(north)
    assert 'href="/en/actors/employer-oulu-operators/"' in oulu
    assert 'href="/en/programmes/oulu-cell-course/"' in oulu
    assert 'href="/en/gaps/export/segment/cells.csv?format=csv-comma"' in html


def test_the_drill_down_lists_the_first_needs_and_programmes_of_a_region_and_all_on_request(
    client, regions, monkeypatch
):
    monkeypatch.setattr(detail_views, "NEEDS_SHOWN", 2)
    monkeypatch.setattr(detail_views, "OFFERINGS_SHOWN", 1)
    segment = SegmentFactory(code="busy")
    for n, people in enumerate([3, 9, 6]):
        need(f"busy-{n}", regions.fi1d9, people, Urgency.MEDIUM, segments=[segment])
    for n in range(2):
        programme(f"busy-course-{n}", regions.fi1d9, places=10, segments=[segment])
    address = url("gaps:detail", dimension="segment", key="busy")

    oulu = section(client.get(address).content.decode(), "region-FI1D9")

    # The largest demand first; the totals are of every need, listed or not, as the figures are.
    assert listed_needs(oulu) == ["busy-1", "busy-2"]
    assert "All needs you may see, listed or not 18 18.0" in text(oulu)
    assert "The first 2 of 3 needs are listed, the largest demand first." in text(oulu)
    assert "The first 1 of 2 programmes are listed." in text(oulu)
    assert listed_programmes(oulu) == ["busy-course-0"]
    show_all = 'href="?all=FI1D9#region-FI1D9"'
    assert oulu.count(show_all) == 2  # after the needs and after the programmes
    assert "List every need and programme in North Ostrobothnia" in text(oulu)

    every = section(client.get(f"{address}?all=FI1D9").content.decode(), "region-FI1D9")

    assert listed_needs(every) == ["busy-1", "busy-2", "busy-0"]
    assert listed_programmes(every) == ["busy-course-0", "busy-course-1"]
    assert "Listed needs 18 18.0" in text(every) and "The first" not in text(every)


def test_the_drill_down_of_an_occupation_keeps_the_filters(client, data):
    response = client.get(
        url("gaps:detail", dimension="occupation", key="cell-operator") + "?country=FI"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<h1><span class="gap-kicker">Occupation</span> <span lang="en">cell operator</span></h1>'
        in html
    )
    assert listed_needs(section(html, "region-FI1D9")) == ["oulu-operators"]
    assert listed_programmes(section(html, "region-FI1D9")) == ["oulu-cell-course"]
    assert (
        'href="/en/gaps/export/occupation/cell-operator.csv?country=FI&amp;format=csv-comma"'
        in html
    )
    assert 'href="/en/occupations/cell-operator/"' in html


def test_the_navigation_marks_the_gap_pages(client, data):
    dashboard = client.get(url("gaps:dashboard")).content.decode()
    detail = client.get(
        url("gaps:detail", dimension="segment", key="cells")
    ).content.decode()

    assert '<a href="/en/gaps/" aria-current="page">Gap analysis</a>' in dashboard
    assert '<a href="/en/gaps/" aria-current="true">Gap analysis</a>' in detail


# Overlaps and how it works ---------------------------------------------------------------------------------------


def test_the_overlaps_page_lists_pairs_with_their_shared_skills(client, data):
    response = client.get(url("gaps:overlaps") + "?segment=cells&across_border=on")

    assert response.status_code == 200
    html = response.content.decode()
    pairs = text(section(html, "pairs"))
    assert "1 overlapping pair" in pairs
    assert "Programme oulu-cell-course" in pairs and "Programme umea-cells" in pairs
    assert "across the border 100% 2 skills" in pairs
    assert (
        'href="/en/gaps/export/overlaps.csv?segment=cells&amp;across_border=on&amp;format=csv-comma"'
        in html
    )
    assert (
        "Part of the value chain Cell manufacturing Pairs Across the border only"
        in text(html)
    )


def test_the_how_page_explains_the_rules_with_the_numbers_of_the_analysis(client):
    html = text(client.get(url("gaps:method")).content.decode())

    assert "Low 0.5 Medium 1 High 1.5 Critical 2" in html
    assert "from 80% to 125% of the demand is balanced" in html
    assert "Every figure counts only the needs its viewer may see." in html
    assert (
        "employers" not in html.split("Confidential needs")[1].split("Example data")[0]
    )
    assert "A pair is listed from 50% similarity with at least 2 shared skills" in html
    assert (
        f"in {Y} a need for 12 people by {Y + 2}, of high urgency, adds 12 × 1.5 / 3 = 6 people per year"
        in html
    )
    # Current intakes: less than 3 years old, so in 2026 those of 2024, 2025 and 2026.
    assert (
        f"An intake counts as current supply when it is less than 3 years old: in {Y}, intakes of {Y - 2} and "
        "later." in html
    )
    assert (
        "Published needs only: drafts and discontinued needs are neither shown nor counted."
        in html
    )
    assert "Drafts and discontinued programmes do not count." in html
    assert (
        "A figure rests mostly on example data when more than 50% of its demand or of its places comes from "
        "examples" in html
    )


def test_the_how_page_follows_the_intake_age_setting(client, settings):
    settings.INTAKE_MAX_AGE_YEARS = 1

    html = text(client.get(url("gaps:method")).content.decode())

    assert (
        f"An intake counts as current supply when it is less than 1 year old: in {Y}, intakes of {Y} and later."
        in html
    )


# Bad input and unknown keys --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("horizon=soon", "Needed by (horizon)", "Enter a whole number."),
        ("min_level=9", "From EQF level", "Select a valid choice. 9 is not one of the available choices."),
        ("min_level=6&max_level=2", "To EQF level", "The highest level must not be below the lowest level."),
        ("country=NO", "Countries", "Select a valid choice. NO is not one of the available choices."),
    ],
)  # fmt: skip
def test_bad_filters_are_a_400_naming_the_field(client, data, query, field, message):
    for name, kwargs in [
        ("gaps:dashboard", {}),
        ("gaps:detail", {"dimension": "segment", "key": "cells"}),
    ]:
        response = client.get(url(name, **kwargs) + "?" + query)

        assert response.status_code == 400
        html = response.content.decode()
        assert f"{field}: {message}" in text(
            html.split('role="alert"')[1].split("</div>")[0]
        )
        assert (
            'aria-invalid="true"' in html or 'class="gf-checkboxes has-error"' in html
        )
        assert 'id="heat-map"' not in html and "region-FI1D9" not in html


def test_the_errors_are_in_the_language_of_the_page(client, data):
    html = client.get(url("gaps:dashboard", "fi") + "?horizon=pian").content.decode()

    assert "Syötä kokonaisluku." in html


def test_an_unknown_segment_on_the_overlaps_page_is_a_400(client, data):
    response = client.get(url("gaps:overlaps") + "?segment=batteries")

    assert response.status_code == 400
    assert (
        "Part of the value chain: “batteries” is not a part of the value chain."
        in text(response.content.decode())
    )


@pytest.mark.parametrize(
    ("dimension", "key", "message"),
    [
        (
            "segment",
            "batteries",
            "No part of the value chain has the code “batteries”.",
        ),
        ("occupation", "pilot", "No occupation has the address “pilot”."),
        ("skill", "flying", "No skill has the address “flying”."),
        ("region", "FI1D9", "“region” is not a view of the gap analysis."),
    ],
)
def test_an_unknown_key_is_a_404_saying_so(client, data, dimension, key, message):
    response = client.get(url("gaps:detail", dimension=dimension, key=key))

    assert response.status_code == 404
    assert message in text(response.content.decode())


# Example data ----------------------------------------------------------------------------------------------------


def test_the_dashboard_includes_example_data_by_default_and_says_how_much(client, data):
    html = client.get(url("gaps:dashboard")).content.decode()

    assert 'name="examples" value="include" id="id_examples_0" checked' in html
    notes = text(html.split('class="gap-notes"')[1].split("</section>")[0])
    # Five figures: cells in FI1D, FI1D9 and SE331, recycling in FI1D9 and SE331; only FI1D's has an example need.
    assert (
        "Example data written by the project to show how the map works counts in these figures. "
        "1 of the 5 figures by part of the value chain and region includes example data. "
        "1 of them rests mostly on example data."
    ) in notes


def test_leaving_out_example_data_drops_the_figures_that_rest_on_it(client, data):
    html = client.get(url("gaps:dashboard") + "?examples=exclude").content.decode()

    assert 'name="examples" value="exclude" id="id_examples_1" checked' in html
    # FI1D had only the example need (and no site of its own): without it, it has no figure.
    assert region_columns(html) == ["FI1D9", "SE331"]
    notes = text(html.split('class="gap-notes"')[1].split("</section>")[0])
    assert (
        "is left out of these figures: only real needs and intake figures count"
        in notes
    )
    assert "Example data Left out" in text(
        html.split('class="gap-filter-list">')[1].split("</dl>")[0]
    )
    # The drill-down follows: no FI1D section, and the example need is not listed.
    detail = client.get(
        url("gaps:detail", dimension="segment", key="cells") + "?examples=exclude"
    ).content.decode()
    assert 'id="region-FI1D"' not in detail
    assert "north-cells" not in detail
    assert "Example data is left out of these figures." in text(detail)


def test_the_dashboard_compares_the_analysis_with_and_without_example_data(
    client, data, django_assert_num_queries
):
    with django_assert_num_queries(DASHBOARD_COMPARED):
        html = client.get(
            url("gaps:dashboard") + "?compare_examples=1"
        ).content.decode()

    comparison = section(html, "example-comparison")
    assert "1 figure changes without the example data." in text(comparison)
    rows = [text(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", comparison, re.S)][2:]
    assert rows == [
        # segment, region, with examples: demand, places, status; without: the same; changes
        "Cell manufacturing North and East Finland FI1D 3.0 12.0 ▲ Over-supplied — — no needs and no programmes yes",
        "Cell manufacturing North Ostrobothnia FI1D9 20.0 12.0 ▼ Under-supplied 20.0 12.0 ▼ Under-supplied no",
        "Cell manufacturing Västerbotten SE331 0.0 30.0 ○ No stated need 0.0 30.0 ○ No stated need no",
        "Recycling North Ostrobothnia FI1D9 0.0 8.0 ○ No stated need 0.0 8.0 ○ No stated need no",
        "Recycling Västerbotten SE331 5.0 0.0 ⇄ Covered only across the border 5.0 0.0 ⇄ Covered only across the border no",
    ]
    # Each side links to the drill-down counted the same way.
    assert 'href="/en/gaps/segment/cells/?examples=include#region-FI1D"' in comparison
    assert 'href="/en/gaps/segment/cells/?examples=exclude#region-FI1D9"' in comparison
    assert '<tr class="gap-changes">' in comparison
    assert 'href="#example-comparison"' in html
    # Without the request there is no comparison.
    assert (
        'id="example-comparison"'
        not in client.get(url("gaps:dashboard")).content.decode()
    )


def test_a_row_says_in_words_how_much_of_it_is_example_data(client, data):
    need("oulu-example", data["oulu"], 8, Urgency.MEDIUM, segments=[data["recycling"]], example=True)  # fmt: skip
    need("oulu-real", data["oulu"], 2, Urgency.MEDIUM, segments=[data["recycling"]])

    html = client.get(url("gaps:dashboard")).content.decode()

    rows = [
        text(r)
        for r in re.findall(r"<tr>(.*?)</tr>", section(html, "segment-list"), re.S)
    ]
    recycling = next(r for r in rows if r.startswith("Recycling North Ostrobothnia"))
    # 8 of the 10 people a year come from the example need: 80% of the demand.
    assert recycling.endswith(
        "rests mostly on example data 1 of 2 needs is an example: 80% of the demand. "
        "This figure rests mostly on example data: check it without example data before acting on it."
    )


def test_an_unknown_examples_value_is_a_400_naming_the_field(client, data):
    for language in LANGUAGES:
        response = client.get(url("gaps:dashboard", language) + "?examples=some")

        assert response.status_code == 400
        with translation.override(language):
            field = str(DashboardForm.base_fields["examples"].label)
            message = gettext(
                "Select a valid choice. %(value)s is not one of the available choices."
            ) % {"value": "some"}
        assert f"{field}: {message}" in text(
            response.content.decode().split('role="alert"')[1].split("</div>")[0]
        )


# Old intakes -----------------------------------------------------------------------------------------------------


def test_the_drill_down_shows_the_intakes_behind_the_places_and_the_old_ones(
    client, data
):
    course = Programme.objects.get(slug="oulu-cell-course")
    unknown = Programme.objects.get(slug="oulu-cell-unknown")
    IntakeFactory(programme=course, year=Y - 1, places=12, applicants=None, enrolled=9)
    IntakeFactory(programme=course, year=Y - 7, places=12, applicants=None, enrolled=3)
    IntakeFactory(
        programme=unknown, year=Y - 3, places=40, applicants=None, enrolled=40
    )

    html = client.get(
        url("gaps:detail", dimension="segment", key="cells")
    ).content.decode()

    oulu = text(section(html, "region-FI1D9"))
    # The course keeps its 12 places per year, filled 9 of 12 at last year's intake; the unknown programme's only
    # intake is three years old, so its places stay unknown.
    course_row, unknown_row = (
        text(row)
        for row in re.findall(r"<tr>(.*?)</tr>", section(html, "region-FI1D9"), re.S)
        if "oulu-cell-" in row
    )
    assert course_row.endswith(
        f"no level Oulu (North Ostrobothnia) 12.0 9.0 Filled share from the {Y - 1} intake. "
        f"Intake {Y - 7} and older: too old to count"
    )
    assert unknown_row.endswith(
        "no level Oulu (North Ostrobothnia) unknown unknown "
        f"Intake {Y - 3} and older: too old to count"
    )
    assert "Places per year 12.0 Filled places per year 9.0" in oulu
    assert (
        f"Only intakes of {Y - 2} and later count toward places and fill rates; older ones are listed with their "
        "year but do not count."
    ) in text(html)


def test_the_drill_down_says_which_intake_the_places_come_from(client, data):
    unknown = Programme.objects.get(slug="oulu-cell-unknown")
    IntakeFactory(programme=unknown, year=Y, places=6, applicants=None, enrolled=None)

    html = client.get(
        url("gaps:detail", dimension="segment", key="cells")
    ).content.decode()

    unknown_row = next(
        text(row)
        for row in re.findall(r"<tr>(.*?)</tr>", section(html, "region-FI1D9"), re.S)
        if "oulu-cell-unknown" in row
    )
    assert unknown_row.endswith(
        f"Oulu (North Ostrobothnia) 6.0 6.0 Places from the {Y} intake."
    )


# Queries ---------------------------------------------------------------------------------------------------------


def test_the_pages_do_the_same_queries_for_small_and_larger_data(
    client, data, django_assert_num_queries
):
    pages = [
        (url("gaps:dashboard"), DASHBOARD),
        (url("gaps:dashboard") + "?examples=exclude", DASHBOARD),
        (url("gaps:dashboard") + "?compare_examples=1", DASHBOARD_COMPARED),
        (url("gaps:detail", dimension="segment", key="cells"), DETAIL_SEGMENT),
        (url("gaps:detail", dimension="segment", key="cells") + "?examples=exclude", DETAIL_SEGMENT),
        (url("gaps:detail", dimension="occupation", key="cell-operator"), DETAIL_OCCUPATION),
        (url("gaps:overlaps"), OVERLAPS),
        (url("gaps:method"), 0),
    ]  # fmt: skip
    for address, queries in pages:
        with django_assert_num_queries(queries):
            assert client.get(address).status_code == 200
    more_data(data)
    for address, queries in pages:
        with django_assert_num_queries(queries):
            assert client.get(address).status_code == 200


def test_a_coordinator_adds_only_the_session_user_and_permissions(
    coordinator_client, data, django_assert_num_queries
):
    more_data(data)
    with django_assert_num_queries(DASHBOARD + LOGGED_IN):
        coordinator_client.get(url("gaps:dashboard"))
    with django_assert_num_queries(DETAIL_SEGMENT + LOGGED_IN):
        coordinator_client.get(url("gaps:detail", dimension="segment", key="cells"))


def test_bad_input_costs_no_analysis(client, data, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(url("gaps:dashboard") + "?horizon=x").status_code == 400
    with django_assert_num_queries(1):
        assert (
            client.get(url("gaps:detail", dimension="skill", key="x")).status_code
            == 404
        )


# Languages -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_gap_page_answers_in_each_language_with_one_h1(client, data, language):
    for address in [
        url("gaps:dashboard", language),
        url("gaps:detail", language, dimension="segment", key="cells"),
        url("gaps:detail", language, dimension="skill", key="cell-stacking"),
        url("gaps:overlaps", language),
        url("gaps:method", language),
    ]:
        response = client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert len(re.findall(r"<h1[ >]", html)) == 1


def test_names_follow_the_language_of_the_page(client, data):
    html = client.get(url("gaps:dashboard", "sv")).content.decode()

    assert '<span lang="sv">Celltillverkning</span>' in html
    assert '<span lang="sv">Återvinning</span>' in html


@translation.override("en")
def test_ages_are_said_in_words():
    today = datetime.date(2026, 11, 29)

    assert age_in_words(datetime.date(2026, 11, 10), today) == "less than a month old"
    assert age_in_words(datetime.date(2026, 10, 29), today) == "1 month old"
    assert age_in_words(datetime.date(2026, 5, 30), today) == "5 months old"
    assert age_in_words(datetime.date(2025, 11, 29), today) == "1 year old"
    assert age_in_words(datetime.date(2022, 11, 28), today) == "4 years old"
