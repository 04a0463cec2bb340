"""What the About page and the privacy notice read: the partnership's organisations."""

from dataclasses import dataclass, field

from about.models import PartnerOrganisation
from skills.models import Country


@dataclass
class Partnership:
    """The organisations by role, and those with a contact address by country (its name; "" for none, last)."""

    coordinators: list[PartnerOrganisation] = field(default_factory=list)
    partners: list[PartnerOrganisation] = field(default_factory=list)
    funders: list[PartnerOrganisation] = field(default_factory=list)
    contacts: list[tuple[str, list[PartnerOrganisation]]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.coordinators or self.partners or self.funders)


def partnership_for_about_page() -> Partnership:
    """Every organisation of the partnership, grouped for the About page, in their positions (1 query)."""
    partnership = Partnership()
    by_role = {
        PartnerOrganisation.Role.COORDINATOR: partnership.coordinators,
        PartnerOrganisation.Role.PARTNER: partnership.partners,
        PartnerOrganisation.Role.FUNDER: partnership.funders,
    }
    by_country: dict[str, list[PartnerOrganisation]] = {
        code: [] for code in [*Country.values, ""]
    }
    for organisation in PartnerOrganisation.objects.order_by("position", "pk"):
        by_role[organisation.role].append(organisation)
        if organisation.email:
            by_country.setdefault(organisation.country, []).append(organisation)
    partnership.contacts = [
        (Country(code).label if code else "", orgs)
        for code, orgs in by_country.items()
        if orgs
    ]
    return partnership


def controllers_for_privacy_notice() -> list[PartnerOrganisation]:
    """The coordinating partners, who decide what the portal stores and why (1 query)."""
    return list(
        PartnerOrganisation.objects.filter(
            role=PartnerOrganisation.Role.COORDINATOR
        ).order_by("position", "pk")
    )
