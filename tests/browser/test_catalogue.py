"""The catalogue in a real browser: filters update the results in place and the URL, without and with JavaScript."""

import re

import pytest


def result_count(page) -> int:
    return int(re.search(r"\d+", page.locator("#results-title").inner_text()).group())


def test_choosing_filters_updates_the_results_and_the_address(page):
    page.goto(f"{page.base}/en/programmes/")
    everything = result_count(page)
    assert everything >= 30

    page.get_by_label("Country").select_option("SE")
    page.wait_for_url(re.compile(r"country=SE"))
    page.wait_for_function(
        f"() => !document.querySelector('#results-title').innerText.startsWith('{everything} ')"
    )
    in_sweden = result_count(page)
    assert 0 < in_sweden < everything

    page.get_by_label("Recycling and second life").check()
    page.wait_for_url(re.compile(r"segment=recycling"))
    page.wait_for_function(
        f"() => !document.querySelector('#results-title').innerText.startsWith('{in_sweden} ')"
    )
    assert 0 < result_count(page) < in_sweden
    assert page.console_errors == []


def test_the_filter_form_works_without_javascript(browser, bundled_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{bundled_site}/fi/programmes/")
        page.get_by_label("Opetuskieli").select_option("en")
        page.get_by_role("button", name="Näytä koulutukset").click()
        page.wait_for_url(re.compile(r"language=en"))
        names = page.locator(".card h3").all_inner_texts()
        assert names and len(names) < 20
    finally:
        context.close()


def test_a_programme_card_leads_to_its_page_with_its_sites_on_a_map(page):
    page.goto(f"{page.base}/en/programmes/?q=process")
    first = page.locator(".card h3 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == title
    # A picture of the regions with its places marked, named by its title; no map library on the page.
    picture = page.get_by_role("img", name=re.compile("Map of the region"))
    marks = picture.locator("circle").count()
    assert marks >= 1
    assert page.evaluate("typeof window.L") == "undefined"
    # Its link opens the full map with only the programme's places, zoomed to them.
    page.get_by_role("link", name="Show on the full map").click()
    page.wait_for_selector("#map[data-map-places]")
    assert page.locator("#map").get_attribute("data-map-places") == str(marks)
    assert page.locator(".map-focus").is_visible()
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_language_switcher_keeps_the_page_and_its_filters(page, language):
    page.goto(f"{page.base}/en/programmes/?country=FI")
    names = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name=names[language]
    ).click()
    page.wait_for_url(f"{page.base}/{language}/programmes/?country=FI")
    assert page.locator("html").get_attribute("lang") == language


def test_removing_a_filter_removes_it_from_the_results_the_address_and_the_language_links(
    page,
):
    page.goto(f"{page.base}/en/programmes/")
    everything = result_count(page)
    segment = page.get_by_label("Recycling and second life")

    segment.check()
    page.wait_for_url(re.compile(r"segment=recycling"))
    page.wait_for_function(
        "() => document.querySelector('#results-status').innerText.trim() !== ''"
    )
    filtered = result_count(page)
    assert filtered < everything
    assert page.locator("#results-status").inner_text().startswith(f"{filtered} ")
    suomi = page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Suomi"
    )
    assert "segment=recycling" in suomi.get_attribute("href")

    segment.uncheck()
    page.wait_for_function(
        f"() => document.querySelector('#results-title').innerText.startsWith('{everything} ')"
    )
    assert "segment" not in page.url
    assert "segment" not in suomi.get_attribute("href")
    page.reload()
    assert result_count(page) == everything
    assert page.console_errors == []


def test_a_search_without_matches_offers_to_remove_each_filter(page):
    page.goto(f"{page.base}/en/programmes/?country=SE")
    search = page.get_by_role("searchbox", name="Search")
    search.fill("zzzz-no-such-programme")
    search.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('#results-title').innerText.startsWith('0 ')"
    )
    assert page.locator(".error-summary").count() == 0
    links = page.locator(".active-filters a")
    assert links.count() == 2  # the search words and the country
    page.get_by_role("link", name=re.compile("Remove “Search")).click()
    page.wait_for_url(re.compile(r"country=SE"))
    assert "q=" not in page.url
    assert result_count(page) > 0


def test_a_link_of_the_error_summary_takes_the_focus_to_its_field(page):
    page.goto(f"{page.base}/en/programmes/?segment=nope&q=" + "x" * 300)
    summary = page.locator(".error-summary")
    links = summary.get_by_role("link")
    assert links.count() == 2  # the segments and the search words
    for target in ["id_segment", "id_q"]:
        summary.locator(f'a[href="#{target}"]').click()
        assert page.evaluate("() => document.activeElement.id") == target
    # The group of segments is announced by its legend and described by its error.
    group = page.locator("#id_segment")
    assert group.get_attribute("aria-describedby") == "id_segment_error"
    assert "nope" in page.locator("#id_segment_error").inner_text()
