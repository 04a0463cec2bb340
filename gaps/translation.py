"""Translated fields of the gaps app (modeltranslation reads this module): the cooperation actions'."""

from gaps.cooperation import translation  # noqa: F401
