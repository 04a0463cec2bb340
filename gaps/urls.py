"""Public pathway and gap analysis pages (inside the /fi/, /sv/, /en/ prefixes)."""

from django.urls import path

from gaps import export, gap_views, views

app_name = "gaps"

urlpatterns = [
    path("pathways/", views.pathways, name="pathways"),
    path("pathways/how/", views.how, name="how"),
    path("gaps/", gap_views.dashboard, name="dashboard"),
    path("gaps/how/", gap_views.method, name="method"),
    path("gaps/overlaps/", gap_views.overlaps, name="overlaps"),
    path("gaps/export/<slug:table>.csv", export.export_table, name="export"),
    path(
        "gaps/export/<slug:dimension>/<slug:key>.csv",
        export.export_detail,
        name="export_detail",
    ),
    path("gaps/<slug:dimension>/<slug:key>/", gap_views.detail, name="detail"),
]
