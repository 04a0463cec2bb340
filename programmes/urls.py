"""Public pages of the catalogue and the map (inside the /fi/, /sv/, /en/ prefixes)."""

from django.urls import path

from programmes import map_views, network_views, views

app_name = "programmes"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("actors/", views.actor_list, name="actor_list"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("network/", network_views.network, name="network"),
    path("occupations/", views.occupation_list, name="occupation_list"),
    path("occupations/<slug:slug>/", views.occupation_detail, name="occupation_detail"),
    path("skills/<slug:slug>/", views.skill_detail, name="skill_detail"),
    path("map/", map_views.map_page, name="map"),
    path("map/regions.json", map_views.region_outlines, name="region_outlines"),
    path(
        "map/regions-<slug:digest>.json",
        map_views.region_outlines,
        name="region_outlines_versioned",
    ),
]
