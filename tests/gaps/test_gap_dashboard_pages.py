"""The gap analysis dashboard (/gaps/): the heat map, list and tables of the hand-made data set (see
tests/gaps/gap_page_data.py), the largest unmet needs, needs met only across the border, the exports and the filters
kept and said in words, and example data included by default, left out or compared."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from gaps.analysis.forms import DashboardForm
from gaps.analysis.input_dates import age_in_words
from tests.gaps.gap_page_data import (
    DASHBOARD_COMPARED,
    LANGUAGES,
    Urgency,
    heat_cell,
    listed_needs,
    need,
    region_columns,
    section,
    text,
    url,
)

pytestmark = pytest.mark.django_db


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
