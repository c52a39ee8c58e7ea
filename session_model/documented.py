"""Help texts from the docstring under each field, read once per module.

The session models document every field with a docstring under it, and those docstrings are
the help the editor shows. Pydantic can read them itself (``use_attribute_docstrings``), but
it looks up and parses the source again for every class: 70 ms of importing the models, on
the first page a new server draws. ``DocumentedModel`` reads each module's source once and
gives every field its docstring as its description before pydantic builds the class, with
the same rules: a string right under an annotated name, cleaned like a docstring, and only
where the field has no description of its own.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
from typing import Any

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo


@functools.cache
def module_docstrings(module: str) -> dict[str, dict[str, str]]:
    """Each class of a module (by qualified name) with its attribute docstrings, from one parse of the source."""
    try:
        source = inspect.getsource(sys.modules[module])
    except (KeyError, OSError, TypeError):  # no source to read (an interactive session): no help texts
        return {}
    found: dict[str, dict[str, str]] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                found[prefix + node.name] = attribute_docstrings(node.body)
                visit(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(node.body, f"{prefix}{node.name}.<locals>.")

    visit(ast.parse(source).body, "")
    return found


def attribute_docstrings(body: list[ast.stmt]) -> dict[str, str]:
    """``name: type`` (with or without a value) followed directly by a string: name -> the cleaned string."""
    out: dict[str, str] = {}
    for before, node in zip(body, body[1:], strict=False):
        if (
            isinstance(before, ast.AnnAssign)
            and isinstance(before.target, ast.Name)
            and isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            out[before.target.id] = inspect.cleandoc(node.value.value)
    return out


class DocumentedModel(BaseModel):
    """A model whose fields take their descriptions from the docstrings under them."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Runs as the class is created, before pydantic collects its fields and builds it.
        super().__init_subclass__(**kwargs)
        docs = module_docstrings(cls.__module__).get(cls.__qualname__, {})
        annotations = cls.__dict__.get("__annotations__", {})
        for name, doc in docs.items():
            annotation = annotations.get(name)
            if annotation is None or name.startswith("_") or "ClassVar" in str(annotation):
                continue
            current = cls.__dict__.get(name, ...)
            if isinstance(current, FieldInfo):
                if current.description is None:
                    # A copy with the description set as if written there (pydantic keeps the one in
                    # the class body as it was, and merges only what was set explicitly).
                    setattr(cls, name, FieldInfo.merge_field_infos(current, description=doc))
            elif current is ...:
                setattr(cls, name, Field(description=doc))
            else:
                setattr(cls, name, Field(current, description=doc))
