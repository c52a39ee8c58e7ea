"""WCAG 2.1 A and AA in Chromium: axe-core on every page and in the states a person reaches,
and a name check of our own: every control has a name, and no two controls share one.

axe-core comes from npm (``scripts/setup.sh --with-browser`` installs the version pinned in
package-lock.json into node_modules/) and is injected into the page, never fetched from a CDN.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import StudioPage

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HEADINGS = {
    "Editor": "Persona editor",
    "Persona builder": "Persona builder",
    "Presets": "Presets",
    "Library": "Persona library",
    "Compare": "Compare",
    "Try it": "Try it",
    "Import & export": "Import & export",
}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.flatMap(v => v.nodes.map(n => ({
    rule: v.id, help: v.help, selector: n.target.join(' '), html: n.html, why: n.failureSummary})));
}"""

# The controls a keyboard reaches, with the name a screen reader announces (axe's own
# computation of the accessible name). A radio button's name is read with its group's, so
# radios are checked by their groups; a select box's arrow (tabindex -1) is part of the box.
CONTROLS = """() => {
  const selector = 'a[href], button, input, select, textarea, [role=button], [role=link], [role=tab],'
    + ' [role=combobox], [role=slider], [role=switch], [role=checkbox], [role=radiogroup], [role=menuitem]';
  axe.setup(document);
  try {
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
      if (el.type === 'radio' || el.getAttribute('role') === 'radio') continue;
      if (el.type === 'hidden' || el.disabled || el.tabIndex < 0) continue;
      const shown = el.type === 'checkbox' ? (el.closest('label') || el) : el;
      if (!shown.checkVisibility({visibilityProperty: true})) continue;
      const node = axe.utils.getNodeFromTree(el);
      const name = node ? axe.commons.text.accessibleTextVirtual(node).replace(/\\s+/g, ' ').trim() : '';
      const role = el.getAttribute('role') || (el.tagName === 'A' ? 'link' : el.type || el.tagName.toLowerCase());
      const keyed = el.closest('[class*="st-key-"]');
      const key = keyed ? (keyed.className.match(/st-key-\\S+/) || [''])[0] : '';
      out.push({role, name, href: el.getAttribute('href'), key, html: el.outerHTML.slice(0, 160)});
    }
    return out;
  } finally {
    axe.teardown();
  }
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run scripts/setup.sh --with-browser (npm ci installs axe-core)")
    return AXE.read_text()


def settled(studio: StudioPage) -> Page:
    """Wait for the run, its fragments and their skeletons: axe must see what a person sees."""
    studio.settle()
    expect(studio.page.get_by_test_id("stSkeleton")).to_have_count(0)
    return studio.page


def problems_on(studio: StudioPage, axe_source: str, where: str) -> list[str]:
    """Every axe violation and every missing or shared name on the page, each naming the page and state."""
    page = settled(studio)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    found = [
        f"[{where}] {v['rule']} ({v['help']}): {v['selector']}\n    {v['html'][:200]}\n    {v['why']}"
        for v in page.evaluate(RUN_AXE, WCAG_AA)
    ]
    controls = page.evaluate(CONTROLS)
    found += [f"[{where}] control without a name: {c['role']} {c['key']}\n    {c['html']}" for c in controls
              if not c["name"]]
    by_name: dict[tuple[str, str], list[dict]] = {}
    for control in controls:
        if control["name"]:
            by_name.setdefault((control["role"], control["name"].casefold()), []).append(control)
    for (role, name), same in by_name.items():
        # Two links to the same address do the same thing; anything else sharing a name is ambiguous.
        if len({(c["href"] if c["role"] == "link" else id(c)) for c in same}) > 1:
            keys = ", ".join(c["key"] or c["html"][:80] for c in same)
            found.append(f"[{where}] {len(same)} controls named {name!r} ({role}): {keys}")
    return found


def assert_accessible(studio: StudioPage, axe_source: str, where: str) -> None:
    found = problems_on(studio, axe_source, where)
    assert not found, f"{len(found)} accessibility problem(s):\n" + "\n".join(found)


def go_to(studio: StudioPage, title: str) -> None:
    studio.go_to(title)
    expect(studio.page.get_by_role("heading", name=HEADINGS[title], exact=True)).to_be_visible()


def test_every_page_of_a_fresh_studio_passes_axe_and_names_every_control(studio: StudioPage, axe_source: str):
    studio.open()
    found = []
    for title in HEADINGS:
        go_to(studio, title)
        found += problems_on(studio, axe_source, f"{title}, fresh studio")
    assert not found, f"{len(found)} accessibility problem(s):\n" + "\n".join(found)


def test_an_invalid_draft_with_its_errors_shown_is_accessible(studio: StudioPage, axe_source: str):
    page = studio.open().page
    studio.section("Voice and speech")
    speed = studio.widget("f.audio.output.speed:number").locator("input")
    speed.fill("1.9")
    speed.press("Enter")
    studio.settle()
    expect(page.get_by_text("Speaking speed must be between 0.25 and 1.5; you entered 1.9.").first).to_be_visible()
    assert_accessible(studio, axe_source, "Editor, invalid draft")
    finder = page.get_by_label("Find a setting", exact=True)
    finder.fill("silence")
    finder.press("Enter")
    studio.settle()
    expect(page.get_by_role("button", name="Silence that ends a turn (ms)")).to_be_visible()
    assert_accessible(studio, axe_source, "Editor, invalid draft, the finder's results")
    studio.page.get_by_test_id("stSidebar").get_by_role("button", name="Share link").click()
    expect(page.get_by_test_id("stPopoverBody")).to_contain_text("Only a valid draft can be shared")
    assert_accessible(studio, axe_source, "Editor, invalid draft, share popover open")
    page.keyboard.press("Escape")
    go_to(studio, "Import & export")
    expect(page.get_by_text("so there is nothing to export yet")).to_be_visible()
    assert_accessible(studio, axe_source, "Import & export, invalid draft")


def test_the_tool_editor_with_a_function_and_an_mcp_tool_open_is_accessible(studio: StudioPage, axe_source: str):
    studio.open()
    studio.section("Tools")
    for kind in ("function", "mcp"):
        studio.widget(f"f.tools:add:{kind}").get_by_role("button").click()
        studio.settle()
    for index in (0, 1):
        toggle = studio.widget(f"f.tools.{index}:open").get_by_role("button")
        if "Edit" in (toggle.get_attribute("aria-label") or toggle.inner_text()):
            toggle.click()
            studio.settle()
        expect(studio.widget(f"f.tools.{index}:open").get_by_role("button", name=re.compile("Close"))).to_be_visible()
    expect(studio.widget("f.tools.1.server_label")).to_be_visible()
    assert_accessible(studio, axe_source, "Editor, a function tool and an MCP tool open")


def test_the_share_popover_and_the_advice_panel_are_accessible(studio: StudioPage, axe_source: str):
    page = studio.open().page
    studio.choose_in("f.model:pick", "gpt-realtime-2")
    advice = page.get_by_test_id("stExpander").filter(has_text="Advice").locator("details")
    if advice.get_attribute("open") is None:
        advice.locator("summary").click()
    expect(advice).to_have_attribute("open", "")
    studio.settle()
    assert_accessible(studio, axe_source, "Editor, advice panel open")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Share link").click()
    expect(page.get_by_test_id("stPopoverBody").get_by_role("textbox")).to_have_value(re.compile(r"\?share=1\."))
    assert_accessible(studio, axe_source, "Editor, share popover open")


def test_the_import_report_is_accessible(studio: StudioPage, axe_source: str):
    page = studio.open().page
    go_to(studio, "Import & export")
    box = page.get_by_label("Paste a config (JSON)")
    box.fill('{"modalities": ["audio", "text"], "voice": "verse", "speed": 3, "mystery": 1, '
             '"turn_detection": {"type": "server_vad", "silence_duration_ms": 700}}')
    box.press("Control+Enter")
    studio.settle()
    expect(page.get_by_role("button", name="Replace my draft with this import")).to_be_visible()
    assert_accessible(studio, axe_source, "Import & export, report of a beta config")


def test_the_library_with_a_persona_open_and_compare_of_two_versions_are_accessible(
    studio: StudioPage, axe_source: str
):
    page = studio.open().page
    go_to(studio, "Library")
    studio.fill("lib:name", "Front desk")
    page.get_by_role("button", name="Save as a new persona").click()
    studio.settle()
    expect(page.get_by_text('Created "Front desk" version 1')).to_be_visible()
    go_to(studio, "Editor")
    studio.section("Voice and speech")
    studio.pick_radio("f.audio.output.voice:presence", "Built-in voice")
    studio.choose_in("f.audio.output.voice:pick", "sage")
    studio.expect_preview_contains('"voice": "sage"')
    go_to(studio, "Library")
    page.get_by_role("button", name="Save as version 2 of “Front desk”").click()
    studio.settle()
    expect(page.get_by_text('Saved "Front desk" version 2')).to_be_visible()
    expect(page.get_by_role("heading", name="Front desk")).to_be_visible()
    assert_accessible(studio, axe_source, "Library, a persona with two versions open")
    studio.choose("Version", re.compile(r"^v1 "))
    studio.choose("Compare version 1 with", "version 2")
    page.get_by_role("button", name="Compare", exact=True).click()
    studio.settle()
    expect(page.get_by_role("heading", name="Compare", exact=True)).to_be_visible()
    expect(page.locator("tr.cmp-differs")).to_have_count(1)
    assert_accessible(studio, axe_source, "Compare, two versions of a persona")


def test_the_report_of_a_switch_of_api_target_is_accessible(studio: StudioPage, axe_source: str):
    page = studio.open().page
    studio.choose_in("sidebar:target", "Realtime beta, flat (retired 2026-05-12)")
    expect(page.get_by_test_id("stExpander").filter(has_text="Switched from")).to_be_visible()
    assert_accessible(studio, axe_source, "Editor, report of a switch to the beta target")
    go_to(studio, "Import & export")
    assert_accessible(studio, axe_source, "Import & export, beta target")


def test_publishing_a_team_preset_and_the_presets_page_with_one_are_accessible(studio: StudioPage, axe_source: str):
    page = studio.open().page
    go_to(studio, "Library")
    studio.fill("lib:name", "Reception desk")
    page.get_by_role("button", name="Save as a new persona").click()
    studio.settle()
    expect(page.get_by_text('Created "Reception desk" version 1')).to_be_visible()
    page.get_by_text("Publish as a team preset").click()
    studio.settle()
    expect(page.get_by_label("Preset title")).to_be_visible()
    assert_accessible(studio, axe_source, "Library, publishing a version as a team preset")
    page.get_by_role("button", name="Publish version 1 as the team preset “Reception desk”").click()
    studio.settle()
    expect(page.get_by_text('Published version 1 of "Reception desk"')).to_be_visible()
    go_to(studio, "Presets")
    team = page.locator(".st-key-team_presets")
    expect(team.get_by_role("heading", name="Reception desk")).to_be_visible()
    assert_accessible(studio, axe_source, "Presets, a team preset above the built-in ones")
    team.get_by_role("button", name="Un-publish").click()  # leave the shared studio as it was
    studio.settle()
    expect(team.get_by_role("heading", name="Reception desk")).to_have_count(0)
