"""The cooperation files: links between actors that public sources document (actor_links.csv), and the example
cooperation actions with their participants and figures (cooperation_actions.csv, action_participants.csv,
action_figures.csv). Each row is compared with its record by the Loader's save(), so a coordinator's edit in the
admin is kept and reported like any other."""

from django.utils.translation import gettext as _

from batteryregion.bundled_data.rows import Keyed, translated_columns
from gaps.cooperation.models import Action, ActionFigure, ActionParticipant
from skills.models import ActorLink

_t = translated_columns


class CooperationFiles:
    """The Loader's steps for the cooperation files (mixed into batteryregion.bundled_data.loader.Loader)."""

    def load_actor_links(self) -> None:
        columns = [
            "actor", "partner", "kind", "started_on", "ended_on", "segments", *_t("description"), "source_url",
            "verified_on",
        ]  # fmt: skip
        for row in self.rows("actor_links.csv", columns, ("actor", "partner", "kind")):
            key = {
                "actor": row.ref("actor", self.actors, required=True),
                "partner": row.ref("partner", self.actors, required=True),
                "kind": row.choice("kind", ActorLink.Kind),
            }
            values = {
                "started_on": row.date("started_on"),
                "ended_on": row.date("ended_on"),
                **row.translated("description"),
                # Every bundled link is published, so every one names the page that shows it.
                "source_url": row.url("source_url", required=True),
                "verified_on": row.date("verified_on"),
            }
            segments = row.refs("segments", self.segments)
            if row.ok:
                self.save(row, ActorLink, key, values, {"segments": segments})

    def load_actions(self) -> None:
        columns = [
            "slug", "kind", *_t("title"), *_t("description"), "segments", "occupations", "skills", "regions", "needs",
            "programmes", "starts_on", "ends_on", "state", *_t("dropped_reason"), "visibility", "is_example",
        ]  # fmt: skip
        self.actions = Keyed((a.slug, a) for a in self.records(Action))
        for row in self.rows("cooperation_actions.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = {
                "kind": row.choice("kind", Action.Kind),
                **row.translated("title"),
                **row.translated("description"),
                "starts_on": row.date("starts_on"),
                "ends_on": row.date("ends_on"),
                "state": row.choice("state", Action.State),
                **row.translated("dropped_reason", required=False),
                "visibility": row.choice("visibility", Action.Visibility),
                "is_example": row.boolean("is_example"),
            }
            if row.ok and not values["is_example"]:
                # The bundled data holds no real action yet: one would need a source, and the model has none.
                row.error(
                    "is_example",
                    _("Bundled actions are examples: write yes."),
                )
            links = {
                "segments": row.refs("segments", self.segments),
                "occupations": row.refs("occupations", self.occupations),
                "skills": row.refs("skills", self.skills),
                "regions": row.refs("regions", self.regions),
                "needs": row.refs("needs", self.needs),
                "programmes": row.refs("programmes", self.programmes),
            }
            if row.ok:
                action = self.save(row, Action, {"slug": slug}, values, links)
                self.actions.record(slug, action)

    def load_action_participants(self) -> None:
        columns = ["action", "actor", "role"]
        for row in self.rows("action_participants.csv", columns, ("action", "actor")):
            key = {
                "action": row.ref("action", self.actions, required=True),
                "actor": row.ref("actor", self.actors, required=True),
            }
            values = {"role": row.choice("role", ActionParticipant.Role)}
            if row.ok:
                self.save(row, ActionParticipant, key, values)

    def load_action_figures(self) -> None:
        columns = ["action", "measure", "promised", "achieved", "due_on", "achieved_on"]
        for row in self.rows("action_figures.csv", columns, ("action", "measure")):
            key = {
                "action": row.ref("action", self.actions, required=True),
                "measure": row.choice("measure", ActionFigure.Measure),
            }
            values = {
                "promised": row.integer("promised", required=True, low=0),
                "achieved": row.integer("achieved", low=0),
                "due_on": row.date("due_on"),
                "achieved_on": row.date("achieved_on"),
            }
            if row.ok:
                self.save(row, ActionFigure, key, values)
