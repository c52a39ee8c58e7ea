"""The studio's pages are made once per browser session and every page is reachable through them."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from studio import site
from tests.app.conftest import ROOT


def studio() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_session_makes_its_pages_once_and_keeps_them_across_runs():
    at = studio()
    made = at.session_state[site.KEY]
    assert [page.title for page in made] == [title for _, title, _ in site.PAGES]
    assert [page.url_path for page in made][1:] == ["persona_builder", "presets", "library", "compare", "try_it",
                                                   "import_export"]  # fmt: skip
    at.run()
    at.switch_page("pages/library.py").run()
    assert not at.exception, at.exception
    assert at.session_state[site.KEY] is made  # the same objects: nothing resolved again
    assert all(made[i] is page for i, page in enumerate(at.session_state[site.KEY]))


def test_two_sessions_do_not_share_page_objects():
    # A page object notes whether the current run may run it: a shared one would let one
    # session's run decide for another's.
    first, second = studio(), studio()
    assert not set(map(id, first.session_state[site.KEY])) & set(map(id, second.session_state[site.KEY]))


def test_every_page_runs_from_the_session_s_pages_and_the_editor_links_to_import_export():
    at = studio()
    for path, title, _ in site.PAGES:
        at.switch_page(path).run()
        assert not at.exception, (title, at.exception)
    at.switch_page("pages/editor.py").run()
    links = at.get("page_link")
    assert [link.proto.label for link in links] == ["More export shapes and code"]
    import_export = at.session_state[site.KEY][[path for path, _, _ in site.PAGES].index("pages/import_export.py")]
    assert links[0].proto.page_script_hash == import_export._script_hash
