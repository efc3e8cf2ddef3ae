"""Narrating a trace forward (input to output) and backward (output to input).

The narrator reads the trace in the prompt with its own reader (`trace_reader`), lists the
facts of the run (`story`), and words them in one of six styles (`styles`), picked per trace
by the seed. Loops are told pass by pass, or summed up by the values their variables go
through. At the configured rates it slips the way a model does (`slips`): one mistake in the
reasoning, a wrong final answer or input, or no `Answer:` line at all.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from . import slips
from .prompt import ParsedPrompt
from .rates import FailureRates, happens, pick
from .story import Fact, facts, final_return, is_literal, top_calls
from .styles import MAX_FACTS, STYLES, Voice, backward_sentence, bounded, forward_sentence
from .trace_reader import read_trace

MAX_SERIES = 3  # variables a loop summary follows
SUMMARY_STYLES = ("paper", "paragraphs", "loop_summary")


@dataclass
class LoopSummary:
    header: str
    passes: int
    ended: Fact | None  # the loop's end fact; None when the function returned from inside it
    series: list[tuple[str, list[str]]] = field(default_factory=list)
    final: dict[str, str] = field(default_factory=dict)


def _groups(told: list[Fact]) -> list[tuple[int | None, list[Fact]]]:
    """Runs of consecutive facts that belong to one outermost loop (None: outside loops)."""
    groups: list[tuple[int | None, list[Fact]]] = []
    for f in told:
        if groups and groups[-1][0] == f.loop:
            groups[-1][1].append(f)
        else:
            groups.append((f.loop, [f]))
    return groups


def _summary(group: list[Fact]) -> LoopSummary:
    header = next(
        (f.loop_source or f.source for f in group if f.kind in ("loop_pass", "loop_end") or f.head == "while"), ""
    )
    ends = [f for f in group if f.kind == "loop_end" and f.loop_source == header]
    passes = sum(
        1 for f in group if (f.kind == "loop_pass" and f.loop_source == header) or (f.source == header and f.truth)
    )
    history: dict[str, list[str]] = {}
    for f in group:
        label = f.name if f.kind == "assign" else f"{f.who} yields" if f.kind == "yield" else ""
        if label and is_literal(f.value):
            values = history.setdefault(label, [])
            if not values or values[-1] != f.value:
                values.append(f.value)
    targets = _loop_targets(header)
    # The values a loop works on say more than its counter: those first, the loop variable last.
    ranked = sorted(history.items(), key=lambda item: item[0] in targets)
    # A list that grows each pass is not worth listing pass by pass once it passes a few.
    series = [
        (name, values)
        for name, values in ranked
        if len(values) >= 2 and (len(values) <= 4 or not values[-1].startswith(("[", "{", "(")))
    ][:MAX_SERIES]
    final = {name: values[-1] for name, values in series}
    return LoopSummary(header, ends[-1].count if ends else passes, ends[-1] if ends else None, series, final)


def _loop_targets(header: str) -> set[str]:
    try:
        node = ast.parse(header.strip() + "\n    pass").body[0]
    except (SyntaxError, IndexError):
        return set()
    if not isinstance(node, (ast.For, ast.AsyncFor)):
        return set()
    return {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}


def _summable(s: LoopSummary) -> bool:
    """A loop that ran to its end, or several passes of one left by a return: not a generator's pause."""
    return s.ended is not None or s.passes >= 2


def _reflected(s: LoopSummary) -> bool:
    """Whether a style that tells loops pass by pass also sums this one up afterwards."""
    return bool(s.series) and len(s.series[0][1]) >= 3 and not s.series[0][0].endswith(" yields")


def _values(values: list[str]) -> str:
    if len(values) > 10:
        return ", ".join(values[:6]) + ", and so on up to " + values[-1]
    return ", ".join(values[:-1]) + " and " + values[-1] if len(values) > 1 else values[0]


def _summary_sentences(s: LoopSummary, voice: Voice, backward: bool = False) -> list[str]:
    loop = f"`{s.header.rstrip(':')}`" if s.header else "the loop"
    count = s.ended.count if s.ended is not None else s.passes
    times = "once" if count == 1 else f"{voice.num(str(count))} times"
    if s.ended is None:
        first = f"The loop {loop} runs until the function returns from inside it, on pass {voice.num(str(count))}."
    elif backward:
        first = voice.choose(f"Going back through the loop {loop}: it ran {times}.", f"The loop {loop} ran {times}.")
    else:
        first = voice.choose(f"The loop {loop} runs {times}.", f"The loop {loop} goes round {times}.")
    said = [first]
    for name, values in s.series:
        shown = voice.code(name)
        if name.endswith(" yields"):
            said.append(f"{name[: -len(' yields')]} yields {_values(values)} in turn.")
        elif backward:
            said.append(f"Over those passes {shown} went {_values(values)}.")
        else:
            said.append(
                voice.choose(
                    f"{shown} goes {_values(values)}.",
                    f"{shown} takes the values {_values(values)} in turn.",
                    f"Over the passes, {shown} goes {_values(values)}.",
                )
            )
    if s.series and s.ended is not None and not backward:
        name, _ = s.series[0]
        if not name.endswith(" yields"):
            said.append(f"After the loop, {voice.code(name)} = {s.final[name]}.")
    return said


@dataclass
class Told:
    """What one narration tells: its facts in order, and the loop summaries it states."""

    facts: list[Fact]
    cut: bool
    summaries: dict[int, LoopSummary]  # by loop instance, for the styles that sum loops up

    def summary_lists(self, style: str) -> list[list[str]]:
        if style == "loop_summary":
            return [values for s in self.summaries.values() if _summable(s) for _, values in s.series]
        if style not in SUMMARY_STYLES:
            return []
        # The other styles state only each loop's main series, after telling the loop pass by pass.
        return [values for s in self.summaries.values() for _, values in s.series[:1] if _reflected(s)]

    def slip_sites(self, style: str) -> list[Fact]:
        if style != "loop_summary":
            return self.facts
        return [f for f in self.facts if f.loop is None] + [
            s.ended for s in self.summaries.values() if s.ended is not None
        ]


def _told(all_facts: list[Fact], style: str) -> Told:
    # Summed-up loops are short however long they ran, so that style cuts only very long runs.
    shown, cut = bounded(all_facts, MAX_FACTS * 10 if style == "loop_summary" else MAX_FACTS)
    summaries = {loop: _summary(group) for loop, group in _groups(shown) if loop is not None}
    return Told(shown, cut, summaries)


def narration_style(p: ParsedPrompt, seed: int) -> str:
    """The style a narration prompt is answered in: one per program, call and seed."""
    return pick(STYLES, "style", p.section("program"), p.section("call") or p.section("output"), seed)


def _slip(told: Told, style: str, salt: str, rates: FailureRates) -> str:
    if not happens(rates.reasoning_slip, "reasoning slip", salt):
        return ""
    return slips.slip_reasoning(told.slip_sites(style), list(slips.REASONING_SLIPS), salt, told.summary_lists(style))


# Forward


def _forward_lines(told: Told, voice: Voice) -> list[str]:
    """Sentences in order; loop groups summed up in the loop-summary style; '' between paragraphs."""
    lines: list[str] = []
    for loop, group in _groups(told.facts):
        if loop is not None and voice.style == "loop_summary" and _summable(told.summaries[loop]):
            lines += ["", *_summary_sentences(told.summaries[loop], voice), ""]
            continue
        for f in group:
            if f.kind == "return" and told.cut:
                lines.append("The remaining steps go on in the same way until the call finishes.")
            if f.kind == "loop_pass" and f.count > 1:
                lines.append("")
            lines.append(forward_sentence(f, voice))
        if loop is not None and voice.style == "paragraphs" and _reflected(told.summaries[loop]):
            name, values = told.summaries[loop].series[0]
            lines.append(f"So over the loop, {name} went {_values(values)}.")
    if told.cut and not (told.facts and told.facts[-1].kind == "return"):
        lines.append("The remaining steps go on in the same way until the call finishes.")
    return lines


def _paragraphs(
    lines: list[str], voice: Voice, size: int = 5, connectors: tuple[str, ...] = ("Then", "Next,", "After that,", "")
) -> str:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line or len(paragraphs[-1]) >= size:
            if paragraphs[-1]:
                paragraphs.append([])
            if not line:
                continue
        if not paragraphs[-1] and len(paragraphs) > 1:
            line = _joined(voice.choose(*connectors), line) if connectors else line
        paragraphs[-1].append(line)
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _joined(connector: str, sentence: str) -> str:
    if not connector:
        return sentence
    if sentence.startswith("So "):
        sentence = sentence[3:]
    if sentence.startswith(("The ", "That ", "Now ", "Pass ", "Over ", "After ", "Going ", "Before ")):
        sentence = sentence[0].lower() + sentence[1:]
    return f"{connector} {sentence}"


def _numbered(lines: list[str]) -> str:
    items = [line for line in lines if line]
    return "\n".join(f"{i}. {line}" for i, line in enumerate(items, 1))


def _function_node(code: str, name: str) -> ast.FunctionDef | None:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    return next((n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name), None)


def _plan(node: ast.FunctionDef | None) -> list[str]:
    """The function's top-level statements, as a plan."""
    if node is None:
        return ["Follow the call line by line.", "Return the result."]
    plan: list[str] = []
    for statement in node.body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue
        if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            names = ", ".join(f"`{ast.unparse(t)}`" for t in targets)
            step = f"Set up {names}."
            if plan and plan[-1].startswith("Set up "):
                plan[-1] = plan[-1][:-1] + f" and {names}."
                continue
        elif isinstance(statement, ast.For):
            step = f"Loop over `{ast.unparse(statement.iter)}` with `{ast.unparse(statement.target)}`."
        elif isinstance(statement, ast.While):
            step = f"Repeat while `{ast.unparse(statement.test)}`."
        elif isinstance(statement, ast.If):
            step = f"Check `{ast.unparse(statement.test)}`."
        elif isinstance(statement, ast.Return):
            step = f"Return `{ast.unparse(statement.value)}`." if statement.value is not None else "Return."
        elif isinstance(statement, ast.FunctionDef):
            step = f"Define the helper `{statement.name}`."
        else:
            step = f"Run `{ast.unparse(statement).splitlines()[0]}`."
        plan.append(step)
    return plan[:7]


def _main_function(events_calls: list[tuple[str, list[tuple[str, str]]]]) -> tuple[str, list[str]]:
    names = [name for name, _ in events_calls]
    main = next((n for n in reversed(names) if n != "__init__"), names[0] if names else "")
    params = next((a for n, a in events_calls if n == main), [])
    return main, [n for n, _ in params]


def _paper_forward(told: Told, voice: Voice, code: str, call: str, calls, answer: str) -> list[str]:
    main, params = _main_function(calls)
    quoted = [f"`{p}`" for p in params]
    takes = ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else "".join(quoted)
    understand = f"`{main}` takes {takes}." if takes else f"`{main}` takes no arguments."
    understand += f" We follow `{call}` and work out what it returns."
    plan = _plan(_function_node(code, main))
    execute: list[str] = []
    for loop, group in _groups(told.facts):
        for f in group:
            if f.kind == "loop_pass":
                execute += ["", f"**Iteration {f.count}:**"]
                continue
            if f.kind == "return" and told.cut:
                execute.append("- The remaining steps go on in the same way until the call finishes.")
            execute.append("- " + forward_sentence(f, voice))
        if loop is not None:
            execute.append("")
    reflect = [voice.choose(f"The call returns `{answer}`.", f"So `{main}` gives `{answer}`.")]
    for s in told.summaries.values():
        if _reflected(s):
            name, values = s.series[0]
            reflect.append(f"Over the loop, `{name}` went {_values(values)}.")
    return [
        "### Understand",
        understand,
        "",
        "### Plan",
        _numbered(plan),
        "",
        "### Execute",
        re.sub(r"\n{3,}", "\n\n", "\n".join(execute)).strip(),
        "",
        "### Reflect",
        " ".join(reflect),
        "",
    ]


def _forward_text(told: Told, voice: Voice, code: str, call: str, calls, answer: str) -> str:
    lines = _forward_lines(told, voice)
    if voice.style == "paper":
        return "\n".join(_paper_forward(told, voice, code, call, calls, answer))
    if voice.style == "steps":
        intro = voice.choose(f"Let's go through {call} step by step.", f"We follow {call} one step at a time.")
        return f"{intro}\n\n<Steps>\n{_numbered(lines)}\n</Steps>\n"
    if voice.style == "restated_code":
        return f"We call `{call}`.\n\n{_numbered(lines)}\n"
    intro = voice.choose(f"We run {call}.", f"Let's work out what {call} returns.", f"The call is {call}.")
    return f"{intro}\n\n{_paragraphs(lines, voice)}\n"


def narrate_forward(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    trace = p.fenced("execution trace")
    events = read_trace(trace)
    call = p.section("call").strip()
    salt = f"{call}|{trace}|{seed}"
    style = narration_style(p, seed)
    run = facts(events, p.fenced("program"))
    told = _told(run, style)
    answer = final_return(events)
    _slip(told, style, salt, rates)
    if happens(rates.wrong_answer, "wrong_answer", salt):
        wrong = slips.wrong_answer(answer, run, salt)
        if wrong is not None:
            answer = wrong
            for f in told.facts:
                if f.kind == "return":
                    f.value = wrong
    text = _forward_text(told, Voice(style, salt), p.fenced("program"), call, top_calls(events), answer)
    if happens(rates.missing_answer, "missing_answer", salt):
        return text.rstrip()
    return f"{text.rstrip()}\n\nAnswer: {answer}"


# Backward


def _call_expression(calls: list[tuple[str, list[tuple[str, str]]]], function: str) -> str | None:
    """The traced call rebuilt from the top-level calls' arguments."""
    if not calls or any(not is_literal(v) for _, args in calls for _, v in args):
        return None
    if calls[0][0] == "__init__" and len(calls) > 1:
        ctor, (method, args) = calls[0][1], calls[-1]
        return f"{function}({', '.join(v for _, v in ctor)}).{method}({', '.join(v for _, v in args)})"
    name, args = calls[0]
    return f"{function or name}({', '.join(v for _, v in args)})"


def _backward_lines(told: Told, voice: Voice, output: str) -> list[str]:
    returned = next((f for f in reversed(told.facts) if f.kind == "return"), None)
    lines = [voice.choose(f"The output is {output}.", f"We need a call that returns {output}.")]
    if returned is not None and returned.source.startswith("return"):
        lines.append(f"It is what `{returned.source}` gives back.")
    earlier = [f for f in told.facts if f.kind != "return"]
    for loop, group in reversed(_groups(earlier)):
        if loop is not None and voice.style == "loop_summary" and _summable(told.summaries[loop]):
            lines += ["", *_summary_sentences(told.summaries[loop], voice, backward=True), ""]
            continue
        for f in reversed(group):
            sentence = backward_sentence(f, voice)
            if sentence:
                lines.append(sentence)
            if f.kind == "loop_pass" and f.count == 1:
                lines.append("")
    if told.cut:
        lines.append("The steps before these go the same way back to the start.")
    return lines


def _arguments_sentence(calls, voice: Voice) -> str:
    args = [f"{n} = {v}" for _, a in calls[:1] for n, v in a]
    if not args:
        return ""
    shown = [voice.code(a) for a in args]
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    return f"So the arguments are {listed}."


def _backward_text(told: Told, voice: Voice, output: str, calls, call: str, closing: str) -> str:
    lines = _backward_lines(told, voice, output)
    if voice.style == "paper":
        main, _ = _main_function(calls)
        execute = _numbered(lines[2:] + [closing])
        return "\n".join(
            [
                "### Understand",
                f"`{main}` returned `{output}`. {lines[1] if len(lines) > 1 else ''}".strip(),
                "",
                "### Plan",
                _numbered(
                    [
                        "Start from the returned value.",
                        "Walk back through the loops and branches that produced it.",
                        "Read off the arguments.",
                    ]
                ),
                "",
                "### Execute",
                execute,
                "",
                "### Reflect",
                f"Running `{call}` forward goes through the same steps and returns `{output}`.",
            ]
        )
    if voice.style == "steps":
        return f"<Steps>\n{_numbered(lines + [closing])}\n</Steps>\n"
    if voice.style == "restated_code":
        return _numbered(lines + [closing]) + "\n"
    return _paragraphs(lines, voice, connectors=()) + "\n\n" + closing + "\n"


def narrate_backward(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    trace = p.fenced("execution trace")
    events = read_trace(trace)
    output = p.section("output").strip()
    salt = f"{output}|{trace}|{seed}"
    style = narration_style(p, seed)
    m = re.search(r"such as\s+(.+?)\(\.\.\.\)", p.section("output format"))
    calls = top_calls(events)
    call = _call_expression(calls, m.group(1).strip() if m else "")
    told = _told(facts(events, p.fenced("program")), style)
    _slip(told, style, salt, rates)
    voice = Voice(style, salt)
    if call is None:
        return _backward_text(told, voice, output, calls, "the call", _arguments_sentence(calls, voice)).rstrip()
    stated = call
    if happens(rates.wrong_answer, "wrong_answer", salt):
        stated = slips.wrong_call(call, salt)
    # A model that misremembers an input writes the input it believes in.
    closing = _arguments_sentence(calls, voice) if stated == call else f"So a call such as {stated} gives {output}."
    text = _backward_text(told, voice, output, calls, stated, closing)
    if happens(rates.missing_answer, "missing_answer", salt):
        return text.rstrip()
    return f"{text.rstrip()}\n\nAnswer: {stated}"
