"""The GA corpus (tests/corpus/ga): valid sessions of both types load and export unchanged; invalid ones
are refused by `python -m session_model validate` with the exact lines the manifest lists."""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path

import pytest

from session_model import cli
from session_model.importing import import_config

GA = Path(__file__).resolve().parents[1] / "corpus" / "ga"
VALID = sorted((GA / "valid").glob("*.json"))
CASES = tomllib.loads((GA / "bad" / "cases.toml").read_text(encoding="utf-8"))["case"]


def validate(path: Path) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["validate", str(path)], out=out, err=err, stdin=io.StringIO(""))
    return code, [line.removeprefix(f"{path}: ") for line in out.getvalue().splitlines()], err.getvalue()


def test_the_valid_corpus_covers_every_tool_choice_truncation_and_format_kind():
    sessions = [json.loads(p.read_text()) for p in VALID]
    realtime = [s for s in sessions if s["type"] == "realtime"]
    assert {s["type"] for s in sessions} == {"realtime", "transcription"}
    tools = [t for s in realtime for t in s.get("tools", [])]
    mcp = [t for t in tools if t["type"] == "mcp"]
    assert {k for t in mcp for k in ("server_url", "connector_id", "tunnel_id") if k in t} == {
        "server_url",
        "connector_id",
        "tunnel_id",
    }
    assert {type(t["allowed_tools"]).__name__ for t in mcp if "allowed_tools" in t} == {"list", "dict"}
    assert {json.dumps(t["require_approval"])[:1] for t in mcp} == {'"', "{"}
    assert {t["require_approval"] for t in mcp if isinstance(t["require_approval"], str)} == {"always", "never"}
    choices = {c if isinstance(c, str) else c["type"] for c in (s.get("tool_choice") for s in realtime) if c}
    assert choices == {"auto", "none", "required", "function", "mcp"}
    truncations = {t if isinstance(t, str) else t["type"] for t in (s.get("truncation") for s in realtime) if t}
    assert truncations == {"auto", "disabled", "retention_ratio"}
    formats = {s_["format"]["type"] for s in sessions for s_ in s.get("audio", {}).values() if "format" in s_}
    assert formats == {"audio/pcm", "audio/pcmu", "audio/pcma"}
    assert {type(s.get("max_output_tokens")).__name__ for s in realtime} >= {"int", "str"}
    assert any(isinstance(s.get("audio", {}).get("output", {}).get("voice"), dict) for s in realtime)
    assert any("reasoning" in s for s in realtime)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_each_valid_session_validates_and_imports_unchanged(path):
    code, lines, _ = validate(path)
    assert (code, lines) == (0, [])
    report = import_config(path.read_bytes())
    assert report.clean, (report.unknown, report.problems)
    assert report.target.key == json.loads(path.read_text())["type"]
    assert report.data == json.loads(path.read_text())  # nothing dropped that the model carries
    assert not report.dropped and not report.converted and report.conversion is None


def test_the_manifest_names_are_unique_and_every_case_has_lines():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)) >= 50
    assert all(c["lines"] for c in CASES)


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(reason=c["xfail"], strict=True)) if "xfail" in c else c for c in CASES],
    ids=lambda c: c["name"],
)
def test_each_invalid_case_prints_exactly_its_lines(case, tmp_path):
    path = tmp_path / f"{case['name']}.json"
    path.write_text(case["data"])
    code, lines, err = validate(path)
    assert code == 1 and err == ""
    assert lines == case["lines"]


@pytest.mark.parametrize("case", [c for c in CASES if "xfail" not in c], ids=lambda c: c["name"])
def test_each_invalid_case_is_reported_on_import(case):
    report = import_config(case["data"])
    # The importer is lenient where it can be: it adds a missing type and drops server-only keys, saying so.
    assert not report.clean or report.converted or report.dropped


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"a": {"type": "input_image", "text": ""}}, 'variable "a" (input_image) needs "detail".'),
        (
            {"a": {"type": "input_image", "detail": "low", "text": ""}},
            'variable "a" (input_image) has "text", which it does not take (it takes "detail", "file_id", '
            '"image_url", "prompt_cache_breakpoint").',
        ),
        ({"a": {"type": "input_file", "file_id": 3}}, 'variable "a" (input_file): "file_id" must be text.'),
        (
            {"a": {"type": "input_image", "detail": "huge"}},
            'variable "a" (input_image): "detail" must be one of low, high, auto, original.',
        ),
        (
            {"a": {"type": "input_audio"}},
            'variable "a" must be text or an object whose "type" is one of input_text, input_image, input_file.',
        ),
    ],
)
def test_prompt_variables_are_checked_like_the_sdks_content_types(variables, message):
    from session_model.apis import check

    _, model, problems = check({"type": "realtime", "prompt": {"id": "pmpt_1", "variables": variables}})
    assert model is None
    assert [p.message for p in problems] == [f"Stored prompt › Variables (JSON) {message}"]


def test_well_formed_prompt_variables_pass_and_the_sdk_agrees():
    from openai.types.realtime import RealtimeSessionCreateRequest

    from session_model.apis import check

    variables = {
        "name": "Ada",
        "intro": {"type": "input_text", "text": "Hello"},
        "logo": {"type": "input_image", "detail": "auto", "image_url": "https://example.com/logo.png"},
        "terms": {"type": "input_file", "file_id": "file_1", "prompt_cache_breakpoint": {"mode": "explicit"}},
    }
    session = {"type": "realtime", "prompt": {"id": "pmpt_1", "variables": variables}}
    _, model, problems = check(session)
    assert problems == [] and model is not None
    RealtimeSessionCreateRequest.model_validate(session)
