"""What the pathway page says when it cannot show routes: a bad value is a 400 naming the field in an error summary,
the field marked and described, long values shortened; an empty result shows each blocker with a link that relaxes
it; htmx gets the results with the field errors out of band; and "show routes" with nothing chosen says what is
missing."""

import re

import pytest

from tests.gaps import pathway_page_data

pytestmark = pytest.mark.django_db

# The pathway pages' data set, bound by name here: the data fixture of tests/gaps/conftest.py is the gap pages'.
data = pathway_page_data.data


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"start": "nope"}, "Your highest education", "“nope” is not a starting point of the pathway search."),
        ({"country": "FI"}, "Your highest education", "Choose your highest education."),
        ({"start": "fi-vocational", "occupation": "cell-operator", "segment": "cells"}, "Part of the value chain",
         "Choose an occupation or a part of the value chain, not both."),
        ({"start": "fi-vocational", "occupation": "nope"}, "Occupation", "“nope” is not an occupation on the map."),
        ({"start": "fi-vocational", "segment": "nope"}, "Part of the value chain", "“nope” is not a part of the value chain."),
        ({"start": "fi-vocational", "country": "NO"}, "Countries where you would study", "“NO” is not a country of the map."),
        ({"start": "fi-vocational", "region": "XX999"}, "Regions where you would study", "“XX999” is not a region of the map."),
        ({"start": "fi-vocational", "language": "de"}, "Languages you can study in",
         "“de” is not a language of instruction on the map."),
        ({"start": "fi-vocational", "months": "7"}, "Longest time you can study", "“7” is not one of the study times offered."),
    ],
)  # fmt: skip
def test_a_bad_value_is_a_400_naming_the_field_in_an_error_summary(
    client, data, query, field, message
):
    response = client.get("/en/pathways/", query)
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('<div class="error-summary" role="alert">') :]
    assert re.search(
        rf'<li><a href="#id_\w+">{re.escape(field)}</a>: {re.escape(message)}</li>',
        summary,
    )
    assert 'class="route"' not in html


def test_the_field_with_an_error_is_marked_and_described(client, data):
    html = client.get("/en/pathways/", {"start": "nope"}).content.decode()
    assert re.search(r'<select name="start"[^>]*aria-invalid="true"', html)
    assert re.search(
        r'<select name="start"[^>]*aria-describedby="id_start_helptext id_start_error"',
        html,
    )
    assert (
        '<div class="field-errors" id="id_start_error" data-for="start"><p class="error">'
        in html
    )


def test_empty_parameters_are_no_choice(client, data):
    response = client.get(
        "/en/pathways/?start=fi-vocational&occupation=&segment=&months=&country=&language="
    )
    assert response.status_code == 200
    assert len(response.context["result"].routes) == 2


def test_a_long_unknown_value_is_shortened_in_the_error(client, data):
    response = client.get("/en/pathways/", {"start": "x" * 5000})
    assert response.status_code == 400
    summary = re.search(
        r'<div class="error-summary" role="alert">(.*?)</div>',
        response.content.decode(),
        re.S,
    ).group(1)
    assert (
        "“" + "x" * 39 + "…” is not a starting point of the pathway search." in summary
    )
    assert "x" * 40 not in summary


def test_an_empty_result_shows_each_blocker_with_a_link_that_relaxes_it(client, data):
    response = client.get(
        "/en/pathways/",
        {"start": "fi-vocational", "language": "sv", "months": "12", "country": "SE"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "No route matches your choices" in html
    blockers = re.findall(
        r'<li class="blocker" data-constraint="(\w+)">(.*?)</li>', html, re.S
    )
    by_constraint = dict(blockers)
    assert set(by_constraint) == {
        "duration"
    }  # only the study time stands in the way of the Swedish route
    duration = by_constraint["duration"]
    assert "Every route takes longer than the time you have." in duration
    assert "Without this preference there would be 1 route." in duration
    assert (
        'href="/en/pathways/?start=fi-vocational&amp;language=sv&amp;country=SE"'
        in duration
    )


def test_a_language_blocker_links_to_the_search_without_the_languages(client, data):
    html = client.get(
        "/en/pathways/?start=fi-vocational&language=sv&months=12&occupation="
    ).content.decode()
    blockers = dict(
        re.findall(
            r'<li class="blocker" data-constraint="(\w+)">(.*?)</li>', html, re.S
        )
    )
    assert set(blockers) == {"languages", "duration"}
    assert "No route teaches in the languages you chose." in blockers["languages"]
    assert (
        'href="/en/pathways/?start=fi-vocational&amp;months=12"'
        in blockers["languages"]
    )
    assert (
        'href="/en/pathways/?start=fi-vocational&amp;language=sv"'
        in blockers["duration"]
    )


def test_an_entry_blocker_links_to_the_catalogue_of_programmes_open_to_the_starting_point(
    client, data
):
    html = client.get("/en/pathways/", {"start": "work-experience"}).content.decode()
    (entry,) = re.findall(
        r'<li class="blocker" data-constraint="entry">(.*?)</li>', html, re.S
    )
    assert "No programme on the map is open to your starting point yet." in entry
    assert 'href="/en/programmes/?open_to=work-experience"' in entry


def test_htmx_gets_only_the_results_with_the_field_errors_out_of_band(client, data):
    response = client.get(
        "/en/pathways/", {"start": "fi-vocational"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert 'class="route"' in html
    assert (
        '<div class="field-errors" id="id_start_error" data-for="start" hx-swap-oob="true"></div>'
        in html
    )
    assert "HX-Request" in response.headers["Vary"]

    response = client.get(
        "/en/pathways/", {"start": "nope"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert (
        '<div class="field-errors" id="id_start_error" data-for="start" hx-swap-oob="true"><p class="error">'
        in response.content.decode()
    )


def test_show_routes_with_nothing_chosen_says_what_is_missing(client, data):
    """pathways.js leaves empty fields out of the request, so the button sends no parameter at all."""
    response = client.get("/en/pathways/", headers={"HX-Request": "true"})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(
        r'id="id_start_error" data-for="start" hx-swap-oob="true"><p class="error">[^<]+</p>',
        html,
    )
    # A first visit, and going back to it, still show the empty form without an error.
    assert client.get("/en/pathways/").status_code == 200
