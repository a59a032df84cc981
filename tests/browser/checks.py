"""What the browser tests do on a page: log in (with the mouse or the keyboard), check it with axe-core and
a heading outline, and move through it with Tab while checking that the focus stays visible."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

from playwright.sync_api import expect

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"  # `make test` installs it
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "demo-passord-hoering"
OPEN_SLUG = "strategi-sosiale-medier"  # the demo's open consultation
PHONE = {"width": 360, "height": 740}


def login(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form; lands on the staff start page."""
    page.goto("/logg-inn")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/logg-inn" not in page.url, page.content()[:2000]


def login_by_keyboard(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in with Tab, typing and Enter only; lands on the staff start page."""
    page.goto("/logg-inn")
    tab_to(page, by_id("email"))
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "password"
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/logg-inn" not in page.url, page.content()[:2000]


def axe_violations(page) -> list[dict]:
    """Run axe-core with the WCAG 2.0/2.1 A and AA rules on the page as it is; return its violations."""
    assert AXE_JS.exists(), f"{AXE_JS} is missing: run `make test` (it runs npm ci in tests/browser)"
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)",
        WCAG_TAGS)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {json.dumps(node['target'])} {node.get('failureSummary', '')!r}"[:600])
    return "\n".join(lines)


# What the issue asks beyond axe's WCAG rules: one h1, and headings that never skip a level.
HEADING_PROBLEMS = """() => {
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1]);
  const problems = [];
  if (levels.filter(l => l === 1).length !== 1) problems.push('h1 count: ' + levels.filter(l => l === 1).length);
  levels.forEach((level, i) => {
    if (i > 0 && level > levels[i - 1] + 1) problems.push(`h${levels[i - 1]} then h${level}`);
  });
  return problems;
}"""


def assert_accessible(page) -> None:
    # A click that navigates returns once the next page starts loading: scan that page when it is
    # whole, not the one it replaces, nor half of it (CI, under load, once failed a scan so).
    page.wait_for_load_state("load")
    violations = axe_violations(page)
    assert not violations, f"axe found violations on {page.url}:\n{describe(violations)}"
    problems = page.evaluate(HEADING_PROBLEMS)
    assert not problems, f"headings out of order on {page.url}: {problems}"
    unreadable = page.evaluate(UNREADABLE_BUTTONS)
    assert not unreadable, f"buttons whose words do not stand out from their colour on {page.url}: {unreadable}"


# A filled button's words against its own fill, by WCAG's formula. axe leaves a text whose colour is its
# background's (a link's colour on a link drawn as a button) as "needs review", not as a violation.
UNREADABLE_BUTTONS = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => v / 255).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  return [...document.querySelectorAll('.ds-button, button, a.button')].filter(e => {
    const s = getComputedStyle(e), fill = rgb(s.backgroundColor);
    if (fill.length < 3 || fill[3] === 0 || !e.textContent.trim() || !e.offsetParent) return false;
    const [a, b] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05) < 4.5;
  }).map(e => e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60));
}"""


# Keyboard journeys: what has the focus, and is it visible (an outline or a box shadow)?
FOCUS_STYLE = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, id: e.id, cls: e.className, name: e.getAttribute('name') || '',
          value: e.value === undefined ? '' : String(e.value).slice(0, 120), href: e.getAttribute('href') || '',
          text: (e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 120),
          article: (e.closest('article') || {}).id || '',
          outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow};
}"""


def focused(page) -> dict:
    """The element with the focus: tag, id, class, name, value, href, text, the id of the article it is
    in, and how its focus looks (outline, box shadow)."""
    return page.evaluate(FOCUS_STYLE)


def assert_focus_visible(focus: dict) -> None:
    assert focus["outline"] != "none" or focus["shadow"] != "none", f"the focus is invisible on {focus}"


def tab_to(page, wanted, limit: int = 500, backwards: bool = False) -> list[dict]:
    """Press Tab (Shift+Tab ``backwards``) until ``wanted(focus)`` is true, checking at every stop that
    the focus is visible; returns the stops, the wanted one last. Fails after ``limit`` presses."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focus = focused(page)
        stops.append(focus)
        if focus["tag"] != "BODY":  # the body holds the focus when no element does (a page still loading)
            assert_focus_visible(focus)
        if wanted(focus):
            return stops
    raise AssertionError(f"Tab never reached the element on {page.url}; last stops: {stops[-5:]}")


def by_id(element_id: str):
    return lambda focus: focus["id"] == element_id


def by_text(text: str):
    return lambda focus: focus["text"] == text


# After a click or a key press.
def press(page, key: str) -> None:
    """Press a key that submits a form or follows a link, and wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def assert_notice(page, text: str) -> None:
    """A notice with ``text`` is shown; waits for it, since a click that submits a form does not wait."""
    expect(page.locator(".notice", has_text=text)).to_be_visible()


def assert_fits(page) -> None:
    """Nothing sticks out sideways: no horizontal scrolling on a 360 px screen.

    Called right after a click that follows a link, it may meet the new page before it has a document
    element: it waits for the page to load, then measures."""
    overflow = None
    for _ in range(20):
        page.wait_for_load_state("load")
        overflow = page.evaluate(
            "() => document.documentElement ? document.documentElement.scrollWidth - window.innerWidth : null")
        if overflow is not None:
            break
        time.sleep(0.1)
    assert overflow <= 0, f"{page.url} is {overflow}px too wide for a phone"


def mail_to(smtp, recipient: str, count: int):
    """The ``count``-th message a real SMTP server (tests/smtp.py) received for ``recipient``, waiting
    for the background sending."""
    for _ in range(100):
        received = [r.message for r in smtp.received if recipient in r.recipients]
        if len(received) >= count:
            return received[count - 1]
        time.sleep(0.1)
    raise AssertionError(f"no message {count} to {recipient}: {[r.recipients for r in smtp.received]}")


def link_in(message, path: str) -> str:
    """The first link in the message's text whose path starts with ``path``."""
    return re.search(rf"http://\S+{path}\S+", message.get_content()).group(0)
