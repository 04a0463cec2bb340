"""The gaps app's admin (Django reads this module): the cooperation actions'."""

from gaps.cooperation import admin  # noqa: F401
