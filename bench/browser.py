"""Figures 2, 2b, 4 and 6: what a person notices in Chromium, against a bare Streamlit page.

Each figure starts its servers with ``tests.support.server.streamlit_server`` (free
loopback port, health check) and drives Debian's Chromium through Playwright.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from bench.figures import Figure, median, p95, spread
from tests.support.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

ROOT = Path(__file__).resolve().parents[1]
STUDIO = ROOT / "app.py"
STUDIO_FULL = ROOT / "bench" / "apps" / "studio_full.py"
BARE = ROOT / "bench" / "apps" / "bare_slider.py"
SAME_WIDGETS = ROOT / "bench" / "apps" / "twin" / "editor_twin.py"
TWIN_PAGES = SAME_WIDGETS.with_suffix(".json")
SPEED_SECTION = "voice-and-speech"  # where the speaking speed is
CHART_SECTION = "conversation-and-turn-taking"  # where the turn-taking chart is
VIEWPORT = {"width": 1400, "height": 1000}
# The GA editor's speaking speed (``f.audio.output.speed``): the bench config's 1.1, the model's
# step of 0.05, walked within a range a designer would try.
SPEED_LABEL = "Speaking speed"
START_SPEED, STEP, LOW, HIGH = 1.1, 0.05, 0.8, 1.4

# Installed before a key press: remembers when the key went down and when the last code
# block first showed the expected text (a MutationObserver sees the DOM change, no polling).
_WATCH = """
(expected) => {
  const watch = {t0: null, t1: null};
  window.__benchWatch = watch;
  document.addEventListener('keydown', () => { if (watch.t0 === null) watch.t0 = performance.now(); },
                            {capture: true, once: true});
  const shows = () => {
    const blocks = document.querySelectorAll("[data-testid='stCode']");
    const last = blocks[blocks.length - 1];
    if (last === undefined) return false;
    // Not followed by a digit: "1.1" must not match the "1.15" still on screen.
    const text = last.textContent;
    for (let at = text.indexOf(expected); at !== -1; at = text.indexOf(expected, at + 1)) {
      const next = text.charAt(at + expected.length);
      if (next < "0" || next > "9") return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => {
    if (watch.t1 === null && shows()) { watch.t1 = performance.now(); observer.disconnect(); }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""

# Installed before a click on a section in the navigator: remembers when the pointer went
# down and when the section's last widget (by its key's class) was first in the page.
_SWITCH_WATCH = """
(marker) => {
  const watch = {t0: null, t1: null};
  window.__benchWatch = watch;
  document.addEventListener('pointerdown', () => { if (watch.t0 === null) watch.t0 = performance.now(); },
                            {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (watch.t1 === null && document.querySelector('.' + marker) !== null) {
      watch.t1 = performance.now();
      observer.disconnect();
    }
  });
  // React may reuse an element's box for the new section's widget: watch class changes too.
  observer.observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ["class"]});
}
"""


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, with the flags the browser tests use."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_for_app(page: Page) -> None:
    """Wait until Streamlit is connected and the script has finished its run."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=60_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)


def open_sessions(browser: Browser, url: str, count: int = 1) -> list[Page]:
    """New browser sessions (one context each, so one Streamlit session each), loaded together."""
    pages = [browser.new_context(viewport=VIEWPORT).new_page() for _ in range(count)]
    for page in pages:
        page.goto(url, wait_until="commit")
    for page in pages:
        wait_for_app(page)
        page.get_by_test_id("stCode").last.wait_for(timeout=60_000)
    return pages


def open_session(browser: Browser, url: str) -> Page:
    """A new browser session showing the app, fully drawn."""
    return open_sessions(browser, url)[0]


def session_in(stack: ExitStack, browser: Browser, url: str) -> Page:
    """``open_session``, closed when ``stack`` closes: before the server it talks to stops (entered
    earlier), since a page left open keeps trying to reconnect and takes the machine from later figures."""
    page = open_session(browser, url)
    stack.callback(page.context.close)
    return page


def speeds(changes: int) -> Iterator[tuple[str, float]]:
    """Key presses that walk the speed slider up to HIGH, then down to LOW, and the value after each."""
    value, key = START_SPEED, "ArrowRight"
    for _ in range(changes):
        if round(value + STEP, 2) > HIGH:
            key = "ArrowLeft"
        elif round(value - STEP, 2) < LOW:
            key = "ArrowRight"
        value = round(value + (STEP if key == "ArrowRight" else -STEP), 2)
        yield key, value


def timed(page: Page, watch: str, argument: str, act: Callable[[], None]) -> float:
    """Seconds from the input ``act`` sends to what ``watch`` (a script installed first) waits for.

    Then waits for an idle app, so the next measurement starts as a person's next action would.
    """
    page.evaluate(watch, argument)
    act()
    page.wait_for_function("window.__benchWatch.t1 !== null", timeout=60_000)
    started, shown = page.evaluate("[window.__benchWatch.t0, window.__benchWatch.t1]")
    wait_for_app(page)
    return (shown - started) / 1000


def expected_text(value: float) -> str:
    """The exact JSON text the preview shows for a speed (as ``json.dumps`` writes the float)."""
    return f'"speed": {value}'


def change_latency(page: Page, key: str, value: float) -> float:
    """Seconds from the key press on the speed slider to the preview showing ``"speed": value``."""
    return timed(page, _WATCH, expected_text(value), lambda: page.get_by_role("slider", name=SPEED_LABEL).press(key))


def interaction_latency(browser: Browser, changes: int) -> Figure:
    """Figure 2: the GA editor's speed slider by keyboard until the JSON preview shows the value."""
    with ExitStack() as stack:
        section = f"?section={SPEED_SECTION}"
        urls = [
            stack.enter_context(streamlit_server(STUDIO_FULL))[0] + section,
            stack.enter_context(streamlit_server(BARE))[0],
            # Not part of the ratio: the editor's widgets written by hand, plus the code block,
            # to show how much of the gap is Streamlit redrawing that many widgets.
            stack.enter_context(streamlit_server(SAME_WIDGETS, env={"BENCH_BASELINE_CODE": "1"}))[0] + section,
        ]
        pages = [session_in(stack, browser, url) for url in urls]
        for page in pages:  # warm-up: one change each way, not measured
            for key, value in (("ArrowRight", START_SPEED + STEP), ("ArrowLeft", START_SPEED)):
                change_latency(page, key, round(value, 2))
        studio_times: list[float] = []
        bare_times: list[float] = []
        same_times: list[float] = []
        for key, value in speeds(changes):  # interleaved, so machine noise hits all alike
            for page, times in zip(pages, (studio_times, bare_times, same_times), strict=True):
                times.append(change_latency(page, key, value))
    return latency_figure(studio_times, bare_times, same_times)


def latency_figure(studio_times: list[float], bare_times: list[float], same_times: list[float]) -> Figure:
    """Figure 2 from its samples (seconds per change): p95 of the editor over p95 of the bare page."""
    return Figure(
        "interaction_latency_p95",
        f"2. Interaction latency in Chromium: speed key press to GA preview ({len(studio_times)} changes)",
        ratio=p95(studio_times) / p95(bare_times),
        target=1.5,
        rows=[
            ("editor median / p95", spread(studio_times)),
            ("bare page median / p95", spread(bare_times)),
            ("median ratio", f"{median(studio_times) / median(bare_times):.2f}"),
            ("same widgets by hand median / p95", spread(same_times)),
            ("by hand: p95 over the bare page's", f"{p95(same_times) / p95(bare_times):.2f}"),
        ],
    )


def key_class(key: str) -> str:
    """The class Streamlit gives an element with this key."""
    return "st-key-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def _keys(nodes: list[dict]) -> Iterator[str]:
    for node in nodes:
        if node.get("key"):
            yield node["key"]
        for child in node.get("children", []):
            yield from _keys(child if isinstance(child, list) else [child])


def section_markers(pages: dict | None = None) -> dict[str, str]:
    """Each section's last widget of its own (the twin's description says what the editor draws, in order).

    A widget every section's page draws (the navigator, the finder, the download button) is
    not the section's; the last of the others is the last thing the section draws.
    """
    pages = pages if pages is not None else json.loads(TWIN_PAGES.read_text())
    keys = {slug: list(_keys(page["main"])) for slug, page in pages.items()}
    everywhere = set.intersection(*(set(k) for k in keys.values())) if len(keys) > 1 else set()
    return {slug: key_class([k for k in found if k not in everywhere][-1]) for slug, found in keys.items()}


def switch_once(page: Page, title: str, marker: str) -> float:
    """Seconds from a click on a section in the navigator to the section's last widget in the page."""
    return timed(page, _SWITCH_WATCH, marker, page.locator(".st-key-editor-section label").filter(has_text=title).click)


def section_switch(browser: Browser, switches: int) -> Figure:
    """Figure 2b: a click on the next section until its widgets are drawn, against the bare page's slider round trip.

    Not part of the ratio: the same switches in the twin (the same sections written by hand,
    switched by the same navigator), to show how much of the figure is Streamlit drawing a section.
    """
    from bench.twin import section_titles

    markers = section_markers()
    titles = section_titles()
    order = [slug for slug in titles if slug != SPEED_SECTION] + [SPEED_SECTION]  # starts on the speed's section
    with ExitStack() as stack:
        start = f"?section={SPEED_SECTION}"
        studio = session_in(stack, browser, stack.enter_context(streamlit_server(STUDIO_FULL))[0] + start)
        twin = session_in(stack, browser, stack.enter_context(streamlit_server(SAME_WIDGETS))[0] + start)
        bare = session_in(stack, browser, stack.enter_context(streamlit_server(BARE))[0])
        for page in (studio, twin):  # warm-up, not measured
            switch_once(page, titles[order[0]], markers[order[0]])
        change_latency(bare, "ArrowRight", round(START_SPEED + STEP, 2))
        change_latency(bare, "ArrowLeft", START_SPEED)
        switch_times: list[float] = []
        twin_times: list[float] = []
        bare_times: list[float] = []
        presses = speeds(switches)
        for index in range(switches):  # interleaved, so machine noise hits all alike
            slug = order[(index + 1) % len(order)]
            switch_times.append(switch_once(studio, titles[slug], markers[slug]))
            twin_times.append(switch_once(twin, titles[slug], markers[slug]))
            bare_times.append(change_latency(bare, *next(presses)))
    return switch_figure(switch_times, bare_times, twin_times)


def switch_figure(switch_times: list[float], bare_times: list[float], twin_times: list[float] | None = None) -> Figure:
    """Figure 2b from its samples (seconds): p95 of section switches over p95 of the bare page's slider round trips."""
    rows = [
        ("switch median / p95", spread(switch_times)),
        ("bare page slider median / p95", spread(bare_times)),
    ]
    if twin_times:
        rows += [
            ("same sections by hand, switched alike, median / p95", spread(twin_times)),
            ("by hand: p95 over the bare page's", f"{p95(twin_times) / p95(bare_times):.2f}"),
        ]
    return Figure(
        "section_switch",
        f"2b. Section switch in Chromium: navigator click to the section drawn ({len(switch_times)} switches)",
        ratio=p95(switch_times) / p95(bare_times),
        target=2.0,
        rows=rows,
    )


def cold_start_once(browser: Browser, script: Path, query: str = "", chart: bool = False) -> tuple[float, float]:
    """Seconds from launching ``streamlit run`` to the server answering, and to the page fully drawn."""
    started = time.perf_counter()
    with streamlit_server(script) as (url, _):
        healthy = time.perf_counter() - started
        page = open_session(browser, url + query)
        if chart:  # the turn-taking chart's drawing, loaded on demand by the browser
            page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for(
                timeout=60_000
            )
        drawn = time.perf_counter() - started
        page.context.close()
    return healthy, drawn


def cold_start(browser: Browser, repeats: int, chart_repeats: int | None = None) -> Figure:
    """Figure 4: a fresh studio (a new tab's blank GA draft, editor page) against the bare page, alternating.

    Not part of the ratio: the same start on the turn-taking section, whose chart (Vega-Lite,
    which the browser loads on demand) the first section does not draw, in the first
    ``chart_repeats`` rounds (all of them by default).
    """
    studio_runs, bare_runs, chart_runs = [], [], []
    for round_ in range(repeats):
        studio_runs.append(cold_start_once(browser, STUDIO))
        bare_runs.append(cold_start_once(browser, BARE))
        if chart_repeats is None or round_ < chart_repeats:
            chart_runs.append(cold_start_once(browser, STUDIO, f"?section={CHART_SECTION}", chart=True))
    return cold_figure(studio_runs, bare_runs, chart_runs)


def cold_figure(
    studio_runs: list[tuple[float, float]],
    bare_runs: list[tuple[float, float]],
    chart_runs: list[tuple[float, float]] | None = None,
) -> Figure:
    """Figure 4 from its samples ((healthy, drawn) seconds per start): median drawn time, editor over bare page."""
    studio_times, bare_times = [drawn for _, drawn in studio_runs], [drawn for _, drawn in bare_runs]
    rows = [
        (f"editor, median of {len(studio_runs)}", f"{median(studio_times):.2f} s"),
        (f"bare page, median of {len(bare_runs)}", f"{median(bare_times):.2f} s"),
        (
            "of which server start (editor / bare)",
            f"{median([h for h, _ in studio_runs]):.2f} / {median([h for h, _ in bare_runs]):.2f} s",
        ),
    ]
    if chart_runs:
        rows.append(
            (
                f"editor on the turn-taking section (chart drawn), median of {len(chart_runs)}",
                f"{median([d for _, d in chart_runs]):.2f} s",
            )
        )
    return Figure(
        "cold_start",
        "4. Cold start: `streamlit run` to the editor drawn in Chromium vs a bare page",
        ratio=median(studio_times) / median(bare_times),
        target=1.3,
        rows=rows,
    )


def rss_kib(pid: int) -> int:
    """Resident memory of a process, from /proc (KiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def settled_rss(pid: int, pause: float = 1.0) -> int:
    """RSS after the server had a moment to finish the sessions' work."""
    time.sleep(pause)
    return rss_kib(pid)


def rss_by_sessions(browser: Browser, script: Path, levels: tuple[int, ...]) -> dict[int, int]:
    """Server RSS with no session, then with each number of concurrent sessions open (KiB)."""
    out: dict[int, int] = {}
    pages: list[Page] = []
    with streamlit_server(script) as (url, process):
        out[0] = settled_rss(process.pid)
        for level in levels:
            pages.extend(open_sessions(browser, url, level - len(pages)))
            out[level] = settled_rss(process.pid)
        for page in pages:
            page.context.close()
    return out


def memory(browser: Browser, levels: tuple[int, ...] = (1, 10, 20), compare: bool = True) -> list[Figure]:
    """Figure 6: server memory growth per added browser session, editor (full GA config) and, if asked, bare page."""
    studio = rss_by_sessions(browser, STUDIO_FULL, levels)
    bare = rss_by_sessions(browser, BARE, levels) if compare else None
    return memory_figures(studio, bare)


def memory_figures(studio: dict[int, int], bare: dict[int, int] | None) -> list[Figure]:
    """Figure 6 from server RSS (KiB) by open sessions: KiB added per session between successive levels."""
    levels = sorted(n for n in studio if n)
    with_bare = " / bare" if bare else ""

    def both(editor: float, floor: float | None, unit: str) -> str:
        return f"{editor:.0f}" + (f" / {floor:.0f}" if floor is not None else "") + f" {unit}"

    rows = [
        (f"server RSS, {n} session(s): editor{with_bare}", both(studio[n] / 1024, bare and bare[n] / 1024, "MiB"))
        for n in (0, *levels)
    ]
    figures = []
    previous = 0
    for level in levels:
        added = level - previous
        growth = (studio[level] - studio[previous]) / added
        bare_growth = (bare[level] - bare[previous]) / added if bare else None
        what = f"growth per session, {previous} -> {level}" + (" (first: imports the app)" if not previous else "")
        rows.append((f"{what}: editor{with_bare}", both(growth, bare_growth, "KiB")))
        figures.append(Figure(f"memory_per_session_at_{level}", "", value=growth, unit="KiB"))
        previous = level
    figures[0].title = "6. Memory: streamlit server RSS growth per added browser session (editor, full GA config)"
    figures[0].rows = rows
    return figures
