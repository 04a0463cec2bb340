"""Records the bundled data once held and no longer lists (an example need replaced by a sourced one).

A record the loader wrote, that its file no longer lists and that nobody has changed since (every field and link
still holds what the loader last wrote), is removed through the loader, so that its history keeps the deleted
version. A record changed since it was loaded, through the admin, an import, the API or the shell, is a
coordinator's and stays, as does one another record still refers to (a cooperation action that names the need);
both are reported. Records coordinators made, which the loader never wrote, are left alone and not reported.
"""

from django.db import models

from batteryregion.bundled_data.report import Outcome, natural_key
from skills.models import CompetenceNeed


class UnbundledRecords:
    """The loader's last step: what to do with records the files no longer list."""

    def remove_unbundled_needs(self) -> None:
        self.remove_unbundled(
            CompetenceNeed,
            "competence_needs.csv",
            self.listed_needs,
            referred_to_by=("actions",),
        )

    def remove_unbundled(
        self,
        model: type[models.Model],
        file: str,
        listed: set[int],
        referred_to_by: tuple[str, ...] = (),
    ) -> None:
        """Remove the records of the kind that the loader wrote, the file no longer lists and nobody changed;
        keep and report the others. ``listed`` holds the ids the file's rows stand for in this load (a row whose
        key a coordinator changed since still stands for its record); ``referred_to_by`` names the reverse
        relations whose records keep a record in place while they refer to it."""
        live = self._by_pk(model)
        for pk in sorted(set(self.history.last_loaded(model)) - listed):
            obj = live.get(pk)
            if obj is None:
                continue  # deleted in the database, or by an earlier load
            key = natural_key(obj)
            if not self.history.as_loaded(obj):
                self.report.count(model, Outcome.KEPT_UNBUNDLED)
                self.report.note(file, key, Outcome.KEPT_UNBUNDLED)
                continue
            referring = [
                (name, natural_key(other))
                for name in referred_to_by
                for other in getattr(obj, name).all()
            ]
            if referring:
                self.report.count(model, Outcome.KEPT_UNBUNDLED)
                self.report.note(
                    file, key, Outcome.KEPT_UNBUNDLED, refers_to=referring[0]
                )
                continue
            self.delete(obj)
            self.report.count(model, Outcome.REMOVED)
            self.report.note(file, key, Outcome.REMOVED)
