"""Setting a password in the admin's look: the link of an invitation, or of a reset for a forgotten password.

They sit under /admin/ (outside the language prefixes, like the admin) and before the admin's own addresses;
the admin's login page links the reset form once ``admin_password_reset`` exists.
"""

from django.urls import path

from coordinators import views

password_reset_patterns = [
    path(
        "admin/password_reset/",
        views.PasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
