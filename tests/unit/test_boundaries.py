"""Architecture rules that keep the layers apart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from studio.startup import FIRST_PAGE_SWITCH_INTERVAL

ROOT = Path(__file__).resolve().parents[2]


def in_new_process(code: str, timeout: float = 120) -> str:
    """What ``code`` prints, run by a new Python process in the project (nothing imported yet); it must succeed."""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_session_model_never_imports_streamlit():
    code = "import sys, session_model, session_model.cli, session_model.export; print('streamlit' in sys.modules)"
    assert in_new_process(code, timeout=60).strip() == "False"


def test_no_streamlit_import_in_session_model_sources():
    for path in (ROOT / "session_model").rglob("*.py"):
        assert "import streamlit" not in path.read_text(), path


def test_form_renderer_knows_nothing_about_realtime():
    words = ("realtime", "turn_detection", "voice", "session_model", "temperature")
    for path in (ROOT / "form").rglob("*.py"):
        text = path.read_text().lower()
        for word in words:
            assert word not in text, f"{path.name} mentions {word}"


def test_every_page_enters_the_studio_shell_first():
    # Without it, a fresh server's first deep link runs the page alone (see studio/shell.py).
    for script in sorted((ROOT / "pages").glob("*.py")):
        assert "shell.enter()" in script.read_text(), f"{script.name} must call shell.enter() before drawing"


def test_the_code_is_ruff_clean():
    command = [sys.executable, "-m", "ruff", "check", "--no-cache", "."]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]


def test_the_editor_loads_without_the_heavy_libraries():
    # Cold start: what the editor's first run imports. The database code, pandas and Altair
    # load later (the library in the background, the others never on this page).
    code = (
        "import sys, app_modules_under_test\n"
        "heavy = sorted({'sqlalchemy', 'pandas', 'pyarrow', 'altair', 'jsonschema'} & set(sys.modules))\n"
        "print(heavy)"
    ).replace(
        "app_modules_under_test",
        "streamlit, studio.links, studio.sidebar, studio.shell, studio.guidance, studio.turn_chart, form.render, "
        "session_model.export",
    )
    assert in_new_process(code, timeout=60).strip() == "[]"


def test_the_editors_first_draw_imports_no_database_code_no_jsonschema_and_no_sdk():
    # The first run of app.py in a new process, as a cold start draws it (the background
    # warm-up of the database code, which starts after the page is sent, is held back here).
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        "from studio import startup\n"
        "startup.settle = lambda interval: None\n"
        "at = AppTest.from_file('app.py', default_timeout=120)\n"
        "at.run()\n"
        "assert not at.exception, at.exception\n"
        "assert [t.value for t in at.title] == ['Persona editor']\n"
        "heavy = ('sqlalchemy', 'store.library', 'studio.library', 'jsonschema', 'openai', 'pandas', 'altair')\n"
        "print(sorted(set(heavy) & set(sys.modules)))"
    )
    assert in_new_process(code).strip().splitlines()[-1] == "[]"


def test_a_new_process_hands_the_interpreter_over_more_often_for_its_first_page_only():
    # While the first page is drawn, the server also answers the browser's requests for that
    # page's scripts: a short switch interval lets them through. Afterwards Python's default
    # is back (also when several first visitors came at once) and the database code is loaded
    # in the background, once.
    code = (
        "import sys, threading\n"
        "from studio import startup\n"
        "default = sys.getswitchinterval()\n"
        "startup.SETTLED_AFTER = 0.2\n"
        "callers = [threading.Thread(target=startup.first_page) for _ in range(8)]\n"
        "[t.start() for t in callers]; [t.join() for t in callers]\n"
        "during = sys.getswitchinterval()\n"
        "startup.first_page()\n"
        "assert len(startup._timers) == 1\n"
        "assert 'studio.library' not in sys.modules\n"
        "startup._timers[0].join(30)\n"
        "print(default, during, sys.getswitchinterval(), 'studio.library' in sys.modules)"
    )
    assert in_new_process(code).split() == ["0.005", str(FIRST_PAGE_SWITCH_INTERVAL), "0.005", "True"]
