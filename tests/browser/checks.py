"""What the browser tests do on a page: log in, and check it with axe-core and a heading outline."""
from __future__ import annotations

import json
from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"  # `make test` installs it
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "demo-passord-hoering"
OPEN_SLUG = "strategi-sosiale-medier"  # the demo's open consultation


def login(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form; lands on the staff start page."""
    page.goto("/logg-inn")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
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
    violations = axe_violations(page)
    assert not violations, f"axe found violations on {page.url}:\n{describe(violations)}"
    problems = page.evaluate(HEADING_PROBLEMS)
    assert not problems, f"headings out of order on {page.url}: {problems}"
