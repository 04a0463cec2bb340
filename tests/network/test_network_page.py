"""The network page: its filters, the cross-border figures on a small network counted by hand, the picture and the
table listing the same links, each actor in the picture a link named by its visible label, and a fixed number of
queries whatever the number of links."""

import re

import pytest

from skills.models import Actor, ActorLink
from tests.factories import ActorLinkFactory, RegionFactory, SegmentFactory

pytestmark = pytest.mark.django_db

PATH_LINK = re.compile(
    r'<path d="[^"]+" stroke="[^"]+"(?: stroke-dasharray="[^"]+")? data-link="(\d+)"'
)
ROW_LINK = re.compile(r'<tr data-link="(\d+)">')
NODE = re.compile(r'<a href="([^"]+)" class="network-node"([^>]*)>(.*?)</a>', re.S)


def page(client, query: str = "", language: str = "en"):
    return client.get(f"/{language}/network/{query}")


def figure(response, name: str) -> list[tuple[str, int]]:
    return [
        (str(row.label), row.count)
        for row in getattr(response.context["figures"], name)
    ]


def shown_ids(response) -> set[int]:
    return {row.link.pk for row in response.context["rows"]}


def test_the_page_shows_published_links_between_published_actors_only(client, network):
    response = page(client)

    assert response.status_code == 200
    assert shown_ids(response) == {
        network.agreement.pk,
        network.apprenticeship.pk,
        network.research.pk,
        network.shared.pk,
    }


def test_the_figures_count_the_cross_border_links_by_kind_segment_and_year(
    client, network
):
    response = page(client)
    figures = response.context["figures"]

    assert (figures.total, figures.cross_border) == (4, 3)
    assert figure(response, "by_kind") == [
        ("Education–employer agreement", 1),
        ("Apprenticeship or workplace-learning partner", 1),
        ("Shared programme", 0),  # OSAO–Centria is within Finland
        ("Research cooperation", 1),
        ("Cluster membership", 0),
        ("Joint action", 0),  # no action in this network
    ]
    # The apprenticeship concerns both segments and counts in each; the research link names none.
    assert figure(response, "by_segment") == [
        ("Cell manufacturing", 2),
        ("Recycling and second life", 1),
        ("No segment given", 1),
    ]
    assert figure(response, "by_year") == [
        ("2022", 1),
        ("2024", 1),
        ("Start not known", 1),
    ]
    html = response.content.decode()
    assert (
        '<caption id="network-by-kind-caption">Links across the border by kind of cooperation</caption>'
        in html
    )
    assert "Links across the border by the year they started</caption>" in html


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("?kind=research", {"research"}),
        ("?segment=recycling", {"apprenticeship", "shared"}),
        (
            "?region=FI1D5",
            {"research", "shared"},
        ),  # Centria's region, on either side of the link
        ("?region=SE331", {"agreement", "apprenticeship", "research"}),
        ("?across=on", {"agreement", "apprenticeship", "research"}),
        ("?across=on&segment=recycling", {"apprenticeship"}),
        ("?kind=shared_programme&across=on", set()),
    ],
)
def test_the_filters_narrow_the_links_and_combine(client, network, query, names):
    response = page(client, query)

    assert response.status_code == 200
    assert shown_ids(response) == {getattr(network, name).pk for name in names}


def test_a_region_filter_includes_its_subregions(client, network):
    upper_norrland = RegionFactory(
        code="SE33", code_2024="SE33", level=2, country="SE", name_en="Upper Norrland"
    )
    vasterbotten = network.northvolt.sites.get().region
    vasterbotten.parent = upper_norrland
    vasterbotten.save()

    assert shown_ids(page(client, "?region=SE33")) == {
        network.agreement.pk,
        network.apprenticeship.pk,
        network.research.pk,
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?kind=friendship", "kind"),
        ("?segment=nowhere", "segment"),
        ("?region=XX9", "region"),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_the_filter(
    client, network, query, field
):
    response = page(client, query)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert f'href="#id_{field}"' in html
    assert "<h1>" in html and html.count("<h1>") == 1


def test_the_picture_and_the_table_list_the_same_links(client, network):
    for query in ("", "?across=on", "?segment=cells", "?kind=cluster"):
        response = page(client, query)
        html = response.content.decode()
        in_picture = PATH_LINK.findall(html)
        in_table = ROW_LINK.findall(html)
        assert sorted(in_picture) == sorted(in_table), query
        assert len(in_table) == len(set(in_table)) == len(response.context["rows"])
        assert response.context["graph"].link_ids == [
            row.link.pk for row in response.context["rows"]
        ]


def test_finnish_actors_stand_left_and_swedish_right_grouped_by_type(client, network):
    graph = page(client).context["graph"]
    x = {node.actor_id: node.x for node in graph.nodes}
    y = {node.actor_id: node.y for node in graph.nodes}

    assert (
        x[network.osao.pk]
        == x[network.centria.pk]
        < x[network.northvolt.pk]
        == x[network.boliden.pk]
    )
    # By name within a type: Centria above OSAO, Boliden above Northvolt.
    assert y[network.centria.pk] < y[network.osao.pk]
    assert y[network.boliden.pk] < y[network.northvolt.pk]
    assert [h.text for h in graph.headings if h.is_country] == ["Finland", "Sweden"]


def test_each_actor_in_the_picture_is_a_link_named_by_its_visible_label(
    client, network
):
    html = page(client).content.decode()
    nodes = NODE.findall(html)

    assert {href for href, _attrs, _inner in nodes} == {
        "/en/actors/osao/",
        "/en/actors/centria/",
        "/en/actors/northvolt/",
        "/en/actors/boliden/",
    }
    for href, attrs, inner in nodes:
        assert "aria-label" not in attrs and "<title" not in inner
        text = re.sub(r"<[^>]+>", "", inner).strip()
        assert text == Actor.objects.get(slug=href.split("/")[-2]).name_en


def test_the_legend_shows_every_kind_with_its_line_style_and_name(client, network):
    response = page(client)
    html = response.content.decode()
    legend = response.context["graph"].legend

    assert [entry.label for entry in legend] == [
        *(str(label) for _value, label in ActorLink.Kind.choices),
        "Joint action",
    ]
    # Every kind but one has its own dash pattern, so the lines differ without colour too.
    assert len({entry.dash for entry in legend}) == len(legend)
    for entry in legend:
        assert entry.label in html


def test_the_picture_scrolls_in_its_own_named_region(client, network):
    html = page(client).content.decode()

    assert (
        '<div class="network-scroll" role="region" aria-labelledby="network-graph-caption" tabindex="0">'
        in html
    )
    assert 'id="network-graph-caption"' in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_page_answers_in_every_language_with_one_h1_and_numbers_svg_can_read(
    client, network, language
):
    response = page(client, language=language)
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count("<h1>") == 1
    # Coordinates are never written with a decimal comma, whatever the language.
    assert not re.search(r'\b(?:cx|cy|x|y)="\d+,\d', html)


def test_the_table_lists_both_actors_with_their_countries_kind_dates_and_segments(
    client, network
):
    html = page(client, "?kind=apprenticeship").content.decode()
    row = html[html.index(f'<tr data-link="{network.apprenticeship.pk}">') :]
    row = row[: row.index("</tr>")]
    cells = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    ]

    assert cells == [
        "Boliden",
        "Sweden",
        "OSAO",
        "Finland",
        "Apprenticeship or workplace-learning partner",
        "15 January 2024 to 30 June 2025",
        "Cell manufacturing, Recycling and second life",
    ]


def test_the_actor_list_links_to_the_network(client):
    html = client.get("/en/actors/").content.decode()

    assert 'href="/en/network/"' in html


def test_the_page_does_the_same_queries_for_1_and_40_links(
    client, django_assert_num_queries
):
    segment = SegmentFactory()
    ActorLinkFactory().segments.add(segment)
    # 1 the segment choices and 2 the region choices of the filter form, 3 the links with both actors,
    # 4 their segments, 5 the visible actions' participants (none here; tests/network/test_joint_actions.py has some)
    with django_assert_num_queries(5):
        response = page(client, "?across=on")
    assert len(response.context["rows"]) == 1
    for link in ActorLinkFactory.create_batch(39):
        link.segments.add(segment)
    with django_assert_num_queries(5):
        response = page(client, "?across=on")
    assert len(response.context["rows"]) == 40
    assert len(ROW_LINK.findall(response.content.decode())) == 40
    # A chosen segment is looked up once (its links are then filtered in the same query as the rest).
    with django_assert_num_queries(6):
        response = page(client, f"?across=on&segment={segment.code}")
    assert len(response.context["rows"]) == 40
