"""Generations that try to forge their verdict, or their neighbours', score nothing.

40 CRUXEval problems, five generations each: every honest answer is wrong, and one generation
per problem is a forgery. The forgeries go after what a scorer that runs generations next to
their checks would expose: the check harness's frames and globals, the builtins its checks use,
the result pipe it inherited, the process itself. `vcot eval` must report pass@1 = pass@5 = 0.
"""

import json

import pytest

from vcot_assets.commands import eval_cmd
from vcot_assets.evals import cruxeval

PASS_FRAME = '(lambda b: len(b).to_bytes(4, \'big\') + b)(b\'{"i": 0, "status": "pass"}\')'
# Expressions a generation can consist of (output prediction) or pass as an argument (input).
FORGERIES = [
    # frame walks: replace what runs the other checks of a shared check process
    "__import__('sys')._getframe(1).f_globals.__setitem__('_run_one', lambda *a, **k: '1')",
    "[fr.f_globals.update(_run_one=lambda *a, **k: '1') for fr in [__import__('sys')._getframe(i) for i in range(1, 4)]]",
    # a pass verdict frame written to every inherited descriptor, then exit before the check
    f"[__import__('os').write(fd, {PASS_FRAME}) for fd in range(3, 8)] and __import__('os')._exit(0)",
    f"[__import__('os').write(3, {PASS_FRAME}), __import__('os')._exit(0)]",
    # builtins the check uses: exec, compile, AssertionError
    "__import__('builtins').__setattr__('exec', lambda *a, **k: None)",
    "__import__('builtins').__setattr__('compile', lambda *a, **k: compile('pass', '', 'exec'))",
    "__import__('builtins').__setattr__('AssertionError', type('Never', (BaseException,), {}))",
    # leave before any check runs
    "__import__('os')._exit(0)",
    "__import__('os').kill(__import__('os').getppid(), 9)",
    # read the expected value from wherever a check keeps it
    "[v for fr in [__import__('sys')._getframe(i) for i in range(1, 4)] for v in fr.f_locals.values()]",
]


def _problems_and_generations(mode):
    problems = cruxeval.load_problems()[:40]
    generations = {}
    for index, problem in enumerate(problems):
        forgery = FORGERIES[index % len(FORGERIES)]
        if mode == "output":
            honest = [repr(f"not the output {n}") for n in range(4)]
            generations[problem.problem_id] = [forgery] + honest
        else:
            honest = ["f()", "f(None, None, None, None, None, None)", "f(object)", "f(f)"]
            generations[problem.problem_id] = [f"f({forgery})"] + honest
    return problems, generations


@pytest.mark.parametrize("mode", ["output", "input"])
def test_forged_generations_score_nothing(mode, tmp_path, capsys):
    problems, generations = _problems_and_generations(mode)
    data = tmp_path / "cruxeval.jsonl"
    data.write_text(
        "\n".join(
            json.dumps({"id": p.problem_id, "code": p.code, "input": p.input, "output": p.output}) for p in problems
        )
    )
    path = tmp_path / "generations.json"
    path.write_text(json.dumps(generations))
    details = tmp_path / "details.json"
    argv = ["cruxeval", "--mode", mode, "--generations", str(path), "--data", str(data), "--details", str(details)]
    assert eval_cmd.main([*argv, "--workers", "2"]) == 0
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last == {"pass@1": 0.0, "pass@5": 0.0, "problems": 40}
    assert all(c == 0 for _, c in json.loads(details.read_text())["per_problem"].values())
