"""The check batch gives each check the verdict it would get alone, in the real sandbox."""

from vcot_assets.core.sandbox_records import ScriptOutcome
from vcot_assets.evals.execution import check_batch_source, parse_check_batch_report, run_checks

PASS = "assert 1 + 1 == 2"
FAIL = "assert 1 + 1 == 3"


class CountingRunner:
    def __init__(self, run_scripts):
        self.run_scripts = run_scripts
        self.requests = []

    def __call__(self, requests):
        self.requests.extend(requests)
        return self.run_scripts(requests)


def test_verdicts_per_check_and_distinct_programs_run_once(run_scripts):
    runner = CountingRunner(run_scripts)
    verdicts, stats = run_checks([[PASS, FAIL, PASS], [PASS, "raise SystemExit(0)"]], runner)
    assert verdicts == {PASS: True, FAIL: False, "raise SystemExit(0)": False}
    assert (stats.checks, stats.distinct, stats.batch_scripts, stats.single_scripts) == (5, 3, 2, 0)
    assert len(runner.requests) == 2


def test_each_check_gets_fresh_globals(run_scripts):
    first = "x = 1\nassert x == 1"
    second = "assert 'x' not in globals()"
    verdicts, _ = run_checks([[first, second]], run_scripts)
    assert verdicts == {first: True, second: True}


def test_output_is_swallowed_and_input_unreadable(run_scripts):
    noisy = "print('x' * 5_000_000)\nassert True"
    reader = "input()"
    verdicts, _ = run_checks([[noisy, reader]], run_scripts)
    assert verdicts == {noisy: True, reader: False}


def test_astral_characters_survive_the_check_batch(run_scripts):
    emoji = 'assert "\U0001f600".isascii() is False and len("\U0001f600") == 1'
    verdicts, _ = run_checks([[emoji]], run_scripts)
    assert verdicts == {emoji: True}


def test_a_slow_check_times_out_alone(run_scripts):
    slow = "while True:\n    pass"
    verdicts, _ = run_checks([[slow, PASS]], run_scripts, timeout_s=0.3)
    assert verdicts == {slow: False, PASS: True}


def test_a_check_that_kills_its_process_costs_a_retry_not_a_wrong_verdict(run_scripts):
    killer = "import os\nos._exit(0)"
    runner = CountingRunner(run_scripts)
    verdicts, stats = run_checks([[killer, PASS, FAIL]], runner)
    assert verdicts[PASS] is True and verdicts[FAIL] is False
    # os._exit leaves no report even alone, so it is finally judged as a plain script.
    assert stats.batch_scripts == 1 + 3 and stats.single_scripts == 1


def test_reference_path_runs_plain_scripts(run_scripts):
    verdicts, stats = run_checks([[PASS, FAIL]], run_scripts, batched=False)
    assert verdicts == {PASS: True, FAIL: False}
    assert stats.batch_scripts == 0 and stats.single_scripts == 2


def test_report_parsing_refuses_partial_reports():
    good = ScriptOutcome("h", "error", "RuntimeError: VCOT-CHECK-BATCH-REPORT:10t|3")
    assert parse_check_batch_report(good, 3) == [True, False, False]
    assert parse_check_batch_report(good, 4) is None
    assert parse_check_batch_report(ScriptOutcome("h", "timeout", "CPU limit"), 3) is None
    assert parse_check_batch_report(ScriptOutcome("h", "error", "VCOT-CHECK-BATCH-REPORT:1x|2"), 2) is None


def test_check_batch_source_is_ascii():
    assert check_batch_source(['"\u00e9\U0001f600"'], 3.0).isascii()
