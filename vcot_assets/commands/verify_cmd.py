"""`vcot verify RATIONALES.jsonl`: verify rationales against sandboxed traces, one report per line.

Input lines: {"id", "code", "call", "direction": "forward|backward", "rationale", "answer"}.
`call` is the traced call; `answer` is, forward, the predicted return literal and, backward,
the predicted call (bare arguments such as `[4, -1, 3]` are accepted and normalized). Instead of
`rationale` and `answer`, a line may give `reply`: a teacher's whole reply, read as the pipeline
reads it (reasoning, then the final answer line in any of the forms models use).
Output lines, in input order: {"id", "accepted": bool, "reasons": [...], "reason_codes": [...],
"sentences": [...]}, each sentence with its grounded and ungrounded entities and its window.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from vcot_assets.commands.isolation import add_isolation_argument, allowance, announce
from vcot_assets.commands.trace_cmd import read_lines, read_records
from vcot_assets.core.grounding.records import Rationale
from vcot_assets.core.grounding.samples import callee_name
from vcot_assets.core.grounding.tracing import build_trace
from vcot_assets.core.sandbox_records import TraceRequest
from vcot_assets.core.synthesis.reading import read_teacher_text
from vcot_assets.core.verifier.answers import normalize_backward_answer
from vcot_assets.core.verifier.verdict import verify_backward, verify_forward
from vcot_assets.settings import SandboxLimits, settings_from_env

_ANSWER_LINE = re.compile(r"\n\s*Answer\s*:.*\Z", re.IGNORECASE | re.DOTALL)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vcot verify", description=__doc__.splitlines()[0])
    parser.add_argument(
        "rationales", help="JSONL file of {id, code, call, direction, rationale, answer}; '-' reads stdin"
    )
    parser.add_argument("--backend", choices=("local", "docker"), default="local")
    parser.add_argument("--workers", type=int, default=None, help="sandbox workers (default: CPU count)")
    settings = settings_from_env()  # the pipeline's own settings (`VCOT_VERIFIER_WINDOW`, ...), so both judge alike
    parser.add_argument("--window", type=int, default=settings.verifier_window, help="K, trace events per window")
    parser.add_argument(
        "--max-unverifiable",
        type=float,
        default=settings.max_unverifiable_share,
        help="largest share of value-bearing sentences that may be unverifiable",
    )
    parser.add_argument("--home", default=None, help="accepted for symmetry with other commands; unused")
    add_isolation_argument(parser)
    return parser


def _from_reply(entry: tuple[str, dict[str, Any] | None, str]) -> tuple[str, dict[str, Any] | None, str]:
    """A line with `reply` gets its `rationale` and `answer` read from it; others need both."""
    record_id, record, why = entry
    if record is None:
        return entry
    if isinstance(record.get("reply"), str):
        reading = read_teacher_text(f"narrate_{record['direction']}", record["reply"])
        if reading.rejection is not None:
            return record_id, None, f"{reading.rejection}: {reading.detail}"
        record = dict(record, rationale=reading.value[0], answer=reading.value[1])
    if not (isinstance(record.get("rationale"), str) and isinstance(record.get("answer"), str)):
        return record_id, None, "malformed_input: needs string fields rationale and answer, or reply"
    return record_id, record, why


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        records = [
            _from_reply(entry) for entry in read_records(read_lines(args.rationales), ("code", "call", "direction"))
        ]
    except OSError as err:
        print(f"vcot verify: cannot read {args.rationales}: {err.strerror}", file=sys.stderr)
        return 2
    requests: list[TraceRequest] = []
    for i, (_, record, _) in enumerate(records):
        if record is None or record["direction"] not in ("forward", "backward"):
            continue
        requests.append(TraceRequest(f"{i}:call", record["code"], record["call"]))
        if record["direction"] == "backward":
            predicted = normalize_backward_answer(record["answer"], callee_name(record["call"]))
            requests.append(TraceRequest(f"{i}:predicted", record["code"], predicted))
    traces: dict[str, Any] = {}
    if requests:
        from vcot_assets.sandbox import open_sandbox
        from vcot_assets.sandbox.api import SandboxError

        try:
            with open_sandbox(
                args.backend, SandboxLimits(), workers=args.workers, allow_reduced=allowance(args)
            ) as box:
                announce("verify", box.isolation)
                for request, outcome in zip(requests, box.trace(requests)):
                    traces[request.trace_id] = build_trace(request.trace_id, request.code, request.call, outcome)
        except SandboxError as err:
            print(f"vcot verify: {err}", file=sys.stderr)
            return 2
    out = sys.stdout
    for i, (record_id, record, why) in enumerate(records):
        if record is not None and record["direction"] not in ("forward", "backward"):
            why, record = "malformed_input: direction must be forward or backward", None
        if record is None:
            code = why.split(":", 1)[0]
            line = {"id": record_id, "accepted": False, "reasons": [why], "reason_codes": [code], "sentences": []}
            out.write(json.dumps(line) + "\n")
            continue
        text = _ANSWER_LINE.sub("", record["rationale"])
        rationale = Rationale(record_id, record_id, record["direction"], text, record["answer"])
        reference = traces[f"{i}:call"]
        if record["direction"] == "forward":
            report = verify_forward(rationale, reference, window=args.window, max_unverifiable=args.max_unverifiable)
        elif reference.status != "ok":
            report = verify_backward(
                rationale, reference.returned, None, window=args.window, max_unverifiable=args.max_unverifiable
            )
            report.reasons.insert(
                0, f"the reference call {record['call']!r} ended with {reference.status}: {reference.detail}"
            )
            report.reason_codes.insert(0, "reference_call_failed")
        else:
            report = verify_backward(
                rationale,
                reference.returned,
                traces[f"{i}:predicted"],
                window=args.window,
                max_unverifiable=args.max_unverifiable,
            )
        out.write(
            json.dumps(
                {
                    "id": record_id,
                    "accepted": report.accepted,
                    "reasons": report.reasons,
                    "reason_codes": report.reason_codes,
                    "sentences": [s.to_dict() for s in report.sentences],
                }
            )
            + "\n"
        )
    out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
