"""The frozen evaluation corpora stay frozen: held-out files match their recorded sha256, and no
program sits on both sides of the split (a narration's error copies stay with its faithful one)."""

import hashlib
import json
from pathlib import Path

CORPORA = Path(__file__).parent / "data" / "corpora"


def test_held_out_files_match_their_recorded_sha256():
    ledger = (CORPORA / "HELDOUT.sha256").read_text().splitlines()
    assert len(ledger) >= 6
    for line in ledger:
        digest, path = line.split()
        assert hashlib.sha256((CORPORA / path).read_bytes()).hexdigest() == digest, path


def test_the_split_keeps_each_program_on_one_side():
    for writer in (CORPORA / "narrations").iterdir():
        sides = {}
        for side in ("dev", "heldout"):
            rows = [json.loads(line) for line in (writer / f"{side}.jsonl").read_text().splitlines() if line]
            sides[side] = {row["program_id"] for row in rows}
            assert all(row["faithful_id"] is None or row["faithful_id"].rsplit("-", 2)[0] == row["program_id"]
                       or row["program_id"] in row["faithful_id"] for row in rows)  # fmt: skip
        assert sides["dev"] and sides["heldout"] and not sides["dev"] & sides["heldout"], writer.name
