"""Stage A synthesis with the offline teacher served over HTTP through a faulty server gives
exactly what the in-process offline provider gives: every fault retried, no sample lost or
duplicated, and a second run answered wholly from the cache."""

import pytest

import vcot_offline as offline
from vcot_assets.core.synthesis import steps as synthesis
from vcot_assets.core.synthesis.records import Concept
from vcot_assets.llm.client import TeacherClient, TeacherConfig
from vcot_assets_tests.testing.wire_server import FaultPlan, WireServer

CONCEPTS = [
    Concept(
        "doc-000-c00",
        "doc-000",
        "Running totals",
        "Accumulate a sum over a list, keeping each partial sum.",
        ["itertools.accumulate", "prefix sums"],
        "easy",
        "running total",
    ),
    Concept(
        "doc-000-c01",
        "doc-000",
        "Stacks",
        "Push and pop items in last-in, first-out order.",
        ["balanced brackets", "undo history"],
        "medium",
        "stack",
    ),
]


def stage_a(client: TeacherClient) -> dict:
    def ask(requests):
        return {reply.key: reply for reply in client.complete_many(requests)}

    instructions, rejected = synthesis.instructions_from_replies(
        CONCEPTS, ask(synthesis.instruction_requests(CONCEPTS, 2)), 2, "offline"
    )
    signatures, more = synthesis.signatures_from_replies(instructions, ask(synthesis.signature_requests(instructions)))
    rejected += more
    by_id = {s.instruction_id: s for s in signatures}
    candidates, more = synthesis.candidates_from_replies(
        instructions, by_id, ask(synthesis.candidate_requests(instructions, by_id, 3)), 3
    )
    rejected += more
    scenarios, more = synthesis.scenarios_from_replies(
        instructions, by_id, ask(synthesis.scenario_requests(instructions, by_id, 4)), 4
    )
    rejected += more
    scenario_map = {s.instruction_id: s for s in scenarios}
    tests, more = synthesis.tests_from_replies(
        instructions, by_id, ask(synthesis.test_requests(instructions, by_id, scenario_map, 6)), 6
    )
    rejected += more
    return {
        name: [r.to_dict() for r in records]
        for name, records in [
            ("instructions", instructions),
            ("signatures", signatures),
            ("candidates", candidates),
            ("scenarios", scenarios),
            ("tests", tests),
            ("rejections", rejected),
        ]
    }


@pytest.mark.slow
def test_offline_teacher_over_a_faulty_wire_matches_the_in_process_provider(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test")
    direct = TeacherClient(TeacherConfig(model="offline/default", cache_dir=None))
    expected = stage_a(direct)
    assert expected["candidates"] and expected["tests"] and direct.usage.calls > 0

    faults = FaultPlan(
        {"429": 0.1, "500": 0.1, "timeout": 0.04, "truncated": 0.08, "malformed": 0.08, "drop": 0.08, "slow": 0.05},
        faulty_attempts=2,
        hang_s=5.0,
        slow_s=0.2,
    )
    with WireServer(latency_s=0.002, answer=offline.answer, faults=faults) as server:
        config = TeacherConfig(
            model="openai/offline",
            api_base=server.base_url,
            cache_dir=str(tmp_path),
            timeout_s=1.5,
            backoff_s=0.01,
            backoff_max_s=0.05,
            concurrency=16,
        )
        wire = TeacherClient(config)
        assert stage_a(wire) == expected
        assert sum(server.stats.faults.values()) > 0 and not wire.usage.failures
        assert server.stats.answered == len(server.stats.by_key) == direct.usage.calls
        made = server.stats.requests

        again = TeacherClient(config)
        assert stage_a(again) == expected
        assert server.stats.requests == made and again.usage.calls == 0
