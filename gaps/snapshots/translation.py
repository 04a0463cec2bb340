"""The translated title of a snapshot, and the history of its changes (the frozen content never changes, and its
large fields are not copied into every version)."""

from modeltranslation.translator import TranslationOptions, register

from batteryregion.records import track_history
from gaps.snapshots.models import Snapshot


@register(Snapshot)
class SnapshotTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


track_history(Snapshot, excluded_fields=("figures", "dataset"))
