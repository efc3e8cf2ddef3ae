"""`answer()` against vcot's real templates and parsers, and narration against real traces."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import pytest

from vcot_assets.core.grounding.samples import callee_name
from vcot_assets.core.grounding.tracing import build_trace
from vcot_assets.core.prompts import render
from vcot_assets.core.sandbox_records import TraceOutcome
from vcot_assets.core.synthesis import parsing
from vcot_offline import FailureRates, answer
from vcot_offline.families import tasks_by_name

NONE = FailureRates.none()
KEYPHRASES = ["sorted list", "file descriptor", "unicode string", "Python Software Foundation", "hash table"]


@functools.lru_cache(maxsize=1)
def _child_trace():
    # Loaded from its file: it is the sandbox child's stdlib-only tracer, usable on its own.
    path = Path(__file__).resolve().parents[1] / "vcot_assets" / "sandbox" / "child_trace.py"
    spec = importlib.util.spec_from_file_location("vcot_child_trace_for_tests", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _trace(tmp_path, code: str, call: str, require_ok: bool = True):
    path = tmp_path / "program.py"
    path.write_text(code)
    trace = build_trace("t", code, call, TraceOutcome.from_tracer("t", _child_trace().run_trace(str(path), call)))
    assert trace.status == "ok" or not require_ok, trace.detail
    return trace


def _instruction_texts(rates: FailureRates, difficulty: str = "easy") -> list[tuple[str, str]]:
    concepts = parsing.parse_concepts(
        answer(
            render("concepts", excerpt="...", keyphrases="\n".join(f"- {k}" for k in KEYPHRASES), max_concepts=10),
            0,
            rates,
        )
    )
    c = concepts[0]
    return parsing.parse_instructions(
        answer(
            render("instructions", concept=c["name"], description=c["description"], difficulty=difficulty, count=6),
            0,
            rates,
        )
    )


def test_rates_from_env():
    assert FailureRates.from_env({"VCOT_OFFLINE_FAILURES": "0"}) == FailureRates.none()
    doubled = FailureRates.from_env({"VCOT_OFFLINE_FAILURES": "2"})
    assert doubled.wrong_candidate == pytest.approx(2 * FailureRates().wrong_candidate)
    one = FailureRates.from_env({"VCOT_OFFLINE_RATE_WRONG_EXPECTED": "0.5"})
    assert one.wrong_expected == 0.5 and one.malformed == FailureRates().malformed
    with pytest.raises(ValueError, match="VCOT_OFFLINE_RATE_MALFORMED"):
        FailureRates.from_env({"VCOT_OFFLINE_RATE_MALFORMED": "lots"})


def test_concepts_drop_non_programming_phrases_and_parse():
    concepts = parsing.parse_concepts(
        answer(
            render("concepts", excerpt="...", keyphrases="\n".join(f"- {k}" for k in KEYPHRASES), max_concepts=10),
            0,
            NONE,
        )
    )
    names = [c["name"] for c in concepts]
    assert "python software foundation" not in names
    assert {"sorted list", "file descriptor", "unicode string", "hash table"} <= set(names)


@pytest.mark.parametrize("difficulty", ["easy", "medium", "hard"])
def test_stage_a_round_trip_parses(difficulty):
    items = _instruction_texts(NONE, difficulty)
    assert len(items) == 6
    for kind, text in items:
        signature = parsing.parse_signature(answer(render("signature", instruction=text), 0, NONE), "i")
        assert signature.kind == kind
        codes = {
            parsing.extract_code_block(
                answer(render("candidate_code", instruction=text, signature=signature.raw), k, NONE)
            )
            for k in range(5)
        }
        assert len(codes) >= 3, "candidates of different seeds should differ in style"
        scenarios = parsing.parse_scenarios(
            answer(render("test_scenarios", instruction=text, signature=signature.raw, count=10), 0, NONE)
        )
        assert 3 <= len(scenarios) <= 10


def test_tests_parse_in_the_direct_call_form():
    for _kind, text in _instruction_texts(NONE):
        signature = answer(render("signature", instruction=text), 0, NONE)
        reply = answer(
            render("candidate_tests", instruction=text, signature=signature, scenarios="1. empty", count=25), 0, NONE
        )
        tests, rejections = parsing.parse_tests(reply, "i")
        assert not rejections and len(tests) >= 18
        assert all(callee_name(t.call) == find_name(signature) for t in tests)


def find_name(signature_line: str) -> str:
    return signature_line.split(":", 1)[1].strip().split("(")[0].split(";")[0].strip()


def test_answers_are_deterministic_and_seeded():
    text = tasks_by_name()["binary_search"].instruction
    prompt = render("candidate_code", instruction=text, signature=tasks_by_name()["binary_search"].signature)
    assert answer(prompt, 2) == answer(prompt, 2)
    assert len({answer(prompt, k, NONE) for k in range(5)}) == 5


def test_failure_modes_show_up_at_default_rates():
    rates = FailureRates()
    task = tasks_by_name()["running_total"]
    prompts = [
        render("candidate_code", instruction=task.instruction + " " * n, signature=task.signature) for n in range(60)
    ]
    replies = [answer(p, k, rates) for p in prompts for k in range(5)]
    wrong = malformed = 0
    for reply in replies:
        try:
            code = parsing.extract_code_block(reply)
        except parsing.ParseError as err:
            assert err.reason
            malformed += 1
            continue
        namespace: dict = {}
        exec(code, namespace)  # our own variants
        wrong += namespace["running_total"]([4, -1, 3]) != [4, 3, 6] or namespace["running_total"]([]) != []
    assert 0.1 * len(replies) < wrong < 0.35 * len(replies)
    assert 0 < malformed < 0.1 * len(replies)


def test_wrong_expected_values_are_wrong():
    task = tasks_by_name()["count_vowels"]
    truth = dict(task.cases(25))
    rates = FailureRates(wrong_expected=0.5, malformed=0, malformed_test=0)
    reply = answer(
        render("candidate_tests", instruction=task.instruction, signature=task.signature, scenarios="1. x", count=25),
        0,
        rates,
    )
    asserts = [line.strip()[len("assert ") :] for line in reply.splitlines() if line.strip().startswith("assert ")]
    wrong = [a for a in asserts if truth[a.split(" == ")[0]] != a.split(" == ")[1]]
    assert 5 <= len(wrong) <= 20


def test_unknown_prompt_gets_a_refusal_the_parsers_reject():
    with pytest.raises(parsing.ParseError):
        parsing.parse_narration(answer("hello there"))


def _narration_prompts(tmp_path, name: str, call: str):
    task = tasks_by_name()[name]
    trace = _trace(tmp_path, task.code, call)
    forward = render("narrate_forward", code=task.code.rstrip(), call=call, trace=trace.text)
    backward = render(
        "narrate_backward", code=task.code.rstrip(), output=trace.returned, trace=trace.text, function=callee_name(call)
    )
    return trace, forward, backward


def _seed_for(prompt: str, style: str) -> int:
    from vcot_offline.narrator import narration_style
    from vcot_offline.prompt import parse_prompt

    return next(seed for seed in range(200) if narration_style(parse_prompt(prompt), seed) == style)


@pytest.mark.parametrize("name", ["running_total", "binary_search", "factorial", "MinStack", "compress_runs"])
def test_faithful_narration_answers_match_the_trace(tmp_path, name):
    task = tasks_by_name()[name]
    for n, (call, expected) in enumerate(task.cases(25)[::5]):
        _, forward, backward = _narration_prompts(tmp_path, name, call)
        reasoning, predicted = parsing.parse_narration(answer(forward, n, NONE))
        assert predicted == expected
        assert "trace" not in reasoning.lower()
        _, predicted_call = parsing.parse_narration(answer(backward, n, NONE))
        assert predicted_call == call


def test_every_style_is_used_and_looks_like_itself(tmp_path):
    from vcot_offline.narrator import narration_style
    from vcot_offline.prompt import parse_prompt
    from vcot_offline.styles import STYLES

    _, forward, backward = _narration_prompts(tmp_path, "running_total", "running_total([4, -1, 3])")
    marks = {
        "paper": ("### Understand", "### Plan", "### Execute", "### Reflect"),
        "steps": ("<Steps>", "1. ", "</Steps>"),
        "loop_summary": ("3 times", "4, 3 and 6"),
        "number_words": ("three",),
        "restated_code": ("`total += x`",),
        "paragraphs": ("\n\n",),
    }
    for style in STYLES:
        text = answer(forward, _seed_for(forward, style), NONE)
        assert all(m in text for m in marks[style]), (style, text)
        assert text.endswith("Answer: [4, 3, 6]")
        back = answer(backward, _seed_for(backward, style), NONE)
        assert back.endswith("Answer: running_total([4, -1, 3])"), (style, back)
    assert {narration_style(parse_prompt(forward), seed) for seed in range(60)} == set(STYLES)


def test_binary_search_narration_states_the_branches(tmp_path):
    _, forward, _ = _narration_prompts(tmp_path, "binary_search", "binary_search([1, 3, 5, 7], 5)")
    text = answer(forward, _seed_for(forward, "steps"), NONE)
    assert "0 <= 3 is true, so the loop" in text
    assert "(0 + 3) // 2 = 1" in text and "1 + 1 = 2" in text
    assert "3 < 5 is true" in text and "3 == 5 is false" in text
    assert "hi = 1" not in text and "hi becomes 1" not in text
    assert text.endswith("Answer: 2")


def test_slips_are_near_misses_not_values_chosen_to_be_caught():
    from vcot_offline.slips import near_miss

    assert near_miss("6", "a") in {"5", "7", "16", "-4"}
    assert near_miss("[4, 3, 6]", "a", stale="[4, 3]") in {"[4, 3]", "[4, 3, 5]", "[4, 3, 7]", "[3, 4, 6]", "[4, 6, 3]"}
    assert near_miss("True", "a") == "False"
    # A model that loses its place writes the value the variable had a step before.
    stale = sum(near_miss("[4, 3, 6]", f"s{n}", stale="[4, 3]") == "[4, 3]" for n in range(30))
    assert 10 <= stale < 30


def test_reasoning_slips_come_in_every_kind(tmp_path):
    from vcot_offline import slips
    from vcot_offline.story import facts
    from vcot_offline.trace_reader import read_trace

    task = tasks_by_name()["binary_search"]
    trace = _trace(tmp_path, task.code, "binary_search([1, 3, 5, 7, 9, 11], 4)")
    for kind in slips.REASONING_SLIPS:
        run = facts(read_trace(trace.text), task.code)
        summary = [["0", "2", "4"]]
        assert slips.slip_reasoning(run, [kind], f"salt {kind}", summary) == kind
        slipped = [f for f in run if f.slip]
        assert len(slipped) == (0 if kind == "wrong_loop_summary_value" else 1)
        assert (summary != [["0", "2", "4"]]) == (kind == "wrong_loop_summary_value")


def test_slipped_narrations_differ_from_the_faithful_one_in_one_place(tmp_path):
    _, forward, _ = _narration_prompts(tmp_path, "running_total", "running_total([4, -1, 3, 5])")
    rates = FailureRates(reasoning_slip=1.0, wrong_answer=0, missing_answer=0)
    differing = 0
    for seed in range(12):
        faithful, slipped = answer(forward, seed, NONE).splitlines(), answer(forward, seed, rates).splitlines()
        changed = [(a, b) for a, b in zip(faithful, slipped) if a != b]
        assert len(changed) <= 1 and faithful[-1] == slipped[-1]
        differing += len(changed)
    assert differing >= 10


def test_wrong_answers_and_inputs_are_near_misses(tmp_path):
    _, forward, backward = _narration_prompts(tmp_path, "running_total", "running_total([4, -1, 3])")
    rates = FailureRates(reasoning_slip=0, wrong_answer=1.0, missing_answer=0)
    for seed in range(6):
        _, predicted = parsing.parse_narration(answer(forward, seed, rates))
        assert predicted != "[4, 3, 6]" and predicted.startswith("[")
        _, call = parsing.parse_narration(answer(backward, seed, rates))
        assert call != "running_total([4, -1, 3])" and call.startswith("running_total([")


def _verdicts(tmp_path, rates: FailureRates, stride: int, task_stride: int = 1) -> list[bool]:
    from vcot_assets.core.grounding.records import Rationale
    from vcot_assets.core.verifier import answers
    from vcot_assets.core.verifier import verdict as verify

    accepted = []
    for task in sorted(tasks_by_name().values(), key=lambda t: t.name)[::task_stride]:
        for call, _ in task.cases(25)[1::stride]:
            trace = _trace(tmp_path, task.code, call)
            forward = answer(render("narrate_forward", code=task.code.rstrip(), call=call, trace=trace.text), 0, rates)
            backward = answer(
                render(
                    "narrate_backward",
                    code=task.code.rstrip(),
                    output=trace.returned,
                    trace=trace.text,
                    function=callee_name(call),
                ),
                0,
                rates,
            )
            try:
                text, predicted = parsing.parse_narration(forward)
                accepted.append(verify.verify_forward(Rationale("r", "i", "forward", text, predicted), trace).accepted)
            except parsing.ParseError:
                accepted.append(False)
            try:
                text, predicted = parsing.parse_narration(backward)
            except parsing.ParseError:
                accepted.append(False)
                continue
            predicted_call = answers.normalize_backward_answer(predicted, callee_name(call))
            predicted_trace = (
                _trace(tmp_path, task.code, predicted_call, require_ok=False) if predicted_call != call else trace
            )
            report = verify.verify_backward(
                Rationale("r", "i", "backward", text, predicted), trace.returned, predicted_trace
            )
            accepted.append(report.accepted)
    return accepted


def test_faithful_narrations_pass_the_verifier(tmp_path):
    # A plumbing check with a loose floor: how often the verifier accepts this teacher's
    # faithful narrations is a measurement of the verifier, not a target for the teacher.
    accepted = _verdicts(tmp_path, NONE, stride=8, task_stride=2)
    assert sum(accepted) >= 0.8 * len(accepted)


def test_default_rates_make_the_verifier_reject_a_fair_share(tmp_path):
    accepted = _verdicts(tmp_path, FailureRates(), stride=6, task_stride=2)
    rejected = 1 - sum(accepted) / len(accepted)
    assert 0.12 <= rejected <= 0.40


def test_every_broken_signature_and_code_is_rejected_with_a_reason():
    from vcot_assets.core.synthesis.steps import signature_mismatch
    from vcot_offline.stage_a_answers import _broken_code, _broken_signature
    from vcot_offline.variants import style_variant

    for task in tasks_by_name().values():
        good = parsing.parse_signature(task.signature, "i")
        for how in range(3):
            with pytest.raises(parsing.ParseError) as caught:
                parsing.parse_signature(_broken_signature(task.signature, how), "i")
            assert caught.value.reason
        for how in range(4):
            reply = _broken_code(task, style_variant(task, 1), how)
            try:
                code = parsing.extract_code_block(reply)
            except parsing.ParseError as err:
                assert err.reason
                continue
            assert signature_mismatch(code, good), (task.name, how)


def test_malformed_tests_are_each_rejected():
    task = tasks_by_name()["merge_intervals"]
    rates = FailureRates(malformed_test=1.0, malformed=0, wrong_expected=0)
    reply = answer(
        render("candidate_tests", instruction=task.instruction, signature=task.signature, scenarios="1. x", count=25),
        0,
        rates,
    )
    tests, rejections = parsing.parse_tests(reply, "i")
    off_target = [t for t in tests if callee_name(t.call) != task.name]
    assert len(rejections) + len(off_target) == 25
    assert len({r.reason for r in rejections}) >= 3


def test_extract_entities_answers_with_its_own_reading():
    import json

    def read(sentence: str) -> list:
        return json.loads(parsing.fenced_blocks(answer(render("extract_entities", sentence=sentence), 0, NONE))[0].body)

    assert read("3 < 5 is true, so the if branch runs") == [
        {"kind": "comparison", "name": "3 < 5", "value": "True"},
        {"kind": "branch", "name": "", "value": "if"},
    ]
    assert read("`1 + 1 = 2`, so `lo` becomes 2.") == [{"kind": "value", "name": "lo", "value": "2"}]
    assert read("arr[3] = 4 and the function returns [4, 3].") == [
        {"kind": "index", "name": "arr[3]", "value": "4"},
        {"kind": "return", "name": "", "value": "[4, 3]"},
    ]
    assert read("2 <= 1 is false, so the loop ends.") == [
        {"kind": "comparison", "name": "2 <= 1", "value": "False"},
        {"kind": "loop", "name": "", "value": "exit"},
    ]
    broken = answer(render("extract_entities", sentence="total becomes 6"), 0, FailureRates(malformed=1.0))
    with pytest.raises(json.JSONDecodeError):
        json.loads(parsing.fenced_blocks(broken)[0].body)


def test_malformed_concepts_are_rejected_with_a_reason():
    reasons = set()
    for n in range(8):
        reply = answer(
            render("concepts", excerpt="." * n, keyphrases="- heap\n- sorted list", max_concepts=10),
            n,
            FailureRates(malformed=1.0),
        )
        with pytest.raises(parsing.ParseError) as caught:
            parsing.parse_concepts(reply)
        reasons.add(caught.value.reason)
    # Almost-JSON is repaired, so a malformed reply is rejected for what it lacks once read.
    assert reasons and reasons <= {"malformed_json", "malformed_concept", "bad_difficulty", "no_json"}


def test_long_traces_get_a_bounded_narration_that_still_verifies(tmp_path):
    from vcot_assets.core.grounding.records import Rationale
    from vcot_assets.core.verifier import verdict as verify
    from vcot_offline.styles import MAX_FACTS

    call = f"running_total({list(range(-30, 30))})"
    trace, forward, _ = _narration_prompts(tmp_path, "running_total", call)
    text, predicted = parsing.parse_narration(answer(forward, _seed_for(forward, "steps"), NONE))
    assert len(text.splitlines()) <= MAX_FACTS + 6
    assert "go on in the same way" in text
    assert verify.verify_forward(Rationale("r", "i", "forward", text, predicted), trace).accepted
    summed, _ = parsing.parse_narration(answer(forward, _seed_for(forward, "loop_summary"), NONE))
    assert "60 times" in summed and "and so on up to" in summed and len(summed) < len(text) / 4


def test_answers_repeat_across_processes_and_hash_seeds():
    import os
    import subprocess
    import sys

    script = (
        "from vcot_assets.core.prompts import render\n"
        "from vcot_offline import answer\n"
        "from vcot_offline.families import tasks_by_name\n"
        "import hashlib\n"
        "h = hashlib.sha256()\n"
        "for t in tasks_by_name().values():\n"
        "    for k in range(5):\n"
        "        h.update(answer(render('candidate_code', instruction=t.instruction, signature=t.signature), k).encode())\n"
        "    h.update(answer(render('candidate_tests', instruction=t.instruction, signature=t.signature,"
        " scenarios='1. x', count=25)).encode())\n"
        "h.update(answer(render('concepts', excerpt='x', keyphrases='- sorted list\\n- hash table\\n- heap item',"
        " max_concepts=10)).encode())\n"
        "print(h.hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[1]
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)}
        env.pop("VCOT_OFFLINE_FAILURES", None)
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=root, capture_output=True, text=True, check=True, timeout=120
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_generator_narration_tells_yields_from_returns(tmp_path):
    from vcot_assets.core.grounding.records import Rationale
    from vcot_assets.core.verifier import verdict as verify

    task = tasks_by_name()["chunked"]
    call = "chunked([1, 2, 3], 2)"
    trace = _trace(tmp_path, task.code, call)
    reply = answer(render("narrate_forward", code=task.code.rstrip(), call=call, trace=trace.text), 0, NONE)
    text, predicted = parsing.parse_narration(reply)
    assert "chunks yields [1, 2]" in text and "after its yield" in text
    assert "returns None" not in text
    assert verify.verify_forward(Rationale("r", "i", "forward", text, predicted), trace).accepted


def test_module_entry_point_answers_stdin():
    import subprocess
    import sys

    task = tasks_by_name()["gcd"]
    prompt = render("signature", instruction=task.instruction)
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-m", "vcot_offline", "--seed", "0"],
        input=prompt,
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "VCOT_OFFLINE_FAILURES": "0"},
    )
    assert done.stdout.strip() == task.signature
