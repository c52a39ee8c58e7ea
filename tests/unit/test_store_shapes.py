"""Each saved version keeps the API shape it was saved in (current realtime, current transcription, flat beta),
on SQLite and PostgreSQL; migration 4 records the shape of versions saved before it without touching their JSON."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from session_model.credentials import HIDDEN
from store import InvalidSession, Library, schema
from tests.support.databases import database_url  # noqa: F401  (fixture)

# Inputs in an order of my own; the stored text follows each model's field order (written out by hand).
REALTIME_IN = {
    "audio": {"output": {"voice": "marin"}, "input": {"turn_detection": None}},
    "instructions": "Help callers with their orders.",
    "type": "realtime",
}
REALTIME_STORED = (
    '{"type":"realtime","instructions":"Help callers with their orders.",'
    '"audio":{"input":{"turn_detection":null},"output":{"voice":"marin"}}}'
)
TRANSCRIPTION_IN = {
    "type": "transcription",
    "audio": {"input": {"transcription": {"model": "gpt-4o-transcribe", "language": "fr"}}},
}
TRANSCRIPTION_STORED = (
    '{"type":"transcription","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe","language":"fr"}}}}'
)
FLAT_IN = {"temperature": 0.7, "voice": "ash", "turn_detection": None}
FLAT_STORED = '{"temperature":0.7,"voice":"ash","turn_detection":null}'


@pytest.fixture
def library(database_url: str):  # noqa: F811
    lib = Library(database_url)
    yield lib
    lib.close()


def stored_rows(url: str) -> list[tuple[int, str, str | None]]:
    """(number, session text, shape) of every version, read straight from the table."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [
                tuple(row)
                for row in conn.execute(sa.text("SELECT number, session, shape FROM persona_versions ORDER BY id"))
            ]
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("given", "shape", "title", "session_back"),
    [
        (
            REALTIME_IN,
            "realtime",
            "Realtime (current API)",
            {
                "type": "realtime",
                "instructions": "Help callers with their orders.",
                "audio": {"input": {"turn_detection": None}, "output": {"voice": "marin"}},
            },
        ),
        (
            TRANSCRIPTION_IN,
            "transcription",
            "Transcription (current API)",
            {
                "type": "transcription",
                "audio": {"input": {"transcription": {"model": "gpt-4o-transcribe", "language": "fr"}}},
            },
        ),
        (
            FLAT_IN,
            "flat",
            "Realtime beta, flat (retired 2026-05-12)",
            {"temperature": 0.7, "voice": "ash", "turn_detection": None},
        ),
    ],
)
def test_a_version_of_any_shape_is_saved_with_its_shape_and_comes_back_as_saved(
    library: Library, given: dict, shape: str, title: str, session_back: dict
):
    library.save("Persona", given, note="first")
    version = library.version("Persona")
    assert (version.shape, version.api.title, version.session) == (shape, title, session_back)
    info = library.versions("Persona")[0]
    assert (info.number, info.note, info.shape, info.api.title) == (1, "first", shape, title)


def test_the_stored_json_is_the_export_of_each_shape_byte_for_byte(library: Library, database_url: str):  # noqa: F811
    library.save("Voice agent", REALTIME_IN)
    library.save("Captions", TRANSCRIPTION_IN)
    library.save("Old agent", FLAT_IN)
    assert stored_rows(database_url) == [
        (1, REALTIME_STORED, "realtime"),
        (1, TRANSCRIPTION_STORED, "transcription"),
        (1, FLAT_STORED, "flat"),
    ]


def test_one_persona_can_hold_versions_of_different_shapes(library: Library):
    library.save("Support", FLAT_IN, note="beta")
    library.save("Support", REALTIME_IN, note="moved to the current API")
    assert [(v.number, v.shape) for v in library.versions("Support")] == [(2, "realtime"), (1, "flat")]
    assert library.version("Support", 1).session == {"voice": "ash", "turn_detection": None, "temperature": 0.7}


@pytest.mark.parametrize(
    ("given", "problems"),
    [
        (
            {"type": "realtime", "voice": "marin"},
            [("voice", '"voice" belongs in audio.output.voice in the current API; move it there.')],
        ),
        (
            {"type": "realtime", "audio": {"output": {"speed": 3}}},
            [
                (
                    "audio.output.speed",
                    "Speaking speed must be between 0.25 and 1.5; you entered 3.",
                )
            ],
        ),
        (
            {"type": "transcription", "instructions": "Be brief."},
            [
                (
                    "instructions",
                    '"instructions" has no place in a transcription session, which only writes down speech; remove '
                    "it, or switch to the Realtime target for a voice agent.",
                )
            ],
        ),
    ],
)
def test_an_invalid_session_of_a_current_shape_is_refused_with_plain_problems(
    library: Library, given: dict, problems: list[tuple[str, str]]
):
    with pytest.raises(InvalidSession) as caught:
        library.save("Broken", given)
    assert [(p.where, p.message) for p in caught.value.problems] == problems
    assert library.personas() == []


def test_duplicate_and_undelete_keep_each_version_shape(library: Library):
    library.save("Captions", TRANSCRIPTION_IN)
    copy = library.duplicate("Captions", "Captions (copy)")
    assert library.version(copy.name).shape == "transcription"
    library.save("Support", FLAT_IN)
    library.save("Support", REALTIME_IN)
    removed = library.delete("Support")
    library.undelete(removed)
    assert [v.shape for v in library.versions("Support")] == ["realtime", "flat"]


# ---- migration 4 on a library written by the previous schema --------------------------------------

# Versions as the studio before migration 4 stored them: flat exports, compact JSON, UTF-8 kept.
OLD_VERSIONS = [
    ("Support", 1, '{"voice":"ash","turn_detection":null}'),
    ("Support", 2, '{"instructions":"Réponds en français.","voice":"coral","temperature":0.6}'),
    ("Kiosk", 1, '{"input_audio_noise_reduction":{"type":"far_field"},"tools":[]}'),
]


def old_library(url: str, versions: list[tuple[str, int, str]]) -> None:
    """A library at schema version 3, filled the way the code of that time wrote it."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            assert schema.migrate(conn, target=3) == (0, 3)
            for name in dict.fromkeys(name for name, _, _ in versions):
                conn.execute(
                    sa.text(
                        "INSERT INTO personas (name, description, tags, created_at, updated_at) "
                        "VALUES (:name, '', '[]', :t, :t)"
                    ),
                    {"name": name, "t": "2026-03-01 09:00:00"},
                )
            for name, number, session in versions:
                conn.execute(
                    sa.text(
                        "INSERT INTO persona_versions (persona_id, number, created_at, note, session, extras) "
                        "SELECT id, :number, :t, 'old', :session, '{}' FROM personas WHERE name = :name"
                    ),
                    {"name": name, "number": number, "session": session, "t": "2026-03-02 09:00:00"},
                )
    finally:
        engine.dispose()


def test_migration_4_records_flat_for_every_old_version_and_leaves_the_json_as_it_was(database_url: str):  # noqa: F811
    old_library(database_url, OLD_VERSIONS)
    library = Library(database_url)  # opening migrates
    assert library.schema_version() == schema.LATEST >= 4  # later migrations leave the JSON alone too
    assert stored_rows(database_url) == [
        (1, '{"voice":"ash","turn_detection":null}', "flat"),
        (2, '{"instructions":"Réponds en français.","voice":"coral","temperature":0.6}', "flat"),
        (1, '{"input_audio_noise_reduction":{"type":"far_field"},"tools":[]}', "flat"),
    ]
    assert [(v.number, v.shape) for v in library.versions("Support")] == [(2, "flat"), (1, "flat")]
    assert library.version("Support", 1).session == {"voice": "ash", "turn_detection": None}
    assert library.version("Support", 2).session == {
        "instructions": "Réponds en français.",
        "voice": "coral",
        "temperature": 0.6,
    }
    assert library.version("Kiosk", 1).session == {"input_audio_noise_reduction": {"type": "far_field"}, "tools": []}
    library.save("Support", REALTIME_IN, note="after the upgrade")
    assert [v.shape for v in library.versions("Support")] == ["realtime", "flat", "flat"]
    library.close()


def test_migration_4_reads_the_shape_of_a_version_from_its_type(database_url: str):  # noqa: F811
    old_library(
        database_url,
        [
            ("Agent", 1, '{"type":"realtime","audio":{"output":{"voice":"cedar"}}}'),
            ("Agent", 2, '{"type":"transcription"}'),
            ("Agent", 3, '{"tools":[{"type":"function","name":"lookup"}]}'),  # "type" only inside: flat
        ],
    )
    library = Library(database_url)
    shapes = [(v.number, v.shape) for v in library.versions("Agent")]
    assert shapes == [(3, "flat"), (2, "transcription"), (1, "realtime")]
    library.close()


def test_migrating_twice_changes_nothing(database_url: str):  # noqa: F811
    old_library(database_url, OLD_VERSIONS)
    Library(database_url).close()
    before = stored_rows(database_url)
    again = Library(database_url)
    assert again.migrate() == (schema.LATEST, schema.LATEST)
    again.close()
    assert stored_rows(database_url) == before


def test_an_autosave_never_keeps_a_literal_mcp_token_or_header(library):
    lib = library
    tool = {
        "type": "mcp",
        "server_label": "crm",
        "server_url": "https://crm.example.com/mcp",
        "authorization": "abc123-literal",
        "headers": {"X-Api-Key": "plain-secret", "X-Tenant": "Bearer ${CRM_TENANT}"},
    }
    lib.autosave("tab-credentials-1", {"type": "realtime", "tools": [tool]})
    kept, _ = lib.autosaved("tab-credentials-1")
    [saved] = kept["tools"]
    assert saved["authorization"] == HIDDEN
    assert saved["headers"] == {"X-Api-Key": HIDDEN, "X-Tenant": "Bearer ${CRM_TENANT}"}
    assert "abc123" not in json.dumps(kept) and "plain-secret" not in json.dumps(kept)
