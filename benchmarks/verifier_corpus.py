"""How well vcot's verifier judges narrations written the way real teachers write.

    python benchmarks/verifier_corpus.py                  # the development part
    python benchmarks/verifier_corpus.py --split heldout  # the held-out part: score it once, at the end
    python benchmarks/verifier_corpus.py --paper          # the paper's own three rationales

The corpus (vcot_assets_tests/data/corpora/narrations/) was written by helpers who saw only
what a teacher sees (prompt, program, call, trace); every value in it was checked against real
execution by the writers' own checkers. Each program has a faithful narration and 2-3 copies
holding one realistic error. This script shares no code with the verifier: it writes the
teacher replies to a file and runs the public command, `vcot verify`, on it.

Figures: faithful narrations accepted (per style, family, direction, trace length), and error
copies rejected (per error kind, and from round 11 on per whether the run holds the wrong value
at another moment), counting only copies whose faithful version was accepted (a copy of a
rejected narration says nothing about the error).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "vcot_assets_tests" / "data" / "corpora" / "narrations"
PAPER = REPO / "vcot_assets_tests" / "data" / "corpora" / "paper" / "paper_rationales.jsonl"


HELD = "error kind, by where the run holds the wrong value"


def band(events: int) -> str:
    return "<30" if events < 30 else "30-100" if events <= 100 else ">100"


def load(split: str) -> list[dict]:
    """The split's items as `SPLITS.json` lists them (round 1's spent held-out part is development data now)."""
    splits = json.loads((CORPUS.parent / "SPLITS.json").read_text(encoding="utf-8"))
    rows = []
    for name in splits[split]["narrations"]:
        path = CORPUS.parent / name
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        raise SystemExit(f"no narrations in the {split} split of SPLITS.json")
    return rows


def verify(rows: list[dict], workers: int) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "rationales.jsonl"
        with open(source, "w", encoding="utf-8") as handle:
            for row in rows:
                line = {
                    "id": row["id"],
                    "code": row["code"],
                    "call": row["call"],
                    "direction": row["direction"],
                    "reply": row["rationale"],
                }
                handle.write(json.dumps(line) + "\n")
        env = dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True")
        done = subprocess.run(
            [sys.executable, "-m", "vcot_assets.cli", "verify", str(source), "--workers", str(workers)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"vcot verify failed ({done.returncode}): {done.stderr[-2000:]}")
    return {report["id"]: report for report in map(json.loads, done.stdout.splitlines())}


def in_think_block(text: str, quote: str) -> bool:
    """Whether `quote` occurs only inside a `<think>...</think>` block of `text`."""
    at = text.find(quote)
    if at < 0:
        return False
    opened, closed = text.rfind("<think>", 0, at), text.rfind("</think>", 0, at)
    return opened > closed and text.find("</think>", at) > 0 and quote not in text[text.find("</think>", at) :]


def share(accepted: int, total: int) -> str:
    return f"{accepted}/{total} = {100 * accepted / total:5.1f}%" if total else "-"


def table(title: str, counts: dict[str, list[int]]) -> None:
    print(f"\n{title}")
    width = max([34] + [len(name) + 1 for name in counts])
    for name in sorted(counts):
        good, total = counts[name]
        print(f"  {name:{width}} {share(good, total)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "heldout"))
    parser.add_argument("--paper", action="store_true", help="score the paper's three published rationales")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show", type=int, default=0, help="print up to N misjudged items")
    args = parser.parse_args()
    rows = [json.loads(line) for line in PAPER.read_text().splitlines()] if args.paper else load(args.split)
    started = time.perf_counter()
    reports = verify(rows, args.workers)
    elapsed = time.perf_counter() - started
    faithful = {r["id"]: r for r in rows if r["label"] == "faithful"}
    by: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    shown = 0
    for row in rows:
        report = reports[row["id"]]
        accepted = report["accepted"]
        if row["label"] == "faithful":
            for key, value in (
                ("style", row["style"]),
                ("family", row["family"]),
                ("direction", row["direction"]),
                ("trace length", band(row["trace_events"])),
                ("all", "faithful"),
            ):
                by[key][value][0] += accepted
                by[key][value][1] += 1
            if not accepted and shown < args.show:
                shown += 1
                print(f"--- faithful rejected {row['id']} ({row['style']}): {report['reasons'][:3]}")
            continue
        base = faithful.get(row.get("faithful_id") or "")
        if base is None or not reports[base["id"]]["accepted"]:
            by["error copies of rejected faithful"]["skipped"][1] += 1
            continue
        kind = row["error"]["kind"]
        for key, value in (("error kind", kind), ("errors by style", row["style"]), ("all", "errors")):
            by[key][value][0] += not accepted
            by[key][value][1] += 1
        if "held_elsewhere" in row["error"]:  # (round 11 on: the writer says whether the run holds it elsewhere)
            where = "held elsewhere" if row["error"]["held_elsewhere"] else "held nowhere/not marked"
            by[HELD][f"{kind}: {where}"][0] += not accepted
            by[HELD][f"{kind}: {where}"][1] += 1
        if accepted and in_think_block(row["rationale"], row["error"]["quote"]):
            # vcot strips a `<think>` block before it stores a rationale: this error is not in the sample
            by["errors accepted"]["inside a <think> block vcot does not store"][0] += 1
        if accepted and shown < args.show:
            shown += 1
            print(f"--- error accepted {row['id']} ({kind}): {row['error']['quote']!r}")
    print(
        f"verifier on the narration corpus ({'paper' if args.paper else args.split}): {len(rows)} items, "
        f"{elapsed:.1f} s including tracing"
    )
    titles = ["all", "style", "family", "direction", "trace length", "error kind", "errors by style"]
    for title in titles + ([HELD] if by[HELD] else []):
        label = {"all": "overall (faithful accepted; errors rejected)"}.get(title, title)
        table(label, by[title])
    errors = by["all"]["errors"]
    in_think = by["errors accepted"]["inside a <think> block vcot does not store"][0]
    print(
        f"\nerrors accepted: {errors[1] - errors[0]}, of which inside a <think> block vcot strips before storing: {in_think}"
    )
    if args.paper:
        for row in rows:
            report = reports[row["id"]]
            print(
                f"  {row['id']}: accepted={report['accepted']} (paper: {row['paper_verdict']}) "
                f"{report['reason_codes'][:4]}"
            )


if __name__ == "__main__" and "--speed" not in sys.argv:
    main()


def captured_traces(cases: dict[str, tuple[str, str]]) -> dict:
    """Each case's `Trace`, by its key: `vcot trace` run once over the (code, call) cases."""
    sys.path.insert(0, str(REPO))
    from vcot_assets.core.grounding.records import Trace, TraceEvent

    keys = list(cases)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "cases.jsonl"
        source.write_text(
            "".join(
                json.dumps({"id": str(i), "code": cases[k][0], "call": cases[k][1]}) + "\n" for i, k in enumerate(keys)
            )
        )
        env = dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True")
        done = subprocess.run(
            [sys.executable, "-m", "vcot_assets.cli", "trace", str(source)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
        )
    if done.returncode:  # (`vcot trace` says why, e.g. no bubblewrap on a fresh machine: show it, not a traceback)
        raise SystemExit(f"vcot trace failed (exit {done.returncode}):\n{done.stderr.strip()[-2000:]}")
    traces = {}
    for line in done.stdout.splitlines():
        d = json.loads(line)
        key = keys[int(d["id"])]
        traces[key] = Trace(
            trace_id=key,
            code=cases[key][0],
            call=cases[key][1],
            status=d["status"],
            text=d["trace"],
            events=[TraceEvent(**e) for e in d["events"]],
            returned=d["returned"],
            raw_chars=d["raw_chars"],
            chars=d["chars"],
            truncated=d["truncated"],
        )
    return traces


def speed(rows: list[dict], rounds: int = 3) -> float:
    """Rationales per second on one core, verification alone, on traces captured once: the public
    entry points (`vcot trace` for the traces, then `verify_forward`/`verify_backward`)."""
    sys.path.insert(0, str(REPO))
    from vcot_assets.core.grounding.records import Rationale
    from vcot_assets.core.synthesis.reading import read_teacher_text
    from vcot_assets.core.verifier.trace_facts import forget_trace_facts
    from vcot_assets.core.verifier.verdict import verify_backward, verify_forward

    traces = captured_traces({row["id"]: (row["code"], row["call"]) for row in rows})
    work = []
    for row in rows:
        reading = read_teacher_text(f"narrate_{row['direction']}", row["rationale"])
        if reading.rejection is None:
            work.append((row, Rationale(row["id"], row["id"], row["direction"], *reading.value)))
    passes = []
    for _ in range(rounds):
        forget_trace_facts()  # each pass starts cold: no trace's facts carried over from the last pass
        started = time.process_time()
        for row, rationale in work:
            trace = traces[row["id"]]
            if row["direction"] == "forward":
                verify_forward(rationale, trace)
            else:
                verify_backward(rationale, trace.returned, trace)
        passes.append(len(work) / (time.process_time() - started))
    return statistics.median(passes)


if __name__ == "__main__" and "--speed" in sys.argv:
    print(
        f"{speed(load('dev')):,.0f} rationales/s per core (verification alone, dev part, median of 3 cold passes;"
        " within a pass the copies of one program share their trace's facts, as a pipeline's samples of one trace do)"
    )
