"""Deduplication and decontamination: each reason fires on its own case, and clean data stays."""

from vcot_assets.core.grounding.records import Sample
from vcot_assets.core.training_data.decontam import (
    BenchmarkIndex,
    DecontamConfig,
    deduplicate_and_decontaminate,
    near_duplicates,
    normalized_definitions,
)
from vcot_assets.core.training_data.records import BenchmarkProgram

CRUX = BenchmarkProgram(
    "cruxeval",
    "sample_7",
    (
        "def f(nums):\n"
        "    output = []\n"
        "    for n in nums:\n"
        "        output.append((nums.count(n), n))\n"
        "    output.sort(reverse=True)\n"
        "    return output"
    ),
)
HUMANEVAL = BenchmarkProgram(
    "humaneval",
    "HumanEval/0",
    (
        "from typing import List\n\n\n"
        "def has_close_elements(numbers: List[float], threshold: float) -> bool:\n"
        '    """ Check if in given list of numbers, are any two numbers closer to each other than\n'
        '    given threshold."""\n'
        "    for idx, elem in enumerate(numbers):\n"
        "        for idx2, elem2 in enumerate(numbers):\n"
        "            if idx != idx2:\n"
        "                distance = abs(elem - elem2)\n"
        "                if distance < threshold:\n"
        "                    return True\n\n"
        "    return False\n"
    ),
)


def problem(
    pid: str,
    code: str,
    instruction: str = "Write a function.",
    call: str = "solution([1])",
    views=("forward", "backward", "bidirectional"),
    difficulty: str = "easy",
) -> list[Sample]:
    question = f"{instruction}\n\n```python\n{code}\n```\n\nWhat does `{call}` return?"
    samples = []
    for view in views:
        messages = [{"role": "user", "content": question}, {"role": "assistant", "content": "... Answer: 1"}]
        samples.append(
            Sample(
                sample_id=f"{pid}-{view}",
                view=view,
                messages=messages,
                provenance={"instruction_id": pid, "difficulty": difficulty, "input": call},
            )
        )
    return samples


CLEAN = [
    problem(
        "b1-c01-easy-00",
        "def solution(xs):\n    total = 0\n    for x in xs:\n        total += x * x\n    return total",
        "Return the sum of squares of a list of integers.",
    ),
    problem(
        "b1-c02-hard-00",
        "def solution(text):\n    words = text.split()\n    return ' '.join(reversed(words))",
        "Reverse the order of the words in a sentence.",
        "solution('a b c')",
    ),
    problem(
        "b2-c01-medium-03",
        "class Counter:\n    def __init__(self):\n        self.n = 0\n    def add(self, k):\n        self.n += k\n        return self.n",
        "Implement a running counter class.",
        "Counter().add(3)",
    ),
]


def flat(groups):
    return [s for group in groups for s in group]


def run(groups, programs=(CRUX, HUMANEVAL)):
    return deduplicate_and_decontaminate(flat(groups), list(programs))


def test_clean_problems_all_stay_in_every_view():
    result = run(CLEAN)
    assert result.rejections == []
    assert len(result.kept) == 9


def test_exact_duplicate_across_batches_keeps_the_problem_with_more_views():
    code = CLEAN[0][0].messages[0]["content"].split("```python\n")[1].split("```")[0]
    twin = problem("b9-c04-easy-01", code, "Return the sum of squares of a list of integers.", views=("forward",))
    result = run([*CLEAN, twin])
    assert [(r.item_id, r.reason) for r in result.rejections] == [("b9-c04-easy-01", "exact_duplicate")]
    assert result.counts == {"exact_duplicate": 1}


def test_near_duplicate_differing_in_a_word_is_dropped():
    base = CLEAN[1][0].messages[0]["content"]
    instruction = "Reverse the order of the words in a phrase."
    twin = problem(
        "b3-c07-hard-02",
        "def solution(text):\n    words = text.split()\n    return ' '.join(reversed(words))",
        instruction,
        "solution('a b c')",
    )
    assert twin[0].messages[0]["content"] != base
    result = run([*CLEAN, twin])
    assert [r.reason for r in result.rejections] == ["near_duplicate"]
    assert {r.item_id for r in result.rejections} == {"b3-c07-hard-02"}
    assert all(not s.sample_id.startswith("b3-c07") for s in result.kept)


def test_renamed_copy_of_a_benchmark_program_is_caught_by_the_ast():
    renamed = (
        "def solution(values: list) -> list:\n"
        '    """Pairs of (count, value), sorted descending."""\n'
        "    result = []\n"
        "    for v in values:\n"
        "        result.append((values.count(v), v))\n"
        "    result.sort(reverse=True)\n"
        "    return result"
    )
    result = run([*CLEAN, problem("b4-c01-easy-00", renamed)])
    assert [(r.reason, r.detail) for r in result.rejections] == [("contaminated_ast", "cruxeval:sample_7")]
    assert result.counts_by_benchmark == {"cruxeval": 1}


def test_benchmark_code_pasted_into_a_longer_solution_is_caught_by_ngrams():
    pasted = (
        "import math\n\n"
        "def helper(x):\n    return math.sqrt(x)\n\n"
        "def solution(numbers, threshold):\n"
        "    numbers = [helper(n) for n in numbers]\n"
        "    for idx, elem in enumerate(numbers):\n"
        "        for idx2, elem2 in enumerate(numbers):\n"
        "            if idx != idx2:\n"
        "                distance = abs(elem - elem2)\n"
        "                if distance < threshold:\n"
        "                    return True\n"
        "    return False\n"
    )
    result = run([*CLEAN, problem("b5-c02-medium-00", pasted)])
    assert [r.reason for r in result.rejections] == ["contaminated_ngram"]
    assert result.rejections[0].detail.startswith("humaneval:HumanEval/0")


def test_a_common_idiom_alone_is_not_contamination():
    idiom = (
        "def solution(nums):\n    out = []\n    for n in nums:\n        if n % 2 == 0:\n"
        "            out.append(n)\n    return sorted(out, reverse=True)"
    )
    result = run([*CLEAN, problem("b6-c03-easy-00", idiom)])
    assert result.rejections == []


def test_ast_normalization_keeps_builtins_and_attributes_apart():
    assert normalized_definitions("def f(x):\n    return len(x)") != normalized_definitions(
        "def g(y):\n    return sum(y)"
    )
    assert normalized_definitions("def f(s):\n    return s.upper()") != normalized_definitions(
        "def f(s):\n    return s.lower()"
    )
    assert normalized_definitions("def f(a):\n    return a + 1") == normalized_definitions(
        "def g(b: int) -> int:\n    return b + 1"
    )
    assert normalized_definitions("def broken(:") == set()


def test_lsh_finds_the_similar_pair_only():
    texts = [
        "the quick brown fox jumps over the lazy dog near the river bank today",
        "completely different words about sorting lists of integers in python code",
        "the quick brown fox jumps over the lazy dog near the river bank now",
        "the quick brown fox jumps over the lazy dog near the river bank then",
    ]
    found = near_duplicates(texts, DecontamConfig(near_duplicate_jaccard=0.7))
    # Both copies point at the first text, the one kept.
    assert [(twin, keeper) for twin, keeper, _ in found] == [(2, 0), (3, 0)]


def test_index_on_the_real_cruxeval_programs():
    from vcot_assets.evals import cruxeval

    problems = cruxeval.load_problems()
    index = BenchmarkIndex([BenchmarkProgram("cruxeval", p.problem_id, p.code) for p in problems])
    leaked = problems[123]
    renamed = leaked.code.replace("def f(", "def solution(", 1)
    assert index.match(renamed) is not None
    for group in CLEAN:
        code = group[0].messages[0]["content"].split("```python\n")[1].split("```")[0]
        assert index.match(code) is None
