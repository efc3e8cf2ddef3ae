"""The scorer reproduces the published CRUXEval scores of CodeLlama-7B's sample generations.

16,000 checks (800 problems x 10 generations x 2 tasks) run through the real sandbox: distinct
programs once, each problem's checks in one sandboxed check batch.
"""

from pathlib import Path

import pytest

from vcot_assets.evals import cruxeval
from vcot_assets.evals.common import load_generations
from vcot_assets.sandbox import open_sandbox

SAMPLES = cruxeval.published_samples_dir()
PUBLISHED = {"input": {"pass@1": 35.95, "pass@5": 44.99}, "output": {"pass@1": 34.21, "pass@5": 40.29}}

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
    score = cruxeval.score(generations, mode, sandbox.run_scripts, problems=problems)
    assert score.pass_at == PUBLISHED[mode]
    assert score.problems == 800 and score.generations == 8000
