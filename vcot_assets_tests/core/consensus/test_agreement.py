from vcot_assets.core.consensus.agreement import (
    best_cluster,
    build_clusters,
    cluster_score,
    clusters_by_instruction,
    solution_runs,
)
from vcot_assets.core.consensus.records import Verdict
from vcot_assets.core.synthesis.records import Candidate, TestCase


def verdicts_for(rows: dict[str, set[int]], tests: list[str]) -> list[Verdict]:
    return [Verdict(s, t, "pass" if i in passed else "fail") for s, passed in rows.items() for i, t in enumerate(tests)]


def test_paper_gcd_example_four_solution_cluster_beats_singleton():
    tests = [f"t{i:02d}" for i in range(25)]
    rows = {f"s{k}": set(range(18)) for k in range(4)}
    rows["s4"] = set(range(18, 23))
    clusters = build_clusters("gcd", list(rows), tests, verdicts_for(rows, tests))
    assert [c.score for c in clusters] == [72.0, 5.0]
    assert clusters[0].members == ["s0", "s1", "s2", "s3"]
    assert len(clusters[0].passed_tests) == 18
    assert best_cluster(clusters, floor=15) is clusters[0]


def test_floor_rejects_weak_consensus_and_codet_formula():
    tests = ["a", "b", "c"]
    rows = {"s0": {0, 1}, "s1": {2}}
    clusters = build_clusters("i", list(rows), tests, verdicts_for(rows, tests))
    assert best_cluster(clusters, floor=15) is None
    assert best_cluster(clusters, floor=2) is clusters[0]
    assert cluster_score(4, 18, "codet") == 36.0
    codet = build_clusters("i", list(rows), tests, verdicts_for(rows, tests), formula="codet")
    assert codet[0].score == 2.0


def test_cluster_that_passes_nothing_is_never_best():
    clusters = build_clusters("i", ["s0", "s1"], ["a"], [Verdict("s0", "a", "error"), Verdict("s1", "a", "timeout")])
    assert len(clusters) == 1 and clusters[0].passed_tests == []
    assert best_cluster(clusters, floor=0) is None


def test_jobs_and_grouping_by_instruction():
    candidates = [Candidate("i1-s0", "i1", 0, "def f(): pass"), Candidate("i2-s0", "i2", 0, "def g(): pass")]
    tests = [TestCase("i1-t00", "i1", "assert f() == 1", "f()", "1")]
    jobs = solution_runs(candidates, tests)
    assert [j.solution_id for j in jobs] == ["i1-s0"]  # i2 has no tests: nothing to run
    grouped = clusters_by_instruction(candidates, tests, [Verdict("i1-s0", "i1-t00", "pass")])
    assert list(grouped) == ["i1"] and grouped["i1"][0].score == 1.0
