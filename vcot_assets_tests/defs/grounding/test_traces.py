"""The traces asset keeps a trace only if the traced call returns what the selected test expects."""

import dataclasses

from dagster import DagsterInstance, asset, materialize

from vcot_assets.core.consensus.records import SelectedPair
from vcot_assets.defs.common import record_metadata, stage_output
from vcot_assets.defs.grounding.assets import traces
from vcot_assets.partitions import concept_batches
from vcot_assets.resources.sandbox import SandboxResource
from vcot_assets.resources.storage import VcotIOManager

KEY = "doc-000"
HONEST = SelectedPair(
    instruction_id="honest",
    concept_id="c1",
    difficulty="easy",
    kind="function",
    instruction="Add one to each item.",
    solution_id="honest-s0",
    code="def f(x):\n    return [v + 1 for v in x]\n",
    test_id="honest-t00",
    test_source="assert f([0, 2]) == [1, 3]",
    call="f([0, 2])",
    expected="[1, 3]",
    cluster_score=20.0,
    cluster_size=4,
    coverage=1.0,
)
# Passes its test (run untraced), but returns something else when it sees a tracer.
TWO_FACED = dataclasses.replace(
    HONEST,
    instruction_id="two-faced",
    solution_id="two-faced-s0",
    code="import sys\ndef f(x):\n    if sys.gettrace() is not None:\n        return [0] * len(x)\n"
    "    return [v + 1 for v in x]\n",
)


def test_a_trace_that_returns_another_value_than_the_test_expects_is_rejected(tmp_path):
    @asset(partitions_def=concept_batches, metadata=record_metadata("SelectedPair"))
    def selected_pairs():
        return stage_output([HONEST, TWO_FACED], [])

    instance = DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(concept_batches.name, [KEY])
    resources = {
        "io_manager": VcotIOManager(home=str(tmp_path)),
        "sandbox": SandboxResource(backend="local", workers=1),
    }
    result = materialize([selected_pairs, traces], instance=instance, partition_key=KEY, resources=resources)
    output = result.output_for_node("traces")
    assert [t.trace_id for t in output.records] == ["honest"]
    assert [(r.item_id, r.reason) for r in output.rejections] == [("two-faced", "trace_diverges")]
    assert "returned [0, 0]" in output.rejections[0].detail
