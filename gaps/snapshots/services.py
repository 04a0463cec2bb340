"""Taking a snapshot: the public dataset and the default gap dashboard's figures, read in one transaction and stored
read-only with their digest; and the monthly snapshot of the scheduled command (manage.py take_snapshot --monthly)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from batteryregion.bulk_export.resources import public_dataset
from batteryregion.page_cache import current_version
from gaps.analysis.compare import shared_inputs
from gaps.snapshots.bundle import BUNDLE_FORMAT_VERSION
from gaps.snapshots.figures import (
    analysis_figures,
    counts_of,
    default_dashboard_query,
    programme_figures,
    programme_places,
)
from gaps.snapshots.models import Snapshot

# Page links in a snapshot's dataset are paths (/fi/programmes/…): the same whoever takes it, wherever it is served.
BASE_URL = ""


def default_titles(on: datetime.date) -> dict[str, str]:
    """ "Battery Region map, 1 March 2027" in every language, the date written as the language writes it."""
    titles = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles[code] = gettext("Battery Region map, %(date)s") % {
                "date": date_format(on, "DATE_FORMAT")
            }
    return titles


@contextmanager
def _one_reading() -> Iterator[None]:
    """A transaction in which every query sees the data as it stood at its first one: on PostgreSQL repeatable read
    (read committed, the default, would let a change committed meanwhile into the later queries); SQLite's
    transactions already read one state. Inside an outer transaction the outer one decides."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def _free_slug(on: datetime.date) -> str:
    """The date (2027-03-01), or with -2, -3 … when a snapshot of that day exists."""
    base = on.isoformat()
    taken = set(
        Snapshot.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def snapshot_take(
    *,
    title: str | dict[str, str] | None = None,
    taken_by: AbstractBaseUser | None = None,
    on: datetime.date | None = None,
    monthly: bool = False,
    into: Snapshot | None = None,
) -> Snapshot | None:
    """Freeze the public dataset and the default gap dashboard as they stand now, dated ``on`` (default today).

    ``title``: one text for every language, or a text per language code; by default "Battery Region map, <date>"
    in each language. ``monthly``: take it only if no snapshot is dated in the same month (returns None then).
    ``into``: the unsaved snapshot to fill (the admin's form made it).
    A fixed number of queries whatever the amount of data (about 40: three or four per resource of the dataset,
    seven for the gap figures).
    """
    on = on or timezone.localdate()
    with _one_reading():
        if (
            monthly
            and Snapshot.objects.filter(
                taken_on__year=on.year, taken_on__month=on.month
            ).exists()
        ):
            return None
        data_version = current_version()
        dataset = {resource.name: items for resource, items in public_dataset(BASE_URL)}
        # The weights and current intakes of the snapshot's own year, as the dashboard counted them that day.
        query = replace(default_dashboard_query(), reference_year=on.year)
        shared = shared_inputs(query)
        analysis = analysis_figures(query, shared)
        programmes = programme_figures(
            dataset.get("programmes", []), programme_places(shared)
        )
        snapshot = into if into is not None else Snapshot()
        snapshot.slug = _free_slug(on)
        snapshot.taken_on = on
        snapshot.taken_at = timezone.now().replace(microsecond=0)
        snapshot.taken_by = taken_by
        snapshot.data_version = data_version
        snapshot.format_version = BUNDLE_FORMAT_VERSION
        snapshot.figures = {"analysis": analysis, "programmes": programmes}
        snapshot.dataset = dataset
        snapshot.counts = counts_of(dataset, programmes)
        titles = default_titles(on)
        if isinstance(title, str) and title.strip():
            titles = dict.fromkeys(titles, title.strip())
        elif isinstance(title, dict):
            titles.update({code: text for code, text in title.items() if text})
        for code, text in titles.items():
            setattr(snapshot, f"title_{code}", text)
        snapshot.save()  # with the digest of its bundle
    return snapshot
