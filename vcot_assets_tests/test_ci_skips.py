"""The root conftest turns every skip into a failure under CI (a missing capability there means
the tests that need it checked nothing), and leaves skips alone elsewhere."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SKIPPING = """
import pytest

def test_calls_skip():
    pytest.skip("no Docker daemon")

def test_imports_a_missing_module():
    pytest.importorskip("vcot_no_such_module")

@pytest.mark.skipif(True, reason="no PostgreSQL binaries")
def test_is_marked_skipif():
    pass

@pytest.mark.xfail(reason="known", strict=True)
def test_expected_to_fail():
    assert False

def test_passes():
    pass
"""
SKIPPED_MODULE = 'import pytest\n\npytest.skip("no chromium", allow_module_level=True)\n'


def run_suite(tmp_path: Path, ci: str | None, files: dict[str, str]) -> subprocess.CompletedProcess:
    suite = tmp_path / "suite"
    suite.mkdir(exist_ok=True)
    shutil.copy(REPO / "conftest.py", suite / "conftest.py")
    for name, text in files.items():
        (suite / name).write_text(text)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfEs", str(suite)],
        cwd=suite,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("ci", ["true", "1"])
def test_under_ci_every_skip_fails_with_its_reason(tmp_path, ci):
    result = run_suite(tmp_path, ci, {"test_skipping.py": SKIPPING})
    assert result.returncode == 1, result.stdout
    # a skip decided at setup (`skipif`) fails the setup, which pytest counts as an error
    assert "2 failed, 1 passed, 1 xfailed, 1 error" in result.stdout.strip().splitlines()[-1], result.stdout
    for reason in ("no Docker daemon", "vcot_no_such_module", "no PostgreSQL binaries"):
        assert reason in result.stdout, reason
    assert "skipped under CI" in result.stdout


def test_under_ci_a_skipped_module_is_a_collection_error(tmp_path):
    result = run_suite(tmp_path, "true", {"test_skipping.py": SKIPPING, "test_skipped_module.py": SKIPPED_MODULE})
    assert result.returncode not in (0, 5), result.stdout
    assert "ERROR test_skipped_module.py" in result.stdout and "no chromium" in result.stdout


@pytest.mark.parametrize("ci", [None, "false", ""])
def test_elsewhere_skips_stay_skips(tmp_path, ci):
    result = run_suite(tmp_path, ci, {"test_skipping.py": SKIPPING, "test_skipped_module.py": SKIPPED_MODULE})
    assert result.returncode == 0, result.stdout
    assert "1 passed, 4 skipped, 1 xfailed" in result.stdout.strip().splitlines()[-1], result.stdout
