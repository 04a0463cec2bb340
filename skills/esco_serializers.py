"""Partner API representations of the ESCO classification: skills and occupations (with their essential and optional
skills), each with its ESCO URI, the ESCO version it was checked against and its alternative labels; the rest of the
vocabulary is in skills/serializers.py."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from batteryregion.row_serializers import (
    PageUrls,
    RowListSerializer,
    RowSerializer,
    linked,
    origins,
    rows_by_owner,
    text,
    translated,
    translated_columns,
    translated_lines,
)
from batteryregion.serializers import (
    OriginField,
    PageUrlField,
    TranslatedField,
    TranslatedLinesField,
)
from skills.models import Occupation, OccupationSkill, Skill
from skills.serializers import CODES

# Skills and occupations describe these two fields alike.
ALT_LABELS_HELP = _(
    "Other names of the concept in each language, such as ESCO's alternative labels; ?q= finds them too. An empty "
    "list where a language has none."
)
ESCO_VERSION_EXTRA = {
    "help_text": _(
        "The ESCO release (for example v1.2.0) whose labels were last imported for the concept and against which its "
        "ESCO URI was checked; null for a local entry or one not yet checked against a release."
    )
}


class SkillSerializer(RowSerializer):
    """An ESCO skill or knowledge concept, or a local one (is_local, no ESCO URI)."""

    page_url = PageUrlField("programmes:skill_detail")
    label = TranslatedField()
    label_origin = OriginField()
    alt_labels = TranslatedLinesField(help_text=ALT_LABELS_HELP)
    columns = (
        "slug",
        "esco_uri",
        "esco_version",
        "skill_type",
        "reuse_level",
        "is_local",
        *translated_columns("label", "label_origin", "alt_labels"),
    )

    class Meta:
        model = Skill
        fields = [
            "slug",
            "page_url",
            "esco_uri",
            "esco_version",
            "skill_type",
            "reuse_level",
            "is_local",
            "label",
            "label_origin",
            "alt_labels",
        ]
        extra_kwargs = {"esco_version": ESCO_VERSION_EXTRA}
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        page_urls = PageUrls("programmes:skill_detail", self.context.get("request"))
        return [
            {
                "slug": row["slug"],
                "page_url": page_urls(row["slug"]),
                "esco_uri": text(row["esco_uri"]),
                "esco_version": text(row["esco_version"]),
                "skill_type": row["skill_type"],
                "reuse_level": text(row["reuse_level"]),
                "is_local": row["is_local"],
                "label": translated(row, "label"),
                "label_origin": origins(row, "label_origin"),
                "alt_labels": translated_lines(row, "alt_labels"),
            }
            for row in rows
        ]


class OccupationSerializer(RowSerializer):
    """An ESCO occupation, or a local one of the battery industry."""

    page_url = PageUrlField("programmes:occupation_detail")
    label = TranslatedField()
    label_origin = OriginField()
    alt_labels = TranslatedLinesField(help_text=ALT_LABELS_HELP)
    description = TranslatedField()
    description_origin = OriginField()
    segments = serializers.SlugRelatedField(many=True, **CODES)
    columns = (
        "id",
        "slug",
        "esco_uri",
        "esco_version",
        "esco_code",
        "isco_code",
        "is_local",
        *translated_columns(
            "label", "label_origin", "alt_labels", "description", "description_origin"
        ),
    )

    class Meta:
        model = Occupation
        fields = [
            "slug",
            "page_url",
            "esco_uri",
            "esco_version",
            "esco_code",
            "isco_code",
            "is_local",
            "label",
            "label_origin",
            "alt_labels",
            "description",
            "description_origin",
            "segments",
        ]
        extra_kwargs = {"esco_version": ESCO_VERSION_EXTRA}
        list_serializer_class = RowListSerializer

    def represent(self, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        page_urls = PageUrls(
            "programmes:occupation_detail", self.context.get("request")
        )
        segments = linked(
            [row["id"] for row in rows], segments=(Occupation.segments, "code")
        )["segments"]
        return [
            {
                "slug": row["slug"],
                "page_url": page_urls(row["slug"]),
                "esco_uri": text(row["esco_uri"]),
                "esco_version": text(row["esco_version"]),
                "esco_code": text(row["esco_code"]),
                "isco_code": text(row["isco_code"]),
                "is_local": row["is_local"],
                "label": translated(row, "label"),
                "label_origin": origins(row, "label_origin"),
                "alt_labels": translated_lines(row, "alt_labels"),
                "description": translated(row, "description"),
                "description_origin": origins(row, "description_origin"),
                "segments": segments[row["id"]],
            }
            for row in rows
        ]


class OccupationDetailSerializer(OccupationSerializer):
    """An occupation with the slugs of its essential and optional skills."""

    essential_skills = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("Slugs of the skills the occupation requires."),
    )
    optional_skills = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("Slugs of the skills it may use."),
    )
    essential_skill_esco_uris = serializers.ListField(
        child=serializers.URLField(allow_null=True),
        read_only=True,
        help_text=_(
            "ESCO URIs of the skills the occupation requires, in the order of essential_skills; null for a local skill."
        ),
    )
    optional_skill_esco_uris = serializers.ListField(
        child=serializers.URLField(allow_null=True),
        read_only=True,
        help_text=_(
            "ESCO URIs of the skills it may use, in the order of optional_skills; null for a local skill."
        ),
    )

    class Meta(OccupationSerializer.Meta):
        fields = [
            *OccupationSerializer.Meta.fields,
            "essential_skills",
            "optional_skills",
            "essential_skill_esco_uris",
            "optional_skill_esco_uris",
        ]

    def represent(self, rows: list[dict]) -> list[dict]:
        items = super().represent(rows)
        links = rows_by_owner(
            OccupationSkill.objects.filter(
                occupation__in=[row["id"] for row in rows]
            ).order_by("skill__slug"),
            "occupation_id",
            "skill__slug",
            "skill__esco_uri",
            "relation",
        )
        essential, optional = (
            OccupationSkill.Relation.ESSENTIAL,
            OccupationSkill.Relation.OPTIONAL,
        )
        for row, item in zip(rows, items, strict=True):
            skills = links[row["id"]]
            item["essential_skills"] = self._column(skills, essential, "skill__slug")
            item["optional_skills"] = self._column(skills, optional, "skill__slug")
            item["essential_skill_esco_uris"] = self._column(
                skills, essential, "skill__esco_uri"
            )
            item["optional_skill_esco_uris"] = self._column(
                skills, optional, "skill__esco_uri"
            )
        return items

    @staticmethod
    def _column(links: list[dict], relation: str, column: str) -> list[str | None]:
        return [link[column] or None for link in links if link["relation"] == relation]
