"""What every gap page does: the navigation marks it, bad input is a 400 naming the field and an unknown key a 404
saying so, the pages do the same queries for small and larger data, and each answers in the three languages."""

import datetime
import re

import pytest
from django.utils import translation

from gaps.analysis.input_dates import age_in_words
from tests.gaps.gap_page_data import (
    DASHBOARD,
    DASHBOARD_COMPARED,
    DETAIL_OCCUPATION,
    DETAIL_SEGMENT,
    LANGUAGES,
    LOGGED_IN,
    OVERLAPS,
    STARTS_ACTIONS,
    more_data,
    text,
    url,
)

pytestmark = pytest.mark.django_db


def test_the_navigation_marks_the_gap_pages(client, data):
    dashboard = client.get(url("gaps:dashboard")).content.decode()
    detail = client.get(
        url("gaps:detail", dimension="segment", key="cells")
    ).content.decode()

    assert '<a href="/en/gaps/" aria-current="page">Gap analysis</a>' in dashboard
    assert '<a href="/en/gaps/" aria-current="true">Gap analysis</a>' in detail


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


def test_a_coordinator_adds_only_the_session_user_permissions_and_coordinator_record(
    coordinator_client, data, django_assert_num_queries
):
    more_data(data)
    with django_assert_num_queries(DASHBOARD + LOGGED_IN + STARTS_ACTIONS):
        coordinator_client.get(url("gaps:dashboard"))
    with django_assert_num_queries(DETAIL_SEGMENT + LOGGED_IN + STARTS_ACTIONS):
        coordinator_client.get(url("gaps:detail", dimension="segment", key="cells"))
    with django_assert_num_queries(OVERLAPS + LOGGED_IN + STARTS_ACTIONS):
        coordinator_client.get(url("gaps:overlaps"))


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
