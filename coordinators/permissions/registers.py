"""Who may read a national register of education and apply what it says (the programmes admin's "Fetch from a
register" page, programmes/registers/admin_views.py)."""

from coordinators.permissions.scope import Role, User, scope_of


def may_fetch_register(user: User, country: str | None = None) -> bool:
    """Lead coordinators of the register's side of the border (``country``: "FI" for Opintopolku, "SE" for the
    Swedish registers; None asks whether any register) and superusers, with the model permissions to add and change
    programmes. A fetch writes programmes of every provider the register lists on that side, not only one
    organisation's, so coordinators may not. No query for visitors; up to 3 the first time for staff."""
    if not (user.is_active and user.is_staff):
        return False
    if not (
        user.has_perm("programmes.add_programme")
        and user.has_perm("programmes.change_programme")
    ):
        return False
    scope = scope_of(user)
    if scope.role == Role.SUPERUSER:
        return True
    return scope.role == Role.LEAD and (country is None or scope.side == country)
