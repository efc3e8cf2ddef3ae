"""Walk the sentences of a rationale over its trace: ground every sentence of a rationale in an execution trace (the paper's sliding window).

Forward: a pointer starts at the first trace event. For each sentence the verifier looks at
the window of K events from the pointer. Each entity of the sentence is grounded when the
program state at the pointer already holds it (state consistency: a variable set earlier and
unchanged) or an event in the window shows it (event matching: the variable takes the value
there, the branch is taken there, the function returns the value there). Claims are walked in
the order the sentence states them, and the pointer moves to the last event that matched.
Loop counts are grounded by any run of a loop that overlaps the window; the call's final
return value is grounded anywhere. An ungrounded entity, a wrong final answer (compared by
value), a rationale with nothing checkable, or one whose only claims are about literals
rejects it.

Backward: the same walk over the trace of the predicted call, from its return event back,
with the window reaching K events into the past; an event in the window that sets the claimed
value is preferred to the state, so the walk keeps moving back. The predicted call must
reproduce the target output.

Expressions in claims (`arr[mid]`, `len(xs)`, `lo + hi`) are evaluated over the traced values
by a small interpreter: no program code runs here.
"""

from __future__ import annotations

from typing import Callable

from vcot_assets.core.grounding.records import Entity, SentenceReport, Trace
from vcot_assets.core.verifier.claims import extract_entities
from vcot_assets.core.verifier.grounding import Walk, claim_of, ground
from vcot_assets.core.verifier.sentences import split_sentences
from vcot_assets.core.verifier.trace_index import index_trace

DEFAULT_WINDOW = 15

Extractor = Callable[[str], list[Entity]]


def ground_sentences(
    text: str, trace: Trace, window: int, backward: bool, extract: Extractor | None
) -> tuple[list[SentenceReport], int, int]:
    index = index_trace(trace)
    walk = Walk(index, window, backward)
    n = len(index.events)
    pointer = n - 1 if backward else 0
    known = index.names
    reports: list[SentenceReport] = []
    total = tied = 0  # tied: grounded claims about this execution, not arithmetic on literals
    for sentence in split_sentences(text):
        try:
            entities = extract(sentence) if extract is not None else extract_entities(sentence, known)
        except ValueError as err:  # a teacher's claims reply that cannot be read: loud, never "no claims"
            entities = [Entity(kind="unreadable", text=str(err)[:200])]
        lo, hi = walk.bounds(max(pointer, 0)) if n else (0, 0)
        report = SentenceReport(sentence=sentence, window_start=lo, window_end=hi)
        # claims in one sentence are read in order: each may move the walk on for the next
        start = pointer
        for entity in entities:
            total += 1
            ok, at = ground(entity, walk, max(pointer, 0)) if n else (False, None)
            if not ok and pointer != start and n:  # stated out of order within the sentence
                ok, at = ground(entity, walk, max(start, 0))
            if ok:
                report.grounded.append(entity)
                claim = claim_of(entity) if entity.kind in ("value", "index", "comparison") else None
                if entity.kind in ("branch", "loop", "return") or (claim is not None and claim.names):
                    tied += 1
                if at is not None:
                    pointer = min(pointer, at) if backward else max(pointer, at)
            else:
                report.ungrounded.append(entity)
        reports.append(report)
    return reports, total, tied
