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
