"""A small map with one record of each kind on each side of the border, and the users of every role.

"ours" records belong to organisation A in North Ostrobothnia (Finland), "theirs" to actor D in Västerbotten
(Sweden); of the cooperation actions, organisation A takes part in ours (coordinator A responsible), and actor D in
theirs (coordinator B responsible). The coordinator of organisation A changes ours, the coordinator of Upper Norrland (SE33, the parent of
Västerbotten) theirs; each lead coordinator their own side.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Model
from django.forms import (
    ModelMultipleChoiceField,
    MultipleChoiceField,
    SplitDateTimeField,
)
from django.test import Client
from django.utils import timezone

from batteryregion.services import coordinator_groups_sync
from coordinators.models import Coordinator
from tests.factories import (
    ActionFactory,
    ActionFigureFactory,
    ActionParticipantFactory,
    ActorFactory,
    ActorLinkFactory,
    ApplicationPeriodFactory,
    CompetenceNeedFactory,
    EducationFieldFactory,
    EducationLevelFactory,
    EntryRequirementFactory,
    IntakeFactory,
    LanguageFactory,
    MunicipalityFactory,
    NeedSubmissionFactory,
    NewsItemFactory,
    OccupationFactory,
    OfferingFactory,
    PartnerOrganisationFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
    SnapshotFactory,
    SubmittedNeedFactory,
    WorkshopFactory,
)

ROLES = [
    "anonymous",
    "coordinator_a",
    "coordinator_b",
    "lead_fi",
    "lead_se",
    "superuser",
]


@dataclass
class World:
    users: dict[str, User] = field(default_factory=dict)
    records: dict[tuple[str, str], Model] = field(default_factory=dict)
    # What each record's change form posts unchanged (from a superuser's form, which has every field).
    posted: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)

    def record(self, label: str, which: str) -> Model:
        """The record fresh from the database."""
        record = self.records[label, which]
        return type(record)._default_manager.get(pk=record.pk)


def coordinator_user(
    username: str, *, side: str, role: str = "coordinator", organisations=(), regions=()
) -> tuple[User, Coordinator]:
    user = User.objects.create_user(username, email=f"{username}@example.org", password="pw", is_staff=True)  # fmt: skip
    coordinator = Coordinator.objects.create(user=user, side=side, role=role)
    coordinator.organisations.set(organisations)
    coordinator.regions.set(regions)
    coordinator_groups_sync(coordinator)
    return user, coordinator


def build_world() -> World:
    world = World()
    north_ostrobothnia = RegionFactory(code="FI1D9")
    upper_norrland = RegionFactory(
        code="SE33", code_2024="SE33", level=2, country="SE", name_en="Upper Norrland"
    )
    vasterbotten = RegionFactory(
        code="SE331",
        code_2024="SE331",
        country="SE",
        parent=upper_norrland,
        name_fi="Västerbotten",
        name_sv="Västerbotten",
        name_en="Västerbotten",
    )
    organisation_a = ActorFactory(slug="organisation-a", country="FI")
    actor_d = ActorFactory(slug="actor-d", country="SE")
    site_a = SiteFactory(slug="site-a", actor=organisation_a, region=north_ostrobothnia)
    site_d = SiteFactory(
        slug="site-d",
        actor=actor_d,
        region=vasterbotten,
        town_fi="Skellefteå",
        town_sv="Skellefteå",
        town_en="Skellefteå",
    )
    programme_a = ProgrammeFactory(slug="programme-a", provider=organisation_a)
    offering_a = OfferingFactory(programme=programme_a, site=site_a)
    ApplicationPeriodFactory(offering=offering_a)
    IntakeFactory(programme=programme_a)
    EntryRequirementFactory(programme=programme_a)
    programme_d = ProgrammeFactory(slug="programme-d", provider=actor_d)
    offering_d = OfferingFactory(programme=programme_d, site=site_d)
    need_a = CompetenceNeedFactory(employer=organisation_a, region=north_ostrobothnia)
    need_d = CompetenceNeedFactory(employer=actor_d, region=vasterbotten)
    # Workshops: ours organised by organisation A, theirs by another Swedish actor in Västerbotten (in scope by region).
    workshop_a = WorkshopFactory(
        slug="workshop-a", organiser=organisation_a, regions=[north_ostrobothnia]
    )
    workshop_d = WorkshopFactory(
        slug="workshop-d",
        organiser=ActorFactory(slug="organiser-of-d", country="SE"),
        regions=[vasterbotten],
    )
    # Links within each country: ours has organisation A on one side, theirs only Swedish actors.
    link_a = ActorLinkFactory(
        actor=organisation_a, partner=ActorFactory(slug="partner-of-a", country="FI")
    )
    link_d = ActorLinkFactory(
        actor=ActorFactory(slug="partner-of-d", country="SE"), partner=actor_d
    )

    coordinator_a, record_a = coordinator_user(
        "coordinator-a", side="FI", organisations=[organisation_a]
    )
    coordinator_b, record_b = coordinator_user(
        "coordinator-b", side="SE", regions=[upper_norrland]
    )
    lead_fi, _ = coordinator_user("lead-fi", side="FI", role="lead")
    lead_se, _ = coordinator_user("lead-se", side="SE", role="lead")
    superuser = User.objects.create_superuser("superuser", "root@example.org", "pw")
    # Cooperation actions: organisation A takes part in ours, for which coordinator A is responsible, actor D in theirs,
    # with coordinator B responsible (tests/cooperation tests each way into an action on its own).
    action_a = ActionFactory(slug="action-a", responsible=record_a)
    ActionParticipantFactory(action=action_a, actor=organisation_a, role="lead")
    ActionFigureFactory(action=action_a)
    action_d = ActionFactory(slug="action-d", responsible=record_b)
    ActionParticipantFactory(action=action_d, actor=actor_d, role="lead")
    ActionFigureFactory(action=action_d)
    # Employers' submissions: ours names organisation A (in North Ostrobothnia), theirs is in Västerbotten, from an
    # organisation that is not on the map.
    submission_a = NeedSubmissionFactory(
        organisation=organisation_a, region=north_ostrobothnia
    )
    SubmittedNeedFactory(submission=submission_a)
    submission_d = NeedSubmissionFactory(region=vasterbotten, language="sv")
    SubmittedNeedFactory(submission=submission_d)
    world.users = {
        "coordinator_a": coordinator_a,
        "coordinator_b": coordinator_b,
        "lead_fi": lead_fi,
        "lead_se": lead_se,
        "superuser": superuser,
    }

    # Vocabulary that nothing refers to, so that deleting it is a question of permission only.
    pairs: dict[str, tuple[Any, Any]] = {
        "skills.segment": (SegmentFactory(), SegmentFactory()),
        "skills.region": (
            RegionFactory(code="FI1C1", code_2024="FI1C1", name_en="Southwest Finland"),
            RegionFactory(
                code="SE332", code_2024="SE332", country="SE", name_en="Norrbotten"
            ),
        ),  # fmt: skip
        "skills.municipality": (
            MunicipalityFactory(code="FI564", region=north_ostrobothnia),
            MunicipalityFactory(
                code="SE2482",
                name_fi="Skellefteå",
                name_sv="Skellefteå",
                name_en="Skellefteå",
                region=vasterbotten,
                latitude=Decimal("64.7507"),
                longitude=Decimal("20.9528"),
            ),
        ),
        "skills.educationlevel": (
            EducationLevelFactory(level=7),
            EducationLevelFactory(level=8),
        ),
        "skills.qualificationtype": (
            QualificationTypeFactory(code="ours", level=None),
            QualificationTypeFactory(code="theirs", country="SE", level=None),
        ),
        "skills.language": (
            LanguageFactory(code="de", name_en="German"),
            LanguageFactory(code="et", name_en="Estonian"),
        ),
        "skills.educationfield": (
            EducationFieldFactory(code="05", name_en="Natural sciences"),
            EducationFieldFactory(code="06", name_en="ICT"),
        ),
        "skills.skill": (SkillFactory(), SkillFactory()),
        "skills.occupation": (OccupationFactory(), OccupationFactory()),
        "skills.actor": (organisation_a, actor_d),
        "skills.site": (site_a, site_d),
        "skills.competenceneed": (need_a, need_d),
        "skills.actorlink": (link_a, link_d),
        "skills.workshop": (workshop_a, workshop_d),
        "skills.needsubmission": (submission_a, submission_d),
        "programmes.programme": (programme_a, programme_d),
        "programmes.offering": (offering_a, offering_d),
        "coordinators.coordinator": (record_a, record_b),
        "gaps.action": (action_a, action_d),
        "about.partnerorganisation": (
            PartnerOrganisationFactory(country="FI"),
            PartnerOrganisationFactory(country="SE"),
        ),
        # News has no side: "ours" and "theirs" are two items that leads of either side keep.
        "news.newsitem": (NewsItemFactory(), NewsItemFactory()),
        # Snapshots have no side either: two of the partnership's.
        "gaps.snapshot": (SnapshotFactory(), SnapshotFactory()),
    }
    for label, (ours, theirs) in pairs.items():
        world.records[label, "ours"] = ours
        world.records[label, "theirs"] = theirs
    return world


def client_of(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def form_data(response: Any) -> dict[str, Any]:
    """What the admin's change form would post unchanged: the main form and every inline formset."""
    data: dict[str, Any] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for name, form_field in form.fields.items():
            bound = form[name]
            if (
                isinstance(form_field, MultipleChoiceField | ModelMultipleChoiceField)
                and bound.value() is None
            ):
                continue
            if isinstance(form_field, SplitDateTimeField):
                # The admin's date and time inputs (a news item's publication date): two fields.
                moment = timezone.localtime(bound.value())
                data[f"{bound.html_name}_0"] = moment.date().isoformat()
                data[f"{bound.html_name}_1"] = moment.time().isoformat()
                continue
            value = _posted(bound.value())
            if value is not None:
                data[bound.html_name] = value
    return data


def _posted(value: Any) -> Any:
    if value is None:
        return ""
    if value is True:
        return "on"
    if value is False:
        return None
    if isinstance(value, list | tuple):
        return [str(_posted(item)) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
