"""The admin login refuses a username from an address after too many failed attempts (django-axes)."""

import re
from datetime import timedelta
from html import unescape
from io import StringIO

import pytest
from axes.exceptions import AxesBackendRequestParameterRequired
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.db.models import F
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext, ngettext

from batteryregion.client_ip import client_ip_address
from batteryregion.management.commands.demo_coordinator import DEFAULT_PASSWORD

LOGIN = "/admin/login/"
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"
PROXY = "10.0.0.2"
LIMIT = django_settings.AXES_FAILURE_LIMIT


def log_in(
    username: str,
    password: str,
    address: str = ATTACKER,
    client: Client | None = None,
    **headers: str,
) -> HttpResponse:
    """POST the admin login form from an address; a fresh client unless one is given."""
    client = client or Client()
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def logged_in(response: HttpResponse) -> bool:
    """The admin redirects to its index after a login and keeps the user in the session."""
    return (
        response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session
    )


def lock_out(
    username: str = "coordinator", address: str = ATTACKER, **headers: str
) -> HttpResponse:
    """Fail AXES_FAILURE_LIMIT times; the last failure already answers with the lockout page."""
    for _ in range(LIMIT):
        response = log_in(username, "wrong", address, **headers)
    return response


def move_attempts_back(delta: timedelta) -> None:
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - delta)


def test_failed_logins_up_to_the_limit_lock_the_username_for_that_address_even_with_the_right_password(
    coordinator,
):
    for _ in range(LIMIT - 1):
        assert (
            log_in("coordinator", "wrong").status_code == 200
        )  # the login form with its error
    assert log_in("coordinator", "wrong").status_code == 429

    refused = log_in("coordinator", "pw")
    assert refused.status_code == 429
    assert not logged_in(refused)
    assert "errors/lockout.html" in [template.name for template in refused.templates]


@pytest.mark.parametrize(
    ("language", "headers"),
    [("fi", {}), ("sv", {"HTTP_ACCEPT_LANGUAGE": "sv"})],
    ids=["fi-by-cookie", "sv-by-accept-language"],
)
def test_the_lockout_page_says_why_for_how_long_and_who_can_unlock_in_the_visitors_language(
    coordinator, language, headers
):
    client = Client()
    if language == "fi":
        client.cookies["django_language"] = "fi"  # the admin has no language prefix
    for _ in range(LIMIT):
        response = log_in("coordinator", "wrong", client=client, **headers)
    assert response.status_code == 429

    minutes = int(django_settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert minutes == 15
    with translation.override(language):
        heading = gettext("Too many failed login attempts")
        locked = ngettext(
            "This account is locked for logins from your address for %(minutes)s minute. Every attempt during that time starts the wait again.",
            "This account is locked for logins from your address for %(minutes)s minutes. Every attempt during that time starts the wait again.",
            minutes,
        ) % {"minutes": minutes}
        unlock = gettext(
            "A lead coordinator or an administrator can unlock it sooner with the management command <code>%(command)s</code>."
        ) % {"command": "manage.py axes_reset_username"}
    html = unescape(response.content.decode())
    assert f'<html lang="{language}"' in html
    assert html.count("<h1") == 1
    assert f"<h1>{heading}</h1>" in html
    assert locked in html
    assert unlock in html
    assert 'id="login-form"' not in html


def test_another_username_from_the_same_address_still_logs_in(
    coordinator, django_user_model
):
    django_user_model.objects.create_user("lead", password="lead-pw", is_staff=True)
    lock_out("coordinator")
    assert logged_in(log_in("lead", "lead-pw"))


def test_the_same_username_from_another_address_still_logs_in(coordinator):
    lock_out("coordinator", ATTACKER)
    assert logged_in(log_in("coordinator", "pw", COLLEAGUE))


def test_the_lock_lifts_after_the_cool_off_time_and_each_refused_attempt_starts_it_again(
    coordinator,
):
    cool_off = django_settings.AXES_COOLOFF_TIME
    lock_out()

    move_attempts_back(cool_off - timedelta(minutes=1))
    assert log_in("coordinator", "pw").status_code == 429
    # Without that refused attempt the failures would now be older than the cool-off time.
    move_attempts_back(cool_off - timedelta(minutes=1))
    assert log_in("coordinator", "pw").status_code == 429

    move_attempts_back(cool_off + timedelta(seconds=1))
    assert logged_in(log_in("coordinator", "pw"))


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        ("axes_reset_username", ["coordinator"]),
        ("axes_reset_ip_username", [ATTACKER, "coordinator"]),
        ("axes_reset_ip", [ATTACKER]),
        ("axes_reset", []),
    ],
)
def test_a_management_command_unlocks_the_username_before_the_cool_off_ends(
    coordinator, command, arguments
):
    lock_out()
    output = StringIO()
    call_command(command, *arguments, stdout=output)
    assert "attempts removed" in output.getvalue()
    assert logged_in(log_in("coordinator", "pw"))


def test_a_successful_login_clears_the_earlier_failures(coordinator):
    for _ in range(LIMIT - 1):
        log_in("coordinator", "wrong")
    assert logged_in(log_in("coordinator", "pw"))
    assert not AccessAttempt.objects.exists()

    for _ in range(LIMIT - 1):
        assert log_in("coordinator", "wrong").status_code == 200
    assert logged_in(log_in("coordinator", "pw"))


def test_a_forged_x_forwarded_for_does_not_escape_the_lockout_without_trusted_proxies(
    coordinator, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(LIMIT):
        response = log_in(
            "coordinator", "wrong", ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        )
    assert response.status_code == 429
    assert (
        log_in(
            "coordinator", "pw", ATTACKER, HTTP_X_FORWARDED_FOR=COLLEAGUE
        ).status_code
        == 429
    )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_behind_one_trusted_proxy_the_address_the_proxy_appended_is_the_client(
    coordinator, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    # nginx appends the address it was connected from; what stands left of it came from the client.
    for n in range(LIMIT):
        response = log_in(
            "coordinator",
            "wrong",
            PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}

    assert (
        log_in("coordinator", "pw", PROXY, HTTP_X_FORWARDED_FOR=ATTACKER).status_code
        == 429
    )
    assert logged_in(log_in("coordinator", "pw", PROXY, HTTP_X_FORWARDED_FOR=COLLEAGUE))


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, None, PROXY),
        (0, ATTACKER, PROXY),
        (1, ATTACKER, ATTACKER),
        (1, f"192.0.2.1, {ATTACKER}", ATTACKER),
        (1, "2001:db8::7", "2001:db8::7"),
        (2, f"192.0.2.1, {ATTACKER}, 10.0.0.1", ATTACKER),
        # Not through the proxies (a health check inside the network), or through fewer of them than configured.
        (1, None, PROXY),
        (2, ATTACKER, PROXY),
        # Not an address: AccessAttempt could not store it.
        (1, "unknown", PROXY),
    ],
)
def test_the_client_address_is_counted_from_the_right_of_x_forwarded_for_by_trusted_proxies(
    settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    request = RequestFactory().post(LOGIN, REMOTE_ADDR=PROXY, **headers)
    assert client_ip_address(request) == expected


def test_the_test_clients_login_needs_a_request_for_axes_to_read_the_address_from(
    coordinator,
):
    """The suite logs users in with force_login(); Client.login() works when given a request."""
    with pytest.raises(AxesBackendRequestParameterRequired):
        Client().login(username="coordinator", password="pw")
    assert Client().login(
        request=RequestFactory().post(LOGIN), username="coordinator", password="pw"
    )


def test_the_demo_coordinator_logs_in_through_the_admin_login_form(db, settings):
    settings.DEBUG = True
    call_command("demo_coordinator", stdout=StringIO())
    assert logged_in(log_in("coordinator", DEFAULT_PASSWORD))


def test_the_login_and_set_password_forms_let_password_managers_fill_them(
    coordinator,
):
    """Accessible authentication (WCAG 2.2, 3.3.8): no puzzle or transcription, and the browser or a password
    manager may fill the fields (autocomplete names them; nothing blocks pasting)."""
    page = Client().get(LOGIN).content.decode()
    assert re.search(r'<input[^>]*name="username"[^>]*autocomplete="username"', page)
    assert re.search(
        r'<input[^>]*autocomplete="current-password"[^>]*name="password"|'
        r'<input[^>]*name="password"[^>]*autocomplete="current-password"',
        page,
    )
    assert "onpaste" not in page and "captcha" not in page.lower()

    uid = urlsafe_base64_encode(force_bytes(coordinator.pk))
    token = default_token_generator.make_token(coordinator)
    client = Client()
    form = client.get(f"/admin/reset/{uid}/{token}/", follow=True).content.decode()
    assert form.count('autocomplete="new-password"') == 2, form
    assert "onpaste" not in form
