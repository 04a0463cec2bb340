"""The public snapshot pages: they answer in fi, sv and en with one <h1>, render from the frozen figures in a fixed
number of queries whatever the size of the bundles, offer the bundle as a download, refuse bad comparison parameters
with a 400 naming the field, and the gap dashboard links to them."""

import hashlib
import json
import re

import pytest

from gaps.snapshots.services import snapshot_take
from tests.factories import SnapshotFactory
from tests.gaps.gap_page_data import LANGUAGES, programme, text

pytestmark = pytest.mark.django_db

# Queries of an anonymous visitor (the views' docstrings).
LIST = 1  # the snapshots with their titles and counts
DETAIL = 2  # the snapshot with its figures; the slug of the one before it
COMPARE = 2  # the snapshots to choose from; the two with their figures
BUNDLE = 1  # the snapshot with its dataset


@pytest.fixture
def snapshots(small_map):
    before = snapshot_take(title={"en": "Before", "fi": "Ennen", "sv": "Före"})
    after = snapshot_take(title={"en": "After", "fi": "Jälkeen", "sv": "Efter"})
    return before, after


def pages(before, after) -> list[str]:
    return [
        "gaps/snapshots/",
        f"gaps/snapshots/{after.slug}/",
        f"gaps/snapshots/compare/?from={before.slug}&to={after.slug}",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_snapshot_pages_answer_in_each_language_with_one_h1(
    client, snapshots, language
):
    for path in pages(*snapshots):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert len(re.findall(r"<h1[ >]", html)) == 1, path


def test_the_list_shows_every_snapshot_and_offers_the_last_two_to_compare(
    client, snapshots
):
    before, after = snapshots

    html = client.get("/sv/gaps/snapshots/").content.decode()

    assert re.findall(r'<th scope="row"><a href="/sv/gaps/snapshots/([\w-]+)/"><span lang="sv">(\w+)</span>', html) == [
        (after.slug, "Efter"),
        (before.slug, "Före"),
    ]  # fmt: skip
    assert f'<option value="{before.slug}" selected>' in html
    assert re.search(
        rf'<select name="to"[^>]*>\s*<option value="{after.slug}" selected>', html
    )


def test_a_snapshot_page_shows_its_counts_and_its_dashboard_as_tables(
    client, snapshots
):
    _before, after = snapshots

    html = client.get(f"/en/gaps/snapshots/{after.slug}/").content.decode()

    page = text(html)
    assert '<h1 lang="en">After</h1>' in html
    assert (
        "Programmes running 3" in page
        and "Places a year in running programmes 50" in page
    )
    assert (
        "Standing public competence needs 2" in page
        and "People needed by them 15" in page
    )
    assert after.sha256 in html
    assert f'href="/en/gaps/snapshots/{after.slug}/bundle.json" download' in html
    # The snapshot before it, to compare with.
    assert (
        f'href="/en/gaps/snapshots/compare/?from={_before.slug}&amp;to={after.slug}"'
        in html
    )
    heat = html.split('<table class="gap-heat">')[1].split("</table>")[0]
    assert [text(c) for c in re.findall(r'<td class="gap-cell gap-[\w-]+">(.*?)</td>', heat, re.S)] == [
        "✓ Balanced: Balanced, demand per year 10 / places per year 12",
        "○ No need: No stated need, demand per year 0 / places per year 30",
        "○ No need: No stated need, demand per year 0 / places per year 8",
        "⇄ Across border: Covered only across the border, demand per year 5 / places per year 0",
    ]  # fmt: skip
    assert (
        "Cell manufacturing 1 10 10 42 0" in page
    )  # totals: needs, people, demand, places, planned places


def test_the_bundle_is_a_json_download_whose_digest_the_page_shows(client, snapshots):
    _before, after = snapshots

    response = client.get(f"/fi/gaps/snapshots/{after.slug}/bundle.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="battery-region-snapshot-{after.slug}.json"'
    )
    assert hashlib.sha256(response.content).hexdigest() == after.sha256
    bundle = json.loads(response.content)
    assert set(bundle) == {"format_version", "slug", "taken_on", "taken_at", "data_version", "counts", "figures", "dataset"}  # fmt: skip
    assert bundle["counts"] == after.counts
    assert len(bundle["dataset"]["programmes"]) == 3


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("", "Earlier snapshot", "Choose the earlier snapshot (from)."),
        ("from=nothing&to={after}", "Earlier snapshot", "“nothing” is not a snapshot; choose the earlier snapshot (from) from the list."),
        ("from={before}&to=2020-01-01", "Later snapshot", "“2020-01-01” is not a snapshot; choose the later snapshot (to) from the list."),
        ("from={before}", "Later snapshot", "Choose the later snapshot (to)."),
        ("from={after}&to={after}", "Later snapshot", "Choose a later snapshot (to) other than the earlier one."),
    ],
)  # fmt: skip
def test_bad_comparison_parameters_are_a_400_naming_the_field(
    client, snapshots, query, field, message
):
    before, after = snapshots

    response = client.get(
        "/en/gaps/snapshots/compare/?"
        + query.format(before=before.slug, after=after.slug)
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert f"{field}</a>: {message}" in text(html).replace(
        " </a>", "</a>"
    ) or f"{field}: {message}" in text(html)
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_comparison_parameters_are_a_400_in_each_language(
    client, snapshots, language
):
    response = client.get(f"/{language}/gaps/snapshots/compare/?from=x&to=y")
    assert response.status_code == 400
    assert f'<html lang="{language}">' in response.content.decode()


def test_an_unknown_snapshot_is_a_404(client, snapshots):
    assert client.get("/en/gaps/snapshots/1999-01-01/").status_code == 404
    assert client.get("/en/gaps/snapshots/1999-01-01/bundle.json").status_code == 404


def test_the_gap_dashboard_links_to_the_snapshots(client):
    html = client.get("/fi/gaps/").content.decode()
    assert 'href="/fi/gaps/snapshots/"' in html


def test_the_snapshot_pages_do_the_same_queries_for_small_and_larger_bundles(client, small_map, django_assert_num_queries):  # fmt: skip
    before, after = snapshot_take(), snapshot_take()
    paths = {
        "/en/gaps/snapshots/": LIST,
        f"/en/gaps/snapshots/{after.slug}/": DETAIL,
        f"/en/gaps/snapshots/compare/?from={before.slug}&to={after.slug}": COMPARE,
        f"/en/gaps/snapshots/{after.slug}/bundle.json": BUNDLE,
    }
    for path, queries in paths.items():
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200

    # Ten times the programmes, in more regions, and more snapshots to list and choose from.
    for n in range(30):
        region = small_map["oulu"] if n % 2 else small_map["vbotten"]
        programme(
            f"more-{n}",
            region,
            places=n + 1,
            segments=[small_map["cells"], small_map["recycling"]],
        )
    SnapshotFactory.create_batch(5)
    larger = snapshot_take()
    assert len(larger.dataset["programmes"]) == 33
    paths = {
        "/en/gaps/snapshots/": LIST,
        f"/en/gaps/snapshots/{larger.slug}/": DETAIL,
        f"/en/gaps/snapshots/compare/?from={before.slug}&to={larger.slug}": COMPARE,
        f"/en/gaps/snapshots/{larger.slug}/bundle.json": BUNDLE,
    }
    for path, queries in paths.items():
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200


def test_a_snapshot_page_does_not_read_the_live_tables(
    client, small_map, django_assert_num_queries
):
    snapshot = snapshot_take()
    with django_assert_num_queries(DETAIL) as captured:
        client.get(f"/en/gaps/snapshots/{snapshot.slug}/")
    tables = {
        table
        for query in captured.captured_queries
        for table in re.findall(r'FROM "(\w+)"', query["sql"])
    }
    assert tables == {"gaps_snapshot"}
