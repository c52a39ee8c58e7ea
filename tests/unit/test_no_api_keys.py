"""No secrets: a pasted API key makes a config invalid, and nothing exported, shared, saved or printed carries it."""

from __future__ import annotations

import io
import json

import pytest

from form.messages import validate
from session_model import RealtimeSession, cli, share
from session_model.api_keys import redact, secrets_in
from store import InvalidSession, Library
from store import cli as store_cli

KEY = "sk-proj-" + "Xy7Qp2Lm9Rt4" * 8  # shaped like a project key, made up
LEGACY = "sk-" + "A1b2C3d4E5f6G7h8" * 3
SERVICE = "sk-svcacct-" + "Zz9Yy8Xx7Ww6Vv5Uu4" * 3
EPHEMERAL = "ek_68af296e8e408191a1120ab6383263c2"


@pytest.mark.parametrize(
    ("text", "key"),
    [(KEY, KEY), (LEGACY, LEGACY), (SERVICE, SERVICE), (EPHEMERAL, EPHEMERAL),
     (f"Authorization: Bearer {KEY}", KEY), (f"key={LEGACY};", LEGACY)],
)
def test_keys_are_recognised_wherever_they_sit_in_a_text(text, key):
    assert secrets_in(text) == [key]
    assert KEY not in redact(text) and LEGACY not in redact(text) and "(hidden: looks like an API key)" in redact(text)


@pytest.mark.parametrize(
    "text",
    ["sk-lookup-order-details-for-customers", "task-sk-1", "sk-test", "risk-assessment-2024-quarterly-report-v2",
     "ek_short1", "Ask-me-anything-about-orders-and-refunds-please-2", "desk-" + "a1" * 20],
)
def test_ordinary_ids_and_words_are_not_mistaken_for_keys(text):
    assert secrets_in(text) == []


PLACES = [
    ({"instructions": f"Use {KEY} to call the API."}, ("instructions",)),
    ({"voice": KEY}, ("voice",)),
    ({"model": KEY}, ("model",)),
    ({"tools": [{"name": "lookup", "description": f"token {KEY}"}]}, ("tools", 0, "description")),
    ({"tools": [{"name": "lookup", "parameters": {"type": "object", "description": KEY}}]}, ("tools", 0, "parameters")),
    ({"input_audio_transcription": {"prompt": EPHEMERAL}}, ("input_audio_transcription", "prompt")),
    ({"tracing": {"workflow_name": KEY}}, ("tracing", "workflow_name")),
    ({"tracing": {"group_id": SERVICE}}, ("tracing", "group_id")),
    ({"tracing": {"metadata": {"openai_key": KEY}}}, ("tracing", "metadata")),
    ({"tracing": {"metadata": {KEY: "the key as a label"}}}, ("tracing", "metadata")),
    ({"tracing": {"metadata": {"nested": [{"deep": LEGACY}]}}}, ("tracing", "metadata")),
    ({"prompt": {"id": "pmpt_1", "variables": {"api_key": KEY}}}, ("prompt", "variables")),
    ({"prompt": {"id": "pmpt_1", "version": KEY}}, ("prompt", "version")),
    ({"id": KEY}, ("id",)),
]


@pytest.mark.parametrize(("data", "path"), PLACES, ids=lambda v: ".".join(map(str, v)) if isinstance(v, tuple) else "")
def test_a_key_anywhere_makes_the_config_invalid_and_the_message_hides_it(data, path):
    session, problems = validate(RealtimeSession, data)
    assert session is None
    [problem] = [p for p in problems if p.path == path]
    assert "looks like an API key" in problem.message
    for secret in (KEY, LEGACY, SERVICE, EPHEMERAL):
        assert secret not in problem.message


@pytest.mark.parametrize(("data", "path"), PLACES[:4])
def test_a_config_with_a_key_can_be_neither_shared_nor_saved(data, path, tmp_path):
    with pytest.raises(share.ShareError) as refused:
        share.encode(data)
    assert KEY not in str(refused.value)
    library = Library(f"sqlite:///{tmp_path / 'library.db'}")
    with pytest.raises(InvalidSession):
        library.save("Leaky", data)
    assert library.personas() == []
    library.autosave("tab-key-0001", data)  # autosave keeps invalid drafts, but never the key
    kept, _ = library.autosaved("tab-key-0001")
    assert KEY not in json.dumps(kept) and "(hidden: looks like an API key)" in json.dumps(kept)
    library.close()


def test_the_command_line_never_prints_a_key(tmp_path):
    path = tmp_path / "leaky.json"
    path.write_text(json.dumps({"temperature": KEY, "tool_choice": LEGACY, "tracing": {"metadata": {KEY: 1}}}))
    for command in (["validate", str(path)], ["lint", str(path)], ["convert", "--to", "nested", str(path)]):
        out, err = io.StringIO(), io.StringIO()
        assert cli.main(command, out=out, err=err, stdin=io.StringIO("")) == 1
        printed = out.getvalue() + err.getvalue()
        assert printed and KEY not in printed and LEGACY not in printed, command


def test_the_library_command_line_never_prints_a_key(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_DATABASE_URL", f"sqlite:///{tmp_path / 'library.db'}")
    path = tmp_path / "leaky.json"
    path.write_text(json.dumps({"temperature": KEY, "tracing": {"metadata": {"k": KEY}}}))
    out, err = io.StringIO(), io.StringIO()
    code = store_cli.main(["import", str(path), "--name", "Leaky"], out=out, err=err, stdin=io.StringIO(""))
    printed = out.getvalue() + err.getvalue()
    assert code == 1 and printed and KEY not in printed
