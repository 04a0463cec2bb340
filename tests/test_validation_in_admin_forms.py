"""Bad values are refused through the admin's forms (change forms and the programme's inlines) with a translated message
that names the field, the same words as the model's full_clean, and a check constraint speaks plainly there too.

Each message is compared with gettext of its text under translation.override, in Finnish, Swedish and English.
"""

import datetime
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.test import RequestFactory
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from batteryregion.validators import MAX_PLACES
from programmes.models import Intake, Offering, Programme
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    OfferingFactory,
    ProgrammeFactory,
)
from tests.validation_messages import (
    LANGUAGES,
    PLACES_AT_LEAST_1,
    PLACES_PER_YEAR_AT_LEAST_1,
    VERIFIED_IN_FUTURE,
    clean_errors,
    date_in,
    expected,
    messages,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_request(db):
    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("root", password="pw")
    return request


def bound_data(form: Any) -> MultiValueDict:
    """What the admin form would post back unchanged: each field's current value."""
    data = MultiValueDict()
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data.setlist(name, [str(v) for v in value])
        else:
            data[name] = "" if value is None else value
    return data


def admin_form(request, obj: models.Model, **changes: Any) -> Any:
    """The record's admin change form, posted back with the changes."""
    model_admin = admin.site._registry[type(obj)]
    form_class = model_admin.get_form(request, obj, change=True)
    data = bound_data(form_class(instance=obj))
    for name, value in changes.items():
        data[name] = value
    return form_class(data=data, instance=obj)


def inline_form(request, programme: Programme, model: type, **values: Any) -> Any:
    """A new row of the programme's inline of the model (offerings, intakes), posted with the values."""
    model_admin = admin.site._registry[Programme]
    inline = next(
        i
        for i in model_admin.get_inline_instances(request, programme)
        if i.model is model
    )
    formset_class = inline.get_formset(request, programme)
    prefix = formset_class.get_default_prefix()
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        **{f"{prefix}-0-{name}": value for name, value in values.items()},
    }
    formset = formset_class(data=data, instance=programme, prefix=prefix)
    formset.is_valid()
    return formset.forms[0]


def form_messages(form: Any, field: str, language: str) -> list[str]:
    with translation.override(language):
        return [str(message) for message in form.errors.get(field, [])]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_refuses_a_verified_date_in_the_future(admin_request, language):
    tomorrow = today() + datetime.timedelta(days=1)
    for record in (ProgrammeFactory(), ActorFactory()):
        form = admin_form(admin_request, record, verified_on=tomorrow.isoformat())

        assert not form.is_valid()
        assert form_messages(form, "verified_on", language) == [
            expected(VERIFIED_IN_FUTURE, language, date=date_in(language, tomorrow))
        ]


def test_the_admin_accepts_today_as_the_verified_date(admin_request):
    form = admin_form(
        admin_request, ProgrammeFactory(), verified_on=today().isoformat()
    )

    form.is_valid()
    assert "verified_on" not in form.errors


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("places", ["0", "-5"])
def test_the_admin_says_places_must_be_at_least_one_not_at_least_zero(
    admin_request, language, places
):
    form = admin_form(admin_request, ProgrammeFactory(), places_per_year=places)

    assert not form.is_valid()
    assert form_messages(form, "places_per_year", language) == [
        expected(PLACES_PER_YEAR_AT_LEAST_1, language)
    ]
    assert 'min="1"' in str(form["places_per_year"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_refuses_more_places_than_any_programme_has(admin_request, language):
    form = admin_form(
        admin_request, ProgrammeFactory(), places_per_year=str(MAX_PLACES + 1)
    )

    assert form_messages(form, "places_per_year", language) == [
        expected(
            "Places per year must be at most %(limit_value)s.",
            language,
            limit_value=MAX_PLACES,
        )
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_refuses_more_enrolled_than_applicants(admin_request, language):
    form = inline_form(
        admin_request,
        ProgrammeFactory(),
        Intake,
        year=str(today().year),
        places="40",
        applicants="5",
        enrolled="50",
    )

    assert form_messages(form, "enrolled", language) == [
        expected(
            "Enrolled students (%(enrolled)s) cannot be more than applicants (%(applicants)s).",
            language,
            enrolled=50,
            applicants=5,
        )
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_refuses_an_intake_year_after_next_year(admin_request, language):
    year = today().year
    form = inline_form(admin_request, ProgrammeFactory(), Intake, year=str(year + 2))

    assert form_messages(form, "year", language) == [
        expected(
            "The year of an intake can be next year (%(latest)s) at the latest.",
            language,
            latest=year + 1,
        )
    ]
    assert (
        "year"
        not in inline_form(
            admin_request, ProgrammeFactory(), Intake, year=str(year + 1)
        ).errors
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_refuses_an_offering_before_2000_or_too_far_ahead(
    admin_request, language
):
    programme = ProgrammeFactory()
    site = OfferingFactory(programme=programme).site

    early = inline_form(
        admin_request, programme, Offering, site=str(site.pk), starts_on="1900-08-01"
    )
    late_day = today().replace(year=today().year + 6)
    late = inline_form(
        admin_request,
        programme,
        Offering,
        site=str(site.pk),
        starts_on=late_day.isoformat(),
    )
    zero = inline_form(admin_request, programme, Offering, site=str(site.pk), places="0")  # fmt: skip

    assert form_messages(early, "starts_on", language) == [
        expected(
            "The start date must not be before %(earliest)s.",
            language,
            earliest=date_in(language, datetime.date(2000, 1, 1)),
        )
    ]
    assert form_messages(late, "starts_on", language) == [
        expected(
            "The start date must be at most %(years)s years from today, on %(latest)s at the latest.",
            language,
            years=5,
            latest=date_in(language, today().replace(year=today().year + 5)),
        )
    ]
    assert form_messages(zero, "places", language) == [
        expected(PLACES_AT_LEAST_1, language)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_check_constraint_speaks_plainly_in_the_admin(admin_request, language):
    need = CompetenceNeedFactory()
    # Constraint messages are made when the form is checked, in the request's language (as in the admin).
    with translation.override(language):
        form = admin_form(admin_request, need, min_level="6", max_level="4")
        assert not form.is_valid()
    assert form_messages(form, NON_FIELD_ERRORS, language) == [
        expected(
            "The lowest EQF level must not be above the highest EQF level.", language
        )
    ]


def test_needs_refuse_zero_people_with_the_same_words_in_the_form_and_the_model(
    admin_request,
):
    need = CompetenceNeedFactory()
    form = admin_form(admin_request, need, headcount="0")
    need.headcount = 0

    assert form_messages(form, "headcount", "en") == [
        "People needed must be at least 1."
    ]
    assert messages(clean_errors(need, validate_unique=False), "headcount", "en") == [
        "People needed must be at least 1."
    ]
