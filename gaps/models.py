"""The gap analysis and pathway search compute from skills and programmes and store nothing of their own; the
cooperation actions that act on their findings are stored here (gaps/cooperation/models.py)."""

from gaps.cooperation.models import Action, ActionFigure, ActionParticipant

__all__ = ["Action", "ActionFigure", "ActionParticipant"]
