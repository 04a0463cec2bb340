"""Shared setup of the history tests: an admin form's POST data as the page holds it, and the people involved."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client


def _posted(value: Any) -> Any:
    """A form value as a browser would send it."""
    if isinstance(value, list | tuple):
        return [getattr(item, "pk", item) for item in value]
    return getattr(value, "pk", value)


def form_data(response: Any) -> dict[str, Any]:
    """The POST data of an admin change (or revert) form as it was rendered: the form and its inline formsets."""
    data: dict[str, Any] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = "on" if value is True else _posted(value)
    return data


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser(
        "root", password="pw", first_name="Riikka", last_name="Root"
    )


@pytest.fixture
def admin_client(superuser) -> Client:
    client = Client()
    client.force_login(superuser)
    return client
