"""The scorer reproduces the published CRUXEval scores of CodeLlama-7B's sample generations.

16,000 checks (800 problems x 10 generations x 2 tasks) through the real sandbox: output
predictions read as literals, input predictions' arguments passed as values to `f` in a child
holding no generation code.

One official verdict changes under that rule: on sample_344 (`f(list, operation)` calls
`operation(new_list)`), 8 of the 10 input predictions pass a lambda. A lambda is code, not a
value, so it cannot be handed to the child that runs `f`: running it there would let a
generation's code into the process whose value decides its verdict. Counted as the official
check counts them, the published scores come back exactly.
"""

from pathlib import Path

import pytest

from vcot_assets.evals import cruxeval
from vcot_assets.evals.common import load_generations
from vcot_assets.evals.passk import mean_pass_at_k
from vcot_assets.sandbox import open_sandbox

SAMPLES = cruxeval.published_samples_dir()
PUBLISHED = {"input": {"pass@1": 35.95, "pass@5": 44.99}, "output": {"pass@1": 34.21, "pass@5": 40.29}}
# Problem -> official (n, c) where passing needs a callable argument.
CALLABLE_ARGUMENTS = {"input": {"sample_344": [10, 8]}, "output": {}}
STRICTER = {"input": {"pass@1": 35.85, "pass@5": 44.87}, "output": PUBLISHED["output"]}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sandbox():
    with open_sandbox("local", workers=2) as box:
        yield box


@pytest.fixture(scope="module")
def problems():
    return cruxeval.load_problems(cruxeval.default_data_path())


@pytest.mark.parametrize("mode", ["input", "output"])
def test_published_scores_are_reproduced_exactly(mode, sandbox, problems):
    generations = load_generations(Path(SAMPLES / f"codellama-7b_temp0.2_{mode}.generations.json"))
    assert sum(len(g) for g in generations.values()) == 8000
    score = cruxeval.score(generations, mode, sandbox, problems=problems)
    assert score.problems == 800 and score.generations == 8000
    assert score.pass_at == STRICTER[mode]
    official = dict(score.per_problem)
    for problem, counts in CALLABLE_ARGUMENTS[mode].items():
        assert score.per_problem[problem] == [counts[0], 0]
        official[problem] = counts
    assert {f"pass@{k}": round(mean_pass_at_k(official.values(), k), 2) for k in (1, 5)} == PUBLISHED[mode]
