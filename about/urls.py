"""/<lang>/about/, /<lang>/privacy/ and /<lang>/accessibility/ (names without a namespace, as the layout links them)."""

from django.urls import path

from about import views

urlpatterns = [
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
