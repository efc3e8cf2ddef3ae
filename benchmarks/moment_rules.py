"""Rules that would hold a plain state claim to the moment a narration has reached: what each costs.

    python benchmarks/moment_rules.py                       # every rule, on the development part
    python benchmarks/moment_rules.py --rule strict_order   # one rule

(Every rule: about 30 minutes on two cores, one full verification of the development part per rule.)

The verifier grounds a bare `total is 9` wherever the run holds 9, so a wrong value that the run
holds at another moment (the last iteration's, the value before an update) passes unless the
sentence ties it to a moment. The obvious fix is to make every such claim answer to the walk's
place. This benchmark measures candidate forms of that fix against the verifier as it is, on the
development part only (the text the verifier is tuned on): for each rule, the faithful
narrations it would reject and the error copies it would newly catch, by kind. None of them is
in the verifier: on 2026-12-04 each cost more faithful narrations than it caught errors.
Kept so that a new variant is measured the same way before anyone builds it.

The rules are written here, over the verifier's private steps (`prose._not_gone_back`,
`prose._together`, `prose._set_from_here`, `prose._named_sequences`), patched in process; all but
`change_told_from_to` touch forward narrations only. Verdicts come from the public entry points on
traces captured once with `vcot trace`. A backward narration is checked against the traced call in
both columns (its answer is not executed here), so only its sentences can change its verdict.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from verifier_corpus import captured_traces, load  # noqa: E402

from vcot_assets.core.equality import same_value  # noqa: E402
from vcot_assets.core.grounding.records import Rationale, Trace  # noqa: E402
from vcot_assets.core.synthesis.reading import read_teacher_text  # noqa: E402
from vcot_assets.core.verifier import prose  # noqa: E402
from vcot_assets.core.verifier.expressions import Opaque, evaluate  # noqa: E402
from vcot_assets.core.verifier.trace_facts import forget_trace_facts  # noqa: E402
from vcot_assets.core.verifier.verdict import verify_backward, verify_forward  # noqa: E402

_NOW = re.compile(r"\b(?:now|currently|at this point)\b", re.I)
_SUMMING_UP = re.compile(
    r"\b(?:finally|eventually|in the end|by the end|ends?|ended|after (?:the|all|every|each)|once|last|total|"
    r"overall|altogether|all)\b",
    re.I,
)


def _literal(text: str) -> tuple[bool, object]:
    """(True, value) for text that is an expression of literals alone (`4 * 2`), else (False, None)."""
    return prose._literal_value(prose._expr(text))


def _behind_only(only_when_now: bool):
    """A plain `x = v` found only at events before the walk's place (not the input, not the final
    state) is wrong, unless the sentence looks back (`before`, `was`, `at first`, ...) or it is an
    aside in brackets; with `only_when_now`, only in a sentence that says `now` (whose look-back
    words then excuse nothing: `now` tells the moment)."""
    original = prose._not_gone_back

    def rule(located, walk):
        if not walk.backward and not (only_when_now and not _NOW.search(walk.sentence)):
            looks_back = prose._LOOKS_BACK.search(walk.sentence) and not only_when_now
            for check in located:
                if not (check.ok and check.kind == "value" and re.fullmatch(r"(?:self\.)?\w+ = .+", check.text)):
                    continue
                s = walk.sentence
                aside = s.count("(", 0, check.position) > s.count(")", 0, check.position)
                if (
                    not (aside or looks_back)
                    and check.events
                    and max(check.events) < walk.pointer
                    and not any(walk.restates(e) for e in check.events)
                ):
                    check.ok = False
                    check.text += " (only before this point of the run)"
        original(located, walk)

    return "_not_gone_back", rule


def _arithmetic_moves(next_change_only: bool):
    """`418 % 97 = 30` moves the walk to where a variable takes 30: the first change within the
    window that sets that value, or (`next_change_only`) only the very next change of any variable."""
    original = prose._together

    def rule(checks, walk):
        original(checks, walk)
        if walk.backward:
            return
        index = walk.facts.index
        changes = [
            e
            for e in range(walk.pointer + 1, min(len(index.events), walk.pointer + walk.window + 1))
            if index.events[e].kind in ("new", "modified")
        ]
        if next_change_only:
            changes = changes[:1]
        for check in checks:
            if check.kind != "arith" or not check.ok:
                continue
            literal, value = _literal(check.text.rpartition(" = ")[2])
            if not literal or isinstance(value, bool):
                continue
            hit = next((e for e in changes if index.values[e] is not None and same_value(index.values[e], value)), None)
            walk.moved_to(hit)

    return "_together", rule


def _arithmetic_tells_next_value():
    """`418 % 97 = 30` where the variable last told (`total = 10`) next changes to 30: the narration
    has told that change, so a later plain `total is 10` is before the moment told already (the
    verifier's own `_not_gone_back` then judges it). Moves no pointer, only that variable's moment."""
    original = prose._together

    def rule(checks, walk):
        original(checks, walk)
        if walk.backward:
            return
        results = []
        for check in checks:
            if check.kind == "arith" and check.ok:
                literal, value = _literal(check.text.rpartition(" = ")[2])
                if literal and not isinstance(value, bool):
                    results.append(value)
        for name, told in list(walk.told_values.items()):
            history = walk.facts.history(name)
            was = next((v for e, v in reversed(history) if e <= told), None)
            following = next(((e, v) for e, v in history if e > told and not same_value(v, was)), None)
            if following is not None and any(same_value(following[1], r) for r in results):
                walk.told_values[name] = following[0]

    return "_together", rule


def _skipped_change():
    """`steps becomes 1 ... steps is now 3` where the run took steps to 2 in between: a change
    verb told after an earlier change of the same variable must be its next change, unless the
    sentence sums up (`finally`, `after the loop`, `in total`, ...)."""
    original = prose._set_from_here

    def rule(walk, subject, node, value):
        told = walk.told_changes.get(subject, -1)
        ok = original(walk, subject, node, value)
        at = walk.told_changes.get(subject, -1)
        if not ok or told < 0 or at == told or _SUMMING_UP.search(walk.sentence):
            return ok
        states = walk.facts.index.states
        try:
            before = evaluate(node, states[told])
        except Exception:  # noqa: BLE001 - a value pysnooper shows as an object: no skip can be read
            before = None
        for i in walk.facts.set_events(subject):
            if not max(told, walk.pointer - 1) < i < at:
                continue
            try:
                between = evaluate(node, states[i])
            except Exception:  # noqa: BLE001 - as above
                continue
            if not (isinstance(between, Opaque) or same_value(between, value) or same_value(between, before)):
                walk.told_changes[subject] = told
                return False
        return ok

    return "_set_from_here", rule


_FROM_TO = re.compile(r"\bfrom\s+`?(?P<a>-?[\w.'\"]+)`?\s+(?:(?:up|down|back)\s+)?to\s+`?(?P<b>-?[\w.'\"]+)")


def _change_told_from_to():
    """`taking total from 12 to 49` where total went 12, 19, 49: a change told `from a to b` must
    be one change of the variable (b right after a), or its whole run (its first value, then its
    last); not a stretch of several changes. Forward and backward narrations alike."""
    original = prose._named_sequences

    def rule(s, walk, checks):
        first = len(checks)
        original(s, walk, checks)
        told = [(_literal(m["a"]), _literal(m["b"])) for m in _FROM_TO.finditer(s.text)]
        told = [(a[1], b[1]) for a, b in told if a[0] and b[0]]
        for check in checks[first:]:
            subject, _, listed = check.text.partition(": ")
            literal, values = _literal(listed)
            if not (
                check.kind == "sequence" and check.ok and literal and isinstance(values, list) and len(values) == 2
            ):
                continue
            if not any(same_value(a, values[0]) and same_value(b, values[1]) for a, b in told):
                continue
            bare = subject.removeprefix("self.")
            runs = [prose._collapsed([v for _, v in walk.facts.histories.get(n, [])]) for n in (bare, "self." + bare)]
            runs = [run for run in runs if run]
            if runs and not any(
                any(same_value(x, values[0]) and same_value(y, values[1]) for x, y in zip(run, run[1:]))
                or (same_value(run[0], values[0]) and same_value(run[-1], values[1]))
                for run in runs
            ):
                check.ok = False
                check.text += " (not one change)"

    return "_named_sequences", rule


RULES = {
    "strict_order": lambda: [_behind_only(only_when_now=False)],
    "strict_order_when_now": lambda: [_behind_only(only_when_now=True)],
    "arithmetic_moves+strict_order": lambda: [_arithmetic_moves(False), _behind_only(False)],
    "next_change_arithmetic+strict_order_when_now": lambda: [_arithmetic_moves(True), _behind_only(True)],
    "skipped_change": lambda: [_skipped_change()],
    "arithmetic_tells_next_value": lambda: [_arithmetic_tells_next_value()],
    "change_told_from_to": lambda: [_change_told_from_to()],
}

_WORK: list = []  # (row, rationale, trace), shared with the worker processes by fork


def _verdicts(rule: str | None) -> dict[str, bool]:
    if rule is not None:
        for name, patched in RULES[rule]():
            setattr(prose, name, patched)
    forget_trace_facts()
    out = {}
    for row, rationale, trace in _WORK:
        if row["direction"] == "forward":
            out[row["id"]] = bool(verify_forward(rationale, trace).accepted)
        else:
            out[row["id"]] = bool(verify_backward(rationale, trace.returned, trace).accepted)
    return out


def _traces(rows: list[dict]) -> dict[tuple[str, str], Trace]:
    """One trace per program and call (a faithful narration and its error copies share it)."""
    names: dict[tuple[str, str], str] = {}
    for row in rows:
        names.setdefault((row["code"], row["call"]), f"case{len(names)}")
    traces = captured_traces({name: key for key, name in names.items()})
    return {key: traces[name] for key, name in names.items()}


def _errors_rejected(rows: list[dict], accepted: dict[str, bool]) -> tuple[int, int]:
    """Error copies rejected, of those whose faithful narration was accepted (the corpus benchmark's
    measure; a copy whose reply cannot be read counts as rejected, as `vcot verify` rejects it)."""
    copies = [r for r in rows if r["label"] == "error" and accepted.get(r["faithful_id"])]
    return sum(not accepted.get(r["id"], False) for r in copies), len(copies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", choices=sorted(RULES), action="append", help="one rule (repeatable); all by default")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show", type=int, default=5, help="faithful narrations lost to print per rule")
    args = parser.parse_args()
    rules = args.rule or list(RULES)
    started = time.perf_counter()
    rows = load("dev")
    traces = _traces(rows)
    for row in rows:
        reading = read_teacher_text(f"narrate_{row['direction']}", row["rationale"])
        if reading.rejection is None:
            rationale = Rationale(row["id"], row["id"], row["direction"], *reading.value)
            _WORK.append((row, rationale, traces[(row["code"], row["call"])]))
    # (one task per process: a rule patches the module of the process it runs in)
    with Pool(min(args.workers, len(rules) + 1), maxtasksperchild=1) as pool:
        runs = pool.map(_verdicts, [None, *rules], chunksize=1)
    base, by_rule = runs[0], dict(zip(rules, runs[1:]))
    faithful = [r for r in rows if r["label"] == "faithful" and r["id"] in base]
    kept = sum(base[r["id"]] for r in faithful)
    rejected, copies = _errors_rejected(rows, base)
    print(
        f"moment rules on the development part: {len(_WORK)} narrations read ({len(rows)} in the part), "
        f"{time.perf_counter() - started:.0f} s"
    )
    print(f"  verifier as it is: faithful accepted {kept}/{len(faithful)}, errors rejected {rejected}/{copies}")
    for rule in rules:
        verdicts = by_rule[rule]
        lost = [r["id"] for r in faithful if base[r["id"]] and not verdicts[r["id"]]]
        gained = [r["id"] for r in faithful if not base[r["id"]] and verdicts[r["id"]]]
        both = {r["id"] for r in faithful if base[r["id"]] and verdicts[r["id"]]}
        caught = Counter(
            r["error"]["kind"]
            for r in rows
            if r["label"] == "error" and r["faithful_id"] in both and base.get(r["id"]) and not verdicts[r["id"]]
        )
        now_rejected, now_copies = _errors_rejected(rows, verdicts)
        print(f"\n{rule}")
        print(
            f"  faithful accepted {kept - len(lost) + len(gained)}/{len(faithful)}: {len(lost)} lost, {len(gained)} gained"
        )
        print(f"  errors rejected {now_rejected}/{now_copies}")
        print(
            f"  error copies newly caught (their faithful narration accepted with and without the rule): {sum(caught.values())}"
        )
        for kind, n in sorted(caught.items()):
            print(f"    {kind:34s} {n}")
        if lost[: args.show]:
            print(f"  faithful lost, first {min(args.show, len(lost))}: {', '.join(lost[: args.show])}")


if __name__ == "__main__":
    main()
