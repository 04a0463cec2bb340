"""Guards of the project as a whole: migrations, checks, catalogues."""

from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_system_checks_pass():
    call_command("check", stdout=StringIO())


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_catalogue_is_complete_and_free_of_fuzzy_entries(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert len(catalogue.translated_entries()) > 100


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_compiled_catalogue_matches_its_source(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {
        (entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural)
        for entry in mo
    }
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (
            entry.msgstr,
            entry.msgstr_plural,
        ), entry.msgid


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Akkualueen koulutuskartta"),
        ("sv", "Batteriregionens utbildningskarta"),
        ("en", "Battery Region Education Map"),
    ],
)
def test_a_known_string_is_translated(language, expected):
    with translation.override(language):
        assert translation.gettext("Battery Region Education Map") == expected


def test_production_settings_pass_the_deployment_checks(settings, monkeypatch):
    monkeypatch.delenv(
        "DJANGO_ALLOW_ASYNC_UNSAFE", raising=False
    )  # set only while browser tests run
    settings.SECURE_SSL_REDIRECT = True
    settings.SECRET_KEY = (
        "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    )
    call_command("check", "--deploy", "--fail-level", "WARNING", stdout=StringIO())
