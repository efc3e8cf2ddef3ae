"""How well vcot reads real teachers' replies: the frozen reply corpus, per template and family.

    python benchmarks/reply_parsing.py                 # the development part
    python benchmarks/reply_parsing.py --split heldout # the held-out part: score it once, at the end

The corpus (vcot_assets_tests/data/corpora/replies/) was written by helpers who saw only the
rendered prompts, each reply with what a careful reader extracts from it. This script imports
nothing from vcot but the one public entry point, `read_teacher_text`, and judges its output
with comparisons of its own. Outcomes per reply:
  right            every item a careful reader extracts, and nothing else
  partly           some of them and nothing wrong
  rejected_usable  rejected, although a careful reader could extract something
  right_reject     rejected, and rightly: nothing usable (or cut where one value was asked)
  silently_wrong   returned something a careful reader would not (a wrong item, or a value from an unusable reply)
Truncated replies must also be flagged as truncated ("truncation recorded").
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vcot_assets.core.synthesis.reading import read_teacher_text  # noqa: E402

CORPUS = REPO / "vcot_assets_tests" / "data" / "corpora" / "replies"
OUTCOMES = ("right", "partly", "rejected_usable", "right_reject", "silently_wrong")


def norm(text: object) -> str:
    text = str(text).replace("**", "").replace("`", "")
    return " ".join(text.split()).strip(" .").casefold()


_FOLDABLE_CALLS = {"list": list, "range": range, "tuple": tuple, "set": set, "dict": dict, "str": str, "int": int,
                   "float": float, "sorted": sorted, "reversed": reversed, "frozenset": frozenset}  # fmt: skip
_FOLDABLE_NODES = (ast.Constant, ast.BinOp, ast.UnaryOp, ast.operator, ast.unaryop, ast.List, ast.Tuple, ast.Set,
                   ast.Dict, ast.Call, ast.Name, ast.Load, ast.keyword)  # fmt: skip


class _Fold(ast.NodeTransformer):
    """Constant expressions as their value: `f(3 * 19)` and `f(57)`, `f([0] * 3)` and `f([0, 0, 0])`,
    `f(list(range(3)))` and `f([0, 1, 2])` are the same test (a pipeline may fold them, as vcot's does)."""

    def visit(self, node):
        if isinstance(node, ast.expr) and not isinstance(node, ast.Constant) and self._constant(node):
            try:
                value = eval(compile(ast.Expression(node), "<fold>", "eval"), {"__builtins__": _FOLDABLE_CALLS})
                return ast.parse(repr(value), mode="eval").body  # the literal as if written out
            except Exception:
                pass
        return super().visit(node)

    @staticmethod
    def _constant(node) -> bool:
        for n in ast.walk(node):
            if not isinstance(n, _FOLDABLE_NODES):
                return False
            if isinstance(n, ast.Name) and n.id not in _FOLDABLE_CALLS:
                return False
            if isinstance(n, ast.Call) and not (isinstance(n.func, ast.Name) and n.func.id in _FOLDABLE_CALLS):
                return False
        return True


def ast_key(source: str) -> str | None:
    try:
        return ast.dump(_Fold().visit(ast.parse(source.strip())))
    except (SyntaxError, ValueError):
        return None


def literal(text: str):
    try:
        return ("value", ast.literal_eval(text.strip()))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return ("text", " ".join(text.split()))


def items_of(template: str, value) -> list:
    """Comparable items from the reader's output (its own shapes)."""
    if template == "concepts":
        return [(norm(c["name"]), c["difficulty"]) for c in value]
    if template == "instructions":
        return [(kind, norm(text)) for kind, text in value]
    if template == "test_scenarios":
        return [scenario_key(s) for s in value]
    if template == "candidate_tests":
        return [ast_key(f"assert {t.call} == {t.expected}") for t in value]
    if template == "extract_entities":
        return [(e.kind, norm(e.name), norm(e.value)) for e in value]
    if template == "signature":
        return [(value.kind, value.name, ast_key(signature_def(value.raw)))]
    if template == "candidate_code":
        return [ast_key(value)]
    if template == "narrate_forward":
        return [literal(value[1])]
    if template == "narrate_backward":
        return [ast_key(value[1])]
    raise ValueError(template)


def scenario_key(text: str) -> str:
    """A scenario without its title: careful readers differ on keeping `**Empty list:**` in front of
    "An empty list returns None." (five writers kept it, one dropped it), or `**Odd length** – ` (seven
    kept it, two dropped it), and it is one scenario either way."""
    text = norm(text)
    title = re.match(r"([^:.–—]{1,40}?)(?::|\s+[–—-])\s+(?=\S)", text)
    return text[title.end() :] if title and len(title.group(1).split()) <= 5 else text


def signature_def(line: str) -> str:
    """The canonical one-line form as Python source, so spacing and quoting do not matter."""
    kind, _, body = line.partition(":")
    body = body.strip()
    if kind.strip().lower() == "function":
        return f"def {body}: pass"
    name, *methods = [part.strip() for part in body.split(";")]
    return f"class {name}:\n" + "".join(f"    def {m}: pass\n" for m in methods)


def expected_items(template: str, expected: dict) -> list:
    if template == "concepts":
        return [(norm(c["name"]), c["difficulty"]) for c in expected.get("concepts", [])]
    if template == "instructions":
        return [(i["kind"], norm(i["text"])) for i in expected.get("instructions", [])]
    if template == "test_scenarios":
        return [scenario_key(s) for s in expected.get("scenarios", [])]
    if template == "candidate_tests":
        keys = []
        for test in expected.get("tests", []):
            node = ast.parse(test.strip()).body[0]
            keys.append(ast_key(f"assert {ast.unparse(node.test.left)} == {ast.unparse(node.test.comparators[0])}"))
        return keys
    if template == "extract_entities":
        return [(c["kind"], norm(c["name"]), norm(c["value"])) for c in expected.get("claims", [])]
    if template == "signature":
        return [(expected["kind"], expected["name"], ast_key(signature_def(expected["line"])))] if expected else []
    if template == "candidate_code":
        return [ast_key(expected["code"])] if expected.get("code") else []
    if template == "narrate_forward":
        return [literal(expected["answer"])] if expected.get("answer") else []
    if template == "narrate_backward":
        return [ast_key(expected["answer"])] if expected.get("answer") else []
    raise ValueError(template)


def listed(row: dict) -> list[str] | None:
    """The keyphrases a concepts prompt lists (`- phrase` lines, or one comma-separated line)."""
    found = re.search(r"### Keyphrases[^\n]*\n(.*?)(?:\n\n|\n###|$)", row.get("prompt", ""), re.S)
    if row["template"] != "concepts" or not found:
        return None
    return [p.strip().lstrip("-*").strip() for p in re.split(r"[,\n]", found.group(1)) if p.strip(" -*")]


def asked_sentence(row: dict) -> str | None:
    """The sentence an extract_entities prompt gives (its `### Sentence` section), as the pipeline knows it."""
    found = re.search(r"### Sentence\n(.*?)\n\n###", row.get("prompt", ""), re.S)
    return found.group(1).strip() if row["template"] == "extract_entities" and found else None


def judge(row: dict) -> tuple[str, bool, str]:
    template = row["template"]
    reading = read_teacher_text(
        template, row["reply"], row.get("finish_reason", "stop"), keyphrases=listed(row), sentence=asked_sentence(row)
    )
    want = expected_items(template, row["expected"]) if row.get("usable", True) else []
    single = template in ("signature", "candidate_code", "narrate_forward", "narrate_backward")
    if single and row.get("truncated"):
        want = []  # one value cut short: rejecting it is right
    recorded = not row.get("truncated") or reading.truncated
    if reading.rejection is not None:
        return ("right_reject" if not want else "rejected_usable"), recorded, reading.rejection
    got = items_of(template, reading.value)
    if not want:
        return ("right_reject" if not got else "silently_wrong"), recorded, ""
    if template in ("concepts", "instructions", "test_scenarios", "extract_entities", "candidate_tests"):
        got_set, want_set = Counter(got), Counter(want)
        if got_set == want_set:
            return "right", recorded, ""
        if not (got_set - want_set):
            return "partly", recorded, ""
        return "silently_wrong", recorded, f"extra: {list((got_set - want_set).elements())[:2]}"
    return ("right" if got == want else "silently_wrong"), recorded, "" if got == want else f"{got} != {want}"


def load(split: str) -> list[dict]:
    """The split's items as `SPLITS.json` lists them (round 1's spent held-out part is development data now)."""
    splits = json.loads((CORPUS.parent / "SPLITS.json").read_text(encoding="utf-8"))
    rows = []
    for name in splits[split]["replies"]:
        path = CORPUS.parent / name
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        raise SystemExit(f"no replies in the {split} split of SPLITS.json")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "heldout"))
    parser.add_argument("--show", type=int, default=0, help="print up to N failures per template")
    args = parser.parse_args()
    rows = load(args.split)
    by_template: dict[str, Counter] = defaultdict(Counter)
    by_family: dict[str, Counter] = defaultdict(Counter)
    truncations = Counter()
    shown: Counter = Counter()
    for row in rows:
        outcome, recorded, why = judge(row)
        by_template[row["template"]][outcome] += 1
        by_family[row["family"]][outcome] += 1
        if row.get("truncated"):
            truncations["recorded" if recorded else "missed"] += 1
        if outcome in ("rejected_usable", "silently_wrong", "partly") and shown[row["template"]] < args.show:
            shown[row["template"]] += 1
            print(f"--- {row['id']} ({row['family']}, {row['mode']}): {outcome} {why}")
    print(f"reply corpus, {args.split}: {len(rows)} replies")
    header = f"{'template':18} {'n':>4} " + " ".join(f"{o:>15}" for o in OUTCOMES) + f" {'read right':>10}"
    for title, table in (("per template", by_template), ("per family", by_family)):
        print(f"\n{title}\n{header}")
        for name in sorted(table):
            counts = table[name]
            usable = sum(counts[o] for o in ("right", "partly", "rejected_usable", "silently_wrong"))
            share = f"{100 * counts['right'] / usable:.1f}%" if usable else "-"
            print(
                f"{name:18} {sum(counts.values()):>4} "
                + " ".join(f"{counts[o]:>15}" for o in OUTCOMES)
                + f" {share:>10}"
            )
    total = sum(by_template.values(), Counter())
    print(
        f"\nsilently wrong: {total['silently_wrong']}; truncations recorded {truncations['recorded']} of "
        f"{truncations['recorded'] + truncations['missed']}"
    )


if __name__ == "__main__":
    main()
