"""Two snapshots with edits in between: the comparison gives exactly the programmes added and discontinued, the places
that changed, the need added and the statuses that changed, on the page as in the figures (tests/snapshots/conftest.py
describes the map before the edits)."""

import re

import pytest
from django.utils import timezone

from gaps.snapshots.comparison import CellChange, Change, compare
from gaps.snapshots.services import snapshot_take
from tests.gaps.gap_page_data import need, programme, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_snapshots(small_map):
    """Before and after: a recycling programme added in Umeå (6 places), the Oulu cell programme discontinued, the
    Umeå cell programme's places raised from 30 to 40, and a public need for 4 people for recycling in Oulu."""
    before = snapshot_take()
    programme(
        "umea-recycling", small_map["vbotten"], places=6, segments=[small_map["recycling"]], country="SE", town="Umeå"
    )  # fmt: skip
    discontinued = small_map["programmes"]["oulu-cells"]
    discontinued.state = "discontinued"
    discontinued.ended_on = timezone.localdate()
    discontinued.save()
    umea = small_map["programmes"]["umea-cells"]
    umea.places_per_year = 40
    umea.save()
    need(
        "oulu-recycling",
        small_map["oulu"],
        4,
        "medium",
        segments=[small_map["recycling"]],
    )
    after = snapshot_take()
    return before, after


def test_the_comparison_gives_exactly_the_changes_made_in_between(two_snapshots):
    before, after = two_snapshots

    changes = compare(before.figures, after.figures, before.counts, after.counts)

    assert [p["slug"] for p in changes.added] == ["umea-recycling"]
    assert changes.added[0]["name"]["sv"] == "Utbildning umea-recycling"
    assert [p["slug"] for p in changes.discontinued] == ["oulu-cells"]
    assert changes.removed == []
    # Places a year per segment: cells 12 + 30 → 40 (the discontinued programme stops counting), recycling 8 → 8 + 6.
    assert changes.places == [
        Change("cells", 42.0, 40.0),
        Change("recycling", 8.0, 14.0),
    ]
    assert [c.difference for c in changes.places] == [-2.0, 6.0]
    assert changes.needs == [CellChange("recycling", "FI1D9", 0, 1)]
    # Cells in Oulu: only Umeå's programme is left (across the border); recycling in Oulu: 8 places for 4 people a
    # year (200 %); recycling in Västerbotten: 6 places for 5 (120 %) now that Umeå teaches it.
    assert changes.statuses == [
        CellChange("cells", "FI1D9", "balanced", "across-border"),
        CellChange("recycling", "FI1D9", "no-stated-need", "over-supplied"),
        CellChange("recycling", "SE331", "across-border", "balanced"),
    ]
    assert {
        c.key: (c.before, c.after) for c in changes.counts if c.before != c.after
    } == {
        "programmes_discontinued": (0, 1),
        "places_per_year": (50.0, 54.0),
        "needs": (2, 3),
        "people_needed": (15, 19),
        "actors": (7, 9),  # the new programme's provider and the new need's employer
    }
    assert changes.changes_anything


def test_a_snapshot_compared_with_one_of_the_same_data_shows_no_change(small_map):
    first, second = snapshot_take(), snapshot_take()

    changes = compare(first.figures, second.figures, first.counts, second.counts)

    assert not changes.changes_anything
    assert changes.added == changes.discontinued == changes.removed == []
    assert changes.needs == changes.statuses == []


def test_a_programme_that_is_no_longer_public_is_listed_as_such(small_map):
    before = snapshot_take()
    gone = small_map["programmes"]["oulu-recycling"]
    gone.state = "draft"
    gone.save()
    after = snapshot_take()

    changes = compare(before.figures, after.figures, before.counts, after.counts)

    assert [p["slug"] for p in changes.removed] == ["oulu-recycling"]
    assert changes.added == changes.discontinued == []
    # Its row in Oulu is gone: no needs and no programmes there any more.
    assert CellChange("recycling", "FI1D9", "no-stated-need", None) in changes.statuses


def rows(html: str, caption: str) -> list[str]:
    table = re.search(rf"<caption[^>]*>{caption}</caption>(.*?)</table>", html, re.S)
    assert table, caption
    return [text(row) for row in re.findall(r"<tbody>(.*?)</tbody>", table.group(1), re.S)[0].split("</tr>") if text(row)]  # fmt: skip


def test_the_comparison_page_shows_the_changes(client, two_snapshots):
    before, after = two_snapshots

    response = client.get(
        f"/en/gaps/snapshots/compare/?from={before.slug}&to={after.slug}"
    )

    assert response.status_code == 200
    html = response.content.decode()
    page = text(html)
    assert "Added Programme umea-recycling — 6 places a year" in page
    assert "Discontinued Programme oulu-cells" in page
    assert "No longer public Programmes in the earlier snapshot that the later one does not have: deleted, or returned to draft. None." in page  # fmt: skip
    assert rows(html, "Places a year in running programmes, each programme counted once, before and after") == [
        "Cell manufacturing 42 40 −2",
        "Recycling 8 14 +6",
    ]  # fmt: skip
    assert rows(html, "Standing public needs counted, where their number changed") == [
        "Recycling North Ostrobothnia FI1D9 0 1 +1"
    ]
    assert rows(html, "The status of a part of the value chain in a region, before and after") == [
        "Cell manufacturing North Ostrobothnia ✓ Balanced ⇄ Covered only across the border",
        "Recycling North Ostrobothnia ○ No stated need ▲ Over-supplied",
        "Recycling Västerbotten ⇄ Covered only across the border ✓ Balanced",
    ]  # fmt: skip
    assert "Places a year in running programmes 50 54 +4" in page
