"""The gap analysis and pathway search compute from skills and programmes and store nothing of their own; the
cooperation actions that act on their findings (gaps/cooperation/models.py) and the dated snapshots of the data and
figures (gaps/snapshots/models.py) are stored here."""

from gaps.cooperation.models import Action, ActionFigure, ActionParticipant
from gaps.snapshots.models import Snapshot

__all__ = ["Action", "ActionFigure", "ActionParticipant", "Snapshot"]
