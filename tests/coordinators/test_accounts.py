"""Lead coordinators manage the coordinator accounts of their side: invite by e-mail, the set-password link, login."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from batteryregion.services import LEAD_COORDINATORS_GROUP
from coordinators.models import Coordinator
from tests.coordinators.world import coordinator_user
from tests.factories import ActorFactory, RegionFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/coordinators/coordinator/add/"


@pytest.fixture
def lead_fi() -> User:
    return coordinator_user("lead-fi", side="FI", role="lead")[0]


@pytest.fixture
def lead_client(lead_fi) -> Client:
    client = Client()
    client.force_login(lead_fi)
    return client


def invitation(**changes: object) -> dict[str, object]:
    return {
        "email": "new.coordinator@example.org",
        "first_name": "Aino",
        "last_name": "Koordinaattori",
        "role": "coordinator",
        "side": "FI",
        "organisations": [],
        "regions": [],
        **changes,
    }


def set_password_link(message: mail.EmailMessage) -> str:
    return re.search(r"https?://testserver(/admin/reset/\S+/)", message.body).group(1)


def test_an_invited_coordinator_sets_a_password_through_the_link_and_logs_in(
    lead_client,
):
    osao = ActorFactory(slug="osao", country="FI")
    oulu = RegionFactory(code="FI1D9")

    response = lead_client.post(
        ADD, invitation(organisations=[osao.pk], regions=[oulu.pk])
    )

    assert response.status_code == 302
    coordinator = Coordinator.objects.get(user__email="new.coordinator@example.org")
    assert list(coordinator.organisations.all()) == [osao]
    assert list(coordinator.regions.all()) == [oulu]
    user = coordinator.user
    assert user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert user.groups.filter(name="Regional coordinators").exists()
    [message] = mail.outbox
    assert message.to == ["new.coordinator@example.org"]
    assert "Battery Region Education Map" in message.subject
    assert "new.coordinator@example.org" in message.body  # the username

    visitor = Client()
    form = visitor.get(set_password_link(message), follow=True)
    assert form.status_code == 200
    assert "new_password1" in form.content.decode()
    done = visitor.post(
        form.redirect_chain[-1][0],
        {"new_password1": "akku-kartta-2026", "new_password2": "akku-kartta-2026"},
    )
    assert done.status_code == 302
    assert visitor.get(done.headers["Location"]).status_code == 200

    logged_in = Client().post(
        "/admin/login/",
        {"username": "new.coordinator@example.org", "password": "akku-kartta-2026"},
    )
    assert logged_in.status_code == 302
    assert "_auth_user_id" in logged_in.wsgi_request.session


def test_a_set_password_link_works_once(lead_client):
    lead_client.post(ADD, invitation())
    link = set_password_link(mail.outbox[0])
    visitor = Client()
    form = visitor.get(link, follow=True)
    visitor.post(
        form.redirect_chain[-1][0],
        {"new_password1": "akku-kartta-2026", "new_password2": "akku-kartta-2026"},
    )
    again = Client().get(link, follow=True).content.decode()
    assert "new_password1" not in again


def test_the_set_password_pages_look_like_the_admin(lead_client):
    lead_client.post(ADD, invitation())
    page = Client().get(set_password_link(mail.outbox[0]), follow=True)
    html = page.content.decode()
    assert "Battery Region Education Map" in html
    assert html.count("<h1") == 1


def test_an_e_mail_address_that_has_an_account_is_not_invited_twice(
    lead_client, lead_fi
):
    response = lead_client.post(ADD, invitation(email=lead_fi.email.upper()))
    assert response.status_code == 200
    assert "An account with this e-mail address already exists." in response.content.decode()  # fmt: skip
    assert mail.outbox == []


def test_a_lead_invites_only_to_their_own_side(lead_client):
    response = lead_client.post(ADD, invitation(side="SE"))
    assert response.status_code == 200
    assert not User.objects.filter(email="new.coordinator@example.org").exists()
    assert mail.outbox == []


def test_a_lead_assigns_only_organisations_and_regions_of_their_side(lead_client):
    swedish = ActorFactory(slug="swedish", country="SE")
    vasterbotten = RegionFactory(code="SE331", country="SE")
    for forged in ({"organisations": [swedish.pk]}, {"regions": [vasterbotten.pk]}):
        response = lead_client.post(ADD, invitation(**forged))
        assert response.status_code == 200, forged
    assert not Coordinator.objects.filter(user__email="new.coordinator@example.org").exists()  # fmt: skip


def test_a_lead_makes_leads_of_their_side_but_no_superusers(lead_client):
    response = lead_client.post(
        ADD, invitation(role="lead", is_superuser="on", is_staff="on")
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.coordinator@example.org")
    assert not user.is_superuser
    assert user.coordinator.is_lead
    assert user.groups.filter(name=LEAD_COORDINATORS_GROUP).exists()


def test_a_lead_cannot_change_their_own_role_side_or_active_flag(lead_client, lead_fi):
    record = lead_fi.coordinator
    url = f"/admin/coordinators/coordinator/{record.pk}/change/"
    form = lead_client.get(url).content.decode()
    assert 'name="role"' not in form
    assert 'name="side"' not in form
    assert 'name="is_active"' not in form

    response = lead_client.post(
        url,
        {
            "email": lead_fi.email,
            "first_name": "Lead",
            "last_name": "",
            "role": "coordinator",
            "side": "SE",
            "is_active": "",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    lead_fi.refresh_from_db()
    assert (record.role, record.side, lead_fi.is_active) == ("lead", "FI", True)
    assert lead_fi.first_name == "Lead"


def test_a_lead_deactivates_a_coordinator_of_their_side(lead_client):
    user, record = coordinator_user("leaving", side="FI")
    response = lead_client.post(
        f"/admin/coordinators/coordinator/{record.pk}/change/",
        {"email": user.email, "role": "coordinator", "side": "FI", "is_active": ""},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active


def test_demoting_a_lead_takes_them_out_of_the_lead_group(lead_client):
    user, record = coordinator_user("other-lead", side="FI", role="lead")
    lead_client.post(
        f"/admin/coordinators/coordinator/{record.pk}/change/",
        {"email": user.email, "role": "coordinator", "side": "FI", "is_active": "on"},
    )
    assert not user.groups.filter(name=LEAD_COORDINATORS_GROUP).exists()
    assert user.groups.filter(name="Regional coordinators").exists()


def test_a_lead_lists_only_the_coordinators_of_their_side(lead_client):
    coordinator_user("finnish", side="FI")
    coordinator_user("swedish", side="SE")
    html = lead_client.get("/admin/coordinators/coordinator/").content.decode()
    assert "finnish@example.org" in html
    assert "swedish@example.org" not in html


def test_the_set_password_e_mail_can_be_sent_again(lead_client):
    user, record = coordinator_user("forgetful", side="FI")
    response = lead_client.post(
        "/admin/coordinators/coordinator/",
        {
            "action": "send_invitation_again",
            "_selected_action": [record.pk],
            "index": 0,
        },
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [user.email]
    assert set_password_link(message)


def test_a_forgotten_password_is_reset_from_the_login_page(db):
    user, _record = coordinator_user("forgot", side="FI")
    login = Client().get("/admin/login/").content.decode()
    assert 'href="/admin/password_reset/"' in login
    response = Client().post("/admin/password_reset/", {"email": user.email})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [user.email]


def test_an_invited_coordinator_logs_in_with_their_new_e_mail_address_after_a_change(
    lead_client,
):
    lead_client.post(ADD, invitation())
    record = Coordinator.objects.get(user__email="new.coordinator@example.org")
    lead_client.post(
        f"/admin/coordinators/coordinator/{record.pk}/change/",
        {
            "email": "renamed@example.org",
            "role": "coordinator",
            "side": "FI",
            "is_active": "on",
        },  # fmt: skip
    )
    record.user.refresh_from_db()
    assert record.user.username == record.user.email == "renamed@example.org"
