"""The verifier's and the reply readers' record on unseen text: every held-out round, scored once.

Each round of the realistic corpora was written blind, frozen, scored once by
`verifier_corpus.py --split heldout` and `reply_parsing.py --split heldout` at the code of its time,
and then became development data; those printouts are kept in `benchmarks/results/`. One round
holds about 140 faithful narrations and 370 error copies, so its figures move by a few points from
round to round on the same code. This reads the kept printouts (it runs nothing) and prints each
round, then the last rounds pooled, with Wilson 95% intervals: a steadier figure for the same claim.

    python benchmarks/heldout_record.py [--last 10]
"""

from __future__ import annotations

import argparse
import math
import re
from collections import defaultdict
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
# `verifier_corpus_heldout39_2026-12-04.txt`, `..._heldout23_24_...` (two rounds scored together);
# `heldoutNN_session_start_...` files are the same rounds re-read by older code, not scorings
_SCORING = re.compile(r"^(verifier_corpus|reply_parsing)_heldout(\d+)(?:_(\d+))?_\d{4}-\d{2}-\d{2}\.txt$")
_COUNT = re.compile(r"^\s+(.+?)\s+(\d+)/(\d+)\s+=")
# the scoring's commit, as the header lines of different sessions put it (a round frozen at one
# commit is scored at another: `frozen at 0ada668), scored once with code 8290898`)
_COMMIT = re.compile(
    r"scored once (?:at|with) (?:commit |code )?([0-9a-f]{7,40})\b|\b(?:commit|code) ([0-9a-f]{7,40})\b"
)
_NOTES = {  # what a pooled section counts, where it is not every error copy
    "error kind, by where the run holds the wrong value": " (the copies whose writer said where the run holds it)",
}
_REPLIES = re.compile(r"silently wrong: (\d+); truncations recorded (\d+) of (\d+)")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of k successes in n: sound near 0% and 100%, where the normal one is not."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def sections(text: str) -> dict[str, dict[str, tuple[int, int]]]:
    """`k/n` lines grouped under their unindented header: {'error kind': {'swapped_variables': (32, 33)}}."""
    found: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    header = ""
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith(("---", "#")):
            header = line.split(" (")[0].strip()
        elif (count := _COUNT.match(line)) and header:
            found[header][count.group(1)] = (int(count.group(2)), int(count.group(3)))
    return found


def load(results: Path = RESULTS) -> dict[int, dict]:
    """Round -> {'commit', 'narrations': sections, 'replies': (silently wrong, truncations recorded, truncations)}."""
    rounds: dict[int, dict] = defaultdict(dict)
    for path in sorted(results.iterdir()):
        name = _SCORING.match(path.name)
        if not name:
            continue
        text = path.read_text()
        first = int(name.group(2))  # (rounds scored together are filed under the first)
        commit = _COMMIT.search(text.splitlines()[0]) if text else None
        entry = rounds[first]
        entry["rounds"] = f"{first}" if name.group(3) is None else f"{first}-{name.group(3)}"
        if name.group(1) == "verifier_corpus":
            entry["narrations"] = sections(text)
            entry["commit"] = (commit.group(1) or commit.group(2))[:7] if commit else "?"
        elif replies := _REPLIES.search(text):
            entry["replies"] = tuple(int(g) for g in replies.groups())
    return {r: e for r, e in rounds.items() if "narrations" in e}


def _cell(k: int, n: int) -> str:
    return f"{k}/{n} = {k / n:6.1%}" if n else "-"


def _pooled_line(name: str, k: int, n: int, width: int) -> str:
    low, high = wilson(k, n)
    return f"  {name:<{width}} {k:>5}/{n:<5} = {k / n:6.1%}   95% interval {low:6.1%} - {high:6.1%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--last", type=int, default=10, help="how many of the latest rounds to pool")
    args = parser.parse_args()
    rounds = load()
    if not rounds:
        raise SystemExit(f"no held-out scorings in {RESULTS}")
    print("held-out record: each round scored once, at the code of its time (benchmarks/results/*heldoutNN*)\n")
    print(
        f"{'round':<7}{'commit':<9}{'faithful accepted':<22}{'errors rejected':<22}replies silently wrong, truncations"
    )
    for number in sorted(rounds):
        entry = rounds[number]
        overall = entry["narrations"].get("overall", {})
        replies = entry.get("replies")
        told = f"{replies[0]}, {replies[1]} of {replies[2]} recorded" if replies else "-"
        print(
            f"{entry['rounds']:<7}{entry['commit']:<9}{_cell(*overall.get('faithful', (0, 0))):<22}"
            f"{_cell(*overall.get('errors', (0, 0))):<22}{told}"
        )
    pooled = sorted(rounds)[-args.last :]
    print(f"\npooled, the last {len(pooled)} rounds ({rounds[pooled[0]]['rounds']} to {rounds[pooled[-1]]['rounds']}):")
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    covering: dict[str, int] = defaultdict(int)  # rounds whose printout has the section (older ones lack some)
    for number in pooled:
        for header, counts in rounds[number]["narrations"].items():
            covering[header] += 1
            for name, (k, n) in counts.items():
                totals[header][name][0] += k
                totals[header][name][1] += n
    for header in (
        "overall", "style", "trace length", "direction", "error kind", "errors by style",
        "error kind, by where the run holds the wrong value",
    ):  # fmt: skip
        if header not in totals:
            continue
        note = _NOTES.get(header, "")
        if covering[header] < len(pooled):
            note += f" ({covering[header]} of the rounds have it)"
        print(header + note)
        width = max(len(name) for name in totals[header])
        for name, (k, n) in sorted(totals[header].items()):
            print(_pooled_line(name, k, n, width))
    silently = [rounds[n]["replies"] for n in pooled if "replies" in rounds[n]]
    if silently:
        print(
            f"replies: {sum(r[0] for r in silently)} silently wrong in {len(silently)} rounds;"
            f" truncations recorded {sum(r[1] for r in silently)} of {sum(r[2] for r in silently)}"
        )


if __name__ == "__main__":
    main()
