"""/<lang>/needs/new/: employers tell their competence needs (inside the /fi/, /sv/, /en/ prefixes)."""

from django.urls import path

from skills.intake import views

app_name = "needs"

urlpatterns = [
    path("needs/new/", views.need_form, name="new"),
    path("needs/new/sent/", views.sent, name="sent"),
]
