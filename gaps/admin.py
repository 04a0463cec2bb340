"""The gaps app's admin (Django reads this module): the cooperation actions' and the snapshots'."""

from gaps.cooperation import admin  # noqa: F401
from gaps.snapshots import admin as snapshot_admin  # noqa: F401
