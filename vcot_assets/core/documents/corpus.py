"""Source documents: the built-in corpus and the user's documents folder.

The built-in corpus is the docstrings of a few standard-library modules, so every machine has
something to learn from. User documents are `.md`, `.rst` and `.txt` files under a folder.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import re
from pathlib import Path

from vcot_assets.core.records import Rejection
from vcot_assets.core.synthesis.records import SourceDocument

DOCUMENT_SUFFIXES = (".md", ".rst", ".txt")
DEFAULT_STDLIB_MODULES = ("heapq", "bisect", "functools")
STDLIB_PREFIX = "stdlib:"


class DocumentError(ValueError):
    """A document that cannot be used: `reason` is short and countable."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def stdlib_text(module_name: str) -> str:
    """The module docstring followed by the docstring of each public function and class."""
    module = importlib.import_module(module_name)
    parts = [inspect.getdoc(module) or ""]
    for name, member in sorted(vars(module).items()):
        if name.startswith("_") or not (inspect.isroutine(member) or inspect.isclass(member)):
            continue
        if getattr(member, "__module__", module_name).lstrip("_") != module_name:
            continue
        doc = inspect.getdoc(member)
        if doc:
            parts.append(f"{name}\n\n{doc}")
    return "\n\n".join(part for part in parts if part)


def read_document(path: str) -> str:
    """The text of a document; `DocumentError` for one that is empty or not text."""
    if path.startswith(STDLIB_PREFIX):
        text = stdlib_text(path[len(STDLIB_PREFIX) :])
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            raise DocumentError("unreadable", str(err)) from err
        if b"\x00" in data:
            raise DocumentError("not_text", f"{path} contains NUL bytes")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise DocumentError("not_text", f"{path} is not UTF-8 text ({err.reason})") from err
    if not text.strip():
        raise DocumentError("empty_document", path)
    return text


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "doc"


def _base_slug(path: str) -> str:
    if path.startswith(STDLIB_PREFIX):
        return slugify("stdlib-" + path[len(STDLIB_PREFIX) :])
    return slugify(Path(path).stem)


def assign_slugs(paths: list[str]) -> dict[str, str]:
    """Stable slugs: the file stem, plus a short hash of the path where two stems collide."""
    by_base: dict[str, list[str]] = {}
    for path in paths:
        by_base.setdefault(_base_slug(path), []).append(path)
    slugs = {}
    for base, members in by_base.items():
        for path in members:
            if len(members) == 1:
                slugs[path] = base
            else:
                slugs[path] = f"{base}-{hashlib.sha256(path.encode()).hexdigest()[:6]}"
    return slugs


def list_document_paths(
    docs_dir: Path | None, include_stdlib: bool = True, stdlib_modules: tuple[str, ...] = DEFAULT_STDLIB_MODULES
) -> tuple[list[str], list[Rejection]]:
    """Every candidate document path, and rejections for files of a kind we do not read."""
    paths = [STDLIB_PREFIX + name for name in stdlib_modules] if include_stdlib else []
    rejections = []
    if docs_dir is not None and Path(docs_dir).is_dir():
        for file in sorted(Path(docs_dir).rglob("*")):
            if not file.is_file() or file.name.startswith("."):
                continue
            if file.suffix.lower() in DOCUMENT_SUFFIXES:
                paths.append(str(file.resolve()))
            else:
                rejections.append(
                    Rejection(
                        "source_docs",
                        str(file),
                        "unsupported_extension",
                        f"only {', '.join(DOCUMENT_SUFFIXES)} are read",
                    )
                )
    return paths, rejections


def describe_document(path: str, slug: str, text: str) -> SourceDocument:
    return SourceDocument(
        slug=slug, path=path, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), chars=len(text)
    )


def discover_documents(
    docs_dir: Path | None,
    include_stdlib: bool = True,
    stdlib_modules: tuple[str, ...] = DEFAULT_STDLIB_MODULES,
) -> tuple[list[tuple[SourceDocument, str]], list[Rejection]]:
    """Read every usable document once; unusable ones become rejections with their reason."""
    paths, rejections = list_document_paths(docs_dir, include_stdlib, stdlib_modules)
    slugs = assign_slugs(paths)
    documents = []
    for path in paths:
        try:
            text = read_document(path)
        except DocumentError as err:
            rejections.append(Rejection("source_docs", path, err.reason, err.detail))
            continue
        documents.append((describe_document(path, slugs[path], text), text))
    return documents, rejections
