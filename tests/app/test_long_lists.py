"""A long list of tools shows one page of rows; adding, moving and errors lead the user to the right page."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from bench.corpus import ga_config
from form.widgets import LIST_PAGE_SIZE
from tests.app.conftest import draft, open_studio, show_section, widget_keys


def studio_with_tools(count: int) -> AppTest:
    return show_section(open_studio(state={"draft": ga_config(functions=count, mcp=False)}, timeout=120), "Tools")


def shown_rows(at: AppTest) -> list[str]:
    return [b.key for b in at.button if b.key and b.key.startswith("f.tools.") and b.key.endswith(":open")]


def test_a_short_list_shows_every_row_and_no_page_picker():
    at = studio_with_tools(LIST_PAGE_SIZE)
    assert len(shown_rows(at)) == LIST_PAGE_SIZE
    assert not [s for s in at.selectbox if s.key == "f.tools:page"]


def test_a_long_list_shows_one_page_and_the_picker_names_the_ranges():
    at = studio_with_tools(25)
    picker = at.selectbox(key="f.tools:page")
    assert picker.options == ["1–10 of 25", "11–20 of 25", "21–25 of 25"]
    assert shown_rows(at) == [f"f.tools.{i}:open" for i in range(10)]
    picker.select(2).run()
    assert shown_rows(at) == [f"f.tools.{i}:open" for i in range(20, 25)]


def test_adding_a_tool_turns_to_the_last_page_with_the_new_tool_open():
    at = studio_with_tools(25)
    at.button(key="f.tools:add:function").click().run()
    assert at.selectbox(key="f.tools:page").value == 2
    at.text_input(key="f.tools.25.name").input("transfer_call").run()
    assert draft(at)["tools"][25]["name"] == "transfer_call"


def test_moving_a_tool_across_a_page_boundary_follows_it():
    at = studio_with_tools(25)
    at.selectbox(key="f.tools:page").select(1).run()
    moved = draft(at)["tools"][10]["name"]
    assert "f.tools.10:up" not in widget_keys(at)  # a closed row has no move buttons
    at.button(key="f.tools.10:open").click().run()
    at.button(key="f.tools.10:up").click().run()
    assert draft(at)["tools"][9]["name"] == moved
    assert at.selectbox(key="f.tools:page").value == 0
    assert "f.tools.9:open" in shown_rows(at)


def test_pages_with_problems_say_how_many_to_fix():
    at = studio_with_tools(25)
    at.selectbox(key="f.tools:page").select(2).run()
    at.button(key="f.tools.22:open").click().run()
    at.text_input(key="f.tools.22.name").input("no spaces allowed").run()
    assert at.selectbox(key="f.tools:page").options[2] == "21–25 of 25 (1 to fix)"
    at.button(key="f.tools.24:remove").click().run()
    assert at.selectbox(key="f.tools:page").options == ["1–10 of 24", "11–20 of 24", "21–24 of 24 (1 to fix)"]
