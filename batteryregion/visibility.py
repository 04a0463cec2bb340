"""Who sees which record: the one rule for everything that carries a visibility (competence needs, cooperation
actions), used by pages, the API, the admin, exports and the gap analysis."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTNERS = "partners", _("Partners")
    COORDINATORS = "coordinators", _("Coordinators only")


def visible_records(
    user: AbstractBaseUser | AnonymousUser, field: str = "visibility"
) -> Q:
    """The records the user may see, as a filter on their visibility field.

    Coordinators (permission ``skills.view_confidential_needs``) see every record, other logged-in users (partners)
    public and partner records, anonymous visitors public records only. A viewer that says
    ``sees_partner_needs = False`` sees public records only: the holder of a partner API key of scope "public"
    (partners.principal.KeyHolder), whose key of scope "partners" sees public and partner records like a logged-in
    partner.
    """
    if user.is_active and user.has_perm("skills.view_confidential_needs"):
        return Q()
    if user.is_authenticated and getattr(user, "sees_partner_needs", True):
        return ~Q(**{field: Visibility.COORDINATORS})
    return Q(**{field: Visibility.PUBLIC})
