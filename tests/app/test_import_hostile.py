"""Every bad-input case through the import page: a clear message, and the draft stays as it was.

The import logic (``session_model.importing``) is checked on all cases; the page itself,
in process with AppTest, on every committed case that can be pasted as text and on the
large generated ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from session_model.importing import import_config
from tests.app.conftest import studio_with_draft
from tests.support.corpus import CASES, raw

DRAFT = {"voice": "coral", "instructions": "Keep answers short.", "temperature": 0.9}


def expected(case: dict[str, str]) -> str:
    return case.get("import_message", case["message"])


def _pastable(case: dict[str, str]) -> str | None:
    try:
        return raw(case).decode("utf-8")
    except UnicodeDecodeError:
        return None  # bytes that are not text cannot be pasted; the upload path reads them (unit-tested)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_the_import_report_names_the_problem(case):
    report = import_config(raw(case))
    if not report.readable:
        assert case["path"] == "(file)", report.summary()
        assert expected(case) in report.summary()
        assert report.data == {}
        return
    findings = [*report.problems, *report.unknown, *report.dropped, *report.converted]
    assert any(expected(case) in f.message for f in findings), (report.summary(), findings[:3])
    if "import_message" not in case:
        assert any(f.where == case["path"] for f in findings), [f.where for f in findings][:5]


def _page_text(at: AppTest) -> str:
    parts = [e.value for e in at.error] + [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(parts).replace("\\", "")


@pytest.fixture(scope="module")
def import_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppTest]:
    with studio_with_draft(tmp_path_factory.mktemp("import-hostile"), DRAFT) as at:
        at.switch_page("pages/import_export.py").run()
        assert not at.exception, at.exception
        yield at


PASTABLE = [c for c in CASES if _pastable(c) is not None]


@pytest.mark.parametrize("case", PASTABLE, ids=lambda c: c["name"])
def test_pasting_a_bad_case_shows_why_and_leaves_the_draft_alone(import_page, case):
    text = _pastable(case)
    import_page.text_area(key="import:text").input(text).run()
    assert not import_page.exception, import_page.exception
    assert import_page.session_state["draft"] == DRAFT
    shown = _page_text(import_page)
    if not text.strip():  # a blank box is not an import: the page waits for input
        assert "once there is something to read" in shown
        return
    message = expected(case)
    if "\\" in message:  # the page shows user text unescaped; the CLI escapes line breaks
        message = message.replace("\\", "")
    assert message in shown or message.replace('"', "'") in shown, shown[-600:]


def test_thousands_of_bad_tools_are_counted_exactly_but_listed_only_in_part(import_page):
    tools = [{"type": "function", "name": f"tool {n}"} for n in range(5000)]  # a space is not allowed
    report = import_config(json.dumps({"tools": tools}))
    assert len(report.problems) == 5000
    assert "5000 problems" in report.summary()
    import_page.text_area(key="import:text").input(json.dumps({"tools": tools})).run()
    assert not import_page.exception, import_page.exception
    assert import_page.session_state["draft"] == DRAFT
    shown = _page_text(import_page)
    assert "Problems to fix** (5,000)" in shown
    assert "4,800 more of the same kind" in shown
    assert len(import_page.error) <= 201
