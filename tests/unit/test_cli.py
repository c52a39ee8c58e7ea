"""The command line that deployment pipelines call: exit codes and one line per problem."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "session_model", *args], cwd=ROOT, input=stdin, capture_output=True, timeout=60
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {
        "good": {"voice": "coral", "turn_detection": {"type": "semantic_vad"}},
        "bad": {"temperature": 1.5, "temprature": 1, "tools": [{"name": "a b"}]},
    }
    paths = {}
    for name, data in out.items():
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(json.dumps(data))
    paths["broken"] = tmp_path / "broken.json"
    paths["broken"].write_text('{"voice": ')
    return paths


def test_valid_file_exits_zero(files):
    result = run("validate", str(files["good"]))
    assert result.returncode == 0, result.stdout
    assert result.stdout == b""


def test_invalid_file_prints_one_line_per_problem_and_exits_one(files):
    result = run("validate", str(files["bad"]))
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    name = str(files["bad"])
    assert lines == [
        f"{name}: temperature: Temperature must be between 0.6 and 1.2; you entered 1.5.",
        f'{name}: tools.0.name: Tools › item 1 › Function name is not in the expected form; you entered "a b". '
        'The name your code uses for this function: letters, digits, "_" and "-", at most 64 characters, no spaces.',
        f'{name}: temprature: "temprature" is not a known setting; did you mean "temperature"?',
    ]


def test_any_invalid_file_among_several_fails_the_run(files):
    result = run("validate", str(files["good"]), str(files["bad"]))
    assert result.returncode == 1
    assert all(line.startswith(str(files["bad"])) for line in result.stdout.decode().splitlines())


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"voice": ', "this is not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b"", "the input is empty"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b'{"temperature": NaN}', "NaN"),
        (b'{"voice": "a", "voice": "b"}', 'the key "voice" appears twice'),
        (b"[" * 5000 + b"]" * 5000, "nested 5000 levels deep"),
    ],
)
def test_unreadable_input_gets_one_plain_line_and_no_traceback(content, reason):
    result = run("validate", "-", stdin=content)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert out.startswith("<stdin>: (file): ") and reason in out
    assert len(out.splitlines()) == 1
    assert b"Traceback" not in result.stderr


def test_missing_file_is_reported_not_raised(tmp_path):
    result = run("validate", str(tmp_path / "nope.json"))
    assert result.returncode == 1
    assert b"cannot read it" in result.stdout and b"Traceback" not in result.stderr


def test_stdin_is_read_with_dash():
    assert run("validate", "-", stdin=b'{"voice": "ash"}').returncode == 0


def test_schema_prints_the_current_schema_and_the_flat_one_on_request():
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Realtime session (current API)"
    assert set(schema["discriminator"]["mapping"]) == {"realtime", "transcription"}
    flat = json.loads(run("schema", "--shape", "flat").stdout)
    assert flat["title"] == "RealtimeSession" and "turn_detection" in flat["properties"]


def test_validate_reads_every_current_shape_and_names_ga_paths_with_dots(tmp_path):
    session = {
        "type": "realtime",
        "audio": {"input": {"turn_detection": {"type": "server_vad", "threshold": 2}}},
        "tools": [{"type": "mcp", "server_url": "https://d.example"}],
    }
    shapes = {
        "session.json": (session, ""),
        "update.json": ({"type": "session.update", "event_id": "e1", "session": session}, "session."),
        "secret.json": ({"expires_after": {"anchor": "created_at", "seconds": 60}, "session": session}, "session."),
        "created.json": (
            {
                "type": "session.created",
                "event_id": "e2",
                "session": {**session, "id": "sess_1", "object": "realtime.session"},
            },
            "session.",
        ),
    }
    for name, (data, prefix) in shapes.items():
        path = tmp_path / name
        path.write_text(json.dumps(data))
        result = run("validate", str(path))
        assert result.returncode == 1
        assert result.stdout.decode().splitlines() == [
            f"{path}: {prefix}audio.input.turn_detection.threshold: Turn-taking › Speech "
            "threshold must be between 0.0 and 1.0; you entered 2.",
            f"{path}: {prefix}tools.0.server_label: Tools › item 1 › Server label is required.",
        ], name


def test_validate_accepts_a_transcription_session():
    data = b'{"type": "transcription", "audio": {"input": {"transcription": {"model": "gpt-realtime-whisper"}}}}'
    assert run("validate", "-", stdin=data).returncode == 0


def test_lint_reads_a_session_update_event_and_prints_dot_paths(tmp_path):
    path = tmp_path / "u.json"
    path.write_text(json.dumps({"type": "session.update", "session": {"type": "realtime", "voice": "ash"}}))
    result = run("lint", "--errors-only", "--quiet", str(path))
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        f'{path}: error: session.voice: "voice" belongs in audio.output.voice in the current API; move it there. '
        "[invalid]"
    ]


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    path = tmp_path / "many.json"
    path.write_text('{"type": "realtime", "instructions": "Hi", "audio": {"input": {"turn_detection": null}}}')
    command = f"'{sys.executable}' -m session_model lint {' '.join([str(path)] * 400)} | head -1"
    result = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(Path(__file__).resolve().parents[2]),
    )
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
