"""Writes of the coordinators' admin: inviting and updating coordinator accounts, discontinuing records."""

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from batteryregion.records import PublicationState
from batteryregion.services import coordinator_groups_sync
from coordinators.forms import InvitationMailForm
from coordinators.models import Coordinator
from skills.models import Actor, Region

INVITATION_SUBJECT = "registration/invitation_subject.txt"
INVITATION_BODY = "registration/invitation_email.txt"


@transaction.atomic
def coordinator_invite(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    side: str,
    organisations: list[Actor],
    regions: list[Region],
    request: HttpRequest,
) -> Coordinator:
    """Create a staff account without a usable password, its coordinator record and groups, and e-mail it a
    set-password link; nothing is created when the e-mail cannot be sent. The e-mail address is the username."""
    user = User(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=True,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    coordinator = Coordinator.objects.create(user=user, role=role, side=side)
    coordinator.organisations.set(organisations)
    coordinator.regions.set(regions)
    coordinator_groups_sync(coordinator)
    invitation_send(user=user, request=request)
    return coordinator


@transaction.atomic
def coordinator_update(
    *,
    coordinator: Coordinator,
    email: str,
    first_name: str,
    last_name: str,
    is_active: bool,
    organisations: list[Actor],
    regions: list[Region],
) -> Coordinator:
    """Save a coordinator record (role and side already set on it), its account's name, e-mail (and username, when
    that is the e-mail address) and active flag, its organisations and regions, and the groups of its role."""
    user = coordinator.user
    if user.username == user.email:
        user.username = email  # invited accounts log in with their e-mail address
    user.email = email
    user.first_name = first_name
    user.last_name = last_name
    user.is_active = is_active
    user.save(
        update_fields=["username", "email", "first_name", "last_name", "is_active"]
    )
    coordinator.save()
    coordinator.organisations.set(organisations)
    coordinator.regions.set(regions)
    coordinator_groups_sync(coordinator)
    return coordinator


def invitation_send(*, user: User, request: HttpRequest) -> None:
    """E-mail the account a link to set its password (Django's password reset token, valid PASSWORD_RESET_TIMEOUT)."""
    form = InvitationMailForm(user)
    if not form.is_valid():
        raise ValueError(f"The account {user.pk} has no valid e-mail address.")
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name=INVITATION_SUBJECT,
        email_template_name=INVITATION_BODY,
        extra_email_context={"username": user.get_username()},
    )


@transaction.atomic
def records_discontinue(*, records: QuerySet, on: datetime.date | None = None) -> int:
    """Mark programmes, actors or needs discontinued, ended on the given day (today by default); returns how many
    changed. Each is saved on its own so that its history records the change; already discontinued ones keep
    their end date."""
    ended_on = on or timezone.localdate()
    changed = 0
    for record in records.exclude(state=PublicationState.DISCONTINUED):
        record.state = PublicationState.DISCONTINUED
        record.ended_on = record.ended_on or ended_on
        record.save()
        changed += 1
    return changed
