"""Freeze one writer's corpus into the test data: copy it with its brief and checker, split it.

    python vcot_assets_tests/data/corpora/freeze.py replies r1 /work/corpus/replies/r1 /work/corpus/REPLIES_BRIEF.md
    python vcot_assets_tests/data/corpora/freeze.py replies r3 /work/corpus/replies/r3 BRIEF.md --all-heldout

With `--all-heldout` (round 2 on, written after the previous held-out part was spent) the whole
corpus is held out and listed in SPLITS.json's held-out split; with `--all-dev` (a round written to
tune on) it is all development data. Otherwise the split is fixed by the items' ids alone (sha256 of the id, or of the program id for
narrations, so a program's faithful version and its error copies stay on one side): about half
becomes `dev` (parsers and the verifier may be tuned on it), the rest `heldout` (scored once,
at the end). The held-out file's sha256 goes into HELDOUT.sha256 so a later edit shows.
"""

import hashlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def side(key: str) -> str:
    return "heldout" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 else "dev"


def main(kind: str, writer: str, source: str, brief: str, all_heldout: bool = False, all_dev: bool = False) -> None:
    source_dir = Path(source)
    data_file = source_dir / ("replies.jsonl" if kind == "replies" else "narrations.jsonl")
    rows = [json.loads(line) for line in data_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    target = HERE / kind / writer
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(brief, target / "BRIEF.md")
    # the checker's own sidecars (where a claim holds) travel with it
    for name in (
        "NOTES.md",
        "check.py",
        "check_report.txt",
        "programs.jsonl",
        "check_meta.jsonl",
        "claim_ctx.jsonl",
        "checkspec.json",
        "claim_checks.jsonl",
        "claim_specs.jsonl",
        "probes.json",
        "check_specs.py",
        "sanity.json",
        "tracer.py",
        "error_specs.json",
        "b3data.py",
    ):
        if (source_dir / name).exists():
            shutil.copy(source_dir / name, target / name)
    parts: dict[str, list[str]] = {"dev": [], "heldout": []}
    for row in rows:
        key = row.get("program_id") or row["id"]
        row["writer"] = writer
        part = "heldout" if all_heldout else "dev" if all_dev else side(key)
        parts[part].append(json.dumps(row, ensure_ascii=False))
    for name, lines in parts.items():
        if lines:
            (target / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    splits_path = HERE / "SPLITS.json"
    splits = json.loads(splits_path.read_text(encoding="utf-8"))
    for name, lines in parts.items():
        listed = splits[name][kind]
        if lines and f"{kind}/{writer}/{name}.jsonl" not in listed:
            listed.append(f"{kind}/{writer}/{name}.jsonl")
    splits_path.write_text(json.dumps(splits, indent=2) + "\n", encoding="utf-8")
    if not parts["heldout"]:
        print(f"{kind}/{writer}: {len(parts['dev'])} dev (development data only)")
        return
    digest = hashlib.sha256((target / "heldout.jsonl").read_bytes()).hexdigest()
    ledger = HERE / "HELDOUT.sha256"
    entries = [
        line
        for line in (ledger.read_text().splitlines() if ledger.exists() else [])
        if not line.endswith(f"{kind}/{writer}/heldout.jsonl")
    ]
    entries.append(f"{digest}  {kind}/{writer}/heldout.jsonl")
    ledger.write_text("\n".join(sorted(entries, key=lambda e: e.split()[1])) + "\n")
    print(f"{kind}/{writer}: {len(parts['dev'])} dev, {len(parts['heldout'])} held out; sha256 {digest[:16]}")


if __name__ == "__main__":
    main(*sys.argv[1:5], all_heldout="--all-heldout" in sys.argv[5:], all_dev="--all-dev" in sys.argv[5:])
