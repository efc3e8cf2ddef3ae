import hashlib
import json

from vcot_assets.core.documents.chunking import batch_key, plan_batches, plan_corpus_batches
from vcot_assets.core.documents.corpus import describe_document


def doc(text: str):
    return describe_document("/docs/guide.md", "guide", text)


def test_batches_cut_on_paragraphs_with_stable_keys():
    text = "\n\n".join(f"Paragraph {i} " + "word " * 40 for i in range(30))
    batches = plan_batches(doc(text), text, 1000)
    assert [b.key for b in batches] == [batch_key("guide", i) for i in range(len(batches))]
    assert all("," not in b.key for b in batches)
    assert batches[0].start == 0 and batches[-1].end == len(text)
    for left, right in zip(batches, batches[1:]):
        assert left.end == right.start
        assert text[right.start :].startswith("Paragraph")
    assert plan_batches(doc(text), text, 1000) == batches


def test_tiny_tail_joins_previous_batch_and_long_paragraph_stands_alone():
    text = "a" * 900 + "\n\n" + "b" * 5000 + "\n\n" + "c" * 10
    batches = plan_batches(doc(text), text, 1000)
    assert len(batches) == 2
    assert text[batches[1].start : batches[1].end].startswith("b") and batches[1].end == len(text)


def test_corpus_batches_include_stdlib_and_user_docs(tmp_path):
    (tmp_path / "intervals.md").write_text("# Intervals\n\nMerging overlapping intervals of integers.\n")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01")
    (tmp_path / "empty.txt").write_text("  \n")
    batches, rejections = plan_corpus_batches(tmp_path, 4000)
    keys = [b.key for b in batches]
    assert "intervals-000" in keys and "stdlib-heapq-000" in keys
    assert sorted(r.reason for r in rejections) == ["empty_document", "unsupported_extension"]


def cut_offsets(path: str, text: str, batch_chars: int) -> list[int]:
    return [b.start for b in plan_batches(describe_document(path, "guide", text), text, batch_chars)][1:]


def prose(n: int) -> str:
    return "\n\n".join(f"Paragraph {i} " + "word " * 12 for i in range(n))


def assert_no_cut_inside(text: str, cuts: list[int], block: str) -> None:
    start = text.index(block)
    assert not [c for c in cuts if start < c < start + len(block)], f"cut inside {block[:20]!r}"


def test_markdown_is_never_cut_inside_a_code_block():
    fenced = "```python\n" + "\n\n".join(f"x{i} = {i}" for i in range(40)) + "\n```\n"
    indented = "\n\n".join(f"    y{i} = {i}" for i in range(40)) + "\n"
    text = prose(4) + "\n\n" + fenced + "\n" + prose(4) + "\n\n" + indented + "\n" + prose(4)
    cuts = cut_offsets("/docs/guide.md", text, 200)
    assert len(cuts) > 4
    assert_no_cut_inside(text, cuts, fenced)
    assert_no_cut_inside(text, cuts, indented.lstrip())
    # The same text as plain text is cut on every blank line, code or not (unchanged behaviour).
    assert any(text.index(fenced) < c < text.index(fenced) + len(fenced) for c in cut_offsets("/d/g.txt", text, 200))


def test_rst_is_never_cut_inside_a_literal_block():
    literal = "\n\n".join(f"    z{i} = {i}" for i in range(30))
    directive = ".. code-block:: python\n\n" + "\n\n".join(f"   w{i} = {i}" for i in range(30))
    doctest = ">>> print(1)\n1\n>>> print(2)\n2"
    text = "\n\n".join(
        ["Title\n=====", prose(3), "An example::", literal, prose(3), directive, prose(3), doctest, prose(2)]
    )
    cuts = cut_offsets("/docs/guide.rst", text, 150)
    assert len(cuts) > 4
    assert_no_cut_inside(text, cuts, literal.lstrip())
    assert_no_cut_inside(text, cuts, directive[directive.index("w0") :])
    assert_no_cut_inside(text, cuts, doctest)


def test_plain_text_and_stdlib_keys_do_not_move():
    batches, _ = plan_corpus_batches(None, 4000)
    spans = json.dumps([(b.key, b.start, b.end) for b in batches])
    # Frozen from the chunker before format-aware cutting: the default corpus keeps its batches.
    assert hashlib.sha256(spans.encode()).hexdigest() == STDLIB_SPANS_SHA256


STDLIB_SPANS_SHA256 = "64ed40460ae61065d25a2b4a86b925291d49df34e7696834725771cde2462edb"
