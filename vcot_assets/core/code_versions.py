"""Code versions that follow the code: digests of the normalised source an asset runs.

An asset's logic is its function (without its decorator: groups, pools and retry policies
change no output), the module-level helpers and constants of its own module that the function
reaches, and every module of the project package that those import, transitively (imports
inside functions included; the standard library and third-party packages are not ours to
hash). Each file counts as the dump of its AST with docstrings removed, so reformatting,
comments and docstrings change nothing, while any change to what runs changes the digest.

The digests are the same in every process that reads the same files (`vcot run`, the UI's code
server, the daemon): sha256 of text, files and names visited in sorted order, no `hash()`.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import symtable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Logic:
    """What an asset's code version covers of its code."""

    digest: str  # sha256 (hex, first 16) of the normalised source below
    modules: tuple[str, ...]  # the project modules hashed whole, sorted
    settings: tuple[str, ...]  # the fields of the settings object the asset's own code reads, sorted


@dataclass(frozen=True)
class Parsed:
    """One Python file, read once per version of it (callers never mutate the tree)."""

    tree: ast.Module  # without docstrings
    digest: str  # sha256 of the tree's dump, positions left out
    table: symtable.SymbolTable  # which names each function reads from the module
    imports: tuple[ast.Import | ast.ImportFrom, ...]  # every import statement, at any depth


@lru_cache(maxsize=1024)
def _parse(path: str, mtime_ns: int, size: int) -> Parsed:
    # Keyed by path and stat, so an edited file is read again.
    text = Path(path).read_text(encoding="utf-8")
    tree = ast.parse(text, filename=path)
    imports: list[ast.Import | ast.ImportFrom] = []
    _visit_statements(tree, imports)
    digest = hashlib.sha256(ast.dump(tree).encode("utf-8")).hexdigest()
    return Parsed(tree, digest, symtable.symtable(text, path, "exec"), tuple(imports))


def _visit_statements(node: ast.AST, imports: list[ast.Import | ast.ImportFrom]) -> None:
    """Drops docstrings and collects import statements, walking statements only (an import
    or a docstring is never inside an expression)."""
    if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            if isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    for field in ("body", "orelse", "finalbody", "handlers", "cases"):
        for child in getattr(node, field, ()):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                imports.append(child)
            elif isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                _visit_statements(child, imports)


def parsed(path: Path) -> Parsed:
    stat = path.stat()
    return _parse(str(path), stat.st_mtime_ns, stat.st_size)


def source_digest(path: Path) -> str:
    """sha256 of a Python file's normalised source: its AST without docstrings."""
    return parsed(path).digest


def directory_digest(directory: Path) -> str:
    """Digest of every Python file under `directory` (a package outside this one, such as the
    offline teacher), in sorted order of relative path."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*.py")):
        digest.update(path.relative_to(directory).as_posix().encode("utf-8") + b"\0")
        digest.update(source_digest(path).encode("ascii") + b"\0")
    return digest.hexdigest()[:16]


class ProjectSource:
    """The source of one package (default: `vcot_assets`), read by module name."""

    def __init__(self, package_dir: Path = PACKAGE_DIR) -> None:
        self.package_dir = package_dir
        self.package = package_dir.name
        self._imports: dict[tuple[str, str], set[str]] = {}  # (module, source digest) -> imports

    def module_file(self, name: str) -> Path | None:
        """The file of a module of this package, or None (another package, or no such module)."""
        parts = name.split(".")
        if parts[0] != self.package:
            return None
        base = self.package_dir.joinpath(*parts[1:])
        for candidate in ((base.with_suffix(".py"),) if parts[1:] else ()) + (base / "__init__.py",):
            if candidate.is_file():
                return candidate
        return None

    def is_package(self, name: str) -> bool:
        path = self.module_file(name)
        return path is not None and path.name == "__init__.py"

    def subpackage_modules(self, name: str) -> list[str]:
        """Every module inside a subpackage's folder, whether or not anything imports it (a
        harness a child process runs by path, say)."""
        path = self.module_file(name)
        if path is None or path.name != "__init__.py":
            raise ValueError(f"{name} is not a package of {self.package}")
        folder = path.parent
        modules = []
        for file in sorted(folder.rglob("*.py")):
            relative = file.relative_to(folder).with_suffix("").parts
            modules.append(
                ".".join((name, *relative[:-1])) if relative[-1] == "__init__" else ".".join((name, *relative))
            )
        return modules

    def _with_parents(self, name: str) -> list[str]:
        """A module and the packages Python runs before it (`a.b.c` -> `a`, `a.b`, `a.b.c`)."""
        parts = name.split(".")
        return [".".join(parts[: i + 1]) for i in range(len(parts)) if self.module_file(".".join(parts[: i + 1]))]

    def import_base(self, module: str, node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        package = module if self.is_package(module) else module.rsplit(".", 1)[0]
        parts = package.split(".")
        anchor = ".".join(parts[: len(parts) - (node.level - 1)])
        return f"{anchor}.{node.module}" if node.module else anchor

    def imported_by(self, module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
        """The project modules one import statement of `module` loads."""
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = self.import_base(module, node)
            names = [
                f"{base}.{alias.name}" if self.module_file(f"{base}.{alias.name}") else base for alias in node.names
            ]
        return sorted({parent for name in names if self.module_file(name) for parent in self._with_parents(name)})

    def imports(self, module: str) -> set[str]:
        """The project modules `module` imports anywhere in its source."""
        path = self.module_file(module)
        if path is None:
            return set()
        source = parsed(path)
        key = (module, source.digest)
        if key not in self._imports:
            self._imports[key] = {name for node in source.imports for name in self.imported_by(module, node)}
        return self._imports[key]

    def closure(self, modules: list[str] | tuple[str, ...] | set[str]) -> list[str]:
        """The modules and every project module they import, transitively, sorted."""
        seen: set[str] = set()
        todo = sorted({parent for name in modules for parent in self._with_parents(name)})
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            todo.extend(sorted(self.imports(name) - seen))
        return sorted(seen)

    def function_logic(
        self,
        module: str,
        function: str,
        extra_modules: tuple[str, ...] = (),
        settings_object: tuple[str, str] | None = None,
        all_settings: tuple[str, ...] = (),
    ) -> Logic:
        """The logic of `module.function` (see the module docstring), plus `extra_modules`.

        `settings_object` names where the settings live, e.g. `("vcot_assets.defs.common",
        "SETTINGS")`: the fields the function's own code reads from it (`S.score_floor`) are
        returned; a use of the object other than reading a field (passing it on) counts as
        reading `all_settings`.
        """
        path = self.module_file(module)
        if path is None:
            raise ValueError(f"no module {module} in {self.package}")
        source = parsed(path)
        reached = _ModuleReach(self, module, source.tree, source.table, settings_object)
        reached.reach_function(function)
        settings = set(all_settings) if reached.passes_settings_on else reached.settings_read
        modules = self.closure(sorted(reached.modules | set(extra_modules)))
        digest = hashlib.sha256()
        for name, dump in sorted(reached.nodes.items()):
            digest.update(f"{module}:{name}\0{dump}\0".encode())
        for name in modules:
            digest.update(f"{name}\0{source_digest(self.module_file(name))}\0".encode())  # type: ignore[arg-type]
        return Logic(digest.hexdigest()[:16], tuple(modules), tuple(sorted(settings)))


class _ModuleReach:
    """What one function of a module reaches: module-level statements and imported modules.

    A function or class reaches the module-level names its symbol table reads as globals (so
    a parameter named like another asset of the module reaches nothing), plus the names in its
    default values; any other statement reaches every name it mentions.
    """

    def __init__(
        self,
        source: ProjectSource,
        module: str,
        tree: ast.Module,
        table: symtable.SymbolTable,
        settings_object: tuple[str, str] | None,
    ) -> None:
        self.source, self.module = source, module
        self.scopes = {(child.get_name(), child.get_lineno()): child for child in table.get_children()}
        self.bindings: dict[str, list[ast.stmt]] = {}
        self.nodes: dict[str, str] = {}  # a label per reached statement -> its dump
        self.modules: set[str] = set()
        self.settings_object = settings_object
        self.settings_names: set[str] = set()
        self.settings_read: set[str] = set()
        self.passes_settings_on = False
        unbound = []
        for statement in tree.body:
            names = _bound_names(statement)
            for name in names:
                self.bindings.setdefault(name, []).append(statement)
            if not names:
                unbound.append(statement)
        for index, statement in enumerate(unbound):  # a call or an `if` at module level runs on import
            self._add(f"statement {index}", statement)

    def reach_function(self, function: str) -> None:
        definition = next(
            (s for s in self.bindings.get(function, []) if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))),
            None,
        )
        if definition is None:
            raise ValueError(f"{self.module} defines no function {function!r}")
        undecorated = copy.copy(definition)
        undecorated.decorator_list = []
        self._add(function, undecorated)

    def _add(self, label: str, node: ast.stmt) -> None:
        if label in self.nodes:
            return
        self.nodes[label] = ast.dump(node)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            self._add_import(node)
            return
        for name in sorted(self._names_read(node)):
            for index, statement in enumerate(self.bindings.get(name, [])):
                self._add(f"{name}#{index}", statement)
        self._note_settings(node)

    def _names_read(self, node: ast.stmt) -> set[str]:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope = self.scopes.get((node.name, node.lineno))
            if scope is not None:
                names = _globals_read(scope)
                if not isinstance(node, ast.ClassDef):
                    defaults = [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]
                    names |= {n.id for d in defaults for n in ast.walk(d) if isinstance(n, ast.Name)}
                for decorator in node.decorator_list:
                    names |= {n.id for n in ast.walk(decorator) if isinstance(n, ast.Name)}
                return names
        return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}

    def _add_import(self, node: ast.Import | ast.ImportFrom) -> None:
        self.modules.update(self.source.imported_by(self.module, node))
        if self.settings_object and isinstance(node, ast.ImportFrom):
            where, attribute = self.settings_object
            if self.source.import_base(self.module, node) == where:
                self.settings_names.update(a.asname or a.name for a in node.names if a.name == attribute)

    def _note_settings(self, node: ast.AST) -> None:
        if not self.settings_names:
            return
        field_bases = set()
        for child in ast.walk(node):
            if isinstance(child, ast.Attribute) and isinstance(child.value, ast.Name):
                if child.value.id in self.settings_names:
                    self.settings_read.add(child.attr)
                    field_bases.add(id(child.value))
        for child in ast.walk(node):
            if isinstance(child, ast.Name) and child.id in self.settings_names and id(child) not in field_bases:
                self.passes_settings_on = True


def _globals_read(scope: symtable.SymbolTable) -> set[str]:
    """Module-level names a function or class (and anything nested in it) reads."""
    names = {s.get_name() for s in scope.get_symbols() if s.is_global() and s.is_referenced()}
    for child in scope.get_children():
        names |= _globals_read(child)
    return names


def _bound_names(statement: ast.stmt) -> list[str]:
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [statement.name]
    if isinstance(statement, ast.Import):
        return [alias.asname or alias.name.split(".")[0] for alias in statement.names]
    if isinstance(statement, ast.ImportFrom):
        return [alias.asname or alias.name for alias in statement.names]
    if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return []
