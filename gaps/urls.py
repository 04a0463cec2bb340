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
    path("gaps/<slug:dimension>/<slug:key>/", detail_views.detail, name="detail"),
    path("workshops/", workshop_views.workshop_list, name="workshop_list"),
    path(
        "workshops/<slug:slug>/", workshop_views.workshop_detail, name="workshop_detail"
    ),
]
