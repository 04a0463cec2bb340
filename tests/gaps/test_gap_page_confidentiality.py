"""Confidential needs on the gap pages: neither listed nor counted for those they are hidden from, however many
employers state them, and every page says whether its figures include confidential needs."""

import pytest

from tests.gaps.gap_page_data import (
    Urgency,
    Visibility,
    heat_cell,
    listed_needs,
    need,
    section,
    text,
    url,
)

pytestmark = pytest.mark.django_db


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
