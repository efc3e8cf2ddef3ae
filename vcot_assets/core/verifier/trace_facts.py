"""What the verifier looks up about one execution, computed once per trace: each variable's
history, the values the run, the code and the call hold (at any depth, in hashable form), loop
counts and how the loops nest, which lines test which condition and make which call.

`trace_facts` keeps the facts of the last traces it was asked about: a pipeline judges several
rationales (forward, backward, bidirectional, several samples) on one trace.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache

from vcot_assets.core.equality import canonical
from vcot_assets.core.grounding.records import Trace
from vcot_assets.core.verifier.expressions import Opaque, evaluate, same_value
from vcot_assets.core.verifier.trace_index import TraceIndex, index_trace


@lru_cache(maxsize=4096)
def regex(pattern: str) -> re.Pattern:
    """A pattern built from the program's names, compiled once. `re` keeps 512 patterns, and the
    names of one run after another pushed the fixed patterns out too: about 5% of the time went to
    compiling them again."""
    return re.compile(pattern)


def _target_names(target: ast.expr) -> set[str]:
    """The names a `for` target binds (`self.x` as one name, as the trace shows it)."""
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
        return {f"{target.value.id}.{target.attr}"}
    if isinstance(target, (ast.Tuple, ast.List)):
        return set().union(*(_target_names(t) for t in target.elts)) if target.elts else set()
    return {target.id} if isinstance(target, ast.Name) else set()


@dataclass
class TraceFacts:
    """What checks look up, computed once per trace."""

    index: TraceIndex
    histories: dict[str, list[tuple[int, object]]] = field(default_factory=dict)  # name -> [(event, value)]
    returns: list[object] = field(default_factory=list)
    loop_counts: set[int] = field(default_factory=set)
    known_values: list[object] = field(default_factory=list)
    code_literals: list[object] = field(default_factory=list)
    code_text: str = ""  # the program's source, whitespace removed (restated code is found in it)
    code_source: str = ""  # the program's source as written (string arguments keep their spaces)
    code_lines: list[str] = field(default_factory=list)
    call: str = ""
    derived: set = field(default_factory=set)
    functions: list[str] = field(default_factory=list)
    sizes: set = field(default_factory=set)
    line_counts: set = field(default_factory=set)
    loop_names: dict = field(
        default_factory=dict
    )  # header line -> what names the loop (its targets, its header's code)
    loop_roles: dict = field(default_factory=dict)  # header line -> {"outer", "inner", "for", "while"}
    loop_sources: dict = field(default_factory=dict)  # header line -> the variable a `for` loop walks (`readings`)
    loop_targets: dict = field(default_factory=dict)  # header line -> a `for a, b in ...` loop's names, in order
    loop_iterables: set = field(default_factory=set)  # what each `for` loop walks, without spaces (`zip(a,a[1:])`)
    loop_ends: dict = field(default_factory=dict)  # header line -> the loop statement's last line
    conditions: dict = field(default_factory=dict)  # an `if`/`while` test (or one operand of it) -> its lines
    # an `if`'s line -> (its whole test, squashed; its body's first and last line; its `else`'s, or None)
    branches: dict = field(default_factory=dict)
    condition_nodes: list = field(default_factory=list)  # (test's AST, its line), for tests restated with values
    calls: dict = field(default_factory=dict)  # a call the code makes (`len(word)`) -> its lines
    call_nodes: list = field(default_factory=list)  # (call's AST, its line)
    atoms: set = field(default_factory=set)  # hashable values the execution, code or call hold, at any depth
    string_text: str = ""  # the strings among the atoms, joined: a word or substring of any is found in one search
    expressions: dict = field(default_factory=dict)  # line -> the computations on it (`p - low`, `max(row)`)
    instances: set = field(default_factory=set)  # names that only ever hold objects of the program's classes
    calls_of: dict = field(default_factory=dict)  # a function of the program -> how often it was called
    loop_variables: set = field(default_factory=set)  # every name a loop's header sets
    constants: dict = field(default_factory=dict)  # module-level names bound to literals (`SMALL = {"a", "of"}`)
    _changes: dict = field(default_factory=dict)
    _per_iteration: dict = field(default_factory=dict)
    _per_call: dict | None = None
    _expression_runs: list | None = None
    _line_steps: dict | None = None
    _mid_line: set | None = None

    def line_steps(self, line_no: int) -> list[int]:
        """The events, in order, at which the program runs line `line_no` (a loop's header: each pass)."""
        return self._steps_by_line().get(line_no, [])

    def _steps_by_line(self) -> dict[int, list[int]]:
        """Every line the program ran -> the events at which it ran it (built once)."""
        if self._line_steps is None:
            self._line_steps = {}
            for i, event in enumerate(self.index.events):
                if event.kind == "line":
                    self._line_steps.setdefault(event.line_no, []).append(i)
        return self._line_steps

    def inner_runs_per_pass(self) -> list[list[int]]:
        """For each loop inside another, how often its body ran in each pass of the loop around it
        (the nearest), pass by pass: `the inner loop runs 9, 8, 7, ... times`."""
        runs = []
        for header, end in self.loop_ends.items():
            around = [h for h, e in self.loop_ends.items() if h < header and e >= end]
            body = sorted(line for line in self._steps_by_line() if header < line <= end)
            if not around or not body:
                continue
            passes = self.line_steps(max(around))
            ran = self.line_steps(body[0])
            bounds = passes[1:] + [len(self.index.events)]
            runs.append([sum(1 for i in ran if start <= i < stop) for start, stop in zip(passes, bounds)])
        return runs

    def mid_line_events(self) -> set[int]:
        """The events between the new values one line shows one by one (`n, d = divmod(n, 10)`
        shows n's, then d's): n's new value with d's old one is no state the program was in
        between lines."""
        if self._mid_line is None:
            events = self.index.events
            self._mid_line = {
                i
                for i in range(len(events) - 1)
                if events[i].kind in ("new", "modified")
                and events[i + 1].kind in ("new", "modified")
                and (events[i + 1].line_no, events[i + 1].depth) == (events[i].line_no, events[i].depth)
            }
        return self._mid_line

    def line_began(self, i: int) -> int:
        """The event at which the line that made event i began, in i's frame: `out = log.take_reading(t)`
        begins before the call it waits on, so out's old value is no longer the state of a step done."""
        events = self.index.events
        depth = events[i].depth
        for k in range(i, -1, -1):
            if events[k].depth == depth and events[k].kind in ("line", "call"):
                return k
        return i

    def history(self, name: str) -> list[tuple[int, object]]:
        """(event, value) of `name`, else of the attribute `self.name` (`total` said of `self.total`)."""
        return self.histories.get(name) or self.histories.get(f"self.{name.removeprefix('self.')}", [])

    def set_events(self, name: str) -> list[int]:
        """The events, in order, at which the variable `name` (or its `self.` attribute; `counts` for
        `counts[4]`) takes a new value."""
        root = re.match(r"(?:self\.)?\w*", name).group()
        names = {root, f"self.{root}", root.removeprefix("self.")}
        return sorted(
            i
            for n in names
            for k, (i, value) in enumerate(self.histories.get(n, []))
            # (an attribute shown again as a method is entered, `self.free = [4, 8]`, is the object's
            # value carried into the call, not a change)
            if not (k and n.startswith("self.") and same_value(self.histories[n][k - 1][1], value))
        )

    def final_values(
        self, name: str, loop_ends: bool = True, inner_returns: bool = True, since: int | None = None
    ) -> list[object]:
        """The values `name` (or `self.name`) holds when a call returns (without `inner_returns`,
        only the outermost call) or (with `loop_ends`) a run of a loop ends (`for 5, x goes 2, 1, 0,
        so n ends at 3`), at event `since` or later where given, and its last value."""
        names = (name, f"self.{name.removeprefix('self.')}", name.removeprefix("self."))
        finals = []
        ends = {last for _, last, _ in self.index.loop_runs} if loop_ends else set()
        for i, event in enumerate(self.index.events):
            if since is not None and i < since:
                continue
            if (event.kind == "return" and (inner_returns or event.depth == 0)) or i in ends:
                state = self.index.states[i]
                finals += [state[n] for n in names if n in state]
        for n in names:
            if self.histories.get(n):
                finals.append(self.histories[n][-1][1])
        return finals

    def assigned_values(self, name: str) -> list[object]:
        """`name`'s value after each run of a line that assigns it (`cur = ...`, `cur += 1`),
        repeats included: what a loop summary lists, where the trace shows only changes."""
        bare = name.removeprefix("self.")
        target = regex(r"(?<![\w.])(?:self\.)?" + re.escape(bare) + r"\s*(?:[-+*/%&|^]|//|<<|>>|\*\*)?=(?!=)")
        events, states = self.index.events, self.index.states
        values = []
        for i, event in enumerate(events):
            if event.kind != "line" or not target.search(event.source):
                continue
            for j in range(i + 1, min(len(events), i + 400)):
                after = events[j]
                if after.kind in ("line", "return") and after.function == event.function and after.depth == event.depth:
                    state = states[j]
                    for n in (name, f"self.{bare}", bare):
                        if n in state:
                            values.append(state[n])
                            break
                    break
        return values

    def condition_events(self, node: ast.expr) -> list[int]:
        """The events at which the program tests this condition (an `if`/`elif`/`while` test or
        one operand of it, as the code writes it; or with some variables written as the values
        they held, `'o' in seen` for `ch in seen`), or [] when the code tests no such condition."""
        return self._events_of(node, self.conditions, self.condition_nodes)

    def call_events(self, node: ast.expr) -> list[int]:
        """The events at which the program makes this call (as `condition_events`)."""
        return self._events_of(node, self.calls, self.call_nodes)

    def _events_of(self, node: ast.expr, exact: dict, written: list) -> list[int]:
        lines = exact.get(squash(ast.unparse(node)))
        # each line that makes the call, with the values the claim writes for its variables
        # (`stock.get('nut', 0)` is `stock.get(name, 0)` on every line that calls it so, with name = 'nut')
        bound: dict[int, dict[str, object]] = {line: {} for line in lines or ()}
        if not lines:
            for test, line in written:
                found = _bind(test, node)
                if found:
                    bound.setdefault(line, found)
        if not bound:
            return []
        return [
            i
            for i, e in enumerate(self.index.events)
            if e.kind == "line"
            and e.line_no in bound
            and all(name in self.index.states[i] and same_value(self.index.states[i][name], value)
                    for name, value in bound[e.line_no].items())
        ]  # fmt: skip

    def per_iteration(self, name: str, headers: set[int] | None = None) -> list[list[object]]:
        """Per loop (of those whose header lines are `headers`, else every loop), `name`'s value each
        time the loop's header runs (once per iteration, and at the exit): a summary "after each
        week" lists these, repeats included."""
        if not self._per_iteration and self.loop_names:  # every variable's, in one pass over the trace
            by_name: dict[str, dict[int, list]] = {}
            # an attribute as a method last left it: a caller's loop over `qm.serve_round(a)` sees
            # `self.backlog` after each round, though its own frame does not hold it
            attributes: dict[str, object] = {}
            watched = any(held.startswith("self.") for held in self.index.names)  # (no scan where none is)
            for i, event in enumerate(self.index.events):
                state = self.index.states[i]
                if watched:
                    attributes.update((held, value) for held, value in state.items() if held.startswith("self."))
                if event.kind == "line" and event.line_no in self.loop_names:
                    for held, value in ({**attributes, **state} if attributes else state).items():
                        by_name.setdefault(held, {}).setdefault(event.line_no, []).append(value)
            self._per_iteration = by_name
        runs = self._per_iteration.get(name) or self._per_iteration.get(f"self.{name.removeprefix('self.')}", {})
        return [run for line, run in runs.items() if headers is None or line in headers]

    def per_call(self) -> list[list[object]]:
        """Per function and variable (or attribute), its value each time a call of the function
        returned, in order: `dumps after each pour is 0, 1, 2, 2, 3, 6` tells the state each call
        of `pour` left, which no loop of the program need hold pass by pass."""
        if self._per_call is None:
            runs: dict[tuple[str, str], list] = {}
            for event, state in zip(self.index.events, self.index.states):
                if event.kind == "return":
                    for held, value in state.items():
                        runs.setdefault((event.function, held), []).append(value)
            self._per_call = {key: run for key, run in runs.items() if len(run) >= 2}
        return list(self._per_call.values())

    def expression_runs(self) -> list[list[object]]:
        """Each computation the code makes on a line (`p - low`, `max(row)`, `i * j`), its value every
        time the line ran, in order: what a narration lists when no variable holds the values
        ("the gains are 3, 4, 2", "its rows have maxima 9, 6, 9")."""
        if self._expression_runs is None:
            runs: dict[tuple[int, str], list] = {}
            for i, event in enumerate(self.index.events):
                for node in self.expressions.get(event.line_no, ()) if event.kind == "line" else ():
                    try:  # the state at a line event is the one the line runs in
                        value = evaluate(node, self.index.states[i])
                    except Exception:  # noqa: BLE001 - a name the frame lacks, a type error: no value
                        continue
                    runs.setdefault((event.line_no, ast.unparse(node)), []).append(value)
            self._expression_runs = [run for run in runs.values() if len(run) >= 3]
        return self._expression_runs

    def changes(self, names: set[str]) -> list[int]:
        """The events at which any of `names` (or its `self.` attribute) takes a new value: the
        starts of the stretches over which an expression of them keeps its value (0 always)."""
        key = frozenset(names)
        if key not in self._changes:
            starts = {0}
            watched = names | {f"self.{n}" for n in names} | {n.removeprefix("self.") for n in names}
            for i, event in enumerate(self.index.events):
                if event.kind in ("new", "modified", "call", "return") and (event.name in watched or not event.name):
                    starts.add(i)
                    starts.add(min(i + 1, len(self.index.events) - 1))
            self._changes[key] = sorted(starts)
        return self._changes[key]


_FACTS_CACHE: dict[tuple, TraceFacts] = {}
_FACTS_CACHE_SIZE = 64


def trace_facts(trace: Trace) -> TraceFacts:
    """The facts of one trace, computed once however many rationales are judged on it (a pipeline
    judges a trace's forward, backward and bidirectional samples; the checks only add caches)."""
    key = (trace.code, trace.call, trace.text, trace.returned, len(trace.events))
    facts = _FACTS_CACHE.pop(key, None) or _trace_facts(trace)
    _FACTS_CACHE[key] = facts  # most recently used last
    while len(_FACTS_CACHE) > _FACTS_CACHE_SIZE:
        del _FACTS_CACHE[next(iter(_FACTS_CACHE))]
    return facts


def forget_trace_facts() -> None:
    """Drop the cached facts (benchmarks start each pass cold)."""
    _FACTS_CACHE.clear()


def _module_constants(tree: ast.Module) -> dict:
    """Names the module binds once to a literal: the trace shows a frame's locals only, so a test
    such as `w in SMALL` could not be evaluated without them."""
    constants: dict = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue
    return constants


_OBJECT = re.compile(r"<[\w.]+ object\b")


def _trace_facts(trace: Trace) -> TraceFacts:
    index = index_trace(trace)
    facts = TraceFacts(index=index, code_text=squash(trace.code), code_source=trace.code, call=squash(trace.call))
    facts.code_lines = [squash(line) for line in trace.code.splitlines() if len(line.strip()) >= 4]
    for i, event in enumerate(index.events):
        value = index.values[i]
        if event.kind in ("new", "modified"):
            facts.histories.setdefault(event.name, []).append((i, value))
            facts.known_values.append(value)
        elif event.kind == "return" and event.source != "Call ended by exception":
            facts.returns.append(value)
            facts.known_values.append(value)
    facts.returns += index.final_returns
    # (`rover.x` in a narration is the `self.x` the trace shows inside the methods of rover's class)
    facts.instances = {
        name
        for name, history in facts.histories.items()
        if "." not in name and all(isinstance(v, Opaque) and _OBJECT.match(v.text) for _, v in history)
    }
    facts.loop_counts = {count for _, _, count in index.loop_runs}
    # Counts a narration may state besides loop runs: calls of a function, runs of a line.
    calls: dict[str, int] = {}
    lines: dict[tuple[str, int], int] = {}
    for event in index.events:
        if event.kind == "call":
            calls[event.function] = calls.get(event.function, 0) + 1
        elif event.kind == "line":
            lines[(event.function, event.line_no)] = lines.get((event.function, event.line_no), 0) + 1
    facts.loop_counts |= set(calls.values())
    facts.calls_of = calls
    facts.sizes = {len(v) for v in facts.known_values if isinstance(v, (str, list, tuple, dict, set))}
    facts.sizes |= {len(v.split()) for v in facts.known_values if isinstance(v, str)}  # `all 20 words` of a text
    for value in facts.known_values + facts.returns:
        _add_atoms(value, facts.atoms)
    # Values a narration derives in its head: sums, sizes and extremes of traced collections, the
    # lengths of traced strings and of their words, the codes of their characters.
    for value in list(facts.known_values):
        strings = (
            [value]
            if isinstance(value, str)
            else [v for v in value if isinstance(v, str)]
            if isinstance(value, (list, tuple))
            else []
        )
        for text in strings[:200]:
            facts.derived.add(len(text))
            facts.derived.update(len(word) for word in re.findall(r"\w+", text)[:200])
            facts.derived.update(ord(ch) for ch in text[:200])
        items = list(value.values()) if isinstance(value, dict) else value
        if (
            isinstance(items, (list, tuple, set))
            and items
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in items)
        ):
            facts.derived.update({sum(items), min(items), max(items)})
    _read_loops_and_conditions(facts, trace.code)
    facts.loop_variables = {name for targets, _ in facts.loop_names.values() for name in targets}
    # (a loop header runs once more than its loop, at the exit: `ran 5 times` is not said of that)
    facts.line_counts = {count for (_, line), count in lines.items() if line not in facts.loop_names}
    for source in (trace.code, trace.call):
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        nodes = list(ast.walk(tree))  # (walked once: four walks were a fifth of this function's time)
        facts.code_literals += [node.value for node in nodes if isinstance(node, ast.Constant)]
        facts.functions += [n.name for n in nodes if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        facts.code_literals += [
            -node.operand.value
            for node in nodes
            if isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, (int, float))
        ]
        for node in nodes:
            if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
                try:
                    facts.code_literals.append(ast.literal_eval(node))
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    pass
    for value in facts.code_literals:
        _add_atoms(value, facts.atoms)
    facts.string_text = "\x00".join(atom for atom in facts.atoms if isinstance(atom, str))
    return facts


def _bind(code: ast.AST, claim: ast.AST) -> dict[str, object] | None:
    """The variables of `code` that `claim` writes as values (`ch in seen` and `'o' in seen`:
    {'ch': 'o'}), when the two are otherwise the same expression and at least one is bound."""
    bindings: dict[str, object] = {}

    def match(a: ast.AST, b: ast.AST) -> bool:
        if isinstance(a, ast.Name) and isinstance(b, ast.Constant):
            if a.id in bindings and not same_value(bindings[a.id], b.value):
                return False
            bindings[a.id] = b.value
            return True
        if type(a) is not type(b):
            return False
        for field_name, value in ast.iter_fields(a):
            other = getattr(b, field_name, None)
            if isinstance(value, ast.AST):
                if not isinstance(other, ast.AST) or not match(value, other):
                    return False
            elif isinstance(value, list):
                if not isinstance(other, list) or len(value) != len(other):
                    return False
                for x, y in zip(value, other):
                    if isinstance(x, ast.AST) != isinstance(y, ast.AST):
                        return False
                    if (isinstance(x, ast.AST) and not match(x, y)) or (not isinstance(x, ast.AST) and x != y):
                        return False
            elif field_name != "ctx" and value != other:
                return False
        return True

    return bindings if match(code, claim) and bindings else None


def _read_loops_and_conditions(facts: TraceFacts, code: str) -> None:
    """From the code, parsed once: what names each loop and how it nests (`facts.loop_names`,
    `loop_roles`), which lines test which condition (`facts.conditions`), and the module's
    constants (`facts.constants`)."""
    try:
        tree = ast.parse(code)
        facts.constants = _module_constants(tree)
        for node in ast.walk(tree):
            if isinstance(node, (ast.For, ast.While)):
                names = _target_names(node.target) if isinstance(node, ast.For) else set()
                header = code.splitlines()[node.lineno - 1].strip().rstrip(":")
                facts.loop_names[node.lineno] = ({n for n in names if n != "_"}, squash(header))
                facts.loop_ends[node.lineno] = node.end_lineno or node.lineno
                if isinstance(node, ast.For):
                    facts.loop_iterables.add(squash(ast.unparse(node.iter)))
                if isinstance(node, ast.For) and isinstance(node.target, ast.Tuple):
                    if all(isinstance(t, ast.Name) for t in node.target.elts):
                        facts.loop_targets[node.lineno] = tuple(t.id for t in node.target.elts)
                walked = node.iter if isinstance(node, ast.For) else None
                while (  # `enumerate(readings)`, `sorted(words)`: still the readings, the words
                    isinstance(walked, ast.Call)
                    and isinstance(walked.func, ast.Name)
                    and walked.func.id in ("enumerate", "sorted", "reversed", "list", "tuple", "set")
                    and walked.args
                ):
                    walked = walked.args[0]
                if isinstance(walked, (ast.Name, ast.Attribute)):
                    facts.loop_sources[node.lineno] = ast.unparse(walked).removeprefix("self.")
                roles = facts.loop_roles.setdefault(node.lineno, set())
                roles.add("for" if isinstance(node, ast.For) else "while")
                for inner in ast.walk(node):
                    if inner is not node and isinstance(inner, (ast.For, ast.While)):
                        roles.add("outer")
                        facts.loop_roles.setdefault(inner.lineno, set()).add("inner")
                    elif isinstance(inner, ast.comprehension):
                        roles.add("outer")  # `all(row_of[c] == first for c in lw)` in its body: a loop inside too
            tested = isinstance(node, (ast.If, ast.While)) or (
                isinstance(node, ast.Return) and isinstance(node.value, (ast.Compare, ast.BoolOp, ast.UnaryOp))
            )  # `return i == n - 1` tests a condition too
            if isinstance(node, ast.If):
                facts.branches[node.lineno] = (
                    squash(ast.unparse(node.test)),
                    _lines_of(node.body),
                    _lines_of(node.orelse) if node.orelse else None,
                )
            if tested:
                tests = [node.value if isinstance(node, ast.Return) else node.test]
                tests += tests[0].values if isinstance(tests[0], ast.BoolOp) else []
                tests += [t.operand for t in tests if isinstance(t, ast.UnaryOp) and isinstance(t.op, ast.Not)]
                for test in tests:
                    facts.conditions.setdefault(squash(ast.unparse(test)), set()).add(node.lineno)
                    facts.condition_nodes.append((test, node.lineno))
            if isinstance(node, ast.Call):
                facts.calls.setdefault(squash(ast.unparse(node)), set()).add(node.lineno)
                facts.call_nodes.append((node, node.lineno))
            if isinstance(node, ast.stmt):
                facts.expressions.setdefault(node.lineno, []).extend(_computations(node))
    except (SyntaxError, ValueError, RecursionError):
        pass


def _lines_of(block: list[ast.stmt]) -> tuple[int, int]:
    """The first and last line of a block of statements."""
    return block[0].lineno, max(statement.end_lineno or statement.lineno for statement in block)


_PURE_CALLS = frozenset({"len", "sum", "min", "max", "abs", "ord", "chr", "int", "round", "sorted"})


def _computations(statement: ast.stmt) -> list[ast.expr]:
    """The arithmetic and pure builtin calls in a statement's own expressions (a loop's or an
    `if`'s header, not its body): values the program computes without naming them, operands of
    larger computations too (`a * b` in `if (a * b) % m == 1`: "the products are 2, 4, 6")."""
    if isinstance(statement, (ast.If, ast.While)):
        roots = [statement.test]
    elif isinstance(statement, ast.For):
        roots = [statement.iter]
    elif isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Expr)):
        roots = [statement.value] if statement.value is not None else []
    else:
        return []
    found = []
    if isinstance(statement, ast.AugAssign) and isinstance(statement.target, (ast.Name, ast.Attribute)):
        # `acc += s` computes `acc + s`: the value acc takes there ("acc after each addition is 3, 8, 10")
        target = ast.parse(ast.unparse(statement.target), mode="eval").body
        found.append(ast.fix_missing_locations(ast.BinOp(left=target, op=statement.op, right=statement.value)))
    for root in roots:
        for node in ast.walk(root):
            if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                break  # names bound inside have no traced value
            pure_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _PURE_CALLS
            if isinstance(node, ast.BinOp) or pure_call:
                found.append(node)
    return found


def _frozen(value: object) -> object:
    """A hashable form of `value`: two forms are equal exactly when `same_value` says the values
    are (collections tagged by kind, so `[1, 2]` is not `(1, 2)`, and `{1}` is `frozenset({1})`)."""
    return _freeze(canonical(value))


def _freeze(value: object) -> object:
    if isinstance(value, list):
        return ("list", tuple(map(_freeze, value)))
    if isinstance(value, tuple):
        return ("tuple", tuple(map(_freeze, value)))
    if isinstance(value, (set, frozenset)):
        return ("set", frozenset(map(_freeze, value)))
    if isinstance(value, dict):
        return ("dict", frozenset((_freeze(k), _freeze(v)) for k, v in value.items()))
    return value


def _add_atoms(value: object, atoms: set, depth: int = 0) -> None:
    """`value` and what it holds (items, keys, values), in hashable form (`_frozen`)."""
    if depth > 3:
        return
    try:
        atoms.add(_frozen(value))
    except (TypeError, RecursionError):  # an unhashable object pysnooper showed, or nesting too deep
        pass
    if isinstance(value, dict):
        for key, item in value.items():
            _add_atoms(key, atoms, depth + 1)
            _add_atoms(item, atoms, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _add_atoms(item, atoms, depth + 1)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _literal(text: str) -> object:
    text = {"true": "True", "false": "False", "none": "None"}.get(text.strip().lower(), text.strip())
    return ast.literal_eval(text)


def contains(value: object, wanted: object, depth: int = 0) -> bool:
    """`wanted` is the value, an element (or key) of it, or a word or substring of a string value."""
    if depth > 3:
        return False
    if same_value(value, wanted):
        return True
    if isinstance(value, str) and isinstance(wanted, str) and wanted and wanted in value:
        return True
    if isinstance(value, dict):
        return any(contains(k, wanted, depth + 1) or contains(v, wanted, depth + 1) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(contains(item, wanted, depth + 1) for item in value)
    return False


def grounded_literal(facts: TraceFacts, wanted: object) -> bool:
    if isinstance(wanted, bool) or wanted is None:
        return True  # truth words are judged by the comparisons and returns they belong to
    if isinstance(wanted, int) and not isinstance(wanted, bool):
        if wanted in facts.loop_counts or 0 <= wanted <= 2:
            return True
        sizes = facts.sizes
        if wanted in sizes or (sizes and 0 <= wanted < max(sizes)) and _any_index(facts, wanted):
            return True
    if isinstance(wanted, (int, float)) and wanted in facts.derived:
        return True
    if isinstance(wanted, (int, float)) and not isinstance(wanted, bool):  # `1.2` in the version string "1.2.2"
        digits = repr(wanted)
        if any(isinstance(v, str) and digits in v for v in facts.known_values + facts.code_literals):
            return True
    try:
        if _frozen(wanted) in facts.atoms:  # the value, or an item, key or value of one, at any depth
            return True
    except (TypeError, RecursionError):
        pass
    if isinstance(wanted, str):  # a word or substring of a string the run or code holds
        return bool(wanted) and wanted in facts.string_text
    # A collection the narration builds from a traced one: a slice, its keys, its values, sorted.
    if isinstance(wanted, (list, tuple)) and wanted:
        return any(_derived_from(value, list(wanted)) for value in facts.known_values + facts.code_literals)
    return False


def _derived_from(value: object, wanted: list) -> bool:
    if isinstance(value, dict):
        return _derived_from(list(value), wanted) or _derived_from(list(value.values()), wanted)
    if not isinstance(value, (list, tuple, str, set)):
        return False
    items = sorted(value, key=repr) if isinstance(value, set) else list(value)
    n = len(wanted)
    if any(all(same_value(a, b) for a, b in zip(items[i : i + n], wanted)) for i in range(len(items) - n + 1)):
        return True
    if n < 3:
        return False  # (two entries the other way round is a swap slip, `[14, 4]` for [4, 14], not a sort)
    try:
        return sorted(items) == wanted or sorted(items, reverse=True) == wanted  # sorted, not any order
    except TypeError:
        return False


def _any_index(facts: TraceFacts, wanted: int) -> bool:
    """Small ints that are an index of a traced sequence (positions are talked about freely)."""
    return any(isinstance(v, (list, tuple, str)) and wanted < len(v) for v in facts.known_values)
