"""How well the verifier tells faithful rationales from wrong ones, on CRUXEval programs.

    python benchmarks/verifier_power.py [--limit N] [--workers W] [--labelled FILE.jsonl]

1. Traces every CRUXEval program's `f(input)` in the sandbox.
2. Narrates each trace forward in phrasings of this script's own (a phrase bank disjoint from
   the offline teacher's narrator: no `x = v`, `x becomes v`, `... is true, so the if branch
   runs`, `The loop starts iteration`, `The function returns`), so the verifier is not tested
   against the grammar it was tuned on.
3. Makes copies with exactly one injected error each: wrong value, wrong index, wrong branch,
   wrong loop count, wrong return, swapped variables, wrong comparison, wrong final answer.
   Injected values are ones the variable never takes inside the sentence's window (the state at
   the window's start plus every value set in the window); an error whose value the variable
   does take in the window is reported in a category of its own (`*_in_window`), apart from
   the headline rate, since no window-based checker can see it.
4. Prints the detection rate per category and overall, the false-rejection rate on the faithful
   rationales, and the verifier's throughput (rationales per CPU-second, traces already captured).

`--labelled FILE` also scores a file of labelled rationales: lines of
{"id", "code", "call", "direction", "rationale", "answer", "label": "faithful"|"unfaithful"}.
Targets (issue 4): >= 99% of injected errors caught, <= 1% of faithful rationales rejected.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vcot_assets.core.grounding.records import Rationale, Trace  # noqa: E402
from vcot_assets.core.grounding.tracing import build_trace  # noqa: E402
from vcot_assets.core.sandbox_records import TraceRequest  # noqa: E402
from vcot_assets.core.verifier.answers import normalize_backward_answer  # noqa: E402
from vcot_assets.core.verifier.expressions import Opaque, UnknownValue, evaluate, is_literal, parse_literal, same_value  # noqa: E402  # noqa: E402
from vcot_assets.core.verifier.trace_index import _INDEX_CACHE, index_trace  # noqa: E402
from vcot_assets.core.verifier.verdict import verify_backward, verify_forward  # noqa: E402

CRUXEVAL = Path(os.environ.get("VCOT_CRUXEVAL", REPO.parent / "shared" / "benchmarks" / "cruxeval" / "cruxeval.jsonl"))
MAX_SENTENCES = 80
WINDOW = 15

# --- the phrase bank (none of these templates is the offline teacher's) ----------------------
VALUE_PHRASES = (
    "{name} now holds {value}",
    "we store {value} in {name}",
    "the value of {name} changes to {value}",
    "{name} takes the value {value}",
    "{name} is updated to {value}",
    "{name} gets {value}",
    "assign {value} to {name}",
    "{name} ends up as {value}",
)
ARG_PHRASES = ("the argument {name} starts as {value}", "{name} is initially {value}")
INDEX_PHRASES = (
    "the element at index {index} of {name} is {value}",
    "{name} at position {index} holds {value}",
    "index {index} of {name} contains {value}",
)
COMPARE_PHRASES = {
    True: ("the test {left} {op} {right} evaluates to True", "the comparison {left} {op} {right} holds"),
    False: ("the test {left} {op} {right} evaluates to False", "the comparison {left} {op} {right} does not hold"),
}
BRANCH_PHRASES = {
    "if": ("control enters the if block", "execution continues in the if body"),
    "elif": ("control enters the elif block", "execution continues in the elif body"),
    "else": ("control moves to the else block", "execution falls through to the else clause"),
    "skip": ("the if body is skipped", "we bypass the if clause"),
}
LOOP_PHRASES = (
    "the loop iterates {n} times in total",
    "the loop body executes {n} times",
    "there are {n} iterations in total",
)
BACK_VALUE_PHRASES = (
    "before that, {name} held {value}",
    "earlier, {name} was {value}",
    "prior to this, {name} had the value {value}",
)
RETURN_PHRASES = ("the call gives back {value}", "the result returned is {value}", "{value} is returned")
# prose with no claim, sprinkled between steps: it must never cause a rejection
FILLER_PHRASES = (
    "let us walk through the code line by line",
    "nothing else changes at this point",
    "we move on to the next line",
    "this is exactly what the code asks for",
    "the program keeps going in the same way",
)
FLIP_BRANCH = {"if": "else", "elif": "else", "else": "if", "skip": "if"}
_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}


@dataclass
class Sentence:
    text: str
    kind: str  # value, arg, index, comparison, branch, loop, return
    fields: dict = field(default_factory=dict)


def _render(value) -> str:
    return repr(value)


def narrate(trace: Trace, rng: random.Random, limit: int | None = MAX_SENTENCES) -> list[Sentence]:
    """A faithful forward narration of the trace, in this script's own phrasings."""
    index = index_trace(trace)
    branches = defaultdict(list)
    for at, label in index.branch_events:
        branches[at].append(label)
    loop_ends = defaultdict(list)
    for _first, last, count in index.loop_runs:
        loop_ends[last].append(count)
    sentences: list[Sentence] = []
    last_said: dict[str, str] = {}
    for i, event in enumerate(index.events):
        state = index.states[i - 1] if i else {}
        if event.kind in ("new", "modified"):
            if event.name == "self" or not is_literal(event.value) or last_said.get(event.name) == event.value:
                continue
            last_said[event.name] = event.value
            is_arg = (
                i > 0
                and index.events[i - 1].kind in ("call", "new")
                and event.line_no == index.events[i - 1].line_no
                and event.kind == "new"
                and any(e.kind == "call" for e in index.events[max(0, i - 8) : i])
            )
            bank = ARG_PHRASES if is_arg and index.events[i - 1].kind in ("call", "new") else VALUE_PHRASES
            text = rng.choice(bank).format(name=event.name, value=event.value)
            sentences.append(Sentence(text, "value", {"name": event.name, "value": event.value, "event": i}))
        elif event.kind == "line":
            sentences.extend(_reads_and_tests(event.source, state, rng, i))
        elif event.kind == "return" and event.value and is_literal(event.value):
            text = rng.choice(RETURN_PHRASES).format(value=event.value)
            sentences.append(Sentence(text, "return", {"value": event.value, "event": i}))
        for label in branches.get(i, ()):
            sentences.append(Sentence(rng.choice(BRANCH_PHRASES[label]), "branch", {"label": label, "event": i}))
        for count in loop_ends.get(i, ()):
            sentences.append(Sentence(rng.choice(LOOP_PHRASES).format(n=count), "loop", {"n": count, "event": i}))
    return sentences if limit is None else sentences[:limit]


def _reads_and_tests(source: str, state: dict, rng: random.Random, at: int) -> list[Sentence]:
    out: list[Sentence] = []
    header = source.rstrip(":")
    for keyword in ("if ", "elif ", "while "):
        if source.startswith(keyword) and source.endswith(":"):
            header = source[len(keyword) : -1]
            break
    else:
        header = ""
    try:
        tree = ast.parse(source.rstrip(":") if not header else header, mode="eval" if header else "exec")
    except SyntaxError:
        try:
            tree = ast.parse(header or source, mode="exec")
        except SyntaxError:
            return out
    seen = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and not isinstance(node.slice, ast.Slice)
        ):
            try:
                position = evaluate(node.slice, state)
                value = evaluate(node, state)
            except UnknownValue:
                continue
            if (
                not isinstance(position, int)
                or isinstance(position, bool)
                or isinstance(value, Opaque)
                or (node.value.id, position) in seen
            ):
                continue
            seen.add((node.value.id, position))
            text = rng.choice(INDEX_PHRASES).format(index=position, name=node.value.id, value=_render(value))
            out.append(
                Sentence(
                    text, "index", {"name": node.value.id, "index": position, "value": _render(value), "event": at}
                )
            )
    if (
        header
        and isinstance(getattr(tree, "body", None), ast.Compare)
        and len(tree.body.ops) == 1
        and type(tree.body.ops[0]) in _OPS
    ):
        node = tree.body
        try:
            left, right = evaluate(node.left, state), evaluate(node.comparators[0], state)
            truth = bool(evaluate(node, state))
        except (UnknownValue, TypeError):
            return out
        if isinstance(left, Opaque) or isinstance(right, Opaque):
            return out
        op = _OPS[type(node.ops[0])]
        text = rng.choice(COMPARE_PHRASES[truth]).format(left=_render(left), op=op, right=_render(right))
        out.append(
            Sentence(
                text,
                "comparison",
                {"truth": truth, "left": _render(left), "op": op, "right": _render(right), "event": at},
            )
        )
    return out


def narrate_backward(trace: Trace, rng: random.Random) -> list[Sentence]:
    """From the output back: the returned value, then each stated value, latest first."""
    values = [s for s in narrate(trace, rng, limit=None) if s.kind == "value"]
    out = [Sentence(rng.choice(RETURN_PHRASES).format(value=trace.returned), "return", {"value": trace.returned})]
    for s in reversed(values[-(MAX_SENTENCES - 1) :]):
        text = rng.choice(BACK_VALUE_PHRASES).format(name=s.fields["name"], value=s.fields["value"])
        out.append(Sentence(text, "value", s.fields))
    return out


def perturbed_call(call: str, rng: random.Random) -> str | None:
    """The call with one literal argument changed, or None when no argument is a literal."""
    try:
        tree = ast.parse(call, mode="eval")
    except SyntaxError:
        return None
    if not isinstance(tree.body, ast.Call):
        return None
    literal_args = []
    for k, arg in enumerate(tree.body.args):
        try:
            literal_args.append((k, ast.literal_eval(arg)))
        except ValueError:
            continue
    if not literal_args:
        return None
    k, value = rng.choice(literal_args)
    wrong = _perturb(value, rng, 0)
    if wrong is None or same_value(wrong, value):
        return None
    tree.body.args[k] = ast.parse(repr(wrong), mode="eval").body
    return ast.unparse(tree)


def join(sentences: list[Sentence]) -> str:
    # not capitalized: a sentence may start with a variable's name
    return " ".join(s.text + "." for s in sentences)


def with_filler(sentences: list[Sentence], rng: random.Random) -> list[Sentence]:
    out = []
    for s in sentences:
        if rng.random() < 0.15:
            out.append(Sentence(rng.choice(FILLER_PHRASES), "filler"))
        out.append(s)
    return out


# --- injections --------------------------------------------------------------------------------


def _perturb(value, rng: random.Random, attempt: int):
    """A different literal of the same type."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + rng.choice((1, -1, 2, -2, 3, 7, -7, 10)) * (attempt + 1)
    if isinstance(value, float):
        return value + 0.5 * (attempt + 1)
    if isinstance(value, str):
        if value and attempt % 2 == 0:
            k = rng.randrange(len(value))
            return value[:k] + chr((ord(value[k]) - 96) % 26 + 97 if value[k].isalpha() else 122) + value[k + 1 :]
        return value + rng.choice("xyzq") * (attempt + 1)
    if isinstance(value, list):
        k = rng.randrange(len(value)) if value else 0
        if value and type(value[k]) is int and attempt % 2 == 0:
            return value[:k] + [value[k] + attempt + 1] + value[k + 1 :]
        return value + [attempt + 1]
    if isinstance(value, tuple):
        return tuple(_perturb(list(value), rng, attempt))
    if isinstance(value, dict):
        changed = dict(value)
        changed[f"k{attempt}"] = attempt
        return changed
    if isinstance(value, set):
        return set(value) | {f"v{attempt}"}
    if value is None:
        return 0
    return None


def _taken(index, name: str, lo: int, hi: int, anchor: int | None = None) -> list:
    """Values `name` has inside the window: at the pointer (the window's start forward, its
    end backward), and every value set in it."""
    values = []
    start = index.states[lo if anchor is None else anchor] if index.states else {}
    for key in (name, f"self.{name}"):
        if key in start:
            values.append(start[key])
    for i in range(lo, hi + 1):
        event = index.events[i]
        if event.kind in ("new", "modified") and event.name in (name, f"self.{name}"):
            values.append(index.values[i])
    return values


def _fresh_value(value_text: str, taken: list, rng: random.Random):
    value = parse_literal(value_text)
    for attempt in range(12):
        wrong = _perturb(value, rng, attempt)
        if wrong is None or same_value(wrong, value):
            continue
        if not any(same_value(wrong, t) for t in taken):
            return repr(wrong), False
    others = [t for t in taken if not same_value(t, value) and not isinstance(t, Opaque)]
    if others:
        return repr(rng.choice(others)), True
    return None, False


def inject(
    trace: Trace,
    sentences: list[Sentence],
    windows: list[tuple[int, int]],
    answer: str,
    rng: random.Random,
    backward: bool = False,
):
    """Yield (category, text, answer) copies, each with exactly one error."""
    index = index_trace(trace)
    by_kind = defaultdict(list)
    for k, s in enumerate(sentences):
        by_kind[s.kind].append(k)

    def replaced(k: int, text: str) -> str:
        copy = list(sentences)
        copy[k] = Sentence(text, copy[k].kind, copy[k].fields)
        return join(copy)

    if by_kind["value"]:
        k = rng.choice(by_kind["value"])
        s = sentences[k]
        lo, hi = windows[k]
        anchor = hi if backward else lo
        wrong, in_window = _fresh_value(s.fields["value"], _taken(index, s.fields["name"], lo, hi, anchor), rng)
        if wrong is not None:
            text = s.text.replace(s.fields["value"], wrong, 1) if s.text.count(s.fields["value"]) == 1 else None
            if text:
                yield ("wrong_value_in_window" if in_window else "wrong_value"), replaced(k, text), answer
        # swapped variables: the same value claimed for another variable of the program
        names = sorted(
            {
                e.name
                for e in index.events
                if e.kind in ("new", "modified")
                and e.name != s.fields["name"]
                and "." not in e.name
                and e.name != "self"
            }
        )
        if names:
            other = rng.choice(names)
            value = parse_literal(s.fields["value"])
            in_window = any(same_value(value, t) for t in _taken(index, other, lo, hi, anchor))
            text = s.text.replace(s.fields["name"], other, 1) if s.text.count(s.fields["name"]) == 1 else None
            if text:
                yield ("swapped_variables_in_window" if in_window else "swapped_variables"), replaced(k, text), answer
    if by_kind["index"]:
        k = rng.choice(by_kind["index"])
        s = sentences[k]
        lo, hi = windows[k]
        container_states = [index.states[lo]] + [index.states[i] for i in range(lo, hi + 1)]
        value = parse_literal(s.fields["value"])
        base = s.fields["index"]
        for wrong_index in (base + 1, base - 1, base + 2, -1 if base >= 0 else 0):
            holds = False
            for st in container_states:
                container = st.get(s.fields["name"])
                try:
                    if container is not None and same_value(container[wrong_index], value):
                        holds = True
                except Exception:
                    pass
            if wrong_index == base:
                continue
            old = f"index {base}" if f"index {base}" in s.text else f"position {base}"
            text = s.text.replace(old, old.rsplit(" ", 1)[0] + f" {wrong_index}", 1)
            yield ("wrong_index_in_window" if holds else "wrong_index"), replaced(k, text), answer
            break
    if by_kind["branch"]:
        k = rng.choice(by_kind["branch"])
        s = sentences[k]
        lo, hi = windows[k]
        label = s.fields["label"]
        flipped = FLIP_BRANCH[label]
        accepted = {"if": ("if", "elif"), "else": ("else",)}[flipped]
        in_window = any(lo <= at <= hi and lab in accepted for at, lab in index.branch_events)
        yield (
            ("wrong_branch_in_window" if in_window else "wrong_branch"),
            replaced(k, rng.choice(BRANCH_PHRASES[flipped])),
            answer,
        )
    if by_kind["loop"]:
        k = rng.choice(by_kind["loop"])
        s = sentences[k]
        lo, hi = windows[k]
        n = s.fields["n"]
        wrong = n + 1 if n == 0 or rng.random() < 0.5 else n - 1
        in_window = any(count == wrong and first <= hi and last >= lo for first, last, count in index.loop_runs)
        text = s.text.replace(f" {n} ", f" {wrong} ", 1)
        yield ("wrong_loop_count_in_window" if in_window else "wrong_loop_count"), replaced(k, text), answer
    if by_kind["return"]:
        k = by_kind["return"][-1]
        s = sentences[k]
        lo, hi = windows[k]
        taken = [index.values[i] for i in range(lo, hi + 1) if index.events[i].kind == "return"] + list(
            index.final_returns
        )
        wrong, in_window = _fresh_value(s.fields["value"], taken, rng)
        if wrong is not None and s.text.count(s.fields["value"]) == 1:
            yield (
                ("wrong_return_in_window" if in_window else "wrong_return"),
                replaced(k, s.text.replace(s.fields["value"], wrong, 1)),
                answer,
            )
    if by_kind["comparison"]:
        k = rng.choice(by_kind["comparison"])
        s = sentences[k]
        truth = not s.fields["truth"]
        text = rng.choice(COMPARE_PHRASES[truth]).format(
            left=s.fields["left"], op=s.fields["op"], right=s.fields["right"]
        )
        yield "wrong_comparison", replaced(k, text), answer
    if not backward:
        wrong_answer, _ = _fresh_value(answer, [parse_literal(answer)], rng)
        if wrong_answer is not None:
            yield "wrong_answer", join(sentences), wrong_answer


# --- running -------------------------------------------------------------------------------------


def trace_all(rows: list[dict], workers: int | None) -> list[Trace]:
    from vcot_assets.sandbox import open_sandbox

    requests = [TraceRequest(row["id"], row["code"], row["call"]) for row in rows]
    with open_sandbox("local", workers=workers) as box:
        outcomes = box.trace(requests)
    return [build_trace(r.trace_id, r.code, r.call, o) for r, o in zip(requests, outcomes)]


@dataclass
class Tally:
    faithful: int = 0
    rejected: int = 0
    caught: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    examples: list = field(default_factory=list)

    def report(self, direction: str) -> None:
        rate = 100 * self.rejected / max(self.faithful, 1)
        print(f"{direction}: faithful rationales {self.faithful}, falsely rejected {self.rejected} ({rate:.2f}%)")
        for trace_id, reasons in self.examples[:5]:
            print(f"  rejected faithful {trace_id}: {reasons}")
        print(f"  {'category':32} {'injected':>8} {'caught':>8} {'rate':>8}")
        for category in sorted(self.total):
            share = 100 * self.caught[category] / self.total[category]
            print(f"  {category:32} {self.total[category]:8d} {self.caught[category]:8d} {share:7.2f}%")


def power(traces: list[Trace], seed: int, variants: int, workers: int | None) -> None:
    rng = random.Random(seed)
    tallies = {"forward": Tally(), "backward": Tally()}
    clock = {"seconds": 0.0, "verified": 0}
    wrong_calls: list[tuple[Trace, str, str]] = []
    first_faithful: dict[str, tuple[Trace, Rationale]] = {}

    def timed(function, *args):
        started = time.process_time()
        report = function(*args)
        clock["seconds"] += time.process_time() - started
        clock["verified"] += 1
        return report

    for trace in traces:
        if trace.status != "ok" or not is_literal(trace.returned):
            continue
        for _ in range(variants):
            for direction in ("forward", "backward"):
                tally = tallies[direction]
                backward = direction == "backward"
                sentences = with_filler(narrate_backward(trace, rng) if backward else narrate(trace, rng), rng)
                if not sentences:
                    continue
                answer = trace.call if backward else trace.returned
                rationale = Rationale(trace.trace_id, trace.trace_id, direction, join(sentences), answer)
                if backward:
                    report = timed(verify_backward, rationale, trace.returned, trace, WINDOW)
                else:
                    report = timed(verify_forward, rationale, trace, WINDOW)
                tally.faithful += 1
                if not backward:
                    first_faithful.setdefault(trace.trace_id, (trace, rationale))
                if not report.accepted:
                    tally.rejected += 1
                    tally.examples.append((trace.trace_id, report.reasons[:2]))
                    continue
                windows = [(r.window_start, r.window_end) for r in report.sentences]
                if len(windows) != len(sentences):
                    continue
                for category, text, wrong_answer in inject(trace, sentences, windows, trace.returned, rng, backward):
                    bad_rationale = Rationale(
                        trace.trace_id, trace.trace_id, direction, text, answer if backward else wrong_answer
                    )
                    if backward:
                        bad = timed(verify_backward, bad_rationale, trace.returned, trace, WINDOW)
                    else:
                        bad = timed(verify_forward, bad_rationale, trace, WINDOW)
                    tally.total[category] += 1
                    tally.caught[category] += not bad.accepted
                if backward:
                    wrong = perturbed_call(trace.call, rng)
                    if wrong is not None:
                        wrong_calls.append((trace, rationale.text, wrong))
    # a wrong predicted call is caught by running it: trace all of them in one batch
    cases = [{"id": f"{t.trace_id}:{k}", "code": t.code, "call": call} for k, (t, _, call) in enumerate(wrong_calls)]
    predicted = trace_all(cases, workers) if cases else []
    backward_tally = tallies["backward"]
    for (trace, text, call), predicted_trace in zip(wrong_calls, predicted):
        same_output = predicted_trace.status == "ok" and same_value(
            parse_literal(predicted_trace.returned), parse_literal(trace.returned)
        )
        report = timed(
            verify_backward,
            Rationale(trace.trace_id, trace.trace_id, "backward", text, call),
            trace.returned,
            predicted_trace,
            WINDOW,
        )
        # a changed input with the same output is a right answer told with the old call's
        # story (its sentences do not ground in the new trace): counted apart, not as an error
        category = "other_call_same_output_old_story" if same_output else "wrong_call"
        backward_tally.total[category] += 1
        backward_tally.caught[category] += not report.accepted
    for direction, tally in tallies.items():
        tally.report(direction)
    headline = Counter()
    caught = Counter()
    faithful = rejected = 0
    for tally in tallies.values():
        faithful += tally.faithful
        rejected += tally.rejected
        for category, n in tally.total.items():
            if not category.endswith("_in_window") and category != "other_call_same_output_old_story":
                headline[category] += n
                caught[category] += tally.caught[category]
    n, k = sum(headline.values()), sum(caught.values())
    print(f"DETECTION (one injected error, values never taken in the window): {k}/{n} = {100 * k / max(n, 1):.2f}%")
    print(
        f"FALSE REJECTION (faithful, both directions): {rejected}/{faithful} = {100 * rejected / max(faithful, 1):.2f}%"
    )
    print(
        f"verifier throughput: {clock['verified']} rationales in {clock['seconds']:.2f} CPU-s = "
        f"{clock['verified'] / max(clock['seconds'], 1e-9):.0f} rationales/s per core (traces already captured)"
    )
    # one distinct rationale per trace, each trace indexed afresh: the pipeline's case
    started = time.process_time()
    for trace, rationale in first_faithful.values():
        _INDEX_CACHE.pop((trace.sha256 or trace.text, trace.code), None)
        verify_forward(rationale, trace, WINDOW)
    seconds = time.process_time() - started
    print(
        f"verifier throughput, one rationale per trace, trace index built each time: {len(first_faithful) / max(seconds, 1e-9):.0f} rationales/s per core"
    )


def labelled(path: Path, workers: int | None) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    requests = []
    for row in rows:
        requests.append({"id": f"{row['id']}:call", "code": row["code"], "call": row["call"]})
        if row["direction"] == "backward":
            name = row["call"].split("(", 1)[0].split(".", 1)[0].strip()
            requests.append(
                {
                    "id": f"{row['id']}:predicted",
                    "code": row["code"],
                    "call": normalize_backward_answer(row["answer"], name),
                }
            )
    traces = {t.trace_id: t for t in trace_all(requests, workers)}
    confusion: Counter = Counter()
    for row in rows:
        faithful = str(row.get("label", "")).lower() in ("faithful", "true", "1", "correct")
        rationale = Rationale(row["id"], row["id"], row["direction"], row["rationale"], row["answer"])
        reference = traces[f"{row['id']}:call"]
        if row["direction"] == "forward":
            report = verify_forward(rationale, reference, WINDOW)
        else:
            report = verify_backward(rationale, reference.returned, traces[f"{row['id']}:predicted"], WINDOW)
        confusion[(faithful, report.accepted)] += 1
    unfaithful = confusion[(False, False)] + confusion[(False, True)]
    faithful_n = confusion[(True, True)] + confusion[(True, False)]
    print(f"labelled file {path}: {len(rows)} rationales")
    print(
        f"  detection: {confusion[(False, False)]}/{unfaithful} = {100 * confusion[(False, False)] / max(unfaithful, 1):.2f}%"
    )
    print(
        f"  false rejection: {confusion[(True, False)]}/{faithful_n} = {100 * confusion[(True, False)] / max(faithful_n, 1):.2f}%"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N CRUXEval programs")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", type=int, default=2, help="faithful narrations per trace and direction")
    parser.add_argument("--labelled", type=Path, default=None, help="also score this labelled JSONL file")
    args = parser.parse_args()
    rows = [json.loads(line) for line in CRUXEVAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        rows = rows[: args.limit]
    cases = [{"id": row["id"], "code": row["code"], "call": f"f({row['input']})"} for row in rows]
    started = time.time()
    traces = trace_all(cases, args.workers)
    print(f"traced {len(traces)} CRUXEval programs in {time.time() - started:.1f} s")
    power(traces, args.seed, args.variants, args.workers)
    if args.labelled:
        labelled(args.labelled, args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
