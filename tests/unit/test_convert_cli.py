"""``python -m session_model convert``: any importable shape in, one target out, warnings on stderr."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from session_model.cli import CONVERT_TARGETS, main
from session_model.targets import TARGETS

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "tests" / "corpus" / "shapes"


def convert(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "session_model", "convert", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=60)


def test_the_documented_targets_exist():
    assert set(CONVERT_TARGETS) == {"session-update", "nested", "client-secret", "calls", "python", "javascript",
                                    "curl", "flat", "flat-minimal", "flat-session-update"}


def test_nested_event_to_flat_writes_json_and_warns_about_drops():
    path = SHAPES / "nested_session_updated.json"
    result = convert(str(path), "--to", "flat")
    assert result.returncode == 0, result.stderr
    flat = json.loads(result.stdout)
    assert flat["voice"] == "marin" and flat["input_audio_format"] == "pcm16" and "id" not in flat
    assert flat["max_response_output_tokens"] == "inf" and "truncation" not in flat
    warnings = result.stderr.decode().splitlines()
    assert f'{path}: warning: session.id: "sess_C9G8l3zp50uFv4qgxfJ8o" was left out: the server assigns the session ' \
           "id; a config you send never includes it" in warnings
    assert all(line.startswith(f"{path}: warning: ") for line in warnings)


def test_flat_from_stdin_to_session_update_warns_that_temperature_has_no_equivalent():
    result = convert("-", "--to", "session-update", stdin=b'{"temperature": 0.9, "voice": "voice_12"}')
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "type": "session.update",
        "session": {"type": "realtime", "audio": {"output": {"voice": {"id": "voice_12"}}}},
    }
    assert result.stderr.decode() == (
        "<stdin>: warning: temperature: not in session-update output: "
        "the current API has no temperature setting (the model sets it)\n"
    )


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "corpus" / "ga" / "valid").glob("*.json")),
                         ids=lambda p: p.stem)
def test_a_current_session_converts_to_itself(path):
    code, out, err = convert_in_process(path, "nested")
    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads(path.read_text())


def test_the_client_secret_and_calls_bodies():
    session = b'{"type": "realtime", "model": "gpt-realtime-2"}'
    result = convert("-", "--to", "client-secret", stdin=session)
    assert json.loads(result.stdout) == {"expires_after": {"anchor": "created_at", "seconds": 600},
                                         "session": {"type": "realtime", "model": "gpt-realtime-2"}}
    assert json.loads(convert("-", "--to", "calls", stdin=session).stdout) == {"type": "realtime",
                                                                               "model": "gpt-realtime-2"}


def test_a_target_that_does_not_apply_to_a_transcription_session_is_refused():
    result = convert("-", "--to", "calls", stdin=b'{"type": "transcription"}')
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().startswith("<stdin>: (file): --to calls does not apply to a Transcription (current "
                                             "API) session; choose one of session-update, nested, client-secret")


def convert_in_process(path: Path, target: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["convert", str(path), "--to", target], out=out, err=err, stdin=io.StringIO())
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("target", CONVERT_TARGETS)
@pytest.mark.parametrize("path", sorted(SHAPES.glob("*.json")), ids=lambda p: p.stem)
def test_every_sample_shape_converts_to_every_target(path, target):
    code, out, err = convert_in_process(path, target)
    assert code == 0, err
    if TARGETS[target].language == "json":
        json.loads(out)
    assert all(": warning: " in line for line in err.splitlines())


def test_invalid_input_exits_one_with_a_line_per_problem_and_no_output():
    result = convert("-", "--to", "nested", stdin=b'{"type": "realtime", "temprature": 1, '
                     b'"audio": {"output": {"speed": 3}}}')
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        '<stdin>: temprature: "temprature" is not a known setting; did you mean "temperature"?',
        "<stdin>: audio.output.speed: Speaking speed must be between 0.25 and 1.5; "
        "you entered 3.",
    ]


@pytest.mark.parametrize(
    ("stdin", "says"),
    [(b"{", "not valid JSON"), (b"[]", "found a list"), (b'{"type": "response.create"}', "not a session")],
)
def test_malformed_input_is_one_line_never_a_traceback(stdin, says):
    result = convert("-", "--to", "flat", stdin=stdin)
    assert result.returncode == 1
    [line] = result.stderr.decode().splitlines()
    assert line.startswith("<stdin>: (file): ") and says in line
    assert b"Traceback" not in result.stderr


def test_missing_file_is_one_line():
    result = convert("/nonexistent/session.json", "--to", "flat")
    assert result.returncode == 1
    assert result.stderr.decode().strip() == (
        "/nonexistent/session.json: (file): cannot read it: No such file or directory"
    )
