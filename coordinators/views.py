"""Setting a password, in the admin's look: Django's password reset views with the admin's header and title."""

from typing import Any

from django.contrib import admin
from django.contrib.auth import views as auth_views


class AdminLook:
    """Gives Django's authentication views the admin site's context (header, title, the user's links)."""

    request: Any

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **admin.site.each_context(self.request),
            **super().get_context_data(**kwargs),
        }


class PasswordResetView(AdminLook, auth_views.PasswordResetView):
    pass


class PasswordResetDoneView(AdminLook, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminLook, auth_views.PasswordResetConfirmView):
    pass


class PasswordResetCompleteView(AdminLook, auth_views.PasswordResetCompleteView):
    pass
