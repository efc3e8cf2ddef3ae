"""Stage A: from source documents to candidate code and candidate tests (teacher calls)."""

from pathlib import Path

from dagster import AssetExecutionContext, Output, asset

from vcot_assets.core.documents.chunking import plan_batches
from vcot_assets.core.documents.corpus import (
    DocumentError,
    assign_slugs,
    describe_document,
    list_document_paths,
    read_document,
)
from vcot_assets.core.records import Rejection
from vcot_assets.core.synthesis import steps as synthesis
from vcot_assets.core.synthesis.keyphrases import mine_keyphrases
from vcot_assets.core.synthesis.records import BatchText
from vcot_assets.defs.automation import TEACHER_POOL, TEACHER_RETRY
from vcot_assets.defs.code_versions import code_version
from vcot_assets.defs.common import (
    SETTINGS as S,
)
from vcot_assets.defs.common import (
    by_key,
    record_metadata,
    stage_output,
)
from vcot_assets.defs.teacher_calls import ask_teacher
from vcot_assets.partitions import concept_batches

GROUP = "stage_a_synthesis"
TEACHER_ASSET = dict(
    partitions_def=concept_batches,
    group_name=GROUP,
    kinds={"python", "llm"},
    required_resource_keys={"teacher", "home"},
    owners=["team:vcot"],
    pool=TEACHER_POOL,
    retry_policy=TEACHER_RETRY,
)


def locate_batch(
    key: str, docs_dir: Path, batch_chars: int, include_stdlib: bool
) -> tuple[BatchText | None, Rejection | None]:
    """Re-derive a batch from its key: list documents, find the slug, cut the text again."""
    paths, _ = list_document_paths(docs_dir, include_stdlib)
    slugs = assign_slugs(paths)
    for path, slug in slugs.items():
        if not key.startswith(slug + "-"):
            continue
        try:
            text = read_document(path)
        except DocumentError as err:
            return None, Rejection("source_docs", key, err.reason, err.detail)
        for batch in plan_batches(describe_document(path, slug, text), text, batch_chars):
            if batch.key == key:
                return BatchText(batch=batch, text=text[batch.start : batch.end]), None
    return None, Rejection(
        "source_docs", key, "batch_not_found", "its document was removed or shrank; the batch has no text now"
    )


@asset(
    partitions_def=concept_batches,
    group_name=GROUP,
    kinds={"python"},
    required_resource_keys={"home"},
    code_version=code_version(__name__, "source_docs"),
    metadata=record_metadata("BatchText"),
    owners=["team:vcot"],
)
def source_docs(context: AssetExecutionContext) -> Output:
    """The text slice of one document that forms this concept batch."""
    home = context.resources.home
    batch, rejection = locate_batch(context.partition_key, home.docs_dir, S.batch_chars, home.stdlib)
    return stage_output(
        [batch] if batch else [],
        [rejection] if rejection else [],
        {"document": batch.batch.doc_path if batch else "", "chars": len(batch.text) if batch else 0},
    )


@asset(
    **TEACHER_ASSET,
    code_version=code_version(__name__, "concepts", ("concepts",), ("teacher",)),
    metadata=record_metadata("Concept"),
)
def concepts(context: AssetExecutionContext, source_docs: list[BatchText]) -> Output:
    """Keyphrases mined with YAKE, then filtered, described and deduplicated by the teacher."""
    if not source_docs:
        return stage_output([], [Rejection("concepts", context.partition_key, "no_source_text")])
    batch = source_docs[0]
    keyphrases = mine_keyphrases(batch.text, top=2 * S.concepts_per_batch)
    metadata = {"keyphrases": ", ".join(k.phrase for k in keyphrases)}
    request = synthesis.concept_request(batch, keyphrases, S.concepts_per_batch)
    replies = ask_teacher(context, [request], metadata)
    found, rejections = synthesis.concepts_from_reply(
        batch.batch.key,
        replies.get(request.key),
        keyphrases,
        S.concepts_per_batch,
        context.resources.teacher.model_name,
    )
    return stage_output(found, rejections, metadata)


@asset(
    **TEACHER_ASSET,
    code_version=code_version(__name__, "instructions", ("instructions",), ("teacher",)),
    metadata=record_metadata("Instruction"),
)
def instructions(context: AssetExecutionContext, concepts: list) -> Output:
    """Problem statements per concept and difficulty, function and class kinds."""
    metadata: dict = {}
    replies = ask_teacher(context, synthesis.instruction_requests(concepts, S.instructions_per_difficulty), metadata)
    found, rejections = synthesis.instructions_from_replies(
        concepts, replies, S.instructions_per_difficulty, context.resources.teacher.model_name
    )
    metadata["class_kind"] = sum(1 for i in found if i.kind == "class")
    return stage_output(found, rejections, metadata)


@asset(
    **TEACHER_ASSET,
    code_version=code_version(__name__, "signatures", ("signature",), ("teacher",)),
    metadata=record_metadata("Signature"),
)
def signatures(context: AssetExecutionContext, instructions: list) -> Output:
    """One parsed signature per instruction (function or class form)."""
    metadata: dict = {}
    replies = ask_teacher(context, synthesis.signature_requests(instructions), metadata)
    found, rejections = synthesis.signatures_from_replies(instructions, replies)
    return stage_output(found, rejections, metadata)


@asset(
    **TEACHER_ASSET,
    code_version=code_version(__name__, "candidate_code", ("candidate_code",), ("teacher",)),
    metadata=record_metadata("Candidate"),
)
def candidate_code(context: AssetExecutionContext, instructions: list, signatures: list) -> Output:
    """Independent candidate implementations per instruction (sample index = request seed)."""
    metadata: dict = {}
    by_id = by_key(signatures, "instruction_id")
    n = S.candidates_per_instruction
    replies = ask_teacher(context, synthesis.candidate_requests(instructions, by_id, n), metadata)
    found, rejections = synthesis.candidates_from_replies(instructions, by_id, replies, n)
    return stage_output(found, rejections, metadata)


@asset(
    **TEACHER_ASSET,
    code_version=code_version(__name__, "test_scenarios", ("test_scenarios",), ("teacher",)),
    metadata=record_metadata("TestScenarios"),
)
def test_scenarios(context: AssetExecutionContext, instructions: list, signatures: list) -> Output:
    """Situations a thorough test suite should cover, as hints for the test writer."""
    metadata: dict = {}
    by_id = by_key(signatures, "instruction_id")
    count = S.scenarios_per_instruction
    replies = ask_teacher(context, synthesis.scenario_requests(instructions, by_id, count), metadata)
    found, rejections = synthesis.scenarios_from_replies(instructions, by_id, replies, count)
    return stage_output(found, rejections, metadata)


@asset(
    **TEACHER_ASSET,
    code_version=code_version(__name__, "candidate_tests", ("candidate_tests",), ("teacher",)),
    metadata=record_metadata("TestCase"),
)
def candidate_tests(
    context: AssetExecutionContext, instructions: list, signatures: list, test_scenarios: list
) -> Output:
    """Single-assert direct-call tests, parsed by the AST; everything else rejected with a reason."""
    metadata: dict = {}
    by_id = by_key(signatures, "instruction_id")
    count = S.tests_per_instruction
    requests = synthesis.test_requests(instructions, by_id, by_key(test_scenarios, "instruction_id"), count)
    replies = ask_teacher(context, requests, metadata)
    found, rejections = synthesis.tests_from_replies(instructions, by_id, replies, count)
    return stage_output(found, rejections, metadata)
