"""Every kind of page fits a phone, a tablet and a laptop: nothing scrolls sideways, the header
keeps its two rows on a laptop, and keyboard focus is always visible."""

import pytest
from django.urls import reverse

from portal.demo.users import DEMO_PASSWORDS
from portal.tests.browser import COORDINATOR_PAGES, MAIN_PAGES, SCREENSHOTS, login, screenshot
from projects.models import Project

pytestmark = pytest.mark.django_db(transaction=True)

NARROW_WIDTHS = [320, 375, 768]
LAPTOP = {"width": 1366, "height": 768}

# How far a page reaches past the window's right edge, in CSS pixels.
OVERFLOW_JS = "() => document.documentElement.scrollWidth - window.innerWidth"


def overflow_at(page, width: int) -> int:
    page.set_viewport_size({"width": width, "height": 800})
    return page.evaluate(OVERFLOW_JS)


@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_public_page_does_not_scroll_sideways_on_phones_and_tablets(page, name):
    page.goto(MAIN_PAGES[name]())
    overflows = {width: overflow_at(page, width) for width in NARROW_WIDTHS}
    if any(overflows.values()):
        screenshot(page, f"leveys-{name}")
    assert overflows == dict.fromkeys(NARROW_WIDTHS, 0)


@pytest.mark.parametrize("name", list(COORDINATOR_PAGES))
def test_coordinator_page_does_not_scroll_sideways_on_phones_and_tablets(page, name):
    login(page, "koordinaattori", DEMO_PASSWORDS["koordinaattori"])
    page.goto(COORDINATOR_PAGES[name]())
    overflows = {width: overflow_at(page, width) for width in NARROW_WIDTHS}
    assert overflows == dict.fromkeys(NARROW_WIDTHS, 0)


# The scrolling boxes of wide tables that do not take the focus or have no name.
UNNAMED_REGIONS_JS = """() => [...document.querySelectorAll('.table-responsive')].map((box) => {
  const ids = (box.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
  const named = ids.map((id) => (document.getElementById(id) || {}).textContent || '');
  const name = (box.getAttribute('aria-label') || named.join(' ')).trim();
  return {tabindex: box.getAttribute('tabindex'), role: box.getAttribute('role'), name};
}).filter((box) => box.tabindex !== '0' || box.role !== 'region' || !box.name)"""


def test_every_wide_table_scrolls_in_a_named_region_that_takes_the_focus(page):
    """On a phone a wide table scrolls sideways in its box: the keyboard scrolls it only when
    the box takes the focus (WCAG 2.1.1), and a screen reader names it by the table's caption
    or heading."""
    unnamed = {}
    for name, url in MAIN_PAGES.items():
        page.goto(url())
        unnamed[name] = page.evaluate(UNNAMED_REGIONS_JS)
    login(page, "koordinaattori", DEMO_PASSWORDS["koordinaattori"])
    for name, url in COORDINATOR_PAGES.items():
        page.goto(url())
        unnamed[name] = page.evaluate(UNNAMED_REGIONS_JS)
    assert {name: boxes for name, boxes in unnamed.items() if boxes} == {}


# The tops of the header's rows on a laptop: the main links, then the search field, the user's
# links and the language form; and the search field's width.
HEADER_ROWS_JS = """() => {
    const menu = document.querySelector('#main-menu');
    const tops = selector => [...menu.querySelectorAll(selector)].map(
        element => Math.round(element.getBoundingClientRect().top));
    return {
        links: tops(':scope > .navbar-nav:first-child .nav-link'),
        actions: tops(':scope > .site-search input, :scope > .navbar-nav:last-child > .nav-item'),
        search: document.querySelector('#site-search-q').offsetWidth,
    };
}"""


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_header_keeps_two_rows_and_a_usable_search_field_on_a_laptop(page, language):
    login(page, "admin", DEMO_PASSWORDS["admin"])  # the admin's header has the most links
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
    page.set_viewport_size(LAPTOP)
    page.goto("/")
    rows = page.evaluate(HEADER_ROWS_JS)
    # Each row is one line: its items share a top (a form's items differ by a few pixels).
    assert max(rows["links"]) - min(rows["links"]) == 0, rows
    assert max(rows["actions"]) - min(rows["actions"]) <= 8, rows
    assert min(rows["actions"]) > max(rows["links"]), rows
    assert rows["search"] >= 200, rows


def test_admin_project_page_fits_a_laptop(page):
    login(page, "admin", DEMO_PASSWORDS["admin"])
    page.set_viewport_size(LAPTOP)
    project = Project.objects.get(slug="lape-uusimaa")
    page.goto(reverse("admin:projects_project_change", args=[project.pk]))
    assert page.locator("#project_form").is_visible()
    assert page.evaluate(OVERFLOW_JS) == 0


# The contrast of two sRGB colours, as WCAG 2.x defines it.
CONTRAST_JS = """(pair) => {
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/[0-9.]+/g).slice(0, 3).map(Number).map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = pair.map(luminance).sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""

# The focused element's outline, and the colour behind it (the first ancestor with one).
FOCUS_JS = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  let behind = element.parentElement;
  const clear = ['rgba(0, 0, 0, 0)', 'transparent'];
  while (behind && clear.includes(getComputedStyle(behind).backgroundColor)) {
    behind = behind.parentElement;
  }
  return {
    tag: element.tagName + ' ' + (element.textContent || element.name || '').trim().slice(0, 30),
    width: parseFloat(style.outlineWidth),
    style: style.outlineStyle,
    colour: style.outlineColor,
    background: behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)',
  };
}"""


@pytest.mark.parametrize("name", ["etusivu", "hanke-lape-uusimaa", "kokoukset"])
def test_keyboard_focus_is_visible_with_enough_contrast_on_every_control(page, name):
    page.set_viewport_size(LAPTOP)
    page.goto(MAIN_PAGES[name]())
    weak = []
    for _ in range(25):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus["tag"].startswith("BODY"):
            break
        contrast = page.evaluate(CONTRAST_JS, [focus["colour"], focus["background"]])
        if focus["style"] == "none" or focus["width"] < 2 or contrast < 3:
            weak.append({**focus, "contrast": round(contrast, 2)})
    assert weak == []


@pytest.mark.parametrize(
    "name, url",
    [
        ("readme-etusivu", lambda: "/"),
        ("readme-hanke", lambda: reverse("projects:detail", args=["lape-uusimaa"])),
    ],
)
def test_screenshots_of_the_look_for_the_readme(page, name, url):
    """The first screen of the front page and of a project page on a laptop, as the README
    shows them (docs/screenshots/ holds copies of these files)."""
    page.set_viewport_size(LAPTOP)
    page.goto(url())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")
    assert page.evaluate(OVERFLOW_JS) == 0
