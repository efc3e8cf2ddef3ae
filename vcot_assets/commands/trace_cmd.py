"""`vcot trace CASES.jsonl`: trace calls under pysnooper in the sandbox, one JSON line per case.

Input lines: {"id": str, "code": str, "call": str} where `call` is an expression such as
`f([1, 2], 3)` or `Name(1).method(2)`. Output lines, in input order, on stdout:
{"id", "status", "detail", "trace", "events", "returned", "raw_chars", "chars", "truncated",
"python_version", "sha256"}: `trace` is the sanitized text, `events` the structured steps.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from vcot_assets.commands.isolation import add_isolation_argument, allowance, announce
from vcot_assets.core.grounding.tracing import build_trace
from vcot_assets.core.sandbox_records import TraceOutcome, TraceRequest
from vcot_assets.settings import SandboxLimits


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vcot trace", description=__doc__.splitlines()[0])
    parser.add_argument("cases", help="JSONL file of {id, code, call}; '-' reads standard input")
    parser.add_argument("--backend", choices=("local", "docker"), default="local")
    parser.add_argument("--workers", type=int, default=None, help="sandbox workers (default: CPU count)")
    parser.add_argument("--max-events", type=int, default=SandboxLimits.trace_max_events, help="trace step cap")
    parser.add_argument("--max-chars", type=int, default=SandboxLimits.trace_max_chars, help="trace size cap")
    parser.add_argument("--home", default=None, help="accepted for symmetry with other commands; unused")
    add_isolation_argument(parser)
    return parser


def read_lines(path: str) -> list[str]:
    if path == "-":
        text = sys.stdin.read()
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    return [line for line in text.splitlines() if line.strip()]


def read_records(lines: list[str], fields: tuple[str, ...]) -> list[tuple[str, dict[str, Any] | None, str]]:
    """(id, record or None, why not) per line; a record needs every field as a string."""
    out = []
    for number, line in enumerate(lines, 1):
        record_id = f"line-{number}"
        try:
            record = json.loads(line)
        except ValueError as err:
            out.append((record_id, None, f"malformed_input: not JSON ({err})"))
            continue
        if isinstance(record, dict) and isinstance(record.get("id"), (str, int)):
            record_id = str(record["id"])
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in fields):
            out.append((record_id, None, f"malformed_input: needs string fields {', '.join(fields)}"))
            continue
        out.append((record_id, record, ""))
    return out


def trace_output(record_id: str, trace) -> dict[str, Any]:
    return {
        "id": record_id,
        "status": trace.status,
        "detail": trace.detail,
        "trace": trace.text,
        "events": [event.to_dict() for event in trace.events],
        "returned": trace.returned,
        "raw_chars": trace.raw_chars,
        "chars": trace.chars,
        "truncated": trace.truncated,
        "python_version": trace.python_version,
        "sha256": trace.sha256,
    }


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        records = read_records(read_lines(args.cases), ("code", "call"))
    except OSError as err:
        print(f"vcot trace: cannot read {args.cases}: {err.strerror}", file=sys.stderr)
        return 2
    requests = [
        TraceRequest(str(i), record["code"], record["call"]) for i, (_, record, _) in enumerate(records) if record
    ]
    outcomes: dict[str, TraceOutcome] = {}
    if requests:
        from vcot_assets.sandbox import open_sandbox
        from vcot_assets.sandbox.api import SandboxError

        limits = SandboxLimits(trace_max_events=args.max_events, trace_max_chars=args.max_chars)
        try:
            with open_sandbox(args.backend, limits, workers=args.workers, allow_reduced=allowance(args)) as box:
                announce("trace", box.isolation)
                for request, outcome in zip(requests, box.trace(requests)):
                    outcomes[request.trace_id] = outcome
        except SandboxError as err:
            print(f"vcot trace: {err}", file=sys.stderr)
            return 2
    out = sys.stdout
    for i, (record_id, record, why) in enumerate(records):
        if record is None:
            line = {
                "id": record_id,
                "status": "invalid",
                "detail": why,
                "trace": "",
                "events": [],
                "returned": "",
                "raw_chars": 0,
                "chars": 0,
                "truncated": False,
                "python_version": "",
                "sha256": "",
            }
        else:
            line = trace_output(record_id, build_trace(record_id, record["code"], record["call"], outcomes[str(i)]))
        out.write(json.dumps(line) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
