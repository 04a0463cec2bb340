"""The cooperation pages (inside the /fi/, /sv/, /en/ prefixes)."""

from django.urls import path

from gaps.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("cooperation/", views.board, name="board"),
    path("cooperation/<slug:slug>/", views.action_detail, name="action_detail"),
]
