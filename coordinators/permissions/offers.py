"""What the public pages offer a user beyond reading: previews of drafts and news, starting an action, recording
planned training, taking a snapshot."""

from django.db.models import Model

from batteryregion.news.models import NewsItem
from coordinators.permissions.records import can_add, can_change
from coordinators.permissions.scope import EDITORS, Role, User, scope_of
from gaps.cooperation.models import Action
from gaps.snapshots.models import Snapshot
from programmes.models import (
    Programme,
)


def may_preview_drafts(user: User, model: type[Model]) -> bool:
    """Whether the user sees drafts of the model on their public pages and API details: coordinators who edit them."""
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def may_preview_news(user: User) -> bool:
    """Whether the user may open a news item that is not public (a draft, or one whose publication date has not
    come) on its public page, the admin's "View on site": those who write news (NEWS), lead coordinators and
    superusers, with the model permission. Everyone else gets a 404, as if it did not exist. No query for visitors
    and partners; up to 3 the first time for staff (their coordinator record)."""
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm("news.change_newsitem") and can_change(user, NewsItem)


def may_take_snapshots(user: User) -> bool:
    """Whether the user is offered "Take a snapshot now": they may add snapshots (model permission and role)."""
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm("gaps.add_snapshot") and can_add(user, Snapshot)


def may_record_planned_training(user: User) -> bool:
    """Whether the user is offered "Record planned training" on an action's page: they may add programmes (model
    permission and role). Ask once per request (up to 3 queries the first time, none for visitors)."""
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm("programmes.add_programme") and can_add(user, Programme)


def may_start_actions(user: User) -> bool:
    """Whether the user is offered "Start an action" on the gap pages: they may add actions (model permission and
    role). Ask once per request: it reads the coordinator record the first time (up to 3 queries)."""
    if not (user.is_active and user.is_staff):
        return False  # anonymous visitors and partners: no query
    return user.has_perm("gaps.add_action") and can_add(user, Action)


def may_import(user: User) -> bool:
    """Whether the user may upload import files (batteryregion/imports): coordinators and leads who edit records,
    and superusers. What an import then changes is decided row by row by can_add, can_change and holds."""
    if not (user.is_active and user.is_staff):
        return False
    scope = scope_of(user)
    return scope.role == Role.SUPERUSER or (
        scope.role in EDITORS and scope.edits_records
    )


def may_see_import(user: User, job: Model) -> bool:
    """An import job (its file and preview) is its uploader's; superusers see every one."""
    if not (user.is_active and user.is_staff):
        return False
    return job.created_by_id == user.pk or scope_of(user).role == Role.SUPERUSER
