from vcot_assets.core.documents.corpus import stdlib_text
from vcot_assets.core.synthesis.keyphrases import mine_keyphrases


def test_yake_finds_the_concepts_of_a_real_docstring():
    phrases = mine_keyphrases(stdlib_text("heapq"), top=20)
    lowered = [k.phrase.lower() for k in phrases]
    assert any("priority queue" in p for p in lowered)
    assert len(lowered) == len(set(lowered))
    assert phrases == mine_keyphrases(stdlib_text("heapq"), top=20)  # deterministic


def test_empty_text_gives_no_phrases():
    assert mine_keyphrases("  `` ** ") == []
