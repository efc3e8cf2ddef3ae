"""Statistical keyphrase mining (YAKE): no model, no download, deterministic."""

from __future__ import annotations

import re

from vcot_assets.core.synthesis.records import Keyphrase

_CODE_NOISE = re.compile(r"[`*_>#|=\[\]{}()<]+")


def clean_for_mining(text: str) -> str:
    """Markup and code punctuation confuse YAKE's casing and position features."""
    return re.sub(r"\s+", " ", _CODE_NOISE.sub(" ", text)).strip()


def mine_keyphrases(text: str, top: int = 20, max_words: int = 3) -> list[Keyphrase]:
    import yake  # local: yake pulls in its own NLP helpers on import

    cleaned = clean_for_mining(text)
    if not cleaned:
        return []
    extractor = yake.KeywordExtractor(lan="en", n=max_words, dedupLim=0.7, top=top)
    phrases = []
    seen = set()
    for phrase, score in extractor.extract_keywords(cleaned):
        key = phrase.lower()
        if key in seen or len(key) < 3 or key.isdigit():
            continue
        seen.add(key)
        phrases.append(Keyphrase(phrase=phrase, score=round(float(score), 6)))
    return phrases
