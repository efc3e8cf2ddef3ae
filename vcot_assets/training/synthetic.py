"""vcot-shaped chat samples from real traced executions, for trainer tests and GPU throughput runs.

The pipeline's `training_sets` is the real source of training data; this module exists so the
trainer can be exercised (CI, the accelerator machine) without running the whole pipeline first.
Every sample is honest: the function is executed under `sys.settrace` and the assistant turn
narrates the recorded line events and variable values, then states the answer as vcot samples do.

    python -m vcot_assets.training.synthetic --out samples.jsonl --count 4000 [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

# Each program is source text defining one function; inputs are drawn by its generator.
_PROGRAMS: list[tuple[str, Callable[[random.Random], tuple]]] = [
    (
        "def running_total(xs):\n"
        "    out = []\n"
        "    total = 0\n"
        "    for x in xs:\n"
        "        total += x\n"
        "        out.append(total)\n"
        "    return out\n",
        lambda r: ([r.randint(-9, 9) for _ in range(r.randint(2, 7))],),
    ),
    (
        "def count_vowels(text):\n"
        "    count = 0\n"
        "    for ch in text.lower():\n"
        "        if ch in 'aeiou':\n"
        "            count += 1\n"
        "    return count\n",
        lambda r: ("".join(r.choice("abcdeioxyzu ") for _ in range(r.randint(3, 10))),),
    ),
    (
        "def collatz_steps(n):\n"
        "    steps = 0\n"
        "    while n != 1:\n"
        "        if n % 2 == 0:\n"
        "            n = n // 2\n"
        "        else:\n"
        "            n = 3 * n + 1\n"
        "        steps += 1\n"
        "    return steps\n",
        lambda r: (r.randint(2, 12),),
    ),
    (
        "def dedupe_keep_order(items):\n"
        "    seen = set()\n"
        "    result = []\n"
        "    for item in items:\n"
        "        if item not in seen:\n"
        "            seen.add(item)\n"
        "            result.append(item)\n"
        "    return result\n",
        lambda r: ([r.randint(0, 5) for _ in range(r.randint(3, 8))],),
    ),
    (
        "def word_lengths(sentence):\n"
        "    lengths = {}\n"
        "    for word in sentence.split():\n"
        "        lengths[word] = len(word)\n"
        "    return lengths\n",
        lambda r: (
            " ".join(r.choice(["map", "reduce", "a", "lambda", "zip", "iter"]) for _ in range(r.randint(2, 5))),
        ),
    ),
    (
        "def max_gap(values):\n"
        "    ordered = sorted(values)\n"
        "    best = 0\n"
        "    for left, right in zip(ordered, ordered[1:]):\n"
        "        gap = right - left\n"
        "        if gap > best:\n"
        "            best = gap\n"
        "    return best\n",
        lambda r: ([r.randint(0, 40) for _ in range(r.randint(2, 7))],),
    ),
]


def _trace_call(source: str, args: tuple) -> tuple[list[tuple[int, dict]], object, str]:
    """Run the program's function on args; return (line events with locals, result, name)."""
    namespace: dict = {}
    exec(compile(source, "<program>", "exec"), namespace)  # noqa: S102 - our own fixed programs
    name = source.split("(", 1)[0].removeprefix("def ")
    func = namespace[name]
    events: list[tuple[int, dict]] = []

    def tracer(frame, event, _arg):
        if frame.f_code is not func.__code__:
            return None
        if event == "line":
            events.append((frame.f_lineno, {k: repr(v) for k, v in frame.f_locals.items()}))
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = func(*args)
    finally:
        sys.settrace(previous)
    return events, result, name


def _narrate(source: str, events: list[tuple[int, dict]]) -> list[str]:
    """One sentence per executed line, naming the variables that line changed."""
    lines = source.splitlines()
    if not events:
        return []
    arguments = ", ".join(f"{k} = {v}" for k, v in events[0][1].items())
    steps = [f"On entry, {arguments}."]
    # Locals seen at a line event are those before the line runs, so a line's effect shows
    # in the locals of the event that follows it.
    for (lineno, before), (_, after) in zip(events, events[1:] + [(0, events[-1][1])]):
        changed = [f"{k} = {v}" for k, v in after.items() if before.get(k) != v]
        note = f" Now {', '.join(changed)}." if changed else ""
        steps.append(f"Line {lineno} runs `{lines[lineno - 1].strip()}`.{note}")
    return steps


def make_sample(rng: random.Random, index: int) -> dict:
    source, draw = _PROGRAMS[rng.randrange(len(_PROGRAMS))]
    args = draw(rng)
    events, result, name = _trace_call(source, args)
    call = f"{name}({', '.join(repr(a) for a in args)})"
    steps = _narrate(source, events)
    view = rng.choice(["forward", "backward"])
    if view == "forward":
        question = f"What does `{call}` return? Reason step by step through the execution."
        answer = repr(result)
    else:
        question = f"Find an input such that `{name}(??) == {result!r}`. Reason step by step through the execution."
        answer = call
    reasoning = "\n".join(steps)
    assistant = (
        f"Let me execute `{call}` line by line.\n{reasoning}\n"
        f"The function returns {result!r}.\n[ANSWER]{answer}[/ANSWER]"
    )
    return {
        "id": f"synthetic-{index}",
        "view": view,
        "messages": [
            {"role": "user", "content": f"```python\n{source}```\n{question}"},
            {"role": "assistant", "content": assistant},
        ],
        "provenance": {"source": "vcot_assets.training.synthetic", "teacher": "none"},
    }


def generate_samples(count: int, seed: int = 0) -> Iterator[dict]:
    rng = random.Random(seed)
    for index in range(count):
        yield make_sample(rng, index)


def write_samples(path: Path, count: int, seed: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for sample in generate_samples(count, seed):
            handle.write(json.dumps(sample) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_samples(args.out, args.count, args.seed)
    print(f"wrote {args.count} samples to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
