"""Under CI a skipped test is a failed test.

Every skip in these suites stands for a capability the machine lacks (Docker, PostgreSQL, a
browser, transformers, dagster_k8s, litellm, user namespaces, the CRUXEval data). CI provides
all of them (`.ci/run`, `scripts/test.sh`), so there a skip means the capability broke and the
tests that need it checked nothing: report it as a failure, naming what was missing. Elsewhere
skips stay skips.
"""

import os

import pytest


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _skip_reason(longrepr) -> str:
    return longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)


def _fail_skip(report) -> None:
    if report.skipped and not hasattr(report, "wasxfail") and running_in_ci():
        reason = _skip_reason(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, where every required capability must be present: {reason}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    _fail_skip(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    report = yield
    _fail_skip(report)
    return report
