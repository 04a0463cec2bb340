"""Bad values are refused with a translated message that names the field, the same through the admin's forms and the
model's full_clean (which the bundled-data loader calls), and no database constraint shows its raw name to anyone.

Each message is compared with gettext of its text under translation.override, in Finnish, Swedish and English.
"""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.test import RequestFactory
from django.utils import formats, timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise
from django.utils.translation import gettext

from batteryregion.validators import MAX_PLACES
from programmes.models import Intake, Offering, Programme
from skills.models import Actor
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    IntakeFactory,
    OfferingFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]

PLACES_PER_YEAR_AT_LEAST_1 = "Places per year must be at least 1; leave the field empty when the number is not known."
PLACES_AT_LEAST_1 = (
    "Places must be at least 1; leave the field empty when the number is not known."
)
VERIFIED_IN_FUTURE = "The last verified date %(date)s is in the future; enter the day the record was last checked."


def today() -> datetime.date:
    return timezone.localdate()


def messages(error: ValidationError, field: str, language: str) -> list[str]:
    """The messages of one field (or NON_FIELD_ERRORS) of a model's ValidationError, in the language."""
    with translation.override(language):
        return list(ValidationError(error.error_dict.get(field, [])).messages)


def clean_errors(obj: models.Model, **exclude: Any) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        obj.full_clean(**exclude)
    return raised.value


def expected(msgid: str, language: str, **params: Any) -> str:
    with translation.override(language):
        text = gettext(msgid)
        return text % params if params else text


def date_in(language: str, day: datetime.date) -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


# --- through the admin's forms --------------------------------------------------------------------------------------


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


# --- through the model (the loader's way) ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_full_clean_refuses_a_verified_date_in_the_future(language):
    day = today() + datetime.timedelta(days=400)
    for model in (Programme, Actor):
        record = (ProgrammeFactory if model is Programme else ActorFactory)()
        record.verified_on = day

        error = clean_errors(record, validate_unique=False)

        assert messages(error, "verified_on", language) == [
            expected(VERIFIED_IN_FUTURE, language, date=date_in(language, day))
        ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("starts_on", "msgid", "params"),
    [
        (
            datetime.date(1999, 12, 31),
            "The start date must not be before %(earliest)s.",
            lambda language: {"earliest": date_in(language, datetime.date(2000, 1, 1))},
        ),
        (
            "six years ahead",
            "The start date must be at most %(years)s years from today, on %(latest)s at the latest.",
            lambda language: {
                "years": 5,
                "latest": date_in(language, today().replace(year=today().year + 5)),
            },
        ),
    ],
)
def test_full_clean_refuses_an_offering_start_out_of_range(
    language, starts_on, msgid, params
):
    if starts_on == "six years ahead":
        starts_on = today().replace(year=today().year + 5) + datetime.timedelta(days=1)
    offering = OfferingFactory.build(
        programme=ProgrammeFactory(), site=OfferingFactory().site, starts_on=starts_on
    )

    error = clean_errors(offering)

    assert messages(error, "starts_on", language) == [
        expected(msgid, language, **params(language))
    ]


def test_full_clean_accepts_the_first_day_of_2000_and_five_years_from_today():
    for day in (datetime.date(2000, 1, 1), today().replace(year=today().year + 5)):
        OfferingFactory.build(
            programme=ProgrammeFactory(), site=OfferingFactory().site, starts_on=day
        ).full_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_full_clean_refuses_bad_intake_figures(language):
    programme = ProgrammeFactory()
    intake = IntakeFactory.build(
        programme=programme,
        year=today().year + 3,
        places=MAX_PLACES + 1,
        applicants=5,
        enrolled=50,
    )

    error = clean_errors(intake)

    assert messages(error, "year", language) == [
        expected(
            "The year of an intake can be next year (%(latest)s) at the latest.",
            language,
            latest=today().year + 1,
        )
    ]
    assert messages(error, "places", language) == [
        expected(
            "Places must be at most %(limit_value)s.", language, limit_value=MAX_PLACES
        )
    ]
    assert messages(error, "enrolled", language) == [
        expected(
            "Enrolled students (%(enrolled)s) cannot be more than applicants (%(applicants)s).",
            language,
            enrolled=50,
            applicants=5,
        )
    ]


def test_enrolled_without_applicants_or_up_to_applicants_is_fine():
    programme = ProgrammeFactory()
    IntakeFactory.build(
        programme=programme, year=2025, applicants=None, enrolled=50
    ).full_clean()
    IntakeFactory.build(
        programme=programme, year=2024, applicants=50, enrolled=50
    ).full_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_full_clean_says_which_places_must_be_at_least_one(language):
    programme = ProgrammeFactory.build(
        provider=ActorFactory(), places_per_year=0, slug="zero-places"
    )
    offering = OfferingFactory.build(
        programme=ProgrammeFactory(), site=OfferingFactory().site, places=0
    )

    assert messages(
        clean_errors(programme, validate_unique=False), "places_per_year", language
    ) == [expected(PLACES_PER_YEAR_AT_LEAST_1, language)]
    assert messages(clean_errors(offering), "places", language) == [
        expected(PLACES_AT_LEAST_1, language)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_unique_constraint_speaks_plainly(language):
    intake = IntakeFactory(year=2025)
    again = IntakeFactory.build(programme=intake.programme, year=2025)

    with translation.override(language):
        error = clean_errors(again)

    assert messages(error, NON_FIELD_ERRORS, language) == [
        expected("The programme already has an intake for this year.", language)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_check_constraint_speaks_plainly_through_full_clean(language):
    need = CompetenceNeedFactory.build(
        region=CompetenceNeedFactory().region,
        occupation=None,
        employer=None,
        source_name="",
    )

    with translation.override(language):
        error = clean_errors(need, validate_unique=False)

    assert messages(error, NON_FIELD_ERRORS, language) == [
        expected(
            "Choose the employer, or name the workshop, survey or report the need comes from.",
            language,
        )
    ]


# --- guards ---------------------------------------------------------------------------------------------------------


def project_models() -> list[type[models.Model]]:
    """Every model of the project's own apps (not Django's or a library's)."""
    base = Path(settings.BASE_DIR).resolve()
    own = [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and ".venv" not in Path(config.path).parts
    ]
    return [model for config in own for model in config.get_models()]


def test_the_guard_sees_the_models_of_the_project():
    names = {model.__name__ for model in project_models()}

    assert {"Programme", "Intake", "Offering", "CompetenceNeed", "Region"} <= names


@pytest.mark.parametrize(
    "constraint",
    [
        pytest.param(constraint, id=f"{model.__name__}.{constraint.name}")
        for model in project_models()
        for constraint in model._meta.constraints
    ],
)
def test_every_constraint_has_a_human_translated_message(constraint):
    message = constraint.violation_error_message

    assert message != constraint.default_violation_error_message
    assert isinstance(message, Promise), "not marked for translation"
    for language in LANGUAGES:
        with translation.override(language):
            text = str(message)
        assert constraint.name not in text
        assert "%(" not in text
        assert text.endswith(".")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_raw_constraint_name_reaches_a_user(language):
    """Violated check constraints of a programme and a need never show the default "Constraint “…” is violated."."""
    programme = ProgrammeFactory.build(
        provider=ActorFactory(), slug="raw", credits=5, credit_unit=""
    )
    need = CompetenceNeedFactory.build(
        region=CompetenceNeedFactory().region, min_level=6, max_level=4
    )
    for record in (programme, need):
        error = clean_errors(record, validate_unique=False)
        with translation.override(language):
            shown = " ".join(error.messages)
            for constraint in type(record)._meta.constraints:
                assert constraint.name not in shown
                raw = constraint.default_violation_error_message % {
                    "name": constraint.name
                }
                assert str(raw) not in shown
        assert shown


@pytest.mark.parametrize("model", [Programme, Actor])
def test_every_public_record_can_be_verified_today(model):
    record = (ProgrammeFactory if model is Programme else ActorFactory)(
        verified_on=today()
    )
    record.full_clean(validate_unique=False)


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
