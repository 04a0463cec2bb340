"""Factories and data builders the API tests need beyond tests/factories.py (fixed values, never random)."""

import copy as copy_module
from decimal import Decimal

import factory
from django.db.models import Model
from django.db.models.base import ModelState
from factory.django import DjangoModelFactory

from gaps.cooperation.models import Action, ActionParticipant
from programmes.models import EntryRequirement, Intake, Programme
from skills.models import (
    Actor,
    ActorLink,
    Occupation,
    OccupationSkill,
    Region,
    Segment,
    Workshop,
)
from tests.factories import (
    ActionFactory,
    ActionFigureFactory,
    ActionParticipantFactory,
    ActorFactory,
    ActorLinkFactory,
    CompetenceNeedFactory,
    EducationLevelFactory,
    LanguageFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
    WorkshopFactory,
)


class IntakeFactory(DjangoModelFactory):
    class Meta:
        model = Intake

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2026
    places = 20
    applicants = 31
    enrolled = 18


# Value-chain order, as in the bundled data.
SEGMENT_ORDER = {"raw-materials": 1, "cell-manufacturing": 3, "recycling": 6}


def segment(code: str) -> Segment:
    """One of the value-chain segments, in its bundled order."""
    return SegmentFactory(code=code, order=SEGMENT_ORDER[code])


def region_chain(country: str = "FI") -> dict[int, Region]:
    """NUTS levels 0–3 down to Northern Ostrobothnia (FI) or Västerbotten (SE), by level."""
    codes = {
        "FI": ["FI", "FI1", "FI1D", "FI1D9"],
        "SE": ["SE", "SE3", "SE33", "SE331"],
    }[country]
    parent = None
    chain = {}
    for level, code in enumerate(codes):
        parent = RegionFactory(
            code=code, code_2024=code, level=level, country=country, parent=parent
        )
        chain[level] = parent
    return chain


def complete_programme(**kwargs: object) -> Programme:
    """A published programme with one of everything the API shows: every prefetch has a row to load."""
    programme = ProgrammeFactory(
        awarded_level=EducationLevelFactory(level=4),
        awarded_qualification=QualificationTypeFactory(),
        credits=Decimal("180.0"),
        credit_unit=Programme.CreditUnit.OSP,
        **kwargs,
    )
    finnish = LanguageFactory(code="fi")
    programme.segments.set([segment("cell-manufacturing"), segment("recycling")])
    programme.languages.set([finnish])
    programme.skills.set([SkillFactory()])
    programme.occupations.set([OccupationFactory()])
    site = SiteFactory(actor=programme.provider, region=region_chain()[3])
    OfferingFactory(programme=programme, site=site, language=finnish, places=20)
    EntryRequirement.objects.create(
        programme=programme,
        qualification_type=QualificationTypeFactory(
            code="fi-basic", level=EducationLevelFactory(level=2)
        ),
    )
    EntryRequirement.objects.create(
        programme=programme, min_level=EducationLevelFactory(level=3)
    )
    IntakeFactory(programme=programme)
    return programme


def complete_actor(**kwargs: object) -> Actor:
    """An actor with two segments and two sites (a main one first)."""
    actor = ActorFactory(**kwargs)
    actor.segments.set([segment("recycling"), segment("raw-materials")])
    region = region_chain()[3]
    SiteFactory(actor=actor, region=region, is_main=True)
    SiteFactory(
        actor=actor,
        region=region,
        town_fi="Raahe",
        town_sv="Brahestad",
        town_en="Raahe",
    )
    return actor


def complete_occupation(**kwargs: object) -> Occupation:
    """An occupation with a segment, one essential and one optional skill."""
    occupation = OccupationFactory(**kwargs)
    occupation.segments.set([segment("cell-manufacturing")])
    OccupationSkill.objects.create(
        occupation=occupation, skill=SkillFactory(), relation="essential"
    )
    OccupationSkill.objects.create(
        occupation=occupation, skill=SkillFactory(), relation="optional"
    )
    return occupation


def complete_link(**kwargs: object) -> ActorLink:
    """A published cross-border link between two complete actors (with sites), concerning two segments."""
    link = ActorLinkFactory(
        actor=complete_actor(country="FI"),
        partner=complete_actor(country="SE", kind=Actor.Kind.EMPLOYER),
        **kwargs,
    )
    link.segments.set([segment("recycling"), segment("cell-manufacturing")])
    return link


def more_links(link: ActorLink, count: int) -> None:
    """`count` copies of the link, in bulk, each from its actor to a new copy of its partner (a pair and a kind are
    linked once), with the same segments."""
    copies_of(link.partner, count)
    partners = Actor.objects.exclude(pk__in=[link.actor_id, link.partner_id]).filter(
        slug__startswith=f"{link.partner.slug}-"
    )
    copies = [_copy(link, 0) for _ in range(count)]
    for copy, partner in zip(copies, partners, strict=True):
        copy.partner = partner
    ActorLink.objects.bulk_create(copies)
    through = ActorLink.segments.through
    segments = list(link.segments.values_list("pk", flat=True))
    through.objects.bulk_create(
        through(actorlink_id=copy.pk, segment_id=pk)
        for copy in copies
        for pk in segments
    )


def complete_action(**kwargs: object) -> Action:
    """A public action in progress with one of everything the API shows: two segments, an occupation, a skill, a
    region, a public need and a partners' need, a published and a draft programme, a Finnish lead and a Swedish
    partner, a draft organisation taking part (not shown) and two figures."""
    action = ActionFactory(state=Action.State.IN_PROGRESS, **kwargs)
    action.segments.set([segment("recycling"), segment("cell-manufacturing")])
    action.occupations.set([OccupationFactory()])
    action.skills.set([SkillFactory()])
    action.regions.set([region_chain()[3]])
    action.needs.set(
        [
            CompetenceNeedFactory(slug=f"public-need-of-{action.slug}"),
            CompetenceNeedFactory(
                slug=f"partners-need-of-{action.slug}", visibility="partners"
            ),
        ]
    )
    action.programmes.set(
        [
            ProgrammeFactory(slug=f"programme-of-{action.slug}"),
            ProgrammeFactory(slug=f"draft-of-{action.slug}", state="draft"),
        ]
    )
    for actor, role in (
        (ActorFactory(country="FI"), ActionParticipant.Role.LEAD),
        (ActorFactory(country="SE"), ActionParticipant.Role.PARTNER),
        (ActorFactory(country="SE", state="draft"), ActionParticipant.Role.FUNDER),
    ):
        ActionParticipantFactory(action=action, actor=actor, role=role)
    ActionFigureFactory(action=action)
    ActionFigureFactory(action=action, measure="places", achieved=None, due_on=None)
    return action


def complete_workshop(**kwargs: object) -> Workshop:
    """A workshop with a public summary and one of everything the API shows: two segments, a region, a published and
    a draft organisation taking part (the draft not shown), a public, a partners' and a draft need (only the public
    one shown to an anonymous caller)."""
    workshop = WorkshopFactory(**kwargs)
    workshop.segments.set([segment("recycling"), segment("cell-manufacturing")])
    workshop.regions.set([region_chain()[3]])
    workshop.participants.set(
        [ActorFactory(country="SE"), ActorFactory(country="FI", state="draft")]
    )
    for slug, fields in (
        ("public", {}),
        ("partners", {"visibility": "partners"}),
        ("draft", {"state": "draft"}),
    ):
        CompetenceNeedFactory(
            slug=f"{slug}-need-of-{workshop.slug}",
            workshop=workshop,
            source_kind=workshop.kind,
            **fields,
        )
    return workshop


def copies_of(record: Model, count: int, *, children: tuple[str, ...] = ()) -> None:
    """`count` copies of a record, in bulk: unique text (slug, ESCO URI) numbered, the same many-to-many links, and
    copies of the named child rows (offerings, sites …). Rows enough for a query-count test in a second rather than
    minutes of factories."""
    model = type(record)
    originals = {name: list(getattr(record, name).all()) for name in children}
    copies = [_copy(record, n) for n in range(count)]
    model.objects.bulk_create(copies)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        if not through._meta.auto_created:
            continue  # links with fields of their own (an occupation's skills) are children here
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        linked = list(getattr(record, field.name).values_list("pk", flat=True))
        through.objects.bulk_create(
            through(**{f"{owner}_id": copy.pk, f"{target}_id": pk})
            for copy in copies
            for pk in linked
        )
    for name, rows in originals.items():
        owner = model._meta.get_field(name).field.name
        children_copies = []
        for copy in copies:
            for row in rows:
                child = _copy(row, copy.pk)
                setattr(child, owner, copy)
                children_copies.append(child)
        if rows:
            type(rows[0]).objects.bulk_create(children_copies)


def _copy(record: Model, number: int) -> Model:
    """An unsaved copy of a record whose unique text fields end in -number."""
    copy = copy_module.copy(record)
    copy.pk = None
    copy._state = ModelState()
    for field in record._meta.fields:
        value = getattr(record, field.attname)
        if field.unique and not field.primary_key and isinstance(value, str) and value:
            setattr(copy, field.attname, f"{value}-{number}")
    return copy
