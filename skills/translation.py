"""Translated fields (django-modeltranslation adds name_fi, name_sv, name_en … beside each)."""

from modeltranslation.translator import TranslationOptions, register

from batteryregion.records import track_history
from skills.models import (
    Actor,
    ActorLink,
    CompetenceNeed,
    EducationField,
    EducationLevel,
    Language,
    Municipality,
    NeedSubmission,
    Occupation,
    OccupationSkill,
    QualificationType,
    Region,
    Segment,
    Site,
    Skill,
    SubmittedNeed,
    Workshop,
)


@register(Segment)
class SegmentTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi", "sv", "en")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi", "sv", "en")


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi", "sv", "en")


@register(EducationLevel)
class EducationLevelTranslation(TranslationOptions):
    fields = ("name", "knowledge", "skills", "responsibility")
    required_languages = ("fi", "sv", "en")


@register(QualificationType)
class QualificationTypeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi", "sv", "en")


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi", "sv", "en")


@register(EducationField)
class EducationFieldTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi", "sv", "en")


@register(Skill)
class SkillTranslation(TranslationOptions):
    fields = ("label", "alt_labels")
    required_languages = ("en",)


@register(Occupation)
class OccupationTranslation(TranslationOptions):
    fields = ("label", "alt_labels", "description")
    required_languages = ("en",)


@register(Actor)
class ActorTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Site)
class SiteTranslation(TranslationOptions):
    fields = ("town",)
    required_languages = ("en",)


@register(CompetenceNeed)
class CompetenceNeedTranslation(TranslationOptions):
    fields = ("description",)


@register(Workshop)
class WorkshopTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(ActorLink)
class ActorLinkTranslation(TranslationOptions):
    fields = ("description",)


# Every version of every record is kept (batteryregion/records.py). The historical models are made here, after
# the translation fields exist, so that they copy name_fi, name_sv, name_en … too.
for _model in (
    Segment,
    Region,
    Municipality,
    EducationLevel,
    QualificationType,
    Language,
    EducationField,
    Site,
    OccupationSkill,
):
    track_history(_model)
track_history(Skill)
track_history(Occupation, m2m_fields=("segments",))
track_history(Actor, m2m_fields=("segments",))
track_history(CompetenceNeed, m2m_fields=("skills", "segments"))
track_history(ActorLink, m2m_fields=("segments",))
# A workshop's contact is personal data for coordinators only: not kept in its versions, so that erasing it erases it.
track_history(
    Workshop,
    m2m_fields=("segments", "regions", "participants"),
    excluded_fields=("contact_name", "contact_email"),
)
# An employer's submission and its needs: the contact and the free message are personal data, not kept in versions.
track_history(
    NeedSubmission,
    excluded_fields=("contact_name", "contact_email", "contact_phone", "message"),
)
track_history(SubmittedNeed, m2m_fields=("skills", "segments"))
