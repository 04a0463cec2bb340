"""The change log across all records, for lead coordinators: the newest versions of every tracked model, merged
into one list with a UNION query (its page and its count are one query each, whatever the number of models)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_history_manager_for_model

from batteryregion.history import (
    Parents,
    part_parents,
    tracked_models,
    translated_fields,
)
from batteryregion.i18n import translated_name_expression
from batteryregion.records import ChangeChannel
from skills.models import CompetenceNeed, visible_needs

# Translated fields that name a record, in the order they are looked for.
NAME_FIELDS = ("name", "label", "town")
COLUMNS = (
    "log_model",
    "log_version",
    "log_record",
    "log_link",
    "log_date",
    "log_type",
    "log_channel",
    "log_reason",
    "log_title",
    "log_username",
    "log_first_name",
    "log_last_name",
)
VERSION_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass(frozen=True)
class LogFilters:
    model: type[models.Model] | None = None
    record: int | None = None
    user_id: int | None = None
    channel: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None


@dataclass(frozen=True)
class LogRow:
    when: datetime.datetime
    kind: str
    title: str
    url: str
    action: str
    channel: str
    who: str
    reason: str


def _title(model: type[models.Model], parents: Parents, prefix: str = "") -> Any:
    """SQL for what names a record in the log: its translated name (after its parent's, for a part), its parent's
    name (an offering is named after its programme), its slug, its user's name, or its number."""
    names = translated_fields(model)
    own = next((name for name in NAME_FIELDS if name in names), None)
    own_title = translated_name_expression(f"{prefix}{own}") if own else None
    if model in parents and not prefix:
        parent_model, key = parents[model]
        parent_title = _title(parent_model, parents, prefix=f"{key}__")
        if own_title is None:
            return parent_title
        return Concat(
            parent_title, Value(" – "), own_title, output_field=models.TextField()
        )
    if own_title is not None:
        return own_title
    field_names = {field.name for field in model._meta.fields}
    if "slug" in field_names:
        return Cast(F(f"{prefix}slug"), models.TextField())
    if "user" in field_names:
        return Cast(F(f"{prefix}user__username"), models.TextField())
    return Cast(F(f"{prefix}{model._meta.pk.attname}"), models.TextField())


def _linked_model(model: type[models.Model], parents: Parents) -> type[models.Model]:
    """Whose history page shows the model's versions: its own, or its parent's for a part without an admin."""
    if model in parents and model not in admin.site._registry:
        return parents[model][0]
    return model


def _branch(
    model: type[models.Model],
    filters: LogFilters,
    user: AbstractBaseUser,
    parents: Parents,
) -> QuerySet:
    """The versions of one model in the log's columns, filtered."""
    history = get_history_manager_for_model(model).model
    pk_name = model._meta.pk.attname
    linked = _linked_model(model, parents)
    queryset = history.objects.order_by()
    if filters.record is not None:
        queryset = queryset.filter(**{pk_name: filters.record})
    if filters.user_id is not None:
        queryset = queryset.filter(history_user_id=filters.user_id)
    if filters.channel:
        queryset = queryset.filter(history_channel=filters.channel)
    if filters.since is not None:
        queryset = queryset.filter(history_date__gte=_day_start(filters.since))
    if filters.until is not None:
        next_day = filters.until + datetime.timedelta(days=1)
        queryset = queryset.filter(history_date__lt=_day_start(next_day))
    if model is CompetenceNeed:
        # Confidential needs stay with those allowed to see them, in their history too.
        queryset = queryset.filter(visible_needs(user))
    text = models.TextField()
    return queryset.annotate(
        log_model=Value(model._meta.label_lower, output_field=text),
        log_version=F("history_id"),
        log_record=F(pk_name),
        log_link=F(pk_name) if linked is model else F(f"{parents[model][1]}_id"),
        log_date=F("history_date"),
        log_type=F("history_type"),
        log_channel=F("history_channel"),
        log_reason=Coalesce(F("history_change_reason"), Value(""), output_field=text),
        log_title=Coalesce(_title(model, parents), Value(""), output_field=text),
        log_username=Coalesce(
            F("history_user__username"), Value(""), output_field=text
        ),
        log_first_name=Coalesce(
            F("history_user__first_name"), Value(""), output_field=text
        ),
        log_last_name=Coalesce(
            F("history_user__last_name"), Value(""), output_field=text
        ),
    ).values(*COLUMNS)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def versions_for_change_log(filters: LogFilters, user: AbstractBaseUser) -> QuerySet:
    """The versions of every tracked model (or of one) within the filters, newest first, as one UNION ALL query of
    the log's columns; each branch joins what names the record and who made the version."""
    parents = part_parents()
    models_shown = [filters.model] if filters.model else tracked_models()
    branches = [_branch(model, filters, user, parents) for model in models_shown]
    combined = (
        branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    )
    return combined.order_by("-log_date", "log_model", "-log_version")


def rows_for_change_log(versions: list[dict[str, Any]]) -> list[LogRow]:
    """A page of the log as people read it, each row linking to the history page that shows the version."""
    parents = part_parents()
    models_by_label = {model._meta.label_lower: model for model in tracked_models()}
    return [
        _row(values, models_by_label[values["log_model"]], parents)
        for values in versions
    ]


def _row(values: dict[str, Any], model: type[models.Model], parents: Parents) -> LogRow:
    linked = _linked_model(model, parents)
    try:
        url = reverse(
            f"admin:{linked._meta.app_label}_{linked._meta.model_name}_history",
            args=[values["log_link"]],
        )
        anchor = "version" if linked is model else model._meta.model_name
        url = f"{url}#{anchor}-{values['log_version']}"
    except NoReverseMatch:
        url = ""
    channel = str(ChangeChannel(values["log_channel"]).label)
    full_name = f"{values['log_first_name']} {values['log_last_name']}".strip()
    return LogRow(
        when=values["log_date"],
        kind=capfirst(model._meta.verbose_name),
        title=values["log_title"] or str(values["log_record"]),
        url=url,
        action=str(VERSION_TYPES.get(values["log_type"], "")),
        channel=channel,
        who=full_name or values["log_username"] or channel,
        reason=values["log_reason"],
    )
