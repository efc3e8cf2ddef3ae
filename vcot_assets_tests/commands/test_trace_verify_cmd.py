"""`vcot trace` and `vcot verify` end to end: real sandbox workers, JSONL in, JSONL out."""

import json

from vcot_assets.commands import trace_cmd, verify_cmd

RUNNING_TOTAL = (
    "def running_total(xs):\n    out = []\n    total = 0\n    for x in xs:\n"
    "        total += x\n        out.append(total)\n    return out\n"
)


def _lines(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_trace_command(tmp_path, capsys):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"id": "a", "code": RUNNING_TOTAL, "call": "running_total([4, -1, 3])"})
        + "\n"
        + "not json\n"
        + json.dumps({"id": "z", "code": "def f(x):\n    return 1 // x\n", "call": "f(0)"})
        + "\n"
    )
    assert trace_cmd.main([str(cases), "--workers", "1", "--home", str(tmp_path)]) == 0
    ok, bad, failed = _lines(capsys)
    assert ok["id"] == "a" and ok["status"] == "ok" and ok["returned"] == "[4, 3, 6]"
    assert ok["chars"] == len(ok["trace"]) < ok["raw_chars"]
    assert [e["value"] for e in ok["events"] if e["name"] == "total"] == ["0", "4", "3", "6"]
    assert bad["status"] == "invalid" and "malformed_input" in bad["detail"]
    assert failed["status"] == "exception" and failed["detail"].startswith("ZeroDivisionError")


def test_verify_command(tmp_path, capsys):
    base = {"code": RUNNING_TOTAL, "call": "running_total([4, -1, 3])"}
    rows = [
        dict(
            base,
            id="fw",
            direction="forward",
            answer="[4, 3, 6]",
            rationale="out = [] and total = 0. total becomes 4, then 3, then 6. The loop runs 3 times. "
            "The function returns [4, 3, 6].\nAnswer: [4, 3, 6]",
        ),
        dict(
            base,
            id="fw-bad",
            direction="forward",
            answer="[4, 3, 6]",
            rationale="total becomes 4, then 5. The function returns [4, 3, 6].",
        ),
        dict(
            base, id="fw-answer", direction="forward", answer="[4, 3, 7]", rationale="total becomes 4, then 3, then 6."
        ),
        dict(
            base,
            id="bw",
            direction="backward",
            answer="[4, -1, 3]",
            rationale="The function returns [4, 3, 6], so total = 6 at the end; before that total = 3 and total = 4.",
        ),
        dict(
            base,
            id="bw-bad",
            direction="backward",
            answer="running_total([4, 1, 3])",
            rationale="The function returns [4, 3, 6].",
        ),
        dict(base, id="odd", direction="sideways", answer="1", rationale="x"),
    ]
    path = tmp_path / "rationales.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert verify_cmd.main([str(path), "--workers", "1"]) == 0
    reports = {r["id"]: r for r in _lines(capsys)}
    assert reports["fw"]["accepted"] and reports["bw"]["accepted"]
    # (`total becomes 4, then 5`: the two values, in order, are not a run of total's)
    assert not reports["fw-bad"]["accepted"] and "total: [4, 5]" in reports["fw-bad"]["reasons"][0]
    assert not reports["fw-answer"]["accepted"] and "answer" in reports["fw-answer"]["reasons"][0]
    assert not reports["bw-bad"]["accepted"] and "returns '[4, 5, 8]'" in reports["bw-bad"]["reasons"][0]
    assert not reports["odd"]["accepted"] and "direction" in reports["odd"]["reasons"][0]
    sentence = reports["fw"]["sentences"][1]
    assert [e["text"] for e in sentence["grounded"]] == ["total: [4, 3, 6]"]  # a loop summary, in order
    assert reports["fw"]["reason_codes"] == [] and reports["fw-bad"]["reason_codes"][0] == "ungrounded_sequence"
    assert sentence["window_end"] - sentence["window_start"] <= 15
