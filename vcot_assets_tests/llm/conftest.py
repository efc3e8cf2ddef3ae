import os

import pytest

from vcot_assets_tests.testing.wire_server import FaultPlan, WireServer

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")


@pytest.fixture(autouse=True)
def _no_real_keys(monkeypatch):
    # The openai provider insists on a key; the local server ignores it.
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test")


@pytest.fixture
def server():
    with WireServer(latency_s=0.005) as running:
        yield running


@pytest.fixture
def make_server():
    started = []

    def make(**kwargs) -> WireServer:
        faults = kwargs.pop("faults", None)
        running = WireServer(
            latency_s=kwargs.pop("latency_s", 0.005),
            faults=FaultPlan(**faults) if isinstance(faults, dict) else faults,
            **kwargs,
        ).start()
        started.append(running)
        return running

    yield make
    for running in started:
        running.stop()
