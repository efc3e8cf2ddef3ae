"""Cut a document's text into concept batches: the one chunker the sensor and `vcot run` share.

Cuts fall on paragraph boundaries (blank lines) so that editing one paragraph moves few batch
boundaries, and never inside a code or literal block: Markdown (`.md`) is read with
markdown-it-py (fenced and indented code blocks), reStructuredText (`.rst`) with docutils
(literal blocks after `::`, `code-block`/`code` directives, doctest blocks). Plain text and the
built-in stdlib corpus are cut on every blank line. Batch keys depend only on the document's
slug and the batch's position, so they are known before any NLP runs and stay stable across runs.
"""

from __future__ import annotations

import hashlib
import re

from vcot_assets.core.synthesis.records import Batch, SourceDocument

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def batch_key(doc_slug: str, index: int) -> str:
    return f"{doc_slug}-{index:03d}"


def document_format(path: str) -> str:
    """The format a document is cut by (markdown, rst or text), from its file name."""
    lowered = path.lower()
    if lowered.endswith((".md", ".markdown")):
        return "markdown"
    if lowered.endswith(".rst"):
        return "rst"
    return "text"


def paragraph_spans(text: str, fmt: str = "text") -> list[tuple[int, int]]:
    """Non-blank paragraphs as (start, end) offsets; a code block with blank lines stays whole."""
    protected = code_block_spans(text, fmt)
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if _inside(match.end(), protected):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def code_block_spans(text: str, fmt: str) -> list[tuple[int, int]]:
    """Character ranges of the code and literal blocks, where no cut may fall."""
    if fmt == "markdown":
        lines = _markdown_code_lines(text)
    elif fmt == "rst":
        lines = _rst_literal_lines(text)
    else:
        return []
    offsets = _line_offsets(text)
    return [(offsets[min(a, len(offsets) - 1)], offsets[min(b, len(offsets) - 1)]) for a, b in lines]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in spans)


def _line_offsets(text: str) -> list[int]:
    """Offset of each line's start, plus the end of the text."""
    offsets = [0]
    offsets.extend(m.end() for m in re.finditer("\n", text))
    offsets.append(len(text))
    return offsets


def _markdown_code_lines(text: str) -> list[tuple[int, int]]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    return [tuple(t.map) for t in tokens if t.type in ("fence", "code_block") and t.map]


def _rst_literal_lines(text: str) -> list[tuple[int, int]]:
    """(first, end) 0-based lines of each literal or doctest block.

    docutils gives a block's content but not reliably its lines (a directive's node carries the
    line after it), so each block's lines are found in the source, in document order.
    """
    import docutils.frontend
    import docutils.nodes
    import docutils.parsers.rst
    import docutils.utils

    parser = docutils.parsers.rst.Parser()
    settings = docutils.frontend.get_default_settings(parser)
    settings.report_level = settings.halt_level = 5  # a malformed document is still cut, never reported
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    document = docutils.utils.new_document("<document>", settings)
    parser.parse(text, document)
    source = [line.strip() for line in text.split("\n")]
    blocks, cursor = [], 0
    kinds = (docutils.nodes.literal_block, docutils.nodes.doctest_block)
    for node in document.findall(lambda n: isinstance(n, kinds)):
        wanted = [line.strip() for line in node.rawsource.strip("\n").split("\n")]
        first = _find_lines(source, wanted, cursor)
        if first is not None:
            blocks.append((first, first + len(wanted)))
            cursor = first + len(wanted)
    return blocks


def _find_lines(source: list[str], wanted: list[str], start: int) -> int | None:
    for first in range(start, len(source) - len(wanted) + 1):
        if source[first : first + len(wanted)] == wanted:
            return first
    return None


def plan_batches(doc: SourceDocument, text: str, batch_chars: int) -> list[Batch]:
    """Greedy paragraph packing into slices of about `batch_chars` characters.

    A paragraph longer than a batch becomes a batch of its own; a last slice shorter than a
    quarter batch joins the one before, so tiny tails do not become their own partitions.
    """
    if batch_chars <= 0:
        raise ValueError("batch_chars must be positive")
    slices: list[list[int]] = []
    for start, end in paragraph_spans(text, document_format(doc.path)):
        if slices and end - slices[-1][0] <= batch_chars:
            slices[-1][1] = end
        else:
            slices.append([start, end])
    if len(slices) > 1 and slices[-1][1] - slices[-1][0] < batch_chars // 4:
        tail = slices.pop()
        slices[-1][1] = tail[1]
    return [
        Batch(
            key=batch_key(doc.slug, index),
            doc_slug=doc.slug,
            doc_path=doc.path,
            index=index,
            start=start,
            end=end,
            doc_sha256=doc.sha256,
            text_sha256=hashlib.sha256(text[start:end].encode("utf-8")).hexdigest(),
        )
        for index, (start, end) in enumerate(slices)
    ]


def plan_corpus_batches(docs_dir, batch_chars: int, include_stdlib: bool = True) -> tuple[list[Batch], list]:
    """Every batch of every usable document, plus the rejections of unusable documents."""
    from vcot_assets.core.documents.corpus import discover_documents

    documents, rejections = discover_documents(docs_dir, include_stdlib)
    batches = [batch for doc, text in documents for batch in plan_batches(doc, text, batch_chars)]
    return batches, rejections
