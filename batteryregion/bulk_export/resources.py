"""What the bulk export holds: every record an anonymous partner can read through the API, per resource, written by
the API's own serializers (the detail's where there is one), so each line is the object the API gives."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from batteryregion.row_serializers import RowSerializer
from gaps.cooperation.api_serializers import ActionSerializer
from gaps.cooperation.selectors import actions_for_api
from programmes.network_selectors import links_for_api
from programmes.network_serializers import ActorLinkSerializer
from programmes.selectors import programmes_for_api
from programmes.serializers import ProgrammeDetailSerializer
from skills import selectors
from skills.actor_serializers import ActorSerializer, CompetenceNeedSerializer
from skills.esco_serializers import (
    OccupationDetailSerializer,
    SkillSerializer,
)
from skills.serializers import (
    EducationFieldSerializer,
    EducationLevelSerializer,
    MunicipalitySerializer,
    QualificationTypeSerializer,
    RegionDetailSerializer,
    SegmentSerializer,
)
from skills.workshop_serializers import WorkshopSerializer


@dataclass(frozen=True)
class Resource:
    """One resource of the export: its name (the API's, in snake case), the records, their serializer and key."""

    name: str
    records: Callable[[], QuerySet]
    serializer: type[RowSerializer]
    key: str


# Published and discontinued records (discontinued ones say so in state, ended_on and successor, so that partners
# can remove them), the needs, cooperation actions and workshops an anonymous caller may see; never drafts.
RESOURCES = [
    Resource("segments", selectors.segments_for_api, SegmentSerializer, "code"),
    Resource(
        "regions",
        lambda: selectors.regions_for_api(with_boundary=True),
        RegionDetailSerializer,
        "code",
    ),
    Resource(
        "municipalities",
        selectors.municipalities_for_api,
        MunicipalitySerializer,
        "code",
    ),
    Resource("levels", selectors.levels_for_api, EducationLevelSerializer, "level"),
    Resource(
        "qualification_types",
        selectors.qualification_types_for_api,
        QualificationTypeSerializer,
        "code",
    ),
    Resource(
        "education_fields",
        selectors.education_fields_for_api,
        EducationFieldSerializer,
        "code",
    ),
    Resource("skills", selectors.skills_for_api, SkillSerializer, "slug"),
    Resource(
        "occupations",
        lambda: selectors.occupations_for_api(with_skills=True),
        OccupationDetailSerializer,
        "slug",
    ),
    Resource("actors", selectors.actors_for_api, ActorSerializer, "slug"),
    Resource(
        "programmes",
        programmes_for_api,
        ProgrammeDetailSerializer,
        "slug",
    ),
    Resource(
        "competence_needs",
        lambda: selectors.competence_needs_for_api(AnonymousUser()),
        CompetenceNeedSerializer,
        "slug",
    ),
    # Links between actors that are not drafts; a link has no slug, its key is its id.
    Resource("actor_links", links_for_api, ActorLinkSerializer, "id"),
    # Public cooperation actions only, with the public needs they address, as an anonymous caller reads them.
    Resource(
        "cooperation_actions",
        lambda: actions_for_api(AnonymousUser()),
        ActionSerializer,
        "slug",
    ),
    # Workshops with a public summary and the public needs they identified; never the contact.
    Resource(
        "workshops",
        lambda: selectors.workshops_for_api(AnonymousUser()),
        WorkshopSerializer,
        "slug",
    ),
]


class BaseAddress:
    """Stands for the request in the serializers' context: page addresses are made absolute against a base URL."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def build_absolute_uri(self, location: str) -> str:
        return urljoin(self.base_url, location) if self.base_url else location


def resource_items(resource: Resource, base_url: str) -> list[dict[str, Any]]:
    """Every record of the resource as the API writes it, in the API's order, in the serializer's fixed number of
    queries whatever the number of records."""
    serializer = resource.serializer(context={"request": BaseAddress(base_url)})
    rows = list(resource.serializer.rows(resource.records()))
    return serializer.items(rows)


def public_dataset(base_url: str) -> Iterator[tuple[Resource, list[dict[str, Any]]]]:
    """Every resource of the public dataset with its records as the API writes them, in RESOURCES' order: what the
    bulk export writes and a snapshot keeps. A fixed number of queries per resource whatever the number of records."""
    for resource in RESOURCES:
        yield resource, resource_items(resource, base_url)
