"""Reading ESCO's official CSV download: occupations_<lang>.csv, skills_<lang>.csv, ISCOGroups_<lang>.csv and
occupationSkillRelations_<lang>.csv. Every problem is collected with its file, row and column; nothing is read
half-way into the database."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from batteryregion.bundled_data.rows import BundledDataError, RowError

ESCO_URI_PREFIX = "http://data.europa.eu/esco/"
RELEASED = "released"
# The columns read from each kind of file (the download has more; they are ignored).
OCCUPATION_COLUMNS = (
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "status",
    "code",
)
SKILL_COLUMNS = ("conceptUri", "preferredLabel", "altLabels", "status")
ISCO_COLUMNS = ("conceptUri", "code", "preferredLabel")
RELATION_COLUMNS = ("occupationUri", "relationType", "skillUri")


class EscoFileError(BundledDataError):
    """The download has errors (file, row, column and reason each); nothing was written."""


@dataclass
class EscoConceptRow:
    """One concept of one language file."""

    uri: str
    label: str
    alt_labels: list[str]
    status: str
    isco_group: str = ""
    code: str = ""


@dataclass
class EscoDownload:
    """What the files hold: per language, concepts by URI; ISCO group codes; occupation–skill relations."""

    version: str
    languages: tuple[str, ...]
    occupations: dict[str, dict[str, EscoConceptRow]] = field(default_factory=dict)
    skills: dict[str, dict[str, EscoConceptRow]] = field(default_factory=dict)
    isco_codes: set[str] | None = None
    relations: dict[tuple[str, str], str] | None = None

    def concept(self, kind: str, uri: str) -> EscoConceptRow | None:
        """The concept in any of the read languages (status and ISCO group are the same in each)."""
        for rows in getattr(self, kind).values():
            if uri in rows:
                return rows[uri]
        return None


def split_labels(cell: str) -> list[str]:
    """ESCO's alternative labels: one a line inside the quoted cell; blank lines and repeats dropped."""
    labels: list[str] = []
    for line in cell.splitlines():
        label = " ".join(line.split())
        if label and label not in labels:
            labels.append(label)
    return labels


class _Reader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.errors: list[RowError] = []

    def error(self, file: str, row: int, column: str, reason: str) -> None:
        self.errors.append(RowError(file, row, column, reason))

    def rows(
        self, name: str, columns: tuple[str, ...], required: bool = True
    ) -> list[tuple[int, dict[str, str]]] | None:
        """The rows of one file, numbered as in a spreadsheet (the header is row 1; a row whose cells run over
        several lines counts once). None when the file is absent or unreadable (an error if it is required)."""
        path = self.directory / name
        if not path.is_file():
            if required:
                self.error(name, 0, "—", _("The file is missing."))
            return None
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            self.error(name, 0, "—", _("The file is not UTF-8 text."))
            return None
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        rows: list[tuple[int, dict[str, str]]] = []
        try:
            header = next(reader, [])
        except csv.Error as problem:
            self.error(name, 1, "—", str(problem))
            return None
        missing = [column for column in columns if column not in header]
        for column in missing:
            self.error(name, 1, column, _("The column is missing."))
        if missing:
            return None
        number = 1
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as problem:
                self.error(
                    name,
                    number,
                    "—",
                    _("The row cannot be read: %(problem)s") % {"problem": problem},
                )
                break
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                self.error(
                    name,
                    number,
                    "—",
                    _("The row has %(found)s cells; the header has %(expected)s.")
                    % {"found": len(cells), "expected": len(header)},
                )
                continue
            rows.append((number, dict(zip(header, cells, strict=True))))
        return rows

    def uri(
        self, name: str, number: int, row: dict[str, str], column: str, kind: str
    ) -> str | None:
        value = row[column].strip()
        if not value:
            self.error(name, number, column, _("The URI is missing."))
            return None
        if not value.startswith(f"{ESCO_URI_PREFIX}{kind}/") or any(
            c.isspace() for c in value
        ):
            self.error(
                name,
                number,
                column,
                _("“%(value)s” is not an ESCO URI starting with %(prefix)s.")
                % {"value": value, "prefix": f"{ESCO_URI_PREFIX}{kind}/"},
            )
            return None
        return value

    def concepts(
        self, name: str, kind: str, columns: tuple[str, ...]
    ) -> dict[str, EscoConceptRow]:
        concepts: dict[str, EscoConceptRow] = {}
        for number, row in self.rows(name, columns) or []:
            uri = self.uri(name, number, row, "conceptUri", kind)
            if uri is None:
                continue
            if uri in concepts:
                self.error(
                    name,
                    number,
                    "conceptUri",
                    _("The URI %(uri)s is listed twice.") % {"uri": uri},
                )
                continue
            status = row["status"].strip()
            label = " ".join(row["preferredLabel"].split())
            if not status:
                self.error(name, number, "status", _("The status is missing."))
                continue
            if not label and status == RELEASED:
                self.error(
                    name, number, "preferredLabel", _("The preferred label is missing.")
                )
                continue
            isco_group = row.get("iscoGroup", "").strip()
            if isco_group and not (isco_group.isdigit() and len(isco_group) == 4):
                self.error(
                    name,
                    number,
                    "iscoGroup",
                    _("“%(value)s” is not a four-digit ISCO-08 code.")
                    % {"value": isco_group},
                )
                continue
            concepts[uri] = EscoConceptRow(
                uri=uri,
                label=label,
                alt_labels=split_labels(row["altLabels"]),
                status=status,
                isco_group=isco_group,
                code=row.get("code", "").strip(),
            )
        return concepts

    def isco_codes(self, languages: tuple[str, ...]) -> set[str] | None:
        for language in languages:
            name = f"ISCOGroups_{language}.csv"
            rows = self.rows(name, ISCO_COLUMNS, required=False)
            if rows is None:
                continue
            codes: set[str] = set()
            for number, row in rows:
                if self.uri(name, number, row, "conceptUri", "isco") is None:
                    continue
                code = row["code"].strip()
                if not code.isdigit() or len(code) > 4:
                    self.error(
                        name,
                        number,
                        "code",
                        _("“%(value)s” is not an ISCO-08 code.") % {"value": code},
                    )
                    continue
                codes.add(code)
            return codes
        return None

    def relations(
        self, languages: tuple[str, ...]
    ) -> dict[tuple[str, str], str] | None:
        for language in ("en", *languages):
            name = f"occupationSkillRelations_{language}.csv"
            rows = self.rows(name, RELATION_COLUMNS, required=False)
            if rows is None:
                continue
            relations: dict[tuple[str, str], str] = {}
            for number, row in rows:
                occupation = self.uri(name, number, row, "occupationUri", "occupation")
                skill = self.uri(name, number, row, "skillUri", "skill")
                relation = row["relationType"].strip()
                if relation not in ("essential", "optional"):
                    self.error(
                        name,
                        number,
                        "relationType",
                        _("“%(value)s” is neither essential nor optional.")
                        % {"value": relation},
                    )
                    continue
                if occupation and skill:
                    relations[(occupation, skill)] = relation
            return relations
        return None


def read_download(
    directory: Path, version: str, languages: tuple[str, ...]
) -> EscoDownload:
    """Read the download in the folder; raises EscoFileError naming every bad file, row and column."""
    reader = _Reader(Path(directory))
    download = EscoDownload(version=version, languages=languages)
    for language in languages:
        download.occupations[language] = reader.concepts(
            f"occupations_{language}.csv", "occupation", OCCUPATION_COLUMNS
        )
        download.skills[language] = reader.concepts(
            f"skills_{language}.csv", "skill", SKILL_COLUMNS
        )
    download.isco_codes = reader.isco_codes(languages)
    download.relations = reader.relations(languages)
    if reader.errors:
        raise EscoFileError(reader.errors)
    return download
