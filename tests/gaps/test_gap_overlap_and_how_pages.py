"""The overlapping programmes page (pairs with their shared skills) and the "how it works" page (the rules with the
numbers of the analysis and the intake age setting)."""

import pytest

from tests.gaps.gap_page_data import Y, section, text, url

pytestmark = pytest.mark.django_db


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
