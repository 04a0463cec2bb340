"""Translated fields of the gaps app (modeltranslation reads this module): the cooperation actions' and the
snapshots'."""

from gaps.cooperation import translation  # noqa: F401
from gaps.snapshots import translation as snapshot_translation  # noqa: F401
