"""Deduplication and benchmark decontamination of chat samples, with counts by reason.

The unit is a *problem*: one instruction's samples in every view (forward, backward,
bi-directional). A problem is dropped whole, so the views always hold the same problems.

1. Exact duplicates: problems whose content (instruction, code and call from the first user
   turn and the provenance, whitespace-normalized) is identical; the problem with the most
   views, then the smallest id, is kept.
2. Near duplicates: word 3-gram shingles of that content; candidate pairs come from MinHash
   with banding (LSH) and are confirmed by their exact Jaccard similarity (default >= 0.85),
   so the approximation only decides which pairs get compared.
3. Contamination against benchmark programs (CRUXEval, HumanEval, LiveCodeBench-Exec):
   - normalized AST: every function or class in the sample's code is compared with every one
     in the benchmark programs after renaming bound identifiers in order of appearance,
     dropping docstrings and annotations (a renamed copy is still a copy);
   - n-grams: Python token 10-grams; a sample is contaminated when it contains at least half
     of some benchmark program's n-grams (containment, not Jaccard, because a benchmark
     program copied into a longer solution is still a leak).

Every dropped problem gets one `Rejection(stage="training_sets", ...)` with the first reason
that applies: exact_duplicate, near_duplicate, contaminated_ast, contaminated_ngram.
"""

from __future__ import annotations

import ast
import builtins
import hashlib
import io
import re
import tokenize
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from vcot_assets.core.grounding.records import Sample
from vcot_assets.core.records import Rejection
from vcot_assets.core.training_data.records import BenchmarkProgram

STAGE = "training_sets"
VIEW_ORDER = ("forward", "bidirectional", "backward")
_CODE_BLOCK = re.compile(r"```(?:python|py)?[ \t]*\n(.*?)```", re.DOTALL)
_WORD = re.compile(r"\w+|[^\w\s]")
_BUILTINS = frozenset(dir(builtins))
# Universal hashing mod a prime just above 2**32: with 32-bit shingle hashes and coefficients
# below 2**32, a * x + b stays inside uint64, so signatures are computed with numpy.
_PRIME = 4_294_967_311


@dataclass(frozen=True)
class DecontamConfig:
    near_duplicate_jaccard: float = 0.85
    shingle_words: int = 3
    # 16 bands x 8 rows: a pair at Jaccard 0.85 shares a band with p = 0.99, at 0.5 with p = 0.06.
    minhash_permutations: int = 128
    minhash_bands: int = 16
    # Exact Jaccard only for candidates whose signatures agree on at least this much less than
    # the threshold (the estimate's standard error at 128 permutations is about 0.03).
    estimate_margin: float = 0.15
    ngram_tokens: int = 10
    ngram_containment: float = 0.5


@dataclass
class Problem:
    """One instruction's samples, keyed by view."""

    problem_id: str
    samples: dict[str, Sample]

    @property
    def primary(self) -> Sample:
        return next(self.samples[v] for v in (*VIEW_ORDER, *sorted(self.samples)) if v in self.samples)

    @property
    def question(self) -> str:
        return first_user_turn(self.primary)

    @property
    def code(self) -> str:
        return extract_code(self.question)

    @property
    def content(self) -> str:
        """Instruction, code and call: the question without the fixed wording around them,
        which every problem shares and which would make unrelated problems look alike."""
        question = self.question
        match = _CODE_BLOCK.search(question)
        head = question[: match.start()] if match else question
        # Without a recorded call, the wording after the code (which names the call) stays.
        call = (self.primary.provenance or {}).get("input") or (question[match.end() :] if match else "")
        return f"{head}\n{self.code}\n{call}"


@dataclass
class DecontamResult:
    kept: list[Sample]
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Dropped problems by reason."""
        return dict(Counter(r.reason for r in self.rejections))

    @property
    def counts_by_benchmark(self) -> dict[str, int]:
        """Contaminated problems by the benchmark they matched."""
        return dict(Counter(r.detail.split(":", 1)[0] for r in self.rejections if r.reason.startswith("contaminated_")))


# --- problems and their text ------------------------------------------------------------------


def problem_id_of(sample: Sample) -> str:
    explicit = sample.provenance.get("instruction_id") if sample.provenance else None
    if explicit:
        return explicit
    suffix = f"-{sample.view}"
    return sample.sample_id[: -len(suffix)] if sample.sample_id.endswith(suffix) else sample.sample_id


def group_problems(samples: Iterable[Sample]) -> list[Problem]:
    """Problems in first-seen order; a repeated (problem, view) keeps its first sample."""
    problems: dict[str, Problem] = {}
    for sample in samples:
        pid = problem_id_of(sample)
        problem = problems.setdefault(pid, Problem(pid, {}))
        problem.samples.setdefault(sample.view, sample)
    return list(problems.values())


def first_user_turn(sample: Sample) -> str:
    return next((m.get("content", "") for m in sample.messages if m.get("role") == "user"), "")


def extract_code(text: str) -> str:
    """The first fenced code block of a question, or the whole text when there is none."""
    match = _CODE_BLOCK.search(text)
    return match.group(1) if match else text


def normalize_text(text: str) -> str:
    return " ".join(text.split())


# --- near duplicates: shingles, MinHash, LSH ---------------------------------------------------


def shingles(text: str, size: int) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {_hash64(" ".join(words))} if words else set()
    return {_hash64(" ".join(words[i : i + size])) for i in range(len(words) - size + 1)}


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def _permutations(count: int) -> np.ndarray:
    # Fixed coefficients derived from a hash, so signatures are stable across runs.
    a = [_hash64(f"a{i}") % ((1 << 32) - 1) + 1 for i in range(count)]
    b = [_hash64(f"b{i}") % (1 << 32) for i in range(count)]
    return np.array([a, b], dtype=np.uint64)


def minhash(items: set[int], permutations: np.ndarray) -> np.ndarray:
    if not items:
        return np.zeros(permutations.shape[1], dtype=np.uint64)
    x = np.fromiter((item & 0xFFFFFFFF for item in items), dtype=np.uint64, count=len(items))
    values = (permutations[0][:, None] * x[None, :] + permutations[1][:, None]) % np.uint64(_PRIME)
    return values.min(axis=1)


def near_duplicates(texts: Sequence[str], config: DecontamConfig) -> list[tuple[int, int, float]]:
    """(twin, keeper, jaccard) for each text that nearly duplicates an earlier kept one.

    Texts are taken in order (put the preferred survivors first). A text is compared only with
    kept texts that share a MinHash band with it, so a dropped text never costs comparisons
    later and a cluster of near-copies costs one comparison per copy, not one per pair.
    """
    permutations = _permutations(config.minhash_permutations)
    rows = config.minhash_permutations // config.minhash_bands
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    kept_sets: dict[int, set[int]] = {}
    kept_signatures: dict[int, np.ndarray] = {}
    found = []
    for index, text in enumerate(texts):
        items = shingles(text, config.shingle_words)
        signature = minhash(items, permutations)
        keys = [(band, signature[band * rows : (band + 1) * rows].tobytes()) for band in range(config.minhash_bands)]
        candidates = sorted({c for key in keys for c in buckets.get(key, ())})
        best, best_similarity = None, 0.0
        if candidates:
            agreement = (np.stack([kept_signatures[c] for c in candidates]) == signature).mean(axis=1)
            floor = config.near_duplicate_jaccard - config.estimate_margin
            for candidate, estimate in zip(candidates, agreement):
                if estimate < floor:
                    continue
                similarity = jaccard(items, kept_sets[candidate])
                if similarity >= config.near_duplicate_jaccard and similarity > best_similarity:
                    best, best_similarity = candidate, similarity
        if best is not None:
            found.append((index, best, best_similarity))
            continue
        kept_sets[index] = items
        kept_signatures[index] = signature
        for key in keys:
            buckets[key].append(index)
    return found


# --- contamination: normalized AST and token n-grams -------------------------------------------


class _Renamer(ast.NodeTransformer):
    """Renames non-builtin identifiers to v0, v1, ... in order of first appearance."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def _new(self, name: str) -> str:
        if name in _BUILTINS:
            return name
        return self.names.setdefault(name, f"v{len(self.names)}")

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = self._new(node.id)
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.arg = self._new(node.arg)
        node.annotation = None
        return node

    def _strip(self, node):
        node.name = self._new(node.name)
        body = node.body
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body = body[1:] or [ast.Pass()]
        node.body = body
        if hasattr(node, "returns"):
            node.returns = None
        node.decorator_list = []
        self.generic_visit(node)
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _strip

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        if node.value is None:
            return ast.Pass()
        return self.visit(ast.Assign(targets=[node.target], value=node.value))


def normalized_definitions(code: str) -> set[str]:
    """Hashes of each top-level function or class (and the whole module) after normalization.

    Each definition is renamed on its own, so one copied function is found even when the
    sample defines other things around it. Unparseable code yields no hashes.
    """
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return set()
    hashes = set()
    definitions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    for node in definitions:
        hashes.add(_ast_hash(node))
    if len(tree.body) > 1:
        hashes.add(_ast_hash(tree))
    return hashes


def _ast_hash(node: ast.AST) -> str:
    import copy

    renamed = _Renamer().visit(copy.deepcopy(node))
    return hashlib.sha256(ast.dump(renamed, annotate_fields=False).encode("utf-8")).hexdigest()


def code_tokens(code: str) -> list[str]:
    """Python tokens without comments, layout or docstring-only lines; a regex fallback."""
    try:
        tokens = []
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type in (
                tokenize.COMMENT,
                tokenize.NL,
                tokenize.NEWLINE,
                tokenize.INDENT,
                tokenize.DEDENT,
                tokenize.ENDMARKER,
                tokenize.ENCODING,
            ):
                continue
            tokens.append(tok.string)
        return tokens
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return _WORD.findall(code)


def ngrams(tokens: Sequence[str], size: int) -> set[int]:
    if not tokens:
        return set()
    if len(tokens) < size:
        return {_hash64(" ".join(tokens))}
    return {_hash64(" ".join(tokens[i : i + size])) for i in range(len(tokens) - size + 1)}


class BenchmarkIndex:
    """Normalized-AST hashes and n-gram sets of benchmark programs, for fast lookups."""

    def __init__(self, programs: Sequence[BenchmarkProgram], config: DecontamConfig | None = None) -> None:
        self.config = config or DecontamConfig()
        self.programs = list(programs)
        self.ast_owner: dict[str, int] = {}
        self.ngram_owners: dict[int, list[int]] = defaultdict(list)
        self.ngram_sizes: list[int] = []
        for index, program in enumerate(self.programs):
            for digest in normalized_definitions(program.code):
                self.ast_owner.setdefault(digest, index)
            grams = ngrams(code_tokens(program.code), self.config.ngram_tokens)
            self.ngram_sizes.append(len(grams))
            for gram in grams:
                self.ngram_owners[gram].append(index)

    def __len__(self) -> int:
        return len(self.programs)

    def match(self, code: str) -> tuple[str, str] | None:
        """(reason, detail) when `code` leaks a benchmark program, else None."""
        for digest in normalized_definitions(code):
            owner = self.ast_owner.get(digest)
            if owner is not None:
                program = self.programs[owner]
                return "contaminated_ast", f"{program.benchmark}:{program.problem_id}"
        shared: Counter[int] = Counter()
        for gram in ngrams(code_tokens(code), self.config.ngram_tokens):
            shared.update(self.ngram_owners.get(gram, ()))
        best, best_share = None, 0.0
        for owner, count in shared.items():
            share = count / self.ngram_sizes[owner]
            if share > best_share:
                best, best_share = owner, share
        if best is not None and best_share >= self.config.ngram_containment:
            program = self.programs[best]
            return (
                "contaminated_ngram",
                f"{program.benchmark}:{program.problem_id} ({best_share:.0%} of its {self.config.ngram_tokens}-grams)",
            )
        return None


# --- the whole pass ------------------------------------------------------------------------------


def deduplicate_and_decontaminate(
    samples: Iterable[Sample],
    programs: Sequence[BenchmarkProgram] | BenchmarkIndex,
    config: DecontamConfig | None = None,
) -> DecontamResult:
    config = config or DecontamConfig()
    index = programs if isinstance(programs, BenchmarkIndex) else BenchmarkIndex(programs, config)
    # Preferred survivors first: most views, then smallest id.
    problems = sorted(group_problems(samples), key=lambda p: (-len(p.samples), p.problem_id))
    rejections: list[Rejection] = []
    dropped: set[str] = set()

    seen: dict[str, str] = {}
    for problem in problems:
        key = normalize_text(problem.content)
        if key in seen:
            dropped.add(problem.problem_id)
            rejections.append(Rejection(STAGE, problem.problem_id, "exact_duplicate", f"same content as {seen[key]}"))
        else:
            seen[key] = problem.problem_id

    survivors = [p for p in problems if p.problem_id not in dropped]
    for twin_index, keeper_index, similarity in near_duplicates([p.content for p in survivors], config):
        twin, keeper = survivors[twin_index], survivors[keeper_index]
        dropped.add(twin.problem_id)
        rejections.append(
            Rejection(STAGE, twin.problem_id, "near_duplicate", f"Jaccard {similarity:.2f} with {keeper.problem_id}")
        )

    for problem in problems:
        if problem.problem_id in dropped:
            continue
        leak = index.match(problem.code)
        if leak is not None:
            dropped.add(problem.problem_id)
            rejections.append(Rejection(STAGE, problem.problem_id, leak[0], leak[1]))

    kept_ids = {p.problem_id for p in problems} - dropped
    kept = [
        s
        for p in sorted(problems, key=lambda p: p.problem_id)
        if p.problem_id in kept_ids
        for s in (p.samples[v] for v in sorted(p.samples))
    ]
    return DecontamResult(kept=kept, rejections=rejections)
