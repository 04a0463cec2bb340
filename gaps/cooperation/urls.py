"""The cooperation pages (inside the /fi/, /sv/, /en/ prefixes)."""

from django.urls import path

from gaps.cooperation import followup_views, views

app_name = "cooperation"

urlpatterns = [
    path("cooperation/", views.board, name="board"),
    # Before the actions' own addresses: an action's slug cannot be "follow-up".
    path("cooperation/follow-up/", followup_views.follow_up, name="follow_up"),
    path(
        "cooperation/follow-up/<slug:table>.csv",
        followup_views.follow_up_csv,
        name="follow_up_csv",
    ),
    path("cooperation/<slug:slug>/", views.action_detail, name="action_detail"),
]
