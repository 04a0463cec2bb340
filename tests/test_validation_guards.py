"""Guards over every model of the project: every database constraint has a human, translated message, no raw constraint
name reaches a user, and every public record can be verified today."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from programmes.models import Programme
from skills.models import Actor
from tests.factories import ActorFactory, CompetenceNeedFactory, ProgrammeFactory
from tests.validation_messages import LANGUAGES, clean_errors, today

pytestmark = pytest.mark.django_db


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
