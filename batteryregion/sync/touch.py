"""A resource's `modified` time is its updated_at, and updated_at moves whenever anything in the resource's JSON
changes, not only its own row: a programme's offerings, entry requirements and intakes, the slugs of its skills, the
town of a site it is given at; an actor's sites; a need's skills.

SHOWN names, per resource, the paths to every row its JSON shows. When such a row is saved or deleted, or a
many-to-many link of a resource changes, the resources that show it get updated_at = now in one UPDATE per path
(no model save: no new history version, no signals, nothing cascades). This runs in the same transaction as the
change, whatever makes it (admin, services, the bundled-data loader, imports, the shell); only a bulk
QuerySet.update() elsewhere would pass unseen, and nothing in the project writes public data that way.
"""

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils import timezone

# Resource (app_label.Model) → the lookups from it to rows its list or detail item shows.
SHOWN: dict[str, tuple[str, ...]] = {
    "programmes.Programme": (
        "successor",
        "provider",
        "audience_region",
        "min_age_waived_from",
        "required_fields",
        "awarded_qualification",
        "awarded_level",
        "education_field",
        "languages",
        "segments",
        "skills",
        "occupations",
        "offerings",
        "offerings__site",
        "offerings__site__region",
        "offerings__language",
        "offerings__application_periods",
        "entry_requirements",
        "entry_requirements__qualification_type",
        "entry_requirements__min_level",
        "intakes",
    ),
    "skills.Actor": ("successor", "segments", "sites", "sites__region"),
    "skills.CompetenceNeed": ("employer", "occupation", "region", "skills", "segments"),
    "skills.ActorLink": ("actor", "partner", "segments"),
    "gaps.Action": (
        "segments",
        "occupations",
        "skills",
        "regions",
        "needs",
        "programmes",
        "participants",
        "participants__actor",
        "figures",
    ),
    "skills.Workshop": (
        "organiser",
        "segments",
        "regions",
        "participants",
        "competence_needs",
    ),
    "skills.Occupation": ("segments", "skill_links", "skill_links__skill"),
    "skills.Region": ("parent",),
    "skills.Municipality": ("region",),
    "skills.QualificationType": ("level",),
}


@dataclass(frozen=True)
class Path:
    resource: type[models.Model]
    lookup: str
    # Whether the row holds the key to what shows it (an offering its programme): only then can a new row already
    # be shown; a new skill or region is linked to nothing yet.
    row_points_back: bool


def _path(resource: type[models.Model], lookup: str) -> tuple[type[models.Model], Path]:
    model, field = resource, None
    for name in lookup.split("__"):
        field = model._meta.get_field(name)
        model = field.related_model
    points_back = field.auto_created and not field.concrete
    return model, Path(resource, lookup, points_back)


@functools.cache
def dependents() -> dict[type[models.Model], list[Path]]:
    """Each model whose rows some resource shows → the paths from those resources to the row."""
    found: dict[type[models.Model], list[Path]] = defaultdict(list)
    for label, lookups in SHOWN.items():
        for lookup in lookups:
            model, path = _path(apps.get_model(label), lookup)
            found[model].append(path)
    return dict(found)


def touch(model: type[models.Model], condition: models.Q) -> None:
    """Move the modified time of the model's records that meet the condition to now (one UPDATE)."""
    model._base_manager.filter(condition).update(updated_at=timezone.now())


def touch_showing(record: models.Model, *, created: bool = False) -> None:
    """Move the modified time of every resource whose JSON shows this row (one UPDATE per path)."""
    for path in dependents().get(type(record), ()):
        if path.row_points_back or not created:
            touch(path.resource, models.Q(**{path.lookup: record.pk}))


def _on_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        touch_showing(instance, created=kwargs.get("created", False))


def _on_delete(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    # Before the row goes, while the joins to those showing it still exist.
    touch_showing(instance)


def _on_links(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    """A many-to-many link of a resource changed, from either side (programme.skills.add(), skill.programmes.add())."""
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            touch(type(instance), models.Q(pk=instance.pk))
        return
    field = next(
        field
        for field in model._meta.many_to_many
        if field.remote_field.through is sender
    )
    if action == "pre_clear":
        touch(model, models.Q(**{field.name: instance.pk}))
    elif action != "post_clear" and pk_set:
        touch(model, models.Q(pk__in=pk_set))


def connect_touches() -> None:
    """Listen to the rows resources show and to the resources' many-to-many links (called from AppConfig.ready)."""
    for model in dependents():
        post_save.connect(_on_save, sender=model, dispatch_uid=f"sync-touch-{model}")
        pre_delete.connect(
            _on_delete, sender=model, dispatch_uid=f"sync-touch-delete-{model}"
        )
    for label in SHOWN:
        for field in apps.get_model(label)._meta.many_to_many:
            m2m_changed.connect(
                _on_links,
                sender=field.remote_field.through,
                dispatch_uid=f"sync-touch-links-{field}",
            )
