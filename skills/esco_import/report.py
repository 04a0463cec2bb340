"""The import's report, in the language of the command: labels taken, labels kept because a coordinator changed
them, and the concepts this ESCO version no longer has or that the map names wrongly."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skills.esco_import.plan import FieldChange, ImportPlan

MAX_SHOWN_CHARS = 80


def _shown(value: str) -> str:
    value = " | ".join(value.splitlines())
    if len(value) > MAX_SHOWN_CHARS:
        value = value[: MAX_SHOWN_CHARS - 1] + "…"
    return f"“{value}”" if value else _("(empty)")


def _change_line(change: FieldChange) -> str:
    return _("  %(concept)s %(slug)s, %(field)s: %(current)s → ESCO %(esco)s") % {
        "concept": change.concept._meta.verbose_name,
        "slug": change.concept.slug,
        "field": change.field,
        "current": _shown(change.current),
        "esco": _shown(change.esco),
    }


def report_lines(plan: ImportPlan, saved: int | None = None) -> list[str]:
    """The whole report as text lines; saved is None for a dry run."""
    lines: list[str] = []
    sections = (
        (
            _("Labels taken from ESCO (they held the project's or the tools' text):"),
            plan.replaced,
        ),
        (
            _(
                "Kept, because a coordinator changed them (the database value, then ESCO's); "
                "change them in the admin if ESCO's is better:"
            ),
            plan.kept,
        ),
        (
            _(
                "Marked as ESCO's labels, but worded otherwise in this version (not changed; take ESCO's in the "
                "admin if it is better):"
            ),
            plan.esco_differs,
        ),
        (
            _("ISCO-08 group on the map differs from ESCO's (not changed):"),
            plan.isco_differs,
        ),
    )
    for heading, changes in sections:
        if changes:
            lines += [heading, *(_change_line(change) for change in changes), ""]
    version = {"version": plan.version}
    concept_sections = (
        (
            _(
                "No longer in ESCO %(version)s (deprecated or replaced; find the successor on the ESCO portal):"
            )
            % version,
            [(c, c.esco_uri) for c in plan.not_in_version],
        ),
        (
            _("Not released in ESCO %(version)s (status in the files):") % version,
            [(c, f"{c.esco_uri} ({status})") for c, status in plan.deprecated],
        ),
        (
            _("ESCO URI is not valid for its kind of concept:"),
            [(c, c.esco_uri) for c in plan.invalid_uris],
        ),
        (
            _("ISCO-08 group not in ESCO %(version)s:") % version,
            [(o, o.isco_code) for o in plan.unknown_isco],
        ),
    )
    for heading, rows in concept_sections:
        if rows:
            lines.append(heading)
            lines += [
                f"  {concept._meta.verbose_name} {concept.slug}: {detail}"
                for concept, detail in rows
            ]
            lines.append("")
    if plan.links_not_in_version:
        lines.append(
            _("Occupation–skill links on the map that ESCO %(version)s does not have:")
            % version
        )
        lines += [
            f"  {link.occupation.slug} – {link.skill.slug}"
            for link in plan.links_not_in_version
        ]
        lines.append("")
    lines.append(
        _(
            "ESCO %(version)s: %(matched)s concepts on the map found, %(replaced)s fields taken, "
            "%(kept)s kept, %(missing)s no longer in ESCO."
        )
        % {
            **version,
            "matched": plan.matched,
            "replaced": len(plan.replaced),
            "kept": len(plan.kept),
            "missing": len(plan.not_in_version) + len(plan.deprecated),
        }
    )
    if saved is None:
        lines.append(_("Dry run: nothing was written."))
    else:
        lines.append(
            ngettext(
                "%(count)s concept saved, with a version in its history.",
                "%(count)s concepts saved, each with a version in its history.",
                saved,
            )
            % {"count": saved}
        )
    return lines
