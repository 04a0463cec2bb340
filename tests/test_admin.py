"""Coordinators keep the data up to date in the admin, in fi, sv and en."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from skills.models import CompetenceNeed
from tests.factories import CompetenceNeedFactory, ProgrammeFactory, SkillFactory

pytestmark = pytest.mark.django_db

EDITED_MODELS = [
    "skills/segment",
    "skills/region",
    "skills/educationlevel",
    "skills/qualificationtype",
    "skills/language",
    "skills/skill",
    "skills/occupation",
    "skills/actor",
    "skills/site",
    "skills/competenceneed",
    "programmes/programme",
]
TITLES = {
    "fi": "Akkualueen koulutuskartta",
    "sv": "Batteriregionens utbildningskarta",
    "en": "Battery Region Education Map",
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_admin_index_speaks_the_coordinators_language(coordinator_client, language):
    coordinator_client.cookies["django_language"] = language
    response = coordinator_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert TITLES[language] in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("model", EDITED_MODELS)
def test_a_lead_coordinator_can_list_and_add_every_kind_of_record(
    lead_coordinator_client, model, language
):
    # Who else may add what is the permission matrix's (tests/coordinators/test_permission_matrix.py).
    lead_coordinator_client.cookies["django_language"] = language
    assert lead_coordinator_client.get(f"/admin/{model}/").status_code == 200
    add_form = lead_coordinator_client.get(f"/admin/{model}/add/")
    assert add_form.status_code == 200


def test_the_programme_form_has_a_tab_per_language(lead_coordinator_client):
    programme = ProgrammeFactory()
    html = lead_coordinator_client.get(
        f"/admin/programmes/programme/{programme.pk}/change/"
    ).content.decode()
    for language in ("fi", "sv", "en"):
        assert f'name="name_{language}"' in html
        assert f'name="description_{language}"' in html


def test_records_with_missing_translations_are_marked_and_can_be_filtered(
    lead_coordinator_client,
):
    coordinator_client = lead_coordinator_client
    ProgrammeFactory(
        name_en="Complete programme",
        description_fi="a",
        description_sv="b",
        description_en="c",
        entry_notes_fi="a",
        entry_notes_sv="b",
        entry_notes_en="c",
    )
    ProgrammeFactory(
        name_en="Missing Swedish",
        name_sv="",
        description_fi="a",
        description_sv="b",
        description_en="c",
        entry_notes_fi="a",
        entry_notes_sv="b",
        entry_notes_en="c",
    )
    coordinator_client.cookies["django_language"] = "en"

    listing = coordinator_client.get("/admin/programmes/programme/").content.decode()
    assert '<strong class="translations-missing">⚠ sv</strong>' in listing
    assert '<span class="translations-complete">complete</span>' in listing

    filtered = coordinator_client.get(
        "/admin/programmes/programme/?missing=sv"
    ).content.decode()
    assert "Missing Swedish" in filtered
    assert "Complete programme" not in filtered


def test_skills_are_found_by_autocomplete_in_any_language(coordinator_client):
    SkillFactory(
        label_fi="käyttää juotoslaitteita",
        label_sv="använda lödutrustning",
        label_en="operate soldering equipment",
    )
    SkillFactory(
        label_en="supervise staff",
        label_fi="valvoa henkilöstöä",
        label_sv="övervaka personal",
    )
    response = coordinator_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "programmes",
            "model_name": "programme",
            "field_name": "skills",
            "term": "lödutrust",
        },
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [
        "operate soldering equipment"
    ]


def test_confidential_needs_stay_hidden_in_the_admin_from_staff_without_the_permission(
    lead_coordinator,
):
    CompetenceNeedFactory(
        occupation__label_en="open-need", visibility=CompetenceNeed.Visibility.PUBLIC
    )
    CompetenceNeedFactory(
        occupation__label_en="workshop-need",
        visibility=CompetenceNeed.Visibility.COORDINATORS,
    )
    clerk = User.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_competenceneed"))
    clerk_client, coordinator_client = Client(), Client()
    clerk_client.force_login(clerk)
    coordinator_client.force_login(lead_coordinator)

    clerk_sees = clerk_client.get("/admin/skills/competenceneed/").content.decode()
    assert "open-need" in clerk_sees
    assert "workshop-need" not in clerk_sees
    assert (
        "workshop-need"
        in coordinator_client.get("/admin/skills/competenceneed/").content.decode()
    )


def test_the_public_cannot_open_the_admin(client):
    response = client.get("/admin/programmes/programme/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_the_translation_tabs_load_jquery_ui_from_our_own_static_files(
    lead_coordinator_client,
):
    html = lead_coordinator_client.get(
        "/admin/programmes/programme/add/"
    ).content.decode()
    assert '<script src="/static/vendor/jquery-ui/jquery-ui.min.js"></script>' in html
    assert "googleapis" not in html
