"""A register fetch told to people, in the active language: the command prints ``report_lines``; the admin page
shows the same ``report_sections``. Field names are the form's labels, values as the history shows them."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from batteryregion.history import value_shown
from programmes.models import Offering, Programme
from programmes.registers.apply import Applied
from programmes.registers.preview import Conflict, FieldChange, Preview, ProgrammePlan
from programmes.registers.records import RecordProblem


@dataclass
class Row:
    """One line of a section: the record, what about it, and up to two values (old → new, or map's vs register's)."""

    record: str
    what: str = ""
    old: str = ""
    new: str = ""
    note: str = ""

    def cells(self, key: str) -> list[str]:
        """The row's cells in the order of its section's columns."""
        return {
            "created": [self.record, self.what, self.new],
            "changed": [self.record, self.what, self.old, self.new],
            "conflicts": [self.record, self.what, self.old, self.new, self.note],
            "problems": [self.record, self.what, self.note],
            "candidates": [self.record, self.what, self.new],
        }[key]


@dataclass
class Section:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)


def field_label(model: type[models.Model], attname: str) -> str:
    """ "Name (fi)" for a language column, the form's label otherwise."""
    base, _sep, lang = attname.rpartition("_")
    if lang in ("fi", "sv", "en") and base:
        return f"{capfirst(model._meta.get_field(base).verbose_name)} ({lang})"
    name = attname.removesuffix("_id")
    return str(capfirst(model._meta.get_field(name).verbose_name))


def shown(model: type[models.Model], attname: str, value: Any) -> str:
    name = attname.removesuffix("_id")
    model_field = model._meta.get_field(name)
    if (
        isinstance(model_field, models.ForeignKey)
        and value is not None
        and not isinstance(value, models.Model)
    ):
        value = (
            model_field.related_model._default_manager.filter(pk=value).first() or value
        )
    return value_shown(model_field, value)


def _programme_name(plan: ProgrammePlan) -> str:
    if plan.programme is not None:
        return str(plan.programme)
    name = plan.record.name
    return next(
        (name[lang] for lang in ("en", "fi", "sv") if name.get(lang)),
        plan.record.identifier,
    )


def _record(plan: ProgrammePlan) -> str:
    return f"{_programme_name(plan)} [{plan.record.identifier}]"


def _change_rows(plan: ProgrammePlan) -> Iterator[Row]:
    for change in plan.changes:
        yield _change_row(_record(plan), Programme, change)
    if plan.listed_again:
        yield Row(
            _record(plan),
            _("Listed again by the register"),
            note=_("no longer a discontinuation candidate"),
        )
    for offering in plan.unlisted_offerings:
        yield Row(
            _record(plan),
            _("Offering %(identifier)s") % {"identifier": offering.register_id},
            note=_("no longer listed by the register; kept"),
        )
    for offering in plan.offerings:
        where = _("Offering %(identifier)s") % {
            "identifier": offering.record.identifier
        }
        if offering.offering is None:
            yield Row(
                _record(plan),
                _("New offering"),
                new=f"{offering.site} {offering.record.starts_on or ''}".strip(),
            )
            continue
        for change in offering.changes:
            row = _change_row(_record(plan), Offering, change)
            row.what = f"{where}: {row.what}"
            yield row
        for opens_on, closes_on in offering.new_periods:
            yield Row(
                _record(plan),
                f"{where}: {_('New application period')}",
                new=f"{opens_on} – {closes_on}",
            )


def _change_row(record: str, model: type[models.Model], change: FieldChange) -> Row:
    return Row(
        record,
        field_label(model, change.field),
        shown(model, change.field, change.old),
        shown(model, change.field, change.new),
    )


def _conflict_row(plan: ProgrammePlan, where: str, conflict: Conflict) -> Row:
    model = Offering if where else Programme
    label = field_label(model, conflict.field)
    if where:
        label = _("Offering %(identifier)s") % {"identifier": where} + f": {label}"
    return Row(
        _record(plan),
        label,
        shown(model, conflict.field, conflict.current),
        shown(model, conflict.field, conflict.register),
        _("kept; changed by %(who)s") % {"who": conflict.changed_by}
        if conflict.changed_by
        else _("kept"),
    )


def _problem_row(problem: RecordProblem) -> Row:
    return Row(problem.identifier, problem.field, note=problem.message)


def report_sections(preview: Preview, applied: Applied | None = None) -> list[Section]:
    """The preview (or what was written) in sections: created, changed, conflicts, problems, candidates."""
    created = Section(
        "created",
        _("New programmes (drafts)"),
        (_("Programme"), _("Provider"), _("Offerings")),
    )
    for plan in preview.creations:
        created.rows.append(
            Row(
                _record(plan),
                str(plan.provider),
                new=str(len([o for o in plan.offerings if o.offering is None])),
            )
        )
    changed = Section(
        "changed", _("Changes"), (_("Programme"), _("Field"), _("Now"), _("Register"))
    )
    for plan in [*preview.updates, *preview.unchanged]:
        changed.rows.extend(_change_rows(plan))
    conflicts = Section(
        "conflicts",
        _("Conflicts: a coordinator's value is kept"),
        (
            _("Programme"),
            _("Field"),
            _("Coordinator's value"),
            _("Register's value"),
            _("Outcome"),
        ),
    )
    for plan, where, conflict in preview.conflicts:
        conflicts.rows.append(_conflict_row(plan, where, conflict))
    problems = Section(
        "problems", _("Problems"), (_("Record"), _("Field"), _("Problem"))
    )
    problems.rows = [_problem_row(problem) for problem in preview.problems]
    if applied is not None:
        problems.rows += [_problem_row(problem) for problem in applied.refused]
    candidates = Section(
        "candidates",
        _("Discontinuation candidates: no longer listed by the register"),
        (_("Programme"), _("Provider"), _("Missing since")),
    )
    for programme in preview.candidates:
        since = programme.missing_from_register_since or preview.checked_on
        candidates.rows.append(
            Row(
                f"{programme} [{programme.slug}]",
                str(programme.provider),
                new=str(since),
            )
        )
    return [created, changed, conflicts, problems, candidates]


def counts_line(preview: Preview, applied: Applied | None = None) -> str:
    created = len(applied.created) if applied else len(preview.creations)
    changed = len(applied.changed) if applied else len(preview.updates)
    problems = len(preview.problems) + (len(applied.refused) if applied else 0)
    return _(
        "%(created)s new, %(changed)s changed, %(unchanged)s unchanged, %(conflicts)s conflicts, "
        "%(problems)s problems, %(candidates)s discontinuation candidates."
    ) % {
        "created": created,
        "changed": changed,
        "unchanged": len(preview.unchanged),
        "conflicts": len(preview.conflicts),
        "problems": problems,
        "candidates": len(preview.candidates),
    }


def report_lines(preview: Preview, applied: Applied | None = None) -> list[str]:
    """The report as plain lines for the command."""
    if applied is None:
        heading = _("Dry run of %(register)s on %(date)s: nothing was written.")
    else:
        heading = _(
            "%(register)s read on %(date)s; written as source version “%(version)s”."
        )
    lines = [
        heading
        % {
            "register": preview.source.label,
            "date": preview.checked_on,
            "version": preview.source_version,
        }
    ]
    for section in report_sections(preview, applied):
        if not section.rows:
            continue
        lines.append("")
        lines.append(
            _("%(title)s (%(count)s):")
            % {"title": section.title, "count": len(section.rows)}
        )
        for row in section.rows:
            lines.append("  " + _line(section.key, row))
    lines.append("")
    lines.append(counts_line(preview, applied))
    return lines


def _line(key: str, row: Row) -> str:
    values = {
        "record": row.record,
        "what": row.what,
        "old": row.old,
        "new": row.new,
        "note": row.note,
    }
    if key == "created":
        return _("%(record)s, by %(what)s, %(new)s new offerings") % values
    if key == "conflicts":
        return (
            _(
                "%(record)s: %(what)s: the map has %(old)s, the register %(new)s (%(note)s)"
            )
            % values
        )
    if key == "problems":
        if row.what:
            return _("%(record)s, field %(what)s: %(note)s") % values
        return _("%(record)s: %(note)s") % values
    if key == "candidates":
        return _("%(record)s, by %(what)s, missing since %(new)s") % values
    if row.old:
        return _("%(record)s: %(what)s: %(old)s → %(new)s") % values
    if not row.new:
        return _("%(record)s: %(what)s (%(note)s)") % values
    return _("%(record)s: %(what)s: %(new)s") % values
