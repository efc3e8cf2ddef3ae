"""`vcot export` gives what `training_sets` wrote: deduplicated, decontaminated, in its schema."""

import json

import pytest

from vcot_assets.commands import export_cmd
from vcot_assets.core.grounding.records import Sample
from vcot_assets.core.training_data.subsets import build_subsets, write_subsets

ROW_KEYS = {"sample_id", "view", "messages", "provenance"}


def sample(problem: str, view: str, difficulty: str) -> Sample:
    return Sample(
        sample_id=f"{problem}-{view}",
        view=view,
        messages=[{"role": "user", "content": f"What does {problem} return?"}, {"role": "assistant", "content": "4"}],
        provenance={"instruction_id": problem, "difficulty": difficulty, "batch": "docs-000", "teacher": "offline"},
    )


@pytest.fixture
def home(tmp_path, monkeypatch):
    # prepare_home points VCOT_HOME and DAGSTER_HOME at the home; monkeypatch restores them.
    monkeypatch.setenv("VCOT_HOME", str(tmp_path / "unused"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "unused"))
    home = tmp_path / "home"
    kept = [sample(p, v, d) for p, d in (("p1", "easy"), ("p2", "hard")) for v in ("forward", "backward")]
    write_subsets(home / "data", build_subsets(kept, None))
    # The per-batch dataset holds a duplicate that deduplication dropped: export must not see it.
    batch = home / "data" / "verified_dataset" / "docs-000.jsonl"
    batch.parent.mkdir(parents=True)
    batch.write_text("".join(json.dumps(s.to_dict()) + "\n" for s in [*kept, sample("p1-copy", "forward", "easy")]))
    return home


def export(home, tmp_path, *args) -> tuple[int, list[dict]]:
    out = tmp_path / "out.jsonl"
    code = export_cmd.main(["--home", str(home), "--out", str(out), *args])
    return code, [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []


def test_export_gives_the_full_training_set_in_its_schema(home, tmp_path):
    code, rows = export(home, tmp_path)
    assert code == 0
    assert sorted(r["sample_id"] for r in rows) == ["p1-backward", "p1-forward", "p2-backward", "p2-forward"]
    assert all(set(r) == ROW_KEYS for r in rows)
    assert rows[0]["provenance"]["difficulty"] in ("easy", "hard")
    on_disk = (home / "data" / "training_sets" / "full" / "forward.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in on_disk] == [r for r in rows if r["view"] == "forward"]


def test_export_picks_subset_and_view(home, tmp_path):
    code, rows = export(home, tmp_path, "--subset", "difficulty", "--view", "forward")
    assert code == 0 and [r["sample_id"] for r in rows] == ["p2-forward"]
    code, rows = export(home, tmp_path, "--subset", "answerability", "--view", "backward")
    assert code == 1 and rows == []


def test_export_without_training_sets_says_what_to_run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    monkeypatch.setenv("VCOT_HOME", str(tmp_path))
    code, _ = export(tmp_path / "empty-home", tmp_path, "--view", "forward")
    assert code == 1
    assert "vcot run" in capsys.readouterr().err
