"""Who a request made with a partner key acts as: a viewer that is not a user account.

Code that asks who is asking (``request.user``) gets a ``KeyHolder``: logged in (``is_authenticated``), active, no
staff rights, no permissions. ``skills.models.visible_needs`` reads ``sees_partner_needs``: a key of scope
"partners" sees public and partner needs, a key of scope "public" what an anonymous visitor sees.
"""

from typing import Any

from partners.models import PartnerKey


class KeyHolder:
    """The holder of one partner key, as ``request.user`` for the request."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = None
    id = None

    def __init__(self, key: PartnerKey) -> None:
        self.key = key

    @property
    def sees_partner_needs(self) -> bool:
        """Whether the key's scope includes the needs shared with partners."""
        return self.key.shows_partner_needs

    def get_username(self) -> str:
        return f"api-key:{self.key.prefix}"

    def __str__(self) -> str:
        return str(self.key)

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, app_label: str) -> bool:
        return False
