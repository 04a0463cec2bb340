"""Public pathway pages (inside the /fi/, /sv/, /en/ prefixes)."""

from django.urls import path

from gaps import views

app_name = "gaps"

urlpatterns = [
    path("pathways/", views.pathways, name="pathways"),
    path("pathways/how/", views.how, name="how"),
]
