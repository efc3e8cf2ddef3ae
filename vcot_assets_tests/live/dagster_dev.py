"""A live `dagster dev` (webserver + daemon + code server) for end-to-end tests.

Started in its own process group (start_new_session) so teardown reaches every child it
spawned; talked to over the same GraphQL API the UI uses.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from vcot_assets.instance_config import write_instance_yaml
from vcot_assets_tests.live.postgres_server import free_port

REPO = Path(__file__).resolve().parents[2]
LOCATION = "vcot"  # location_name in workspace.yaml

# Small batches: the live tests check orchestration, not volume.
SMALL_PIPELINE = {
    "VCOT_CONCEPTS_PER_BATCH": "1",
    "VCOT_INSTRUCTIONS_PER_DIFFICULTY": "1",
    "VCOT_CANDIDATES_PER_INSTRUCTION": "3",
    "VCOT_TESTS_PER_INSTRUCTION": "6",
    "VCOT_SCENARIOS_PER_INSTRUCTION": "3",
    "VCOT_SCORE_FLOOR": "1",
    "VCOT_SANDBOX": "local",
    "VCOT_TEACHER": "offline/default",
    # One process per run, not per step: a Python start per step dominates on 2 cores.
    "VCOT_EXECUTOR": "in_process",
}


class DagsterDev:
    def __init__(self, home: Path, env: dict[str, str] | None = None):
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = home / "dagster-dev.log"
        self.env = {
            **os.environ,
            **SMALL_PIPELINE,
            **(env or {}),
            "DAGSTER_HOME": str(home),
            "VCOT_HOME": str(home),
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        }
        self.process: subprocess.Popen | None = None

    def start(self, timeout_s: float = 240) -> "DagsterDev":
        write_instance_yaml(self.home, self.env)
        dagster = shutil.which("dagster", path=str(Path(sys.executable).parent)) or "dagster"
        self.process = subprocess.Popen(
            [dagster, "dev", "-w", str(REPO / "workspace.yaml"), "-h", "127.0.0.1", "-p", str(self.port)],
            cwd=REPO,
            env=self.env,
            stdout=self.log_path.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dagster dev exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if self.query("{ version }").get("version"):
                    if self.location_loaded():
                        return self
            except (urllib.error.URLError, OSError, RuntimeError):
                pass
            time.sleep(1.0)
        raise RuntimeError(f"dagster dev did not come up in {timeout_s:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait_s in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait_s)
                break
            except subprocess.TimeoutExpired:
                continue
        # Children that outlived the group leader (code server, daemon) share its group id.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and group_alive(self.process.pid):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                break
            time.sleep(0.2)

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""

    def query(self, query: str, variables: dict | None = None, timeout_s: float = 60) -> dict:
        request = urllib.request.Request(
            f"{self.url}/graphql",
            method="POST",
            data=json.dumps({"query": query, "variables": variables or {}}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            body = json.loads(response.read())
        if body.get("errors"):
            raise RuntimeError(f"GraphQL errors: {body['errors']}")
        return body["data"]

    def location_loaded(self) -> bool:
        data = self.query("""{ workspaceOrError { ... on Workspace { locationEntries {
            name loadStatus locationOrLoadError { __typename ... on PythonError { message } } } } } }""")
        for entry in data["workspaceOrError"]["locationEntries"]:
            if entry["name"] == LOCATION and entry["loadStatus"] == "LOADED":
                error = entry["locationOrLoadError"]
                if error and error["__typename"] == "PythonError":
                    raise AssertionError(f"code location failed to load: {error['message']}")
                return True
        return False

    def reload_location(self, timeout_s: float = 180) -> None:
        result = self.query(
            """mutation($name: String!) { reloadRepositoryLocation(repositoryLocationName: $name) {
            __typename ... on PythonError { message } } }""",
            {"name": LOCATION},
            timeout_s=timeout_s,
        )
        assert result["reloadRepositoryLocation"]["__typename"] == "WorkspaceLocationEntry", result
        deadline = time.monotonic() + timeout_s
        while not self.location_loaded():
            assert time.monotonic() < deadline, "code location did not reload"
            time.sleep(1.0)

    def wait_until(self, predicate, timeout_s: float, what: str, interval_s: float = 3.0):
        deadline = time.monotonic() + timeout_s
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}\n{self.log_tail()}")
            time.sleep(interval_s)

    def runs(self) -> list[dict]:
        data = self.query("""{ runsOrError(limit: 200) { ... on Runs { results {
            runId status jobName tags { key value } } } } }""")
        return data["runsOrError"]["results"]

    def failed_run_messages(self) -> list[str]:
        messages = []
        for run in self.runs():
            if run["status"] != "FAILURE":
                continue
            data = self.query(
                """query($id: ID!) { logsForRun(runId: $id, limit: 500) { ... on EventConnection {
                events { __typename ... on MessageEvent { message }
                         ... on ExecutionStepFailureEvent { error { message } } } } } }""",
                {"id": run["runId"]},
            )
            events = data["logsForRun"].get("events", [])
            errors = [
                e.get("error", {}).get("message", "") for e in events if e["__typename"] == "ExecutionStepFailureEvent"
            ]
            messages.append(f"run {run['runId']} ({run['jobName']}): {' | '.join(errors)[:1500]}")
        return messages


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def make_live_dir() -> Path:
    """A temp folder outside pytest's basetemp, which parallel pytest sessions prune."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix="vcot-live-"))
