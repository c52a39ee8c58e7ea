"""Field help comes from the docstring under each field, read once per module (``session_model.documented``).

The models do not ask pydantic to read the docstrings (it parses the source again for every
class); these tests hold the studio's reader to pydantic's own, field by field.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from pydantic import BaseModel
from pydantic._internal._docs_extraction import extract_docstrings_from_cls

import session_model
from session_model.documented import DocumentedModel


def documented_models() -> list[type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    for info in pkgutil.iter_modules(session_model.__path__):
        if info.name == "__main__":  # the command line: it runs on import
            continue
        module = importlib.import_module(f"session_model.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DocumentedModel) and cls is not DocumentedModel and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


MODELS = documented_models()


def test_every_session_and_persona_model_is_documented_this_way():
    names = {cls.__name__ for cls in MODELS}
    assert {"StrictModel", "RealtimeSession", "GARealtimeSession", "Pronunciation"} <= names
    assert len(MODELS) > 30


@pytest.mark.parametrize("model", MODELS, ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_each_fields_description_is_the_docstring_pydantic_itself_reads(model):
    expected = extract_docstrings_from_cls(model, use_inspect=True)
    own = model.__dict__.get("__annotations__", {})
    for name in own:
        if name in model.model_fields:
            assert model.model_fields[name].description == expected.get(name), name


def test_the_json_schema_export_carries_the_help_texts():
    from session_model.export import session_json_schema

    text = str(session_json_schema("current"))
    speed = inspect.cleandoc(
        extract_docstrings_from_cls(
            next(cls for cls in MODELS if "speed" in cls.model_fields and cls.__module__.endswith(".ga")),
            use_inspect=True,
        )["speed"]
    )
    assert speed[:40] in text


def test_a_class_without_source_gets_no_help_and_still_works():
    namespace: dict = {}
    exec(  # noqa: S102 - a class defined where no source file can be read
        "from session_model.documented import DocumentedModel\n"
        "class Made(DocumentedModel):\n"
        "    x: int = 1\n"
        "    '''Never read.'''\n",
        namespace,
    )
    made = namespace["Made"]
    assert made.model_fields["x"].description is None
    assert made(x=2).x == 2
