"""Stale data: a programme or actor not verified for STALE_AFTER_MONTHS months (or never) is marked in the admin lists,
counted on the admin index and said on its public page; intakes INTAKE_MAX_AGE_YEARS old are marked as old."""

import datetime
import re
from html import unescape

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext

from batteryregion.admin_staleness import StaleFilter, last_checked
from batteryregion.staleness import (
    is_old_intake,
    is_stale,
    months_before,
    oldest_current_intake_year,
    stale_before,
)
from programmes.models import Programme
from skills.models import Actor
from tests.factories import (
    ActorFactory,
    IntakeFactory,
    OfferingFactory,
    ProgrammeFactory,
)

LANGUAGES = ["fi", "sv", "en"]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def today() -> datetime.date:
    return timezone.localdate()


# --- the rule -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "earlier"),
    [
        (datetime.date(2026, 12, 2), 12, datetime.date(2025, 12, 2)),
        (
            datetime.date(2026, 3, 31),
            1,
            datetime.date(2026, 2, 28),
        ),  # February is shorter
        (datetime.date(2028, 2, 29), 12, datetime.date(2027, 2, 28)),
        (
            datetime.date(2026, 1, 15),
            3,
            datetime.date(2025, 10, 15),
        ),  # across the new year
        (datetime.date(2026, 5, 5), 0, datetime.date(2026, 5, 5)),
    ],
)
def test_months_before_counts_calendar_months(day, months, earlier):
    assert months_before(day, months) == earlier


def test_a_record_is_stale_when_verified_more_than_twelve_months_ago_or_never():
    day = datetime.date(2026, 12, 2)

    assert stale_before(day) == datetime.date(2025, 12, 2)
    assert is_stale(None, day) is True
    assert is_stale(datetime.date(2025, 12, 1), day) is True  # a year and a day
    assert (
        is_stale(datetime.date(2025, 12, 2), day) is False
    )  # exactly a year: not older
    assert is_stale(datetime.date(2026, 12, 2), day) is False


def test_the_age_of_stale_records_is_a_setting(settings):
    settings.STALE_AFTER_MONTHS = 6
    day = datetime.date(2026, 12, 2)

    assert stale_before(day) == datetime.date(2026, 6, 2)
    assert is_stale(datetime.date(2026, 6, 1), day) is True
    assert is_stale(datetime.date(2026, 6, 2), day) is False


def test_intakes_three_years_old_are_old(settings):
    assert oldest_current_intake_year(2026) == 2024
    assert [is_old_intake(year, 2026) for year in (2022, 2023, 2024, 2026)] == [
        True,
        True,
        False,
        False,
    ]
    settings.INTAKE_MAX_AGE_YEARS = 5
    assert oldest_current_intake_year(2026) == 2022


# --- public pages ---------------------------------------------------------------------------------------------------


def last_checked_line(html: str) -> str:
    found = re.search(r'<p class="last-checked[^"]*">(.*?)</p>', html, re.S)
    assert found, "no last-checked line"
    return text(found.group(1))


def page(client, record, language: str) -> str:
    name = (
        "programmes:programme_detail"
        if isinstance(record, Programme)
        else "programmes:actor_detail"
    )
    with translation.override(language):
        address = reverse(name, args=[record.slug])
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def stale_programme() -> Programme:
    return ProgrammeFactory(verified_on=datetime.date(2025, 3, 2))


def stale_actor() -> Actor:
    return ActorFactory(verified_on=datetime.date(2025, 3, 2))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("make", [stale_programme, stale_actor])
def test_a_stale_page_says_when_it_was_last_checked_and_that_it_may_be_out_of_date(
    client, language, make
):
    html = page(client, make(), language)

    with translation.override(language):
        date = formats.date_format(datetime.date(2025, 3, 2), "DATE_FORMAT")
        expected = gettext("Last checked %(date)s; may be out of date.") % {
            "date": date
        }
    assert last_checked_line(html) == expected
    assert '<p class="last-checked stale">' in html


@pytest.mark.django_db
def test_the_last_checked_date_is_written_as_the_language_writes_dates(client):
    programme = stale_programme()

    assert (
        last_checked_line(page(client, programme, "en"))
        == "Last checked 2 March 2025; may be out of date."
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_recently_checked_page_only_says_when(client, language):
    verified = today() - datetime.timedelta(days=30)
    programme = ProgrammeFactory(verified_on=verified)
    actor = ActorFactory(verified_on=verified)

    with translation.override(language):
        expected = gettext("Last checked %(date)s.") % {
            "date": formats.date_format(verified, "DATE_FORMAT")
        }
    for record in (programme, actor):
        html = page(client, record, language)
        assert last_checked_line(html) == expected
        assert '<p class="last-checked">' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_never_checked_says_so(client, language):
    with translation.override(language):
        expected = gettext("Last checked: not recorded; may be out of date.")
    for record in (ProgrammeFactory(verified_on=None), ActorFactory(verified_on=None)):
        assert last_checked_line(page(client, record, language)) == expected


@pytest.mark.django_db
def test_the_programme_page_marks_intakes_too_old_to_count(client):
    programme = ProgrammeFactory(verified_on=today())
    OfferingFactory(programme=programme)
    year = today().year
    for intake_year in (year - 1, year - 2, year - 3, year - 12):
        IntakeFactory(programme=programme, year=intake_year)

    html = page(client, programme, "en")

    rows = {
        int(year_cell): "old: not counted as current supply" in row
        for row, year_cell in re.findall(
            r'(<tr><th scope="row">(\d{4})</th>.*?</tr>)', html, re.S
        )
    }
    assert rows == {year - 1: False, year - 2: False, year - 3: True, year - 12: True}


# --- the admin ------------------------------------------------------------------------------------------------------


@pytest.fixture
def stale_admin(monkeypatch):
    """The programme and actor admins with the stale filter and column (added here if their admin lacks them)."""
    for model in (Programme, Actor):
        model_admin = admin.site._registry[model]
        if StaleFilter not in model_admin.list_filter:
            monkeypatch.setattr(
                model_admin, "list_filter", [*model_admin.list_filter, StaleFilter]
            )
        if last_checked not in model_admin.list_display:
            monkeypatch.setattr(
                model_admin, "list_display", [*model_admin.list_display, last_checked]
            )


@pytest.fixture
def records(db):
    fresh = today() - datetime.timedelta(days=10)
    return {
        "fresh-programme": ProgrammeFactory(slug="fresh-programme", verified_on=fresh),
        "old-programme": ProgrammeFactory(
            slug="old-programme", verified_on=datetime.date(2024, 1, 1)
        ),
        "unchecked-programme": ProgrammeFactory(
            slug="unchecked-programme", verified_on=None
        ),
        "fresh-actor": ActorFactory(slug="fresh-actor", verified_on=fresh),
        "old-actor": ActorFactory(
            slug="old-actor", verified_on=datetime.date(2020, 5, 5)
        ),
    }


def changelist_slugs(response, model) -> set[str]:
    assert response.status_code == 200
    return {
        obj.slug for obj in response.context["cl"].result_list if isinstance(obj, model)
    }


def test_the_stale_filter_lists_records_that_may_be_out_of_date(
    admin_client, stale_admin, records
):
    programmes = reverse("admin:programmes_programme_changelist")
    actors = reverse("admin:skills_actor_changelist")

    assert changelist_slugs(admin_client.get(programmes + "?stale=yes"), Programme) == {
        "old-programme",
        "unchecked-programme",
    }
    assert changelist_slugs(admin_client.get(programmes + "?stale=no"), Programme) == {
        "fresh-programme"
    }
    # Actors include the providers the programme factory made (never verified: stale).
    assert "old-actor" in changelist_slugs(
        admin_client.get(actors + "?stale=yes"), Actor
    )
    assert changelist_slugs(admin_client.get(actors + "?stale=no"), Actor) == {
        "fresh-actor"
    }


def test_the_stale_column_marks_records_that_may_be_out_of_date(
    admin_client, stale_admin, records
):
    html = admin_client.get(
        reverse("admin:programmes_programme_changelist")
    ).content.decode()

    old = formats.date_format(datetime.date(2024, 1, 1), "SHORT_DATE_FORMAT")
    assert f"⚠ {old}; may be out of date" in text(html)
    assert "⚠ never; may be out of date" in text(html)
    assert text(last_checked(records["fresh-programme"])) == formats.date_format(
        records["fresh-programme"].verified_on, "SHORT_DATE_FORMAT"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_index_counts_stale_programmes_and_actors_with_links(
    admin_client, records, language
):
    html = admin_client.get(
        reverse("admin:index"), headers={"accept-language": language}
    ).content.decode()

    stale_actors = Actor.objects.exclude(
        slug="fresh-actor"
    ).count()  # with the programmes' providers
    with translation.override(language):
        programmes = ngettext(
            "%(count)s programme may be out of date",
            "%(count)s programmes may be out of date",
            2,
        ) % {"count": 2}
        actors = ngettext(
            "%(count)s actor may be out of date",
            "%(count)s actors may be out of date",
            stale_actors,
        ) % {"count": stale_actors}
    box = html.split('id="stale-records"')[1].split("</div>")[0]
    assert f'<a href="/admin/programmes/programme/?stale=yes">{programmes}</a>' in box
    assert f'<a href="/admin/skills/actor/?stale=yes">{actors}</a>' in box


def test_the_admin_index_count_is_two_queries(
    admin_client, records, django_assert_num_queries
):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = admin_client.get(reverse("admin:index")).wsgi_request.user
    template = Template(
        "{% load staleness %}{% stale_counts user as stale %}{{ stale|length }}"
    )
    with django_assert_num_queries(2):
        assert template.render(Context({"user": request.user})) == "2"
