import pytest

from vcot_assets.core.documents.corpus import (
    DocumentError,
    assign_slugs,
    discover_documents,
    read_document,
    stdlib_text,
)


def test_stdlib_corpus_has_module_and_function_docstrings():
    text = stdlib_text("heapq")
    assert "Heap queue algorithm" in text and "heappush" in text


def test_non_text_and_empty_documents_raise_with_reason(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    latin = tmp_path / "latin.md"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    empty = tmp_path / "empty.rst"
    empty.write_text("")
    for path, reason in ((binary, "not_text"), (latin, "not_text"), (empty, "empty_document")):
        with pytest.raises(DocumentError) as err:
            read_document(str(path))
        assert err.value.reason == reason


def test_slugs_are_stable_and_collisions_get_a_hash_suffix():
    slugs = assign_slugs(["/a/Sorting Guide.md", "/b/sorting-guide.txt", "/c/graphs.rst"])
    assert slugs["/c/graphs.rst"] == "graphs"
    a, b = slugs["/a/Sorting Guide.md"], slugs["/b/sorting-guide.txt"]
    assert a != b and a.startswith("sorting-guide-") and b.startswith("sorting-guide-")
    reordered = assign_slugs(["/b/sorting-guide.txt", "/c/graphs.rst", "/a/Sorting Guide.md"])
    assert reordered == slugs


def test_discover_reads_user_documents_and_records_rejections(tmp_path):
    (tmp_path / "notes.txt").write_text("Binary search halves the interval each step.")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00")
    documents, rejections = discover_documents(tmp_path, include_stdlib=False)
    assert [d.slug for d, _ in documents] == ["notes"]
    assert [r.reason for r in rejections] == ["not_text"]
