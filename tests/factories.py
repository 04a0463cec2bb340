"""Test data with fixed fi/sv/en values (never random), so that failures read the same every run."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from about.models import PartnerOrganisation
from batteryregion.news.models import NewsItem
from gaps.cooperation.models import Action, ActionFigure, ActionParticipant
from gaps.snapshots.models import Snapshot
from programmes.models import EntryRequirement, Intake, Offering, Programme
from skills.models import (
    Actor,
    ActorLink,
    CompetenceNeed,
    EducationLevel,
    Language,
    NeedSubmission,
    Occupation,
    QualificationType,
    Region,
    Segment,
    Site,
    Skill,
    SubmittedNeed,
    Workshop,
)


class SegmentFactory(DjangoModelFactory):
    class Meta:
        model = Segment
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"segment-{n}")
    order = factory.Sequence(lambda n: n)
    name_fi = factory.Sequence(lambda n: f"Akkusegmentti {n}")
    name_sv = factory.Sequence(lambda n: f"Batterisegment {n}")
    name_en = factory.Sequence(lambda n: f"Battery segment {n}")


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "FI1D9"
    code_2024 = "FI1D9"
    level = 3
    country = "FI"
    name_fi = "Pohjois-Pohjanmaa"
    name_sv = "Norra Österbotten"
    name_en = "North Ostrobothnia"


class EducationLevelFactory(DjangoModelFactory):
    class Meta:
        model = EducationLevel
        django_get_or_create = ["level"]

    level = 4
    name_fi = factory.LazyAttribute(lambda o: f"Taso {o.level}")
    name_sv = factory.LazyAttribute(lambda o: f"Nivå {o.level}")
    name_en = factory.LazyAttribute(lambda o: f"Level {o.level}")


class QualificationTypeFactory(DjangoModelFactory):
    class Meta:
        model = QualificationType
        django_get_or_create = ["code"]

    code = "fi-vocational"
    country = "FI"
    level = factory.SubFactory(EducationLevelFactory, level=4)
    category = QualificationType.Category.VOCATIONAL
    name_fi = "Ammatillinen perustutkinto"
    name_sv = "Yrkesinriktad grundexamen"
    name_en = "Vocational upper secondary qualification"


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ["code"]

    code = "fi"
    name_fi = "suomi"
    name_sv = "finska"
    name_en = "Finnish"


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill

    slug = factory.Sequence(lambda n: f"skill-{n}")
    esco_uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/skill/test-{n}")
    label_fi = factory.Sequence(lambda n: f"taito {n}")
    label_sv = factory.Sequence(lambda n: f"färdighet {n}")
    label_en = factory.Sequence(lambda n: f"skill {n}")


class OccupationFactory(DjangoModelFactory):
    class Meta:
        model = Occupation

    slug = factory.Sequence(lambda n: f"occupation-{n}")
    esco_uri = factory.Sequence(
        lambda n: f"http://data.europa.eu/esco/occupation/test-{n}"
    )
    # No ISCO code: routes to it are not limited by level (gaps.pathways.routes.highest_level_for); the tests of
    # that limit give one.
    isco_code = ""
    label_fi = factory.Sequence(lambda n: f"akkuammatti {n}")
    label_sv = factory.Sequence(lambda n: f"batteriyrke {n}")
    label_en = factory.Sequence(lambda n: f"battery occupation {n}")


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor

    state = "published"
    slug = factory.Sequence(lambda n: f"actor-{n}")
    kind = Actor.Kind.PROVIDER
    country = "FI"
    name_fi = factory.Sequence(lambda n: f"Oppilaitos {n}")
    name_sv = factory.Sequence(lambda n: f"Läroanstalt {n}")
    name_en = factory.Sequence(lambda n: f"College {n}")
    source_url = "https://example.org/actor"


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site

    slug = factory.Sequence(lambda n: f"site-{n}")
    actor = factory.SubFactory(ActorFactory)
    town_fi = "Oulu"
    town_sv = "Uleåborg"
    town_en = "Oulu"
    region = factory.SubFactory(RegionFactory)
    latitude = Decimal("65.01210")
    longitude = Decimal("25.46510")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    state = "published"
    slug = factory.Sequence(lambda n: f"programme-{n}")
    provider = factory.SubFactory(ActorFactory)
    kind = Programme.Kind.VOCATIONAL
    name_fi = factory.Sequence(lambda n: f"Akkutekniikka {n}")
    name_sv = factory.Sequence(lambda n: f"Batteriteknik {n}")
    name_en = factory.Sequence(lambda n: f"Battery technology {n}")
    duration_months = 36
    places_per_year = 20
    source_url = "https://example.org/programme"

    @factory.post_generation
    def segments(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.segments.set(extracted)


class EntryRequirementFactory(DjangoModelFactory):
    class Meta:
        model = EntryRequirement

    programme = factory.SubFactory(ProgrammeFactory)
    qualification_type = factory.SubFactory(QualificationTypeFactory)


class OfferingFactory(DjangoModelFactory):
    class Meta:
        model = Offering

    programme = factory.SubFactory(ProgrammeFactory)
    site = factory.SubFactory(SiteFactory)
    starts_on = datetime.date(2027, 8, 16)


class IntakeFactory(DjangoModelFactory):
    """One year's places, applicants and enrolled students (the same defaults as tests/api/factories.py)."""

    class Meta:
        model = Intake

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2026
    places = 20
    applicants = 31
    enrolled = 18


class CompetenceNeedFactory(DjangoModelFactory):
    class Meta:
        model = CompetenceNeed

    state = "published"
    slug = factory.Sequence(lambda n: f"need-{n}")
    employer = factory.SubFactory(ActorFactory, kind=Actor.Kind.EMPLOYER)
    source_kind = CompetenceNeed.SourceKind.EMPLOYER
    occupation = factory.SubFactory(OccupationFactory)
    headcount = 10
    target_year = 2028
    region = factory.SubFactory(RegionFactory)
    stated_on = datetime.date(2026, 5, 1)
    visibility = CompetenceNeed.Visibility.PUBLIC


class WorkshopFactory(DjangoModelFactory):
    class Meta:
        model = Workshop
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"workshop-{n}")
    kind = Workshop.Kind.WORKSHOP
    title_fi = factory.Sequence(lambda n: f"Akkutyöpaja {n}")
    title_sv = factory.Sequence(lambda n: f"Batteriworkshop {n}")
    title_en = factory.Sequence(lambda n: f"Battery workshop {n}")
    held_on = datetime.date(2026, 4, 15)
    place = "Oulu"
    organiser = factory.SubFactory(ActorFactory)
    summary_fi = "Yritykset tarvitsevat prosessinhoitajia."
    summary_sv = "Företagen behöver processoperatörer."
    summary_en = "The companies need process operators."
    is_summary_public = True
    contact_name = "Maija Meikäläinen"
    contact_email = "maija.meikalainen@example.org"

    @factory.post_generation
    def regions(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.regions.set(extracted)

    @factory.post_generation
    def participants(
        self, create: bool, extracted: list | None, **kwargs: object
    ) -> None:
        if create and extracted:
            self.participants.set(extracted)

    @factory.post_generation
    def segments(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.segments.set(extracted)


def pathway_programme(slug: str, *, name: str | None = None, country: str = "FI", level=None, qualification=None,
                      months: int | None = 12, accepts=(), min_level=None, leads_to=(), teaches=(), languages=(),
                      places: int | None = 20, region=None, town: str | None = None, at=None,
                      required_fields=(), **fields) -> Programme:  # fmt: skip
    """A published programme given at one site in Northern Ostrobothnia (FI) or Västerbotten (SE), with its entry
    requirements (accepted qualification types and/or a minimum level), occupations, skills and languages. `at` is
    the site's (latitude, longitude); other keywords are programme fields (audience, min_age, education_field, …)."""
    name = name or slug
    finland = country == "FI"
    region = region or RegionFactory(
        code="FI1D9" if finland else "SE331",
        code_2024="FI1D9" if finland else "SE331",
        country=country,
        name_en="North Ostrobothnia" if finland else "Västerbotten",
    )
    programme = ProgrammeFactory(
        slug=slug,
        name_fi=name,
        name_sv=name,
        name_en=name,
        awarded_level=level,
        awarded_qualification=qualification,
        duration_months=months,
        places_per_year=places,
        provider__country=country,
        **fields,
    )
    programme.required_fields.add(*required_fields)
    town = town or ("Oulu" if finland else "Skellefteå")
    coordinates = {"latitude": at[0], "longitude": at[1]} if at else {}
    site = SiteFactory(
        actor=programme.provider,
        region=region,
        town_fi=town,
        town_sv=town,
        town_en=town,
        **coordinates,
    )
    OfferingFactory(programme=programme, site=site)
    for qualification_type in accepts:
        EntryRequirement.objects.create(
            programme=programme, qualification_type=qualification_type
        )
    if min_level is not None:
        EntryRequirement.objects.create(programme=programme, min_level=min_level)
    programme.occupations.add(*leads_to)
    programme.skills.add(*teaches)
    programme.languages.add(
        *(LanguageFactory(code=code, name_en=code) for code in languages)
    )
    return programme


class EducationFieldFactory(DjangoModelFactory):
    """An ISCED-F broad field; "07" engineering unless told."""

    class Meta:
        model = "skills.EducationField"
        django_get_or_create = ["code"]

    code = "07"
    name_fi = "Tekniikan alat"
    name_sv = "Teknik, tillverkning och byggverksamhet"
    name_en = "Engineering, manufacturing and construction"


class ApplicationPeriodFactory(DjangoModelFactory):
    class Meta:
        model = "programmes.ApplicationPeriod"

    offering = factory.SubFactory(OfferingFactory)
    opens_on = datetime.date(2027, 3, 1)
    closes_on = datetime.date(2027, 3, 31)
    service = "opintopolku"
    apply_url = "https://opintopolku.fi/konfo/en/"


class MunicipalityFactory(DjangoModelFactory):
    """A municipality with its centre; Oulu in North Ostrobothnia unless told."""

    class Meta:
        model = "skills.Municipality"
        django_get_or_create = ["code"]

    code = "FI564"
    name_fi = "Oulu"
    name_sv = "Uleåborg"
    name_en = "Oulu"
    region = factory.SubFactory(RegionFactory)
    latitude = Decimal("65.0121")
    longitude = Decimal("25.4651")


class PartnerOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    slug = factory.Sequence(lambda n: f"partner-organisation-{n}")
    name_fi = factory.Sequence(lambda n: f"Kumppaniorganisaatio {n}")
    name_sv = factory.Sequence(lambda n: f"Partnerorganisation {n}")
    name_en = factory.Sequence(lambda n: f"Partner organisation {n}")
    role = PartnerOrganisation.Role.PARTNER
    country = "FI"
    website = factory.Sequence(lambda n: f"https://www.partner-{n}.example.org/")
    email = factory.Sequence(lambda n: f"info@partner-{n}.example.org")


class ActorLinkFactory(DjangoModelFactory):
    """A published cross-border agreement between a Finnish provider and a Swedish employer, started in 2024."""

    class Meta:
        model = ActorLink

    state = "published"
    actor = factory.SubFactory(ActorFactory, country="FI")
    partner = factory.SubFactory(ActorFactory, country="SE", kind=Actor.Kind.EMPLOYER)
    kind = ActorLink.Kind.AGREEMENT
    started_on = datetime.date(2024, 8, 1)
    description_fi = "Yhteistyösopimus"
    description_sv = "Samarbetsavtal"
    description_en = "Cooperation agreement"
    source_url = "https://example.org/agreement"


class ActionFactory(DjangoModelFactory):
    """A public idea with nothing linked yet; participants and figures through their own factories."""

    class Meta:
        model = Action

    slug = factory.Sequence(lambda n: f"action-{n:04d}")
    kind = Action.Kind.JOINT_PROGRAMME
    title_fi = factory.Sequence(lambda n: f"Yhteinen akkukoulutus {n}")
    title_sv = factory.Sequence(lambda n: f"Gemensam batteriutbildning {n}")
    title_en = factory.Sequence(lambda n: f"Joint battery training {n}")
    description_fi = "Kuvaus."
    description_sv = "Beskrivning."
    description_en = "Description."
    state = Action.State.IDEA
    visibility = Action.Visibility.PUBLIC
    starts_on = datetime.date(2027, 1, 1)
    ends_on = datetime.date(2027, 12, 31)


class ActionParticipantFactory(DjangoModelFactory):
    class Meta:
        model = ActionParticipant

    action = factory.SubFactory(ActionFactory)
    actor = factory.SubFactory(ActorFactory)
    role = ActionParticipant.Role.PARTNER


class ActionFigureFactory(DjangoModelFactory):
    class Meta:
        model = ActionFigure

    action = factory.SubFactory(ActionFactory)
    measure = ActionFigure.Measure.STUDENTS
    promised = 20
    achieved = 5
    due_on = datetime.date(2027, 12, 31)


class NewsItemFactory(DjangoModelFactory):
    """A published news item, dated a day ago, in all three languages."""

    class Meta:
        model = NewsItem

    slug = factory.Sequence(lambda n: f"news-{n:04d}")
    kind = NewsItem.Kind.NEWS
    state = "published"
    published_at = factory.LazyFunction(
        lambda: datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    )
    title_fi = factory.Sequence(lambda n: f"Akkuuutinen {n}")
    title_sv = factory.Sequence(lambda n: f"Batterinyhet {n}")
    title_en = factory.Sequence(lambda n: f"Battery news {n}")
    summary_fi = "Lyhyesti."
    summary_sv = "I korthet."
    summary_en = "In short."
    body_fi = "<p>Teksti.</p>"
    body_sv = "<p>Text.</p>"
    body_en = "<p>Text.</p>"


class NeedSubmissionFactory(DjangoModelFactory):
    """An employer's sending of the needs form, waiting for review (add needs with SubmittedNeedFactory)."""

    class Meta:
        model = NeedSubmission

    language = "fi"
    organisation = None
    organisation_name = factory.Sequence(lambda n: f"Akkutehdas {n} Oy")
    region = factory.SubFactory(RegionFactory)
    site = "Kokkola"
    may_publish = True
    contact_name = "Maija Meikäläinen"
    contact_email = "maija.meikalainen@example.org"
    contact_phone = "+358 40 123 4567"


class SubmittedNeedFactory(DjangoModelFactory):
    class Meta:
        model = SubmittedNeed

    submission = factory.SubFactory(NeedSubmissionFactory)
    position = factory.Sequence(lambda n: n + 1)
    occupation = factory.SubFactory(OccupationFactory)
    headcount = 12
    target_year = 2028
    level_band = "vocational"
    urgency = "high"


class SnapshotFactory(DjangoModelFactory):
    """A snapshot of an empty map (no figures, no dataset; saving gives it its digest); tests that need real figures
    take one with gaps.snapshots.services.snapshot_take."""

    class Meta:
        model = Snapshot

    slug = factory.Sequence(lambda n: f"2026-01-01-{n + 2}")
    taken_on = datetime.date(2026, 1, 1)
    taken_at = datetime.datetime(2026, 1, 1, 6, 0, tzinfo=datetime.UTC)
    title_fi = factory.Sequence(lambda n: f"Akkualueen kartta {n}")
    title_sv = factory.Sequence(lambda n: f"Batteriregionens karta {n}")
    title_en = factory.Sequence(lambda n: f"Battery Region map {n}")
    figures = factory.LazyFunction(
        lambda: {
            "analysis": {
                "query": {"min_level": 1, "max_level": 8},
                "segments": [],
                "regions": [],
                "cells": [],
                "segment_totals": [],
            },
            "programmes": [],
        }
    )
    dataset = factory.LazyFunction(dict)
    counts = factory.LazyFunction(dict)
