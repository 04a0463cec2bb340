"""Read-only partner API of the shared vocabulary and the demand side, under /api/v1/."""

from django.db.models import Model, QuerySet
from django.http import Http404
from rest_framework import viewsets
from rest_framework.exceptions import NotFound

from batteryregion.pagination import CountedRows
from batteryregion.query_parameters import KnownQueryParameters
from batteryregion.row_serializers import RowSerializer
from batteryregion.serializers import PartnerPagination
from coordinators.permissions import may_preview_drafts
from skills import selectors
from skills.actor_serializers import (
    ActorSerializer,
    CompetenceNeedSerializer,
)
from skills.esco_serializers import (
    OccupationDetailSerializer,
    OccupationSerializer,
    SkillSerializer,
)
from skills.filters import (
    ActorFilter,
    CompetenceNeedFilter,
    MunicipalityFilter,
    OccupationFilter,
    SkillFilter,
    WorkshopFilter,
)
from skills.models import (
    Actor,
    CompetenceNeed,
    EducationField,
    EducationLevel,
    Municipality,
    Occupation,
    QualificationType,
    Region,
    Segment,
    Skill,
    Workshop,
)
from skills.serializers import (
    EducationFieldSerializer,
    EducationLevelSerializer,
    MunicipalitySerializer,
    QualificationTypeSerializer,
    RegionDetailSerializer,
    RegionSerializer,
    SegmentSerializer,
)
from skills.workshop_serializers import WorkshopSerializer


class PublicViewSet(KnownQueryParameters, viewsets.ReadOnlyModelViewSet):
    """List and detail of one resource; querysets come from selectors per request (modeltranslation needs that).

    A parameter the list does not filter by, or any but ?format= on a detail, is a 400 (batteryregion/query_parameters.py).

    The filters narrow the selector's model queryset; the serializer (a RowSerializer) then reads only the columns
    it writes, as values() dicts, and loads the related rows itself, once per page.
    """

    pagination_class = PartnerPagination
    detail_serializer_class: type[RowSerializer] | None = None

    def filter_queryset(self, queryset: QuerySet) -> QuerySet | CountedRows:
        records = self.narrow(queryset)
        rows = self.get_serializer_class().rows(records)
        # A list counts its records, not its rows (see CountedRows); a detail looks its row up by identifier.
        return CountedRows(rows, records) if self.action == "list" else rows

    def narrow(self, queryset: QuerySet) -> QuerySet:
        """The queryset as the request's filters narrow it; for the detail too (an invalid value is a 400 there)."""
        return super().filter_queryset(queryset)

    def get_object(self) -> Model:
        # PostgreSQL refuses text with a NUL character outright (a 500); no identifier holds one.
        if "\x00" in self.kwargs[self.lookup_url_kwarg or self.lookup_field]:
            raise NotFound()
        try:
            return super().get_object()
        except Http404 as error:
            # Django's "No Programme matches the given query." is untranslated and names a class.
            raise NotFound() from error

    def get_serializer_class(self) -> type[RowSerializer]:
        if self.action == "retrieve" and self.detail_serializer_class:
            return self.detail_serializer_class
        return super().get_serializer_class()


class PublishableViewSet(PublicViewSet):
    """Lists published records, or discontinued ones with ?state= (drafts never); the detail answers published and
    discontinued records, and drafts only to those who may edit them (the queryset decides, per request)."""

    def narrow(self, queryset: QuerySet) -> QuerySet:
        # A detail is addressed by its identifier: the list's filters, and its default state, do not apply.
        if self.action == "retrieve":
            return queryset
        return super().narrow(queryset)

    def previews_drafts(self) -> bool:
        """Whether this request's detail may answer a draft: a coordinator who edits the model."""
        return self.action == "retrieve" and may_preview_drafts(
            self.request.user, self.get_serializer_class().Meta.model
        )


class SegmentViewSet(PublicViewSet):
    """Parts of the battery value chain and cross-cutting areas, in value-chain order."""

    serializer_class = SegmentSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Segment]:
        return selectors.segments_for_api()


class RegionViewSet(PublicViewSet):
    """NUTS regions (levels 0–3) by NUTS 2021 code; the detail adds the simplified boundary."""

    serializer_class = RegionSerializer
    detail_serializer_class = RegionDetailSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Region]:
        return selectors.regions_for_api(with_boundary=self.action == "retrieve")


class MunicipalityViewSet(PublicViewSet):
    """Finnish and Swedish municipalities by code (FI564 Oulu, SE2580 Luleå) with their NUTS 3 region and the
    coordinates of their centre: the homes the pathway search's ?home= takes.

    ?region= takes a NUTS code of any level (the municipalities of the regions inside it), ?country= FI or SE.
    """

    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilter
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Municipality]:
        return selectors.municipalities_for_api()


class EducationLevelViewSet(PublicViewSet):
    """EQF levels 1–8 with the EU descriptors of knowledge, skills, and responsibility and autonomy."""

    serializer_class = EducationLevelSerializer
    lookup_field = "level"

    def get_queryset(self) -> QuerySet[EducationLevel]:
        return selectors.levels_for_api()


class QualificationTypeViewSet(PublicViewSet):
    """Finnish and Swedish qualification types and the starting points of the pathway search."""

    serializer_class = QualificationTypeSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[QualificationType]:
        return selectors.qualification_types_for_api()


class EducationFieldViewSet(PublicViewSet):
    """The broad fields of education of ISCED-F 2013 ("00" generic programmes … "10" services) by their two-digit
    code: the fields the pathway search's ?field= takes."""

    serializer_class = EducationFieldSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[EducationField]:
        return selectors.education_fields_for_api()


class SkillViewSet(PublicViewSet):
    """ESCO skills and knowledge concepts, and local battery-specific ones, by slug."""

    serializer_class = SkillSerializer
    filterset_class = SkillFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Skill]:
        return selectors.skills_for_api()


class OccupationViewSet(PublicViewSet):
    """ESCO and local occupations of the battery industry; the detail lists essential and optional skills."""

    serializer_class = OccupationSerializer
    detail_serializer_class = OccupationDetailSerializer
    filterset_class = OccupationFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Occupation]:
        return selectors.occupations_for_api(with_skills=self.action == "retrieve")


class ActorViewSet(PublishableViewSet):
    """Organisations on the map (providers, employers, authorities, developers, clusters, research) and their sites.

    The list holds published actors; ?state=discontinued lists those that ended (state, ended_on and successor say
    when and who carries on), so that partners can remove them.
    """

    serializer_class = ActorSerializer
    filterset_class = ActorFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Actor]:
        return selectors.actors_for_api(include_drafts=self.previews_drafts())


class CompetenceNeedViewSet(PublicViewSet):
    """What employers, workshops, surveys and reports say the region needs.

    Only published needs are listed. Anonymous callers see public needs; logged-in partners also partners' needs;
    coordinators all of them.
    Needs marked is_example are illustrations written by the project, not statements of an employer.
    """

    serializer_class = CompetenceNeedSerializer
    filterset_class = CompetenceNeedFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[CompetenceNeed]:
        # The list and the detail both go through visible_to(), so a hidden need is a 404, not a 403.
        return selectors.competence_needs_for_api(self.request.user)


class WorkshopViewSet(PublicViewSet):
    """Workshops and surveys that coordinators ran with companies: when and where, who organised them and took part,
    the public summary and the competence needs they identified.

    ?kind= (workshop or survey), ?segment= (repeatable), ?region= (a NUTS code of any level: the workshops about it
    or a region inside it), ?held_from= and ?held_to= (dates, inclusive). Anonymous callers and keys see the
    workshops with a public summary, coordinators every one; a workshop the caller may not see is a 404. Its needs
    are those the caller may see (the competence-needs rule). The contact person is never shown.
    """

    serializer_class = WorkshopSerializer
    filterset_class = WorkshopFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Workshop]:
        # The list and the detail both go through visible_to(), so a hidden workshop is a 404, not a 403.
        return selectors.workshops_for_api(self.request.user)
