"""Bytes on the wire of every public page on a first visit, measured in Chromium from its own network events: at
most 60 KB for a page without a map, 150 KB for the map page (tiles excluded), and what the API documentation
weighs.

How it is measured: each page opens in a fresh browser context (an empty cache: a first visit) and loads until the
network is idle, so that what a page fetches after loading (the map's region outlines) counts too. For every
response, Chromium's Network.loadingFinished event gives encodedDataLength, the bytes received with the headers.
Pages, JSON and scripts the views write arrive gzipped, as in production (Django's GZipMiddleware). The live test
server, however, serves static files as they are, while production serves the compressed copies that collectstatic
writes (whitenoise: gzip at level 9, with far-future cache headers); so for a static file that arrived uncompressed
the test counts its headers plus its body gzipped at level 9. Requests to other hosts are blocked and listed: only
map tiles may be among them, and they are not counted.
"""

import gzip
import re
from base64 import b64decode
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.browser.conftest import PUBLIC_PAGES

KB = 1024
PAGE_BUDGET = 60 * KB
MAP_BUDGET = 150 * KB
# Developer pages, not public ones: Swagger UI and ReDoc are large libraries (about 550 and 340 KB compressed,
# kept by browsers for a year). The limit catches an uncompressed or duplicated bundle.
API_DOCS_BUDGET = 650 * KB

LANGUAGE = "fi"
MAP_PAGES = ["/map/"]
# Every public page of tests/browser/conftest.py but the map.
PAGES = [path for path in PUBLIC_PAGES if path not in MAP_PAGES]
API_DOCS = ["/api/docs/", "/api/redoc/"]


@dataclass
class Weight:
    total: int = 0
    files: dict[str, int] = field(default_factory=dict)
    elsewhere: list[str] = field(default_factory=list)

    def describe(self) -> str:
        rows = sorted(self.files.items(), key=lambda item: -item[1])
        return f"{self.total / KB:.1f} KB: " + ", ".join(
            f"{urlsplit(url).path} {size / KB:.1f} KB" for url, size in rows
        )


def weigh(browser, base: str, path: str) -> Weight:
    """The bytes a first visit of the page receives (see the top of this module)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    weight = Weight()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))

    def elsewhere(route) -> None:
        weight.elsewhere.append(route.request.url)
        route.abort()

    page.route(
        lambda url: not url.startswith(origin) and not url.startswith("data:"),
        elsewhere,
    )
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    responses: dict[str, dict] = {}
    received: dict[str, int] = {}
    cdp.on(
        "Network.responseReceived",
        lambda event: responses.__setitem__(event["requestId"], event["response"]),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda event: received.__setitem__(
            event["requestId"], int(event["encodedDataLength"])
        ),
    )
    response = page.goto(f"{base}{path}", wait_until="networkidle")
    assert response is not None and response.status == 200, path
    # Reading a body below lets the session deliver further events, so the
    # loop walks a copy of what had arrived when the page went quiet.
    for request_id, on_wire in list(received.items()):
        answer = responses.get(request_id)
        if answer is None or not answer["url"].startswith(origin):
            continue
        headers = {name.lower(): value for name, value in answer["headers"].items()}
        size = on_wire
        if "/static/" in answer["url"] and not headers.get("content-encoding"):
            body = cdp.send("Network.getResponseBody", {"requestId": request_id})
            data = (
                b64decode(body["body"])
                if body["base64Encoded"]
                else body["body"].encode()
            )
            compressed = min(len(gzip.compress(data, compresslevel=9)), len(data))
            size = max(on_wire - len(data), 0) + compressed
        weight.files[answer["url"]] = weight.files.get(answer["url"], 0) + size
        weight.total += size
    context.close()
    return weight


def tiles_only(weight: Weight, tile_url: str) -> bool:
    """Whether every request to another host was a map tile of TILE_URL's host."""
    host = urlsplit(tile_url).netloc
    return all(host and urlsplit(url).netloc == host for url in weight.elsewhere)


def test_every_public_page_without_a_map_is_at_most_60_kb_on_a_first_visit(
    browser, bundled_site
):
    heavy = {}
    for path in PAGES:
        weight = weigh(browser, bundled_site, f"/{LANGUAGE}{path}")
        assert weight.elsewhere == [], (path, weight.elsewhere)
        # No map library on a page that shows no map (the pathway map loads it when opened).
        assert not any("leaflet" in url for url in weight.files), path
        if weight.total > PAGE_BUDGET:
            heavy[path] = weight.describe()
    assert heavy == {}


def test_the_map_page_is_at_most_150_kb_before_tiles(browser, bundled_site, settings):
    for path in MAP_PAGES:
        weight = weigh(browser, bundled_site, f"/{LANGUAGE}{path}")
        assert tiles_only(weight, settings.TILE_URL), weight.elsewhere
        assert weight.total <= MAP_BUDGET, weight.describe()
        # It draws the region outlines, fetched from their own address.
        assert any(re.search(r"/map/regions-\w+\.json$", url) for url in weight.files)


def test_the_api_documentation_loads_nothing_from_elsewhere_and_is_compressed(
    browser, bundled_site
):
    for path in API_DOCS:
        weight = weigh(browser, bundled_site, path)
        assert weight.elsewhere == [], (path, weight.elsewhere)
        assert weight.total <= API_DOCS_BUDGET, weight.describe()


def test_a_heavy_page_would_fail_the_budget(browser, bundled_site):
    """The measurement counts what a page really loads: the map page, with Leaflet, is over the 60 KB budget."""
    weight = weigh(browser, bundled_site, f"/{LANGUAGE}/map/")
    assert weight.total > PAGE_BUDGET, weight.describe()
    assert any("leaflet" in url for url in weight.files)
