"""``python -m store``: list, export and import for pipelines, reading STUDIO_DATABASE_URL like the app."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from store import Library
from store.cli import main
from tests.support.databases import database_url  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def url(database_url: str, monkeypatch) -> str:  # noqa: F811
    monkeypatch.setenv("STUDIO_DATABASE_URL", database_url)
    return database_url


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def test_import_creates_then_adds_versions_and_list_shows_them(url: str, tmp_path):
    config = tmp_path / "support.json"
    config.write_text(json.dumps({"voice": "marin", "turn_detection": None}))
    assert run("import", str(config), "--name", "Phone support", "--tags", "phone,orders")[0] == 0
    code, _, err = run("import", "-", "--name", "Phone support", "--note", "faster", stdin='{"speed": 1.2}')
    assert (code, err.strip()) == (0, '<stdin>: added a version to "Phone support": version 2')
    code, out, _ = run("list")
    assert code == 0 and out.startswith("Phone support\tversion 2\t") and out.rstrip().endswith("phone, orders")
    code, out, _ = run("list", "--json")
    assert json.loads(out)[0]["latest_version"] == 2
    assert Library(url).version("Phone support", 2).note == "faster"


def test_export_prints_the_session_json_of_a_version(url: str):
    library = Library(url)
    library.save("Tutor", {"voice": "sage", "turn_detection": None})
    library.save("Tutor", {"voice": "coral"})
    library.close()
    code, out, _ = run("export", "Tutor")
    assert (code, json.loads(out)) == (0, {"voice": "coral"})
    code, out, _ = run("export", "Tutor", "--version", "1")
    assert json.loads(out) == {"voice": "sage", "turn_detection": None}


def test_invalid_import_exits_1_with_one_line_per_problem_and_stores_nothing(url: str, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"voice": 3, "speed": 9, "colour": "red"}))
    code, out, err = run("import", str(bad), "--name", "Broken")
    lines = err.strip().splitlines()
    assert code == 1 and out == ""
    assert sorted(lines[:3]) == sorted(
        [
            f"{bad}: voice: Voice must be text: one of the listed values or your own id; you entered 3.",
            f"{bad}: speed: Speaking speed must be between 0.25 and 1.5; you entered 9.",
            f'{bad}: colour: "colour" is not a known setting; remove it (the API rejects settings it does not know)',
        ]
    )
    assert lines[3:] == [f"{bad}: not imported; the library is unchanged"]
    assert Library(url).personas() == []


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "this is not valid JSON"), ("[1, 2]", "expected a JSON object"), ("", "the input is empty")],
)
def test_unreadable_input_is_refused_in_one_line_and_nothing_stored(url: str, content: str, message: str):
    code, _, err = run("import", "-", "--name", "X", stdin=content)
    reason, outcome = err.strip().splitlines()
    assert code == 1 and message in reason and outcome == "<stdin>: not imported; the library is unchanged"
    assert Library(url).personas() == []


def test_missing_persona_version_or_file_exits_1_without_traceback(url: str, tmp_path):
    Library(url).save("Tutor", {"voice": "sage"})
    assert run("export", "Nobody")[2].strip() == 'error: There is no persona called "Nobody".'
    code, _, err = run("export", "Tutor", "--version", "5")
    assert code == 1 and "numbered 1 to 1" in err
    code, _, err = run("import", str(tmp_path / "missing.json"), "--name", "X")
    assert code == 1 and "cannot read it" in err


def test_an_empty_library_says_so(url: str):
    assert run("list") == (0, "", "The library has no personas yet.\n")


def test_the_module_runs_as_a_program_and_reports_an_unusable_database(tmp_path):
    env = {"STUDIO_DATABASE_URL": "postgresql+psycopg://u:secret@127.0.0.1:1/none", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "store", "list"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "cannot be reached" in result.stderr and "Traceback" not in result.stderr and "secret" not in result.stderr


def test_import_reads_any_shape_the_import_page_reads(url: str, tmp_path):
    nested = tmp_path / "update.json"
    nested.write_text(
        json.dumps(
            {
                "type": "session.update",
                "session": {
                    "type": "realtime",
                    "audio": {"output": {"voice": "marin"}, "input": {"format": {"type": "audio/pcmu"}}},
                },
            }
        )
    )
    code, _, err = run("import", str(nested), "--name", "Phone")
    assert code == 0, err
    stored = Library(url).version("Phone")
    assert stored.session == {
        "type": "realtime",
        "audio": {"input": {"format": {"type": "audio/pcmu"}}, "output": {"voice": "marin"}},
    }
    assert stored.shape == "realtime"
