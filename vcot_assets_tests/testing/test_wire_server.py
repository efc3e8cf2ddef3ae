import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from vcot_assets_tests.testing.wire_server import FaultPlan, WireServer, echo_answer

REPO = Path(__file__).resolve().parents[2]


def post(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_chat_completion_shape_and_stats():
    with WireServer() as server:
        status, body = post(
            f"{server.base_url}/chat/completions",
            {
                "model": "m",
                "seed": 2,
                "messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": "hi"}],
            },
        )
        assert status == 200
        assert body["choices"][0]["message"] == {"role": "assistant", "content": echo_answer("hi", 2)}
        assert body["usage"]["prompt_tokens"] == 1 and body["model"] == "m"
        assert post(f"{server.base_url}/chat/completions", {"messages": []})[0] == 400
        with urllib.request.urlopen(f"{server.base_url}/stats", timeout=10) as response:
            assert json.loads(response.read()) == {"requests": 1, "answered": 1, "faults": {}, "distinct": 1}
        assert server.requests_for("hi", 2) == 1


def test_rate_limit_fault_then_success():
    with WireServer(faults=FaultPlan({"429": 1.0}, faulty_attempts=1)) as server:
        body = {"model": "m", "messages": [{"role": "user", "content": "x"}]}
        assert post(f"{server.base_url}/chat/completions", body)[0] == 429
        assert post(f"{server.base_url}/chat/completions", body)[0] == 200
        assert server.stats.faults == {"429": 1}


def test_command_line_server_serves_the_offline_teacher():
    process = subprocess.Popen(
        [sys.executable, "-m", "vcot_assets_tests.testing.wire_server", "--answer", "offline"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("listening http://127.0.0.1:")
        status, body = post(
            f"{line.split()[1]}/chat/completions", {"model": "m", "messages": [{"role": "user", "content": "hello"}]}
        )
        assert status == 200 and "vcot" in body["choices"][0]["message"]["content"]
    finally:
        # SIGKILL, not SIGTERM: a test runner may pass SIGTERM down as ignored, and the server
        # has nothing to clean up.
        process.kill()
        process.wait(30)
