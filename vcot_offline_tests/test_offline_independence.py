"""The offline teacher knows nothing of the verifier: it reads traces and sentences itself."""

from __future__ import annotations

import ast
from pathlib import Path

import vcot_offline

FORBIDDEN = ("vcot_assets.core.verifier", "vcot_assets.core.grounding")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_vcot_offline_imports_neither_the_verifier_nor_the_trace_index():
    modules = sorted(Path(vcot_offline.__file__).parent.rglob("*.py"))
    assert len(modules) > 10
    offending = {
        f"{path.name}: {name}"
        for path in modules
        for name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
        or (name.startswith("vcot_assets.core") and name.rsplit(".", 1)[-1] in ("verifier", "grounding"))
    }
    assert not offending
