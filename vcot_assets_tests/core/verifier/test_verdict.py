"""Whatever a teacher writes, verification ends in a report, never an exception (property tests on
real traces: text built from the pieces narrations are made of, alone and spliced into a real one)."""

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vcot_assets.core.grounding.records import Rationale
from vcot_assets.core.verifier.verdict import verify_backward, verify_forward
from vcot_assets_tests.core.trace_fixtures import traced

PROGRAM = """\
class Tape:
    def __init__(self, cells):
        self.cells = list(cells)
        self.head = 0

    def step(self, cmd):
        if cmd == 'R':
            self.head = min(self.head + 1, len(self.cells) - 1)
        elif cmd == '+':
            self.cells[self.head] += 1
        return self.cells[self.head]


def run(cells, program):
    t = Tape(cells)
    seen = {}
    for i, cmd in enumerate(program):
        seen[cmd] = seen.get(cmd, 0) + t.step(cmd) * i
    return t.cells, seen
"""
CALL = "run([0, 2, 5], 'R++R+')"
NARRATION = (
    "`t = Tape([0, 2, 5])` sets `self.cells = [0, 2, 5]` and `self.head = 0`. The loop runs 5 times. "
    "First 'R' moves the head to 1, so `seen = {'R': 0}`. Then '+' twice makes cells[1] go 3, 4, and "
    "seen['+'] becomes 3 + 8 = 11. 'R' moves to 2 and '+' gives 6. The function returns ([0, 4, 6], "
    "{'R': 6, '+': 35})."
)
PIECES = [
    " ", ". ", ", ", "\n", "`", "'", '"', "=", "==", " is ", " becomes ", " goes from ", " to ", " times",
    " loop ", " returns ", "so ", "then ", "and ", "1", "0", "-2", "3.5", "1e400", "[", "]", "{", "}", "(", ")",
    ":", "True", "None", " + ", " // ", " % ", " & ", " << ", "**", "self.", "head", "cells", "seen", "i",
    "x.é", "#", "- ", "1. ", "<Steps>", "### Execute", "twice", "three", "after the loop", "if ", "not", " in ",
    "len(", "\\", "→", "×", "−", "≥", "\u200b",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map("".join)


@cache  # (traced once: hypothesis calls the test hundreds of times, and fixtures are per test)
def _trace():
    return traced(PROGRAM, CALL)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True)
@given(TEXT, st.integers(0, 4), st.booleans(), st.text(max_size=20))
def test_any_narration_gets_a_report_never_an_exception(text, where, backward, answer):
    trace = _trace()
    if where:  # fuzz spliced into a real narration, so the readers get past its first sentence
        cut = len(NARRATION) * where // 4
        text = NARRATION[:cut] + text + NARRATION[cut:]
    rationale = Rationale("r", "i", "backward" if backward else "forward", text, answer)
    report = verify_backward(rationale, trace.returned, trace) if backward else verify_forward(rationale, trace)
    assert report.accepted == (not report.reason_codes)
