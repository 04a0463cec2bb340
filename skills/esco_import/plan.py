"""Comparing the download with the concepts the portal holds (matched by ESCO URI; ESCO's other concepts are not
added): which labels to take, which to keep because a coordinator changed them, and what ESCO no longer has."""

from dataclasses import dataclass, field

from batteryregion.records import ChangeChannel
from skills.esco_import.files import (
    ESCO_URI_PREFIX,
    RELEASED,
    EscoConceptRow,
    EscoDownload,
)
from skills.esco_import.history import LabelHistory
from skills.models import EscoConcept, Occupation, OccupationSkill, Origin, Skill

KINDS: tuple[tuple[str, type[EscoConcept]], ...] = (
    ("occupations", Occupation),
    ("skills", Skill),
)
URI_KIND = {Occupation: "occupation", Skill: "skill"}


@dataclass(frozen=True)
class FieldChange:
    """One field of one concept: the value in the database and ESCO's."""

    concept: EscoConcept
    field: str
    current: str
    esco: str


@dataclass
class ImportPlan:
    version: str
    languages: tuple[str, ...]
    # Per concept, the attribute values to write (labels, alternative labels, label origins, the version).
    updates: dict[tuple[type, int], tuple[EscoConcept, dict[str, str]]] = field(
        default_factory=dict
    )
    replaced: list[FieldChange] = field(default_factory=list)
    kept: list[FieldChange] = field(default_factory=list)
    # Labels already marked as ESCO's (by the bundled data or a coordinator) that this version words otherwise.
    esco_differs: list[FieldChange] = field(default_factory=list)
    matched: int = 0
    not_in_version: list[EscoConcept] = field(default_factory=list)
    deprecated: list[tuple[EscoConcept, str]] = field(default_factory=list)
    invalid_uris: list[EscoConcept] = field(default_factory=list)
    isco_differs: list[FieldChange] = field(default_factory=list)
    unknown_isco: list[Occupation] = field(default_factory=list)
    links_not_in_version: list[OccupationSkill] = field(default_factory=list)

    def set(self, concept: EscoConcept, name: str, value: str) -> None:
        if (getattr(concept, name) or "") == value:
            return
        _obj, values = self.updates.setdefault(
            (type(concept), concept.pk), (concept, {})
        )
        values[name] = value


def _valid_uri(concept: EscoConcept) -> bool:
    uri = concept.esco_uri or ""
    return uri.startswith(f"{ESCO_URI_PREFIX}{URI_KIND[type(concept)]}/") and not any(
        c.isspace() for c in uri
    )


def _replaceable(
    history: LabelHistory, concept: EscoConcept, name: str, *, as_label: bool
) -> bool:
    """Whether the import may replace the field's current (non-empty) value.

    Its latest change must have been made by the project's tools and it must still hold that text (the history
    says so). A preferred label must moreover be the project's own translation, or a label an earlier ESCO import
    wrote; a label marked as ESCO's by the bundled data or a coordinator is reported, not replaced."""
    if not as_label:
        return history.written_by_tools(concept, name)
    if concept.label_origin(name[-2:]) == Origin.PROJECT:
        return history.written_by_tools(concept, name)
    return history.written_by_tools(concept, name, channels=(ChangeChannel.IMPORT,))


def _take(
    plan: ImportPlan,
    history: LabelHistory,
    concept: EscoConcept,
    name: str,
    esco_value: str,
    *,
    as_label: bool,
) -> None:
    """Take ESCO's value for one field unless it may not be replaced; report either way when they differ."""
    current = getattr(concept, name) or ""
    origin_field = f"label_origin_{name[-2:]}"
    if current == esco_value:
        if as_label:
            plan.set(concept, origin_field, Origin.ESCO)
        return
    if current and not _replaceable(history, concept, name, as_label=as_label):
        marked_esco = as_label and concept.label_origin(name[-2:]) != Origin.PROJECT
        untouched = history.written_by_tools(concept, name)
        # A coordinator's change is "kept"; a label the bundled data gave as ESCO's is "worded otherwise".
        kept = plan.esco_differs if marked_esco and untouched else plan.kept
        kept.append(FieldChange(concept, name, current, esco_value))
        return
    plan.set(concept, name, esco_value)
    if as_label:
        plan.set(concept, origin_field, Origin.ESCO)
    plan.replaced.append(FieldChange(concept, name, current, esco_value))


def _plan_concept(
    plan: ImportPlan,
    history: LabelHistory,
    download: EscoDownload,
    kind: str,
    concept: EscoConcept,
) -> None:
    rows: dict[str, EscoConceptRow | None] = {
        language: getattr(download, kind)[language].get(concept.esco_uri or "")
        for language in plan.languages
    }
    for language, row in rows.items():
        if row is None or not row.label:
            continue
        _take(plan, history, concept, f"label_{language}", row.label, as_label=True)
        _take(
            plan,
            history,
            concept,
            f"alt_labels_{language}",
            "\n".join(row.alt_labels),
            as_label=False,
        )
    plan.set(concept, "esco_version", plan.version)


def plan_import(download: EscoDownload) -> ImportPlan:
    """What the import would do; reads the database and writes nothing."""
    plan = ImportPlan(version=download.version, languages=download.languages)
    fields = [
        f"{base}_{language}"
        for base in ("label", "alt_labels")
        for language in plan.languages
    ]
    released: dict[str, EscoConcept] = {}
    for kind, model in KINDS:
        concepts = list(
            model.objects.filter(is_local=False, esco_uri__isnull=False).order_by(
                "slug"
            )
        )
        history = LabelHistory(model, fields)
        for concept in concepts:
            if not _valid_uri(concept):
                plan.invalid_uris.append(concept)
                continue
            row = download.concept(kind, concept.esco_uri or "")
            if row is None:
                plan.not_in_version.append(concept)
                continue
            if row.status != RELEASED:
                plan.deprecated.append((concept, row.status))
                continue
            plan.matched += 1
            released[concept.esco_uri or ""] = concept
            _plan_concept(plan, history, download, kind, concept)
            if isinstance(concept, Occupation):
                _check_isco(plan, download, concept, row)
    _check_links(plan, download, released)
    return plan


def _check_isco(
    plan: ImportPlan,
    download: EscoDownload,
    occupation: Occupation,
    row: EscoConceptRow,
) -> None:
    """ISCO groups are reported, never changed: the code on the map may have been chosen on purpose."""
    if (
        row.isco_group
        and occupation.isco_code
        and row.isco_group != occupation.isco_code
    ):
        plan.isco_differs.append(
            FieldChange(occupation, "isco_code", occupation.isco_code, row.isco_group)
        )
    elif (
        download.isco_codes is not None
        and occupation.isco_code
        and occupation.isco_code not in download.isco_codes
    ):
        plan.unknown_isco.append(occupation)


def _check_links(
    plan: ImportPlan, download: EscoDownload, released: dict[str, EscoConcept]
) -> None:
    """Links between two ESCO concepts of this version that the version's relations file does not have."""
    if download.relations is None:
        return
    links = OccupationSkill.objects.select_related("occupation", "skill").filter(
        occupation__is_local=False, skill__is_local=False
    )
    for link in links.order_by("occupation__slug", "skill__slug"):
        pair = (link.occupation.esco_uri or "", link.skill.esco_uri or "")
        if (
            pair[0] in released
            and pair[1] in released
            and pair not in download.relations
        ):
            plan.links_not_in_version.append(link)
