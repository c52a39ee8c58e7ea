"""Presets gallery, Compare page, share links and autosave in AppTest."""

from __future__ import annotations

import html
import re

import pytest
from streamlit.testing.v1 import AppTest

from session_model import share
from session_model.presets import by_id, presets
from store import Library
from tests.app.conftest import draft, open_studio, unescape


def fresh(**params: str) -> AppTest:
    """A new browser session on the studio, opened with these query parameters."""
    return open_studio(params=params)


# ---- presets ------------------------------------------------------------------------------------


def test_gallery_shows_a_card_per_preset_with_voice_and_turn_taking(app: AppTest):
    app.switch_page("pages/presets.py").run()
    starts = [b for b in app.button if b.key and b.key.startswith("gallery:start:")]
    assert len(starts) == len(presets()) >= 8
    headings = [m.value for m in app.markdown if m.value.startswith("#### ")]
    assert "#### Push-to-talk walkie-talkie" in headings
    captions = unescape(" ".join(c.value for c in app.caption))
    assert "Push-to-talk: your app says when the caller has finished" in captions
    assert "coral, natural pace" in captions


def test_start_from_a_preset_replaces_the_draft_and_can_be_undone(app: AppTest):
    app.session_state["draft"] = {"voice": "ash"}
    app.switch_page("pages/presets.py").run()
    app.button(key="gallery:start:walkie_talkie").click().run()
    assert draft(app) == by_id("walkie_talkie").session
    assert any("is now your draft" in s.value for s in app.success)
    draft(app)["audio"]["output"]["voice"] = "sage"  # editing the draft must not touch the preset itself
    assert by_id("walkie_talkie").session["audio"]["output"]["voice"] == "echo"
    app.switch_page("pages/editor.py").run()
    app.button(key="sidebar:undo").click().run()
    assert draft(app) == {"voice": "ash"}


# ---- compare ------------------------------------------------------------------------------------


def compare_page(app: AppTest) -> AppTest:
    app.switch_page("pages/compare.py").run()
    assert not app.exception, app.exception
    return app


def html_blocks(at: AppTest) -> list[str]:
    """The page's HTML content, without the studio's stylesheet (studio/style.py, also an st.html)."""
    return [h.value for h in at.get("html") if not re.fullmatch(r"\s*<style>[^<]*</style>\s*", h.value)]


def test_compare_a_preset_with_the_draft_highlights_differences_with_plain_labels(app: AppTest):
    app.session_state["draft"] = {"type": "realtime", "audio": {"output": {"voice": "marin", "speed": 1.3}}}
    at = compare_page(app)
    at.selectbox(key="cmp:left:preset").set_value("phone_support").run()
    table = html_blocks(at)[0]
    assert '<tr class="cmp-differs"><td class="cmp-label">Speaking speed</td>' in table
    assert (
        '<td class="cmp-label">Audio format out</td>'
        "<td>G.711 μ-law (phone line, US/Japan)</td><td>not set (server default)</td>"
    ) in table
    assert ">Voice<" not in table  # the same on both sides: hidden with "only differences"
    at.toggle(key="cmp:only_differences").set_value(False).run()
    assert '<tr class="cmp-same"><td class="cmp-label">Voice</td>' in html_blocks(at)[0]


def test_instructions_are_diffed_word_by_word_and_user_text_is_escaped(app: AppTest):
    hostile = 'Be kind. <script>alert("x")</script><img src=x onerror=alert(1)>'
    app.session_state["draft"] = {"instructions": hostile}
    at = compare_page(app)
    at.segmented_control(key="cmp:left:kind").set_value("draft").run()
    at.segmented_control(key="cmp:right:kind").set_value("preset").run()
    at.selectbox(key="cmp:right:preset").set_value("meditation_guide").run()
    blocks = " ".join(html_blocks(at))
    assert "<script>" not in blocks and "<img" not in blocks
    assert html.escape('<script>alert("x")</script>') in blocks
    diff = html_blocks(at)[-1]
    assert diff.count("<del>") >= 1 and diff.count("<ins>") >= 1


def test_compare_two_saved_versions_of_one_persona(app: AppTest, tmp_path):
    library = Library(f"sqlite:///{tmp_path / 'library.db'}")
    tutor = by_id("language_tutor").session
    library.save("Tutor", tutor, note="first")
    faster = {**tutor, "audio": {**tutor["audio"], "output": {**tutor["audio"]["output"], "speed": 1.0}}}
    library.save("Tutor", faster, note="natural pace")
    at = compare_page(app)
    for side, number in (("left", 1), ("right", 2)):
        at.segmented_control(key=f"cmp:{side}:kind").set_value("saved").run()
        at.selectbox(key=f"cmp:{side}:version").set_value(number).run()
    assert any("1 setting(s) differ" in m.value for m in at.markdown)
    assert (
        '<td class="cmp-label">Speaking speed</td><td>0.85</td><td>1</td>'
        in html_blocks(at)[0]
    )
    assert any("The instructions are the same." in c.value for c in at.caption)


def test_a_saved_flat_version_compares_with_a_current_preset_in_the_current_shape(app: AppTest, tmp_path):
    library = Library(f"sqlite:///{tmp_path / 'library.db'}")
    library.save("Old walkie", {"voice": "echo", "temperature": 0.6, "turn_detection": None}, note="beta")
    at = compare_page(app)
    at.selectbox(key="cmp:left:preset").set_value("walkie_talkie").run()
    at.segmented_control(key="cmp:right:kind").set_value("saved").run()
    headers = [m.value for m in at.markdown if m.value.startswith("**")]
    assert "**A · Preset\\: Push-to-talk walkie-talkie** :green-badge[Realtime (current API)]" in headers
    assert "**B · Old walkie · version 1** :orange-badge[Realtime beta, flat (retired 2026-05-12)]" in headers
    at.toggle(key="cmp:only_differences").set_value(False).run()
    table = html_blocks(at)[0]
    assert (
        '<tr class="cmp-differs"><td class="cmp-label">Session type</td>'
        "<td>Realtime (current API)</td><td>Realtime beta, flat (retired 2026-05-12)</td></tr>"
    ) in table
    assert (
        '<tr class="cmp-differs"><td class="cmp-label">Temperature</td>'
        "<td>not in the current API</td><td>0.6 (not in the current API)</td></tr>"
    ) in table
    assert (
        '<tr class="cmp-same"><td class="cmp-label">Turn-taking</td>'
        "<td>Off (push-to-talk)</td><td>Off (push-to-talk)</td></tr>"
    ) in table


def test_identical_sides_say_so(app: AppTest):
    at = compare_page(app)
    at.segmented_control(key="cmp:left:kind").set_value("draft").run()
    assert any("identical" in s.value for s in at.success)


def test_saved_side_without_a_library_entry_explains_what_to_do(app: AppTest):
    at = compare_page(app)
    at.segmented_control(key="cmp:left:kind").set_value("saved").run()
    assert any("No saved personas yet" in i.value for i in at.info)


# ---- share links and autosave -------------------------------------------------------------------


def test_a_share_link_opens_as_the_draft_and_leaves_the_address(app: AppTest):
    code = share.encode(by_id("museum_kiosk").session)
    at = fresh(share=code)
    assert draft(at) == by_id("museum_kiosk").session
    assert "share" not in at.query_params and at.query_params["draft"]
    assert any("Opened a shared config" in s.value for s in at.success)
    at.run()
    assert draft(at) == by_id("museum_kiosk").session


@pytest.mark.parametrize(
    ("code", "message"),
    [("1.bm90IHJlYWxseQ", "damaged"), ("x" * 9000, "too long"), ("1." + "A" * 10, "damaged")],
)
def test_a_tampered_or_oversized_share_link_changes_nothing_and_says_why(app: AppTest, code: str, message: str):
    at = fresh(share=code)
    assert draft(at) == {"type": "realtime"}
    errors = " ".join(e.value for e in at.error)
    assert message in errors and "draft is unchanged" in errors
    at.button(key="links:dismiss").click().run()
    assert not [e for e in at.error if "share link" in e.value]


def test_the_share_link_is_built_only_while_its_popover_is_open(app: AppTest, monkeypatch: pytest.MonkeyPatch):
    encoded = []
    monkeypatch.setattr(share, "encode", lambda data, _encode=share.encode: encoded.append(data) or _encode(data))
    app.session_state["draft"] = {"voice": "echo"}
    app.run()
    assert "links:share_url" not in [t.key for t in app.text_area] and encoded == []
    app.session_state["links:share"] = True  # the person opens the popover
    app.run()
    assert "?share=1." in app.text_area(key="links:share_url").value and len(encoded) == 1


def test_the_sidebar_offers_a_share_link_that_round_trips(app: AppTest):
    app.session_state["draft"] = {"voice": "echo", "turn_detection": None}
    app.session_state["links:share"] = True
    app.run()
    link = app.text_area(key="links:share_url").value
    assert "?share=1." in link
    assert share.decode(link.split("share=", 1)[1]) == {"voice": "echo", "turn_detection": None}


def test_an_invalid_draft_gets_no_share_link(app: AppTest):
    app.session_state["draft"] = {"speed": 9}
    app.session_state["links:share"] = True
    app.run()
    assert "links:share_url" not in [t.key for t in app.text_area]
    assert any("Only a valid draft can be shared" in c.value for c in app.caption)


def test_the_draft_and_builder_answers_survive_a_reload(app: AppTest):
    app.session_state["draft"] = {"speed": 9, "voice": "sage"}  # invalid drafts are kept too
    app.session_state["persona_builder"] = {"identity": "A calm guide"}
    app.run()
    key = app.query_params["draft"]
    reloaded = fresh(draft=key)
    assert draft(reloaded) == {"speed": 9, "voice": "sage"}
    assert reloaded.session_state["persona_builder"] == {"identity": "A calm guide"}
    assert reloaded.query_params["draft"] == key
    stranger = fresh()
    assert draft(stranger) == {"type": "realtime"} and stranger.query_params["draft"] != key


def test_a_malformed_draft_id_is_replaced_and_an_unknown_one_starts_empty(app: AppTest):
    malformed = fresh(draft="../../etc/passwd")
    assert draft(malformed) == {"type": "realtime"} and malformed.query_params["draft"] != "../../etc/passwd"
    unknown = fresh(draft="unknown-but-well-formed-id")
    assert draft(unknown) == {"type": "realtime"} and unknown.query_params["draft"] == "unknown-but-well-formed-id"
