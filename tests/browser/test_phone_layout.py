"""Public pages on phones: no sideways scrolling of the page at 320 and 390 px, filter forms folded behind a button
that works by keyboard, the catalogue's first results above the fold, and controls at least 24 × 24 px (WCAG 2.2).

One browser page serves all the addresses of a test, so the whole module runs in about a minute.
"""

import pytest
from django.urls import get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, URLResolver
from django.utils import translation

# Every public page, one address of each kind, without the language prefix. The guard below fails when a page is
# added to the address book and not here.
PUBLIC_ROUTES = [
    "/",
    "/about/",
    "/privacy/",
    "/accessibility/",
    "/programmes/",
    "/programmes/?segment=recycling&country=SE",
    "/programmes/centria-uas-akkualan-muuntokoulutus/",
    "/actors/",
    "/actors/keliber/",
    "/network/",
    "/cooperation/",
    "/cooperation/follow-up/",
    "/news/",
    "/workshops/",
    "/needs/new/",
    "/needs/new/sent/?ref=N-ABCD-2345",
    "/occupations/",
    "/occupations/battery-assembler/",
    "/skills/operate-soldering-equipment/",
    "/map/",
    "/pathways/",
    "/pathways/?start=fi-basic&home=FI564&age=under_18&situation=none&mobility=commute",
    "/pathways/how/",
    "/pathways/matrix/",
    "/pathways/matrix/?segment=cell-manufacturing",
    "/gaps/",
    "/gaps/how/",
    "/gaps/overlaps/",
    "/gaps/snapshots/",
    "/gaps/segment/applications/",
    "/gaps/occupation/industrial-electrician/",
    "/gaps/skill/monitor-chemical-process-condition/",
    "/no-such-page/",  # the error page
]
# Public pages outside the language prefixes (the API documentation and the browsable API).
API_DOCUMENTATION = ["/api/docs/", "/api/redoc/", "/api/v1/programmes/"]
# Not pages: downloads and data for scripts, and the way into the admin (a redirect).
NOT_PAGES = {
    "programmes:region_outlines",
    "programmes:region_outlines_versioned",
    "gaps:export",
    "gaps:export_detail",
    "cooperation:follow_up_csv",
    "news:feed",
    "gaps:snapshot_bundle",
    "admin_in_page_language",
}
# Pages the bundled data has no record for, whose phone layout another module checks on records of its own.
CHECKED_ELSEWHERE = {
    "cooperation:action_detail",  # tests/browser/test_cooperation.py
    "news:article",  # tests/browser/test_news.py
    "gaps:workshop_detail",  # tests/browser/test_workshops.py
    "gaps:snapshot_detail",  # tests/browser/test_snapshots.py
    "gaps:snapshot_compare",  # tests/browser/test_snapshots.py
}

# The element sticking out furthest past the right edge of the window, unless a scrolling or clipping box around it
# keeps it in (a table in its scroll region, the tiles of a map): its tag, id, classes and first words.
WIDEST_ELEMENT = """() => {
  const width = window.innerWidth;
  let widest = null, furthest = 0;
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right - width <= furthest) continue;
    let clipped = false;
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== "visible" && parent.getBoundingClientRect().right <= width) {
        clipped = true;
        break;
      }
    }
    if (clipped) continue;
    furthest = box.right - width;
    const classes = typeof element.className === "string" && element.className.trim()
      ? "." + element.className.trim().split(/\\s+/).join(".") : "";
    widest = `${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""}${classes} `
      + `"${(element.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40)}" (${Math.round(furthest)} px too wide)`;
  }
  return {overflow: document.documentElement.scrollWidth - width, widest};
}"""


def public_page_names() -> set[str]:
    """The names of the addresses inside the language prefixes, with their namespaces ("programmes:actor_list")."""
    names: set[str] = set()

    def walk(patterns: list, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(
            pattern.pattern, LocalePrefixPattern
        ):
            walk(pattern.url_patterns, None)
    return names


def test_the_route_list_has_every_public_page():
    with translation.override("fi"):
        covered = {
            resolve("/fi" + route.split("?")[0]).view_name
            for route in PUBLIC_ROUTES
            if route != "/no-such-page/"
        }
    missing = public_page_names() - NOT_PAGES - CHECKED_ELSEWHERE - covered
    assert not missing, f"Add an address of these pages to PUBLIC_ROUTES: {missing}"


def sideways_scrolling(page, width: int, languages: list[str]) -> list[str]:
    page.set_viewport_size({"width": width, "height": 844})
    addresses = [
        f"/{language}{route}" for language in languages for route in PUBLIC_ROUTES
    ]
    failures = []
    for address in [*addresses, *API_DOCUMENTATION]:
        # The API documentation draws itself from the schema after the page has loaded.
        wait = "networkidle" if address in API_DOCUMENTATION else "load"
        page.goto(page.base + address, wait_until=wait)
        found = page.evaluate(WIDEST_ELEMENT)
        if found["overflow"] > 0:
            failures.append(
                f"{address} at {width} px scrolls {found['overflow']} px sideways; widest: {found['widest']}"
            )
    return failures


@pytest.mark.parametrize(
    ("width", "languages"),
    [(320, ["fi", "sv", "en"]), (390, ["fi", "sv"])],
)
def test_no_public_page_scrolls_sideways_on_a_phone(page, width, languages):
    """Finnish and Swedish have the longest words; every page in both at 390 px and in all three at 320 px."""
    failures = sideways_scrolling(page, width, languages)
    assert not failures, "\n".join(failures)


def test_a_table_on_a_phone_becomes_cards_whose_column_names_screen_readers_get_once(
    page,
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base}/en/actors/")
    first_row = page.locator("table.stack tbody tr").first
    # Each value shows its column's name on the screen...
    kind = first_row.locator("td").first
    assert kind.evaluate(
        "td => getComputedStyle(td, '::before').content.startsWith('\"Type')"
    )
    assert kind.evaluate("td => getComputedStyle(td).display") == "block"
    # ...while the table stays a table with its column headers, and the shown copy is not read out.
    snapshot = page.locator("table.stack").aria_snapshot()
    assert '- columnheader "Type"' in snapshot
    assert "Type: " not in snapshot


# What folds away on phones (the main menu and the filter forms): the page, the button's name in Finnish and the
# element it controls.
FOLDING_FORMS = [
    ("/fi/", "Valikko", "main-menu"),  # the main menu, on every page
    ("/fi/programmes/", "Suodattimet", "catalogue-filters"),
    ("/fi/actors/", "Suodattimet", "actor-filters"),
    ("/fi/map/", "Suodattimet", "map-filters"),
    ("/fi/gaps/", "Suodattimet", "gap-form"),
    (
        "/fi/pathways/?start=fi-basic&home=FI564&age=under_18&situation=none&mobility=commute",
        "Lähtökohtasi ja toiveesi",
        "pathway-form",
    ),
]


def test_on_a_phone_each_filter_form_folds_behind_a_button_that_works_by_keyboard(
    page,
):
    page.set_viewport_size({"width": 390, "height": 844})
    for address, name, form_id in FOLDING_FORMS:
        page.goto(page.base + address)
        button = page.get_by_role("button", name=name, exact=True)
        form = page.locator(f"#{form_id}")
        assert button.get_attribute("aria-controls") == form_id, address
        assert button.get_attribute("aria-expanded") == "false", address
        assert form.is_hidden(), address

        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true", address
        assert form.is_visible(), address
        # The next Tab goes into the form just opened.
        page.keyboard.press("Tab")
        assert form.evaluate("f => f.contains(document.activeElement)"), address

        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Space")
        assert button.get_attribute("aria-expanded") == "false", address
        assert form.is_hidden(), address
    assert page.console_errors == []


def test_the_pathway_form_is_open_on_a_phone_until_it_has_brought_routes(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base}/fi/pathways/")
    assert page.locator("#pathway-form").is_visible()
    assert (
        page.get_by_role("button", name="Lähtökohtasi ja toiveesi").get_attribute(
            "aria-expanded"
        )
        == "true"
    )


def test_the_catalogue_count_and_first_result_are_above_the_fold_and_filters_still_work(
    page,
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base}/en/programmes/")
    count = page.locator("#results-title").bounding_box()
    first = page.locator(".card").first.bounding_box()
    assert count["y"] + count["height"] <= 844
    assert first["y"] + 60 <= 844  # at least the name of the first programme
    everything = page.locator("#results-title").inner_text()

    button = page.get_by_role("button", name="Filters", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_label("Recycling and second life").focus()
    page.keyboard.press("Space")
    page.wait_for_url("**segment=recycling**")
    page.wait_for_function(
        "text => document.querySelector('#results-title').innerText !== text",
        arg=everything,
    )
    # The form stays open while the results change under it.
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator("#catalogue-filters").is_visible()
    assert page.console_errors == []


def test_filters_stay_in_view_on_wide_screens_and_without_javascript(
    page, browser, bundled_site
):
    page.goto(f"{page.base}/fi/programmes/")  # 1280 px wide
    assert page.locator("#catalogue-filters").is_visible()
    assert page.locator("button[aria-controls='catalogue-filters']").is_hidden()
    assert page.locator("#main-menu").is_visible()
    assert page.locator("button[aria-controls='main-menu']").is_hidden()

    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    try:
        phone = context.new_page()
        phone.goto(f"{bundled_site}/fi/programmes/")
        assert phone.locator("#catalogue-filters").is_visible()
        assert phone.locator("#main-menu").is_visible()
        assert phone.locator("button[data-filter-toggle]").count() == 2
        for button in phone.locator("button[data-filter-toggle]").all():
            assert button.is_hidden()
    finally:
        context.close()


def open_folded(page) -> None:
    """Open what is folded away on a phone: the menu and a filter form."""
    folded = page.locator("button[data-filter-toggle][aria-expanded=false]")
    for controls in folded.evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-controls'))"
    ):
        page.locator(f"button[aria-controls='{controls}']").click()


# Controls that are not links in running text, and the pages that have them.
TARGETS = [
    ("/fi/programmes/", ".language-switcher a"),
    ("/fi/programmes/", ".main-nav a"),
    ("/fi/programmes/", ".pagination a"),
    ("/fi/programmes/", "#catalogue-filters .checkbox input"),
    ("/fi/programmes/", "#catalogue-filters .actions a"),
    ("/fi/programmes/", ".site-footer a"),
    ("/fi/programmes/", "button[data-filter-toggle]"),
    ("/fi/actors/keliber/", ".breadcrumbs a"),
    ("/fi/gaps/", "#gap-form .checkbox input"),
    ("/fi/pathways/", "#pathway-form .checkbox input"),
    ("/fi/map/", ".leaflet-control-zoom a"),
    ("/fi/actors/", "table.stack th a"),
    ("/fi/gaps/", ".gap-table a"),
]


@pytest.mark.parametrize("width", [390, 1280])
def test_controls_are_at_least_24_pixels_each_way(page, width):
    page.set_viewport_size({"width": width, "height": 844})
    small = []
    loaded = None
    for address, selector in TARGETS:
        if address != loaded:
            page.goto(page.base + address)
            loaded = address
            open_folded(page)  # a phone: open the menu and the filters to measure them
        if selector == "button[data-filter-toggle]" and width > 640:
            continue  # only phones have it
        if selector.startswith(".leaflet"):
            page.wait_for_selector(selector)
        targets = page.locator(selector)
        assert targets.count(), f"{selector} on {address}"
        for box in targets.evaluate_all(
            "elements => elements.map(e => { const b = e.getBoundingClientRect(); "
            "return [e.textContent.trim() || e.outerHTML.slice(0, 60), b.width, b.height]; })"
        ):
            if box[1] < 24 or box[2] < 24:
                small.append(
                    f"{selector} {box[0]!r} on {address}: {box[1]:.1f} × {box[2]:.1f} px"
                )
    assert not small, "\n".join(small)


# Targets smaller than 24 × 24 px whose 24 px circle reaches another target (the spacing rule of 2.5.8), leaving out
# links in running text (a paragraph, a list item or a cell with more words than the link) and the map's inside.
CROWDED_TARGETS = """() => {
  const targets = [...document.querySelectorAll("a[href], button, input, select, summary")]
    .filter((element) => !element.closest(".leaflet-container"));
  const boxes = targets.map((element) => element.getBoundingClientRect());
  const crowded = [];
  targets.forEach((element, index) => {
    const box = boxes[index];
    if (box.width === 0 || (box.width >= 24 && box.height >= 24)) return;
    const parent = element.parentElement;
    const ownWords = (element.textContent || "").trim().length;
    if (["P", "LI", "DD", "TD"].includes(parent.tagName) && parent.textContent.trim().length > ownWords + 3) return;
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const near = boxes.some((other, j) => j !== index && other.width > 0
      && Math.max(other.left - x, 0, x - other.right) ** 2 + Math.max(other.top - y, 0, y - other.bottom) ** 2 < 144);
    if (near) crowded.push(`${element.tagName.toLowerCase()} "${(element.textContent || element.name || "").trim().slice(0, 30)}" `
      + `${box.width.toFixed(1)} × ${box.height.toFixed(1)} px`);
  });
  return crowded;
}"""


def test_no_public_page_has_crowded_small_targets_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    failures = []
    for route in PUBLIC_ROUTES:
        page.goto(f"{page.base}/fi{route}", wait_until="load")
        open_folded(page)
        failures += [
            f"/fi{route}: {target}" for target in page.evaluate(CROWDED_TARGETS)
        ]
    assert not failures, "\n".join(failures)
