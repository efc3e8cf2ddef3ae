"""Cut a document's text into concept batches: the one chunker the sensor and `vcot run` share.

Cuts fall on paragraph boundaries so that editing one paragraph moves few batch boundaries;
batch keys depend only on the document's slug and the batch's position, so they are known
before any NLP runs and stay stable across runs.
"""

from __future__ import annotations

import hashlib
import re

from vcot_assets.core.synthesis.records import Batch, SourceDocument

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def batch_key(doc_slug: str, index: int) -> str:
    return f"{doc_slug}-{index:03d}"


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def plan_batches(doc: SourceDocument, text: str, batch_chars: int) -> list[Batch]:
    """Greedy paragraph packing into slices of about `batch_chars` characters.

    A paragraph longer than a batch becomes a batch of its own; a last slice shorter than a
    quarter batch joins the one before, so tiny tails do not become their own partitions.
    """
    if batch_chars <= 0:
        raise ValueError("batch_chars must be positive")
    slices: list[list[int]] = []
    for start, end in paragraph_spans(text):
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
