"""Public pathway and gap analysis pages (inside the /fi/, /sv/, /en/ prefixes)."""

from django.urls import path

from gaps import export, views

app_name = "gaps"

urlpatterns = [
    path("pathways/", views.pathways, name="pathways"),
    path("pathways/how/", views.how, name="how"),
    path("gaps/export/<slug:table>.csv", export.export_table, name="export"),
    path(
        "gaps/export/<slug:dimension>/<slug:key>.csv",
        export.export_detail,
        name="export_detail",
    ),
]
