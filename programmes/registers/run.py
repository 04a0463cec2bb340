"""One register fetch from start to end: the query from the region's providers, the register's answer, the preview,
and (unless it is a dry run) writing it. The command and the admin page both call ``register_fetch``."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.models import Programme
from programmes.registers.apply import Applied, apply_preview
from programmes.registers.client import RegisterHttpError
from programmes.registers.matching import plan_register_run
from programmes.registers.preview import Preview
from programmes.registers.records import JsonClient, RegisterQuery
from programmes.registers.registry import (
    SOURCES,
    RegisterSource,
    UnknownRegister,
    module_for,
    register_names,
)
from skills.models import Actor, Municipality


class RegisterFetchError(Exception):
    """A fetch that cannot go on (unknown register or provider, the register not answering): nothing was written."""


@dataclass
class FetchResult:
    preview: Preview
    applied: Applied | None  # None for a dry run
    providers: list[Actor]


def region_providers(source: RegisterSource, wanted: Sequence[str] = ()) -> list[Actor]:
    """The actors with an identifier in the register and a site on the map (in one of the map's regions); with
    ``wanted``, only those named there by slug or register identifier. Raises RegisterFetchError for a name that
    is no such actor."""
    key = source.actor_key
    actors = (
        Actor.objects.exclude(**{key: ""})
        .filter(pk__in=Actor.objects.filter(sites__isnull=False).values("pk"))
        .order_by("slug")
    )
    if not wanted:
        return list(actors)
    chosen = list(actors.filter(Q(slug__in=wanted) | Q(**{f"{key}__in": wanted})))
    found = {actor.slug for actor in chosen} | {getattr(actor, key) for actor in chosen}
    missing = [name for name in wanted if name not in found]
    if missing:
        raise RegisterFetchError(
            _(
                "No provider with a site on the map and an identifier in %(register)s is named %(names)s."
            )
            % {"register": source.label, "names": ", ".join(missing)}
        )
    return chosen


def register_query(source: RegisterSource, providers: list[Actor]) -> RegisterQuery:
    """The providers' identifiers, the register's battery words, the map's municipalities of its country, and the
    register identifiers the map already holds for these providers."""
    key = source.programme_key
    held = (
        Programme.objects.filter(provider__in=providers)
        .exclude(**{key: ""})
        .order_by(key)
        .values_list(key, flat=True)
        .distinct()
    )
    return RegisterQuery(
        provider_identifiers=tuple(
            getattr(actor, source.actor_key) for actor in providers
        ),
        keywords=source.keywords,
        municipality_codes=tuple(
            Municipality.objects.filter(code__startswith=source.country)
            .order_by("code")
            .values_list("code", flat=True)
        ),
        identifiers=tuple(held),
    )


def register_fetch(
    name: str,
    client: JsonClient,
    *,
    providers: Sequence[str] = (),
    dry_run: bool = True,
    checked_on: datetime.date | None = None,
) -> FetchResult:
    """Read the register for the region's providers and preview (dry run) or write what it says.

    Raises RegisterFetchError, writing nothing, when the register is unknown, a named provider is not on the map,
    no provider has an identifier in the register, or the register cannot be read at all (a record that cannot be
    read is a problem in the preview instead)."""
    try:
        module = module_for(name)
    except UnknownRegister:
        raise RegisterFetchError(
            _("There is no register “%(name)s”; the registers are: %(names)s.")
            % {"name": name, "names": ", ".join(register_names())}
        ) from None
    source = SOURCES[name]
    actors = region_providers(source, providers)
    if not actors:
        raise RegisterFetchError(
            _(
                "No provider on the map has an identifier in %(register)s; add the identifiers to the actors first."
            )
            % {"register": source.label}
        )
    try:
        answer = module.read(client, register_query(source, actors))
    except RegisterHttpError as error:
        raise RegisterFetchError(
            _("%(register)s could not be read; nothing was written. %(error)s")
            % {"register": source.label, "error": error}
        ) from error
    checked_on = checked_on or timezone.localdate()
    if dry_run:
        return FetchResult(
            plan_register_run(source, answer, actors, checked_on), None, actors
        )
    # Compared and written in one transaction, so that nothing changes between the comparison and the writing.
    with transaction.atomic():
        preview = plan_register_run(source, answer, actors, checked_on)
        applied = apply_preview(preview)
    return FetchResult(preview, applied, actors)
