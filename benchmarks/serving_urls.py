"""The portal's addresses plus /trivial/, the floor that benchmarks/serving.py compares every page and endpoint with.

/trivial/ answers a two-byte "ok" without a template or a query, but through the whole middleware stack (security
headers, sessions, languages, CSRF, the page cache, compression) like every other page; so a page's share of the
trivial view's requests per second is what its own work costs.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from batteryregion import urls as portal


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("trivial/", trivial, name="trivial"), *portal.urlpatterns]

# Django looks the error views up in the root URLconf.
handler400 = portal.handler400
handler403 = portal.handler403
handler404 = portal.handler404
handler500 = portal.handler500
