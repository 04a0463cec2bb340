"""The snapshots as their public pages read them: one query each, whatever the size of the bundles."""

from django.db.models import QuerySet

from gaps.snapshots.models import Snapshot

LISTED = ("slug", "taken_on", "taken_at", "taken_by", "counts", "title_fi", "title_sv", "title_en", "title")  # fmt: skip


def snapshots_for_list() -> QuerySet[Snapshot]:
    """Every snapshot, newest first, with its title, date and counts (not its figures or dataset): one query."""
    return Snapshot.objects.only(*LISTED).order_by("-taken_on", "-taken_at", "-pk")


def snapshot_for_page(slug: str) -> Snapshot | None:
    """A snapshot with its figures (not its dataset), or None: one query."""
    return Snapshot.objects.for_pages().filter(slug=slug).first()


def snapshot_for_bundle(slug: str) -> Snapshot | None:
    """A snapshot with everything its bundle holds, or None: one query."""
    return Snapshot.objects.filter(slug=slug).first()


def snapshots_for_comparison(slugs: tuple[str, str]) -> dict[str, Snapshot]:
    """The two snapshots with their figures, by slug: one query."""
    return {s.slug: s for s in Snapshot.objects.for_pages().filter(slug__in=slugs)}
