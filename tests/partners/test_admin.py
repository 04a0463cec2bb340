"""Who issues, sees and revokes partner keys in the admin: lead coordinators (either side) and superusers; nobody
else sees them. Only superusers delete a key. The expected outcomes are written out here, not read from
coordinators/permissions/."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from partners.authentication import key_record
from partners.models import PartnerKey
from tests.coordinators.world import coordinator_user

pytestmark = pytest.mark.django_db

LIST = "/admin/partners/partnerkey/"

ROLES = ["anonymous", "staff", "coordinator", "lead_fi", "lead_se", "superuser"]
# role: (index shows keys, list, add form, issue, change form, revoke in the form, revoke action, delete)
EXPECTED = {
    "anonymous": ("login",) * 8,
    "staff": (
        "absent",
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
    ),  # fmt: skip
    "coordinator": (
        "absent",
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
    ),  # fmt: skip
    "lead_fi": (
        "shown",
        "listed",
        "form",
        "issued",
        "form",
        "revoked",
        "revoked",
        "forbidden",
    ),  # fmt: skip
    "lead_se": (
        "shown",
        "listed",
        "form",
        "issued",
        "form",
        "revoked",
        "revoked",
        "forbidden",
    ),  # fmt: skip
    "superuser": (
        "shown",
        "listed",
        "form",
        "issued",
        "form",
        "revoked",
        "revoked",
        "deleted",
    ),  # fmt: skip
}
VIEWS = ["index", "list", "add", "issue", "change", "save", "action", "delete"]


def client_for(role: str) -> Client:
    client = Client()
    if role == "anonymous":
        return client
    if role == "staff":
        user = User.objects.create_user("staff", password="pw", is_staff=True)
    elif role == "coordinator":
        user, _ = coordinator_user("coordinator", side="FI")
    elif role.startswith("lead_"):
        user, _ = coordinator_user(role, side=role[-2:].upper(), role="lead")
    else:
        user = User.objects.create_superuser("root", password="pw")
    client.force_login(user)
    return client


@pytest.fixture
def key() -> PartnerKey:
    record = PartnerKey(name="Map widget", organisation="Region Norrbotten", scope="public")  # fmt: skip
    PartnerKey.objects.assign_key(record)
    record.save()
    return record


ISSUE = {
    "name": "Labour market dashboard",
    "organisation": "Public employment service",
    "scope": "partners",
    "expiry_date_0": "",
    "expiry_date_1": "",
}


def outcome(client: Client, view: str, key: PartnerKey) -> str:
    change = f"{LIST}{key.pk}/change/"
    if view == "index":
        response = client.get("/admin/")
        if response.status_code == 302:
            return "login"
        return "shown" if LIST in response.content.decode() else "absent"
    if view == "list":
        response = client.get(LIST)
    elif view == "add":
        response = client.get(f"{LIST}add/")
    elif view == "issue":
        response = client.post(f"{LIST}add/", ISSUE)
    elif view == "change":
        response = client.get(change)
    elif view == "save":
        response = client.post(change, {**ISSUE, "name": key.name, "revoked": "on"})
    elif view == "action":
        response = client.post(LIST, {"action": "revoke_selected", "_selected_action": [key.pk]})  # fmt: skip
    else:
        response = client.post(f"{LIST}{key.pk}/delete/", {"post": "yes"})
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):  # fmt: skip
        return "login"
    if response.status_code == 403:
        return "forbidden"
    fresh = PartnerKey.objects.filter(pk=key.pk).first()
    if view == "delete":
        return "deleted" if fresh is None else f"kept ({response.status_code})"
    if view in ("save", "action"):
        return "revoked" if fresh.revoked else f"not revoked ({response.status_code})"
    if view == "issue":
        issued = PartnerKey.objects.filter(name=ISSUE["name"]).exists()
        return "issued" if issued and response.status_code == 302 else f"not issued ({response.status_code})"  # fmt: skip
    assert response.status_code == 200, (view, response.status_code)
    html = response.content.decode()
    if view == "list":
        return "listed" if key.prefix in html else "absent"
    return "form" if 'name="_save"' in html else "readonly"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", VIEWS)
def test_partner_key_permission_matrix(key, role, view):
    client = client_for(role)

    assert outcome(client, view, key) == EXPECTED[role][VIEWS.index(view)]


def test_a_new_key_is_shown_once_and_works_and_the_lead_is_recorded_as_its_issuer(settings):  # fmt: skip
    client = client_for("lead_fi")

    response = client.post(f"{LIST}add/", ISSUE, follow=True)

    assert response.redirect_chain[-1][0] == LIST
    keys = re.findall(r"\b([A-Za-z0-9]{8}\.[A-Za-z0-9]{32})\b", response.content.decode())  # fmt: skip
    assert len(keys) == 1
    shown = keys[0]
    record = PartnerKey.objects.get(name=ISSUE["name"])
    assert key_record(shown) == record
    assert record.scope == "partners" and record.issued_by.username == "lead_fi"
    # The list and the change page show the prefix and the usage, never the key again.
    for page in (LIST, f"{LIST}{record.pk}/change/"):
        html = client.get(page).content.decode()
        assert record.prefix in html
        assert shown not in html


@pytest.mark.parametrize("role", ["lead_se", "superuser"])
def test_a_revoked_key_opens_read_only_and_cannot_be_taken_back_into_use(key, role):
    client = client_for(role)
    PartnerKey.objects.update(revoked=True)
    change = f"{LIST}{key.pk}/change/"

    html = client.get(change).content.decode()
    refused = client.post(change, {**ISSUE, "name": key.name})

    assert 'name="_save"' not in html
    assert 'name="revoked"' not in html
    assert refused.status_code == 403
    assert PartnerKey.objects.get().revoked


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_key_admin_speaks_the_users_language(key, language):
    client = client_for("superuser")

    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    assert response["Content-Language"] == language


def test_the_librarys_own_key_model_has_no_admin_that_would_bypass_the_rules():
    from django.contrib import admin
    from rest_framework_api_key.models import APIKey

    assert APIKey not in admin.site._registry
    assert PartnerKey in admin.site._registry
