"""Code versions follow the code: after `vcot run`, a change to one logic file, one prompt or one
setting makes exactly the assets it affects stale, as `vcot run` plans it (`core/freshness.py`);
re-running them costs no teacher call, and only assets whose input data changed run after them.

Edits are made to copies of one copy of the packages (never to this checkout), which `vcot run`
and the planner then import from.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DOC = """# Running totals

A running total of a list adds each element to the sum of the ones before it. The greatest
common divisor of two integers is found by Euclid's algorithm.
"""
TEACHER_ASSETS = {
    "concepts",
    "instructions",
    "signatures",
    "candidate_code",
    "test_scenarios",
    "candidate_tests",
    "rationales",
}
SANDBOX_ASSETS = {"pass_fail_matrix", "selected_pairs", "traces", "verified_rationales"}
VERIFIER = "vcot_assets/core/verifier/answers.py"
ANSWERS_MATCH = "def answers_match(predicted: str, actual: str) -> bool:\n"

PLANNED = re.compile(r"^  \S+: (?P<count>\d+) assets to materialize \((?P<first>\w+): (?P<reason>.*)\)$")
# What `vcot run` would run first, per batch, and which cross-batch assets' code changed.
PLAN = """
import json
from dagster import DagsterInstance
from vcot_assets import definitions
from vcot_assets.commands.run_cmd import latest_tags
from vcot_assets.core.freshness import CODE_VERSION_TAG, plan_partition
from vcot_assets.partitions import CONCEPT_BATCHES_NAME, concept_batches

graph = definitions.defs.resolve_asset_graph()
per_batch = [k for k in graph.toposorted_asset_keys if graph.get(k).partitions_def == concept_batches]
deps = {k.to_user_string(): [p.to_user_string() for p in graph.get(k).parent_keys] for k in per_batch}
code = {k.to_user_string(): graph.get(k).code_version for k in per_batch}
instance = DagsterInstance.get()
plans = {}
for batch in instance.get_dynamic_partitions(CONCEPT_BATCHES_NAME):
    recorded = {k.to_user_string(): latest_tags(instance, k, batch) for k in per_batch}
    plans[batch] = plan_partition([k.to_user_string() for k in per_batch], deps, code, recorded)
cross = [
    k.to_user_string()
    for k in graph.toposorted_asset_keys
    if k.to_user_string() in ("base_model_answers", "training_sets")
    and (latest_tags(instance, k, None) or {}).get(CODE_VERSION_TAG) != graph.get(k).code_version
]
print(json.dumps({"plans": plans, "cross": cross}))
"""


def copy_checkout(target: Path, source: Path = REPO) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("vcot_assets", "vcot_offline", "prompts"):
        shutil.copytree(source / name, target / name, ignore=ignore)
    for name in ("dagster.yaml", "pyproject.toml"):
        shutil.copy(source / name, target / name)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def environment(checkout: Path, home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VCOT_OFFLINE_", "DAGSTER_HOME"))}
    return dict(env, PYTHONPATH=str(checkout), DAGSTER_HOME=str(home), LITELLM_LOCAL_MODEL_COST_MAP="True", **extra)


def vcot_run(checkout: Path, home: Path, docs: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "vcot_assets.cli", "run", "--docs", str(docs), "--no-stdlib", "--home", str(home)],
        cwd=checkout,
        env=environment(checkout, home),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def would_run(checkout: Path, home: Path, **extra: str) -> tuple[set[str], set[str]]:
    """Assets `vcot run` would run first in any batch, and the cross-batch assets whose code changed."""
    done = subprocess.run(
        [sys.executable, "-c", PLAN],
        cwd=checkout,
        env=environment(checkout, home, **extra),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {name for plan in result["plans"].values() for name in plan}, set(result["cross"])


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    (folder / "totals.md").write_text(DOC)
    return folder


@pytest.fixture(scope="module")
def made(tmp_path_factory, docs) -> tuple[Path, Path]:
    """A checkout copy and a home on which `vcot run` has run."""
    checkout = copy_checkout(tmp_path_factory.mktemp("checkout"))
    home = tmp_path_factory.mktemp("home")
    vcot_run(checkout, home, docs)
    return checkout, home


def test_an_unchanged_or_reformatted_checkout_is_current(made, tmp_path):
    checkout, home = made
    assert would_run(checkout, home) == (set(), set())
    reformatted = copy_checkout(tmp_path / "reformatted", checkout)
    edit(reformatted / VERIFIER, ANSWERS_MATCH, ANSWERS_MATCH.replace("actual: str", "actual: str,  # reformatted\n"))
    assert would_run(reformatted, home) == (set(), set())


def test_one_logic_file_makes_only_its_assets_stale(made, tmp_path):
    checkout, home = made
    edited = copy_checkout(tmp_path / "edited", checkout)
    edit(edited / VERIFIER, ANSWERS_MATCH, ANSWERS_MATCH + "    predicted = predicted.strip()\n")
    assert would_run(edited, home) == ({"verified_rationales"}, set())


def test_one_prompt_makes_only_its_assets_stale(made, tmp_path):
    checkout, home = made
    prompts = tmp_path / "prompts"
    shutil.copytree(checkout / "prompts", prompts)
    with (prompts / "narrate_forward.txt").open("a", encoding="utf-8") as template:
        template.write("\nKeep every sentence short.\n")
    # verified_dataset records every template's version in each sample's provenance
    assert would_run(checkout, home, VCOT_PROMPTS_DIR=str(prompts)) == ({"rationales", "verified_dataset"}, set())


@pytest.mark.parametrize(
    ("variable", "value", "stale", "cross"),
    [
        ("VCOT_VERIFIER_WINDOW", "10", {"verified_rationales"}, set()),
        ("VCOT_SCORE_FLOOR", "30", {"clusters", "selected_pairs"}, set()),
        ("VCOT_OFFLINE_RATE_REASONING_SLIP", "0.5", TEACHER_ASSETS, set()),
        ("VCOT_MEMORY_MB", "1024", SANDBOX_ASSETS, {"base_model_answers"}),
        ("VCOT_SANDBOX", "docker", SANDBOX_ASSETS, {"base_model_answers"}),
    ],
)
def test_one_setting_makes_only_its_assets_stale(made, variable, value, stale, cross):
    checkout, home = made
    assert would_run(checkout, home, **{variable: value}) == (stale, cross)


def planned(stdout: str) -> list[tuple[int, str, str]]:
    """`vcot run`'s plan lines: (assets in the run, the first asset, why it runs)."""
    found = [PLANNED.match(line) for line in stdout.splitlines()]
    return [(int(m["count"]), m["first"], m["reason"]) for m in found if m]


def test_a_verifier_change_reruns_verified_rationales_then_only_what_its_data_changes(made, tmp_path, docs):
    checkout, home = copy_checkout(tmp_path / "checkout", made[0]), tmp_path / "home"
    shutil.copytree(made[1], home)  # relocatable: the instance and the data live under DAGSTER_HOME

    edit(checkout / VERIFIER, ANSWERS_MATCH, ANSWERS_MATCH + "    predicted = predicted.strip()\n")
    same_verdicts = vcot_run(checkout, home, docs)
    assert "0 teacher calls made" in same_verdicts
    assert set(planned(same_verdicts)) == {(1, "verified_rationales", "code version changed")}, same_verdicts
    assert "training_sets" not in same_verdicts, "no batch's samples changed"

    edit(checkout / VERIFIER, ANSWERS_MATCH, ANSWERS_MATCH + "    return False\n")
    rejecting = vcot_run(checkout, home, docs)
    assert "0 teacher calls made" in rejecting
    assert set(planned(rejecting)) == {
        (1, "verified_rationales", "code version changed"),
        (1, "verified_dataset", "upstream verified_rationales changed"),
    }, rejecting
    assert "  training_sets\n" in rejecting
    assert 'verified samples: {"forward": 0, "backward": 0, "bidirectional": 0}' in rejecting
    assert "up to date" in vcot_run(checkout, home, docs)
