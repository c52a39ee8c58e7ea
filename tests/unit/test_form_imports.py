"""The renderer's modules import each other in one direction only: no cycles, no import at a module's foot."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORM = ROOT / "form"


def form_imports(path: Path) -> set[str]:
    """The ``form.*`` modules a module imports at its top level (not inside functions)."""
    found = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.module == "form":
            found |= {f"form.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("form."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("form.")}
    return found


def test_form_modules_import_without_a_cycle():
    graph = {f"form.{p.stem}": form_imports(p) for p in FORM.glob("*.py") if p.stem != "__init__"}
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        assert module not in trail, " -> ".join((*trail, module))
        if module in done:
            return
        for other in sorted(graph.get(module, ())):
            visit(other, (*trail, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


@pytest.mark.parametrize("module", ["form.widgets", "form.lists", "form.pairs", "form.unions", "form.sections"])
def test_each_renderer_module_imports_first_on_its_own(module):
    code = f"import {module}; from form.render import FormCtx, plain, render_form_sections, stale_sections"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]


def test_names_other_code_imports_are_still_there():
    from form.render import WORD_JOINER, FormCtx, plain, render_form, render_form_sections, stale_sections
    from form.widgets import CUSTOM, LIST_PAGE_SIZE

    assert (CUSTOM, LIST_PAGE_SIZE, WORD_JOINER) == ("Custom…", 10, "\u2060")
    assert all(callable(f) for f in (FormCtx, plain, render_form, render_form_sections, stale_sections))
