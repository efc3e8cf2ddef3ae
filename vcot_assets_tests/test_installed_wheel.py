"""The code location loads from an installed wheel: no checkout, no pyproject.toml beside it."""

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_definitions_load_from_the_built_wheel(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    site = tmp_path / "site"
    with zipfile.ZipFile(next(tmp_path.glob("vcot-*.whl"))) as wheel:
        wheel.extractall(site)
    assert (site / "vcot_assets" / "_prompts" / "narrate_forward.txt").is_file()
    assert (site / "vcot_assets" / "evals" / "data" / "cruxeval" / "cruxeval.jsonl").is_file()
    probe = (
        "import vcot_assets, vcot_assets.definitions as d; "
        "assert vcot_assets.__file__.startswith(%r), vcot_assets.__file__; print(len(d.defs.assets))" % str(site)
    )
    env = {"PYTHONPATH": str(site), "VCOT_HOME": str(tmp_path / "home"), "LITELLM_LOCAL_MODEL_COST_MAP": "True",
           "PATH": "/usr/bin:/bin"}  # fmt: skip
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=300)  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    assert int(loaded.stdout.strip()) >= 14
