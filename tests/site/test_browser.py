"""The review site in a real browser: headless Chromium driven by Selenium.

Every fact of the packaged release is a highlight whose text is its ``exact`` and that sits on
its characters; clicking one shows its fields; Tab reaches every highlight; links lead where
they say; the filters and sorting work; axe-core finds no WCAG 2 A/AA violation.

Chromium and chromedriver come from the system (``apt-get install chromium chromium-driver``);
without them these tests are skipped, unless ``NEWSFACTS_REQUIRE_BROWSER=1``, where they fail.
With ``NEWSFACTS_SCREENSHOTS=DIR`` the index and two article pages are saved there as PNG.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

import newsfacts
from newsfacts.site.render import build_site
from newsfacts.site.shell import fmt_value

from ..conftest import RELEASE

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: The article that jumps (two segments, a column break) and the one with the most facts.
JUMPED = "a-bcfbe062-06"
BUSIEST = "a-bcfbe062-01"


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.is_file():
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    try:
        import axe_core_python  # noqa: F401
        import selenium  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason is not None:
        if os.environ.get("NEWSFACTS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"NEWSFACTS_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1400,1000")
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(RELEASE, out)
    return out


@pytest.fixture(scope="module")
def ds() -> newsfacts.Dataset:
    return newsfacts.load(RELEASE)


def _open(driver: Any, site: Path, page: str) -> None:
    driver.get((site / page).as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


#: For each highlight: its fact id, its text, whether it is drawn, and how far (in px) its
#: first character lies from the same character of the plain text under it.
_HIGHLIGHTS = """
const base = document.querySelector('.layer.base').firstChild;
return Array.from(document.querySelectorAll('[data-fact]')).map(mark => {
  const before = document.createRange();
  before.setStart(mark.parentNode, 0);
  before.setEnd(mark, 0);
  const at = before.toString().length;
  const under = document.createRange();
  under.setStart(base, at);
  under.setEnd(base, at + 1);
  const a = mark.getClientRects()[0], b = under.getClientRects()[0];
  return [mark.dataset.fact, mark.textContent, getComputedStyle(mark).visibility,
          Math.max(Math.abs(a.left - b.left), Math.abs(a.top - b.top))];
});
"""


def test_every_fact_is_a_highlight_with_its_exact_text_on_its_characters(
    browser: Any, site: Path, ds: newsfacts.Dataset
) -> None:
    seen: dict[str, str] = {}
    for article in ds.articles:
        _open(browser, site, f"articles/{article.id}.html")
        for fact_id, text, visibility, offset in browser.execute_script(_HIGHLIGHTS):
            assert fact_id not in seen, f"{fact_id} is highlighted twice"
            seen[fact_id] = text
            assert visibility == "visible", fact_id
            assert offset < 1.5, f"{fact_id} is drawn {offset}px away from its characters"
    assert seen == {f.id: f.evidence.exact for f in ds.facts}


_POINT = """
const mark = arguments[0];
mark.scrollIntoView({block: 'center'});
const r = mark.getClientRects()[0];
const x = r.left + Math.min(r.width / 2, 6), y = r.top + r.height / 2;
const hit = document.elementFromPoint(x, y);
return [x, y, hit === mark];
"""


def _details(driver: Any) -> str:
    return str(driver.execute_script("return document.getElementById('details').textContent"))


def test_clicking_a_highlight_shows_its_fields(
    browser: Any, site: Path, ds: newsfacts.Dataset
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    by_id = {f.id: f for f in ds.facts}
    clicked = 0
    for article in (JUMPED, BUSIEST):
        _open(browser, site, f"articles/{article}.html")
        for mark in browser.find_elements(By.CSS_SELECTOR, "[data-fact]"):
            browser.execute_script("document.getElementById('details').replaceChildren()")
            x, y, on_top = browser.execute_script(_POINT, mark)
            if not on_top:  # covered by a span drawn above it: Enter reaches it (below)
                continue
            fact = by_id[mark.get_attribute("data-fact")]
            actions = ActionChains(browser, duration=0)
            actions.w3c_actions.pointer_action.move_to_location(int(x), int(y))
            actions.w3c_actions.pointer_action.click()
            actions.perform()
            shown = _details(browser)
            assert fact.id in shown
            assert fmt_value(fact.value) in shown
            assert (fact.unit or "—") in shown
            assert fact.review in shown
            clicked += 1
    total = sum(f.article_id in (JUMPED, BUSIEST) for f in ds.facts)
    assert clicked >= total * 0.7, f"only {clicked} of {total} highlights could be clicked"


_OVERLAP = """
for (const mark of document.querySelectorAll('[data-fact]')) {
  mark.scrollIntoView({block: 'center'});
  for (const r of mark.getClientRects()) {
    for (let x = r.left + 2; x < r.right; x += 8) {
      const y = r.top + r.height / 2;
      const under = document.elementsFromPoint(x, y).filter(e => e.matches('[data-fact]'));
      if (under.length > 1 && under[0] === mark) {
        return [x, y, under.map(e => e.dataset.fact)];
      }
    }
  }
}
return null;
"""


def test_clicking_where_spans_overlap_offers_every_fact_there(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    _open(browser, site, f"articles/{BUSIEST}.html")
    found = browser.execute_script(_OVERLAP)
    assert found is not None, "no place where two highlights overlap"
    x, y, ids = found
    actions = ActionChains(browser, duration=0)
    actions.w3c_actions.pointer_action.move_to_location(int(x), int(y))
    actions.w3c_actions.pointer_action.click()
    actions.perform()
    shown = _details(browser)
    assert ids[0] in shown and "Also at this place" in shown
    buttons = browser.find_elements(By.CSS_SELECTOR, "#details [data-select]")
    assert [b.text for b in buttons] == ids[1:]
    buttons[0].click()
    assert ids[1] in _details(browser)
    assert browser.switch_to.active_element.get_attribute("data-fact") == ids[1]


_RECORD = """
window.reached = [];
document.addEventListener('focusin', event => {
  const id = event.target.dataset ? event.target.dataset.fact : undefined;
  if (id) {
    window.reached.push([id, getComputedStyle(event.target).outlineStyle,
                         document.getElementById('details').textContent.includes(id)]);
  }
});
document.activeElement.blur();
return document.querySelectorAll('a[href], [tabindex="0"], select, button').length;
"""


def test_tab_reaches_every_highlight_with_visible_focus_and_its_details(
    browser: Any, site: Path, ds: newsfacts.Dataset
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for article in ds.articles:
        _open(browser, site, f"articles/{article.id}.html")
        stops = browser.execute_script(_RECORD)
        ActionChains(browser).send_keys(Keys.TAB * (stops + 2)).perform()
        reached = browser.execute_script("return window.reached")
        facts = {f.id for f in ds.facts if f.article_id == article.id}
        assert {r[0] for r in reached} == facts, article.id
        assert all(style != "none" for _, style, _ in reached), "focus is not visible"
        assert all(shown for *_, shown in reached), "focus does not show the fact's fields"


def test_enter_on_a_highlight_shows_its_fields(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, site, f"articles/{BUSIEST}.html")
    for mark in browser.find_elements(By.CSS_SELECTOR, "[data-fact]")[:5]:
        browser.execute_script("arguments[0].focus()", mark)
        browser.execute_script("document.getElementById('details').replaceChildren()")
        mark.send_keys(Keys.ENTER)
        assert mark.get_attribute("data-fact") in _details(browser)


def test_a_mention_leads_to_its_entity_and_the_navigation_to_every_list(
    browser: Any, site: Path, ds: newsfacts.Dataset
) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, site, f"articles/{JUMPED}.html")
    mention = browser.find_element(By.CSS_SELECTOR, "[data-entity]")
    entity = next(e for e in ds.entities if e.id == mention.get_attribute("data-entity"))
    browser.execute_script("arguments[0].click()", mention)
    assert browser.current_url.split("#")[0] == (site / "entities" / f"{entity.id}.html").as_uri()
    assert browser.find_element(By.TAG_NAME, "h1").text == entity.name
    for label, page in (("Facts", "facts.html"), ("Entities", "entities.html")):
        browser.find_element(By.LINK_TEXT, label).click()
        assert browser.current_url == (site / page).as_uri()


def test_the_facts_table_filters_and_sorts(browser: Any, site: Path, ds: newsfacts.Dataset) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open(browser, site, "facts.html")
    visible = "return Array.from(document.querySelectorAll('table.facts tbody tr'))" + (
        ".filter(r => !r.hidden).map(r => r.dataset.id)"
    )
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="kind"]')).select_by_value(
        "event"
    )
    assert sorted(browser.execute_script(visible)) == sorted(
        f.id for f in ds.facts if f.kind == "event"
    )
    output = browser.find_element(By.CSS_SELECTOR, "output").text
    assert output == f"{sum(f.kind == 'event' for f in ds.facts)} of {len(ds.facts)} shown"
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="kind"]')).select_by_value("")
    browser.find_element(By.CSS_SELECTOR, 'th[data-sort="value"] button').click()
    order = browser.execute_script(visible)
    values = [v for v in ({f.id: f.value for f in ds.facts}[i] for i in order) if v is not None]
    assert values == sorted(values) and len(order) == len(ds.facts)
    header = browser.find_element(By.CSS_SELECTOR, 'th[data-sort="value"]')
    assert header.get_attribute("aria-sort") == "ascending"


def test_the_index_filters_by_review_status_and_source(
    browser: Any, site: Path, ds: newsfacts.Dataset
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open(browser, site, "index.html")
    rows = "return Array.from(document.querySelectorAll('table.articles tbody tr'))" + (
        ".filter(r => !r.hidden).length"
    )
    section = "return document.querySelector('[data-source-section]').hidden"
    review = Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="review"]'))
    review.select_by_value("draft")  # the packaged release holds no draft
    assert (browser.execute_script(rows), browser.execute_script(section)) == (0, True)
    review.select_by_value("accepted")
    assert (browser.execute_script(rows), browser.execute_script(section)) == (
        len(ds.articles),
        False,
    )
    source = Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="source"]'))
    source.select_by_value(ds.sources[0].id)
    assert browser.execute_script(rows) == sum(a.source_id == ds.sources[0].id for a in ds.articles)


_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
  .then(result => done(result.violations.map(v => [v.id, v.help,
    v.nodes.slice(0, 3).map(n => n.target.join(' '))])))
  .catch(error => done([['axe-error', String(error), []]]));
"""


def _axe(driver: Any) -> list[Any]:
    source = (files("axe_core_python") / "axe.min.js").read_text(encoding="utf-8")
    driver.execute_script(source)
    return list(driver.execute_async_script(_AXE_RUN))


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "facts.html",
        "entities.html",
        f"articles/{BUSIEST}.html",
        f"articles/{JUMPED}.html",
        "entities/e-14th-five-year-plan.html",
    ],
)
def test_axe_finds_no_wcag_violation(browser: Any, site: Path, page: str) -> None:
    _open(browser, site, page)
    if page.startswith("articles/"):  # with a fact's fields in the details panel
        browser.execute_script("document.querySelector('[data-fact]').focus()")
    assert _axe(browser) == []


def test_axe_does_find_a_planted_violation(browser: Any, site: Path) -> None:
    _open(browser, site, "index.html")
    browser.execute_script(
        "const img = document.createElement('img'); img.src = 'assets/none.png';"
        "document.querySelector('main').appendChild(img);"
    )
    assert "image-alt" in [violation[0] for violation in _axe(browser)]


def test_screenshots_of_the_index_and_two_articles(browser: Any, site: Path) -> None:
    folder = os.environ.get("NEWSFACTS_SCREENSHOTS")
    if not folder:
        pytest.skip("NEWSFACTS_SCREENSHOTS is not set: no screenshot is kept")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for page, name in (
        ("index.html", "index.png"),
        (f"articles/{BUSIEST}.html", f"{BUSIEST}.png"),
        (f"articles/{JUMPED}.html", f"{JUMPED}.png"),
    ):
        _open(browser, site, page)
        if page.startswith("articles/"):
            browser.execute_script(
                "document.querySelectorAll('[data-fact]')[1].focus();"
                "document.getElementById('h-details').scrollIntoView();"
            )
        assert browser.save_screenshot(str(out / name)), name
        assert (out / name).stat().st_size > 10_000
