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


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def test_the_split_keeps_each_program_on_one_side():
    for writer in (CORPORA / "narrations").iterdir():
        sides = {}
        for side in ("dev", "heldout"):
            rows = rows_of(writer / f"{side}.jsonl") if (writer / f"{side}.jsonl").exists() else []
            sides[side] = {row["program_id"] for row in rows}
            assert all(row["faithful_id"] is None or row["faithful_id"].rsplit("-", 2)[0] == row["program_id"]
                       or row["program_id"] in row["faithful_id"] for row in rows)  # fmt: skip
        # (a round written to tune on, such as round 5, is development data whole)
        assert (sides["dev"] or sides["heldout"]) and not sides["dev"] & sides["heldout"], writer.name


def test_splits_list_every_frozen_file_once_and_the_held_out_programs_are_new():
    splits = json.loads((CORPORA / "SPLITS.json").read_text())
    ledger = {line.split()[1] for line in (CORPORA / "HELDOUT.sha256").read_text().splitlines()}
    for kind in ("narrations", "replies"):
        dev, held = splits["dev"][kind], splits["heldout"][kind]
        assert dev and not set(dev) & set(held) and len(set(dev + held)) == len(dev + held)
        assert all((CORPORA / name).exists() for name in dev + held)
        assert set(held) <= ledger  # every held-out file is frozen by its sha256
    # A spent round becomes development data: every file ever held out is still listed somewhere.
    listed = {name for side in ("dev", "heldout") for kind in ("narrations", "replies") for name in splits[side][kind]}
    assert ledger <= listed
    if not splits["heldout"]["narrations"]:
        return  # every round is spent (scored once): nothing is held out until a new round is frozen
    # Each held-out round holds programs no development item has (the writers were told which to
    # avoid); classes may share a method name such as `run`.
    programs = {
        side: [row for name in splits[side]["narrations"] for row in rows_of(CORPORA / name)]
        for side in ("dev", "heldout")
    }
    codes = {side: {" ".join(row["code"].split()) for row in rows} for side, rows in programs.items()}
    functions = {side: {r["function"] for r in rows if r["kind"] == "function"} for side, rows in programs.items()}
    assert codes["heldout"] and not codes["dev"] & codes["heldout"]
    assert functions["heldout"] and not functions["dev"] & functions["heldout"]
