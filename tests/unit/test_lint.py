"""``python -m session_model lint``: advice in one line each, exit 1 only for errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def lint(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "session_model", "lint", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=60)


def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_warnings_and_tips_are_printed_and_exit_zero(tmp_path):
    name = write(tmp_path, "s.json", {"instructions": "Be brief.", "speed": 1.5, "turn_detection": None})
    result = lint(name)
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [
        f"{name}: warning: turn_detection: Turn-taking is off: the agent never notices on its own that the caller "
        "has stopped talking. Your app must send the caller's audio, mark the end of each turn and ask for every "
        "reply itself, like a push-to-talk button. [turn-taking-off]",
        f"{name}: tip: speed: At speed 1.5 the voice rushes; callers may miss details. Between 0.8 and 1.2 sounds "
        "natural to most callers. [speed-extreme]",
    ]
    assert result.stderr.decode() == f"{name}: 0 errors, 1 warning, 1 tip\n"


def test_an_advice_error_exits_one(tmp_path):
    name = write(tmp_path, "s.json", {"instructions": "Hi.", "tool_choice": "required"})
    result = lint(name, "--quiet")
    assert result.returncode == 1
    assert "error: tool_choice, tools:" in result.stdout.decode()
    assert "[tool-choice-required-without-tools]" in result.stdout.decode()
    assert result.stderr == b""


def test_validation_problems_are_errors_and_advice_still_runs(tmp_path):
    data = {"instructions": "Hi.", "turn_detection": {"type": "semantic_vad", "idle_timeout_ms": 6000}}
    result = lint(write(tmp_path, "s.json", data))
    out = result.stdout.decode()
    assert result.returncode == 1
    assert "[invalid]" in out and "[idle-timeout-needs-server-vad]" in out


def test_a_clean_file_prints_nothing_and_exits_zero(tmp_path):
    result = lint(write(tmp_path, "s.json", {"instructions": "Be brief."}), "-q")
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_errors_only_hides_warnings(tmp_path):
    result = lint(write(tmp_path, "s.json", {"speed": 1.5}), "--errors-only", "-q")
    assert (result.returncode, result.stdout) == (0, b"")


def test_unreadable_input_is_an_error_without_traceback(tmp_path):
    for args, stdin in ((["-"], b'{"voice": '), ([str(tmp_path / "missing.json")], b""), (["-"], b"[1]")):
        result = lint(*args, stdin=stdin)
        assert result.returncode == 1
        assert b"Traceback" not in result.stderr + result.stdout
        assert b"[unreadable]" in result.stdout
