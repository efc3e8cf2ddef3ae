"""Pick the canonical solution of the best cluster and the test that exercises it most."""

from __future__ import annotations

import io
import tokenize

from vcot_assets.core.synthesis.records import Candidate, TestCase


def code_size(code: str) -> tuple[int, int]:
    """(non-comment tokens, characters): comments and blank lines do not count against a solution."""
    try:
        tokens = [
            tok
            for tok in tokenize.generate_tokens(io.StringIO(code).readline)
            if tok.type
            not in (
                tokenize.COMMENT,
                tokenize.NL,
                tokenize.NEWLINE,
                tokenize.INDENT,
                tokenize.DEDENT,
                tokenize.ENDMARKER,
            )
        ]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return (len(code), len(code))
    return (len(tokens), len(code))


def select_canonical_solution(members: list[Candidate]) -> Candidate:
    """Shortest member by token count, then length, then id (deterministic)."""
    if not members:
        raise ValueError("a cluster without members has no canonical solution")
    return min(members, key=lambda c: (code_size(c.code), c.candidate_id))


RICH_CALL_CHARS = 120  # past this, a longer input makes a longer trace, not a better lesson


def select_test_by_coverage(tests: list[TestCase], coverages: list[float]) -> tuple[TestCase, float]:
    """Highest coverage; ties go to the richer input (a longer call, up to a point), then the id.

    Short programs are fully covered by every test; without the tie-break the empty-list
    edge case would win and the trace would teach nothing.
    """
    if not tests or len(tests) != len(coverages):
        raise ValueError("need one coverage figure per test, and at least one test")
    return min(zip(tests, coverages), key=lambda tc: (-tc[1], -min(len(tc[0].call), RICH_CALL_CHARS), tc[0].test_id))
