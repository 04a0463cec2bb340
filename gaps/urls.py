"""Public pathway and gap analysis pages (inside the /fi/, /sv/, /en/ prefixes)."""

from django.urls import path

from gaps.analysis import (
    dashboard_views,
    detail_views,
    export,
    method_views,
    overlap_views,
    workshop_views,
)
from gaps.pathways import matrix_views, views
from gaps.snapshots import views as snapshot_views

app_name = "gaps"

urlpatterns = [
    path("pathways/", views.pathways, name="pathways"),
    path("pathways/how/", views.how, name="how"),
    path("pathways/matrix/", matrix_views.pathway_matrix_page, name="pathway_matrix"),
    path("gaps/", dashboard_views.dashboard, name="dashboard"),
    path("gaps/how/", method_views.method, name="method"),
    path("gaps/overlaps/", overlap_views.overlaps, name="overlaps"),
    path("gaps/export/<slug:table>.csv", export.export_table, name="export"),
    path(
        "gaps/export/<slug:dimension>/<slug:key>.csv",
        export.export_detail,
        name="export_detail",
    ),
    # Before the drill-down, whose pattern (gaps/<dimension>/<key>/) would take these addresses.
    path("gaps/snapshots/", snapshot_views.snapshot_list, name="snapshot_list"),
    path(
        "gaps/snapshots/compare/",
        snapshot_views.snapshot_compare,
        name="snapshot_compare",
    ),
    path(
        "gaps/snapshots/<slug:slug>/",
        snapshot_views.snapshot_detail,
        name="snapshot_detail",
    ),
    path(
        "gaps/snapshots/<slug:slug>/bundle.json",
        snapshot_views.snapshot_bundle,
        name="snapshot_bundle",
    ),
    path("gaps/<slug:dimension>/<slug:key>/", detail_views.detail, name="detail"),
    path("workshops/", workshop_views.workshop_list, name="workshop_list"),
    path(
        "workshops/<slug:slug>/", workshop_views.workshop_detail, name="workshop_detail"
    ),
]
