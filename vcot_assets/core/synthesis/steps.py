"""Stage A: what to ask the teacher, and what its replies become.

Each step is a pair of pure functions: one builds the teacher requests for a set of items, the
other turns the replies into records plus rejections (malformed output never raises).
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable
from typing import TypeVar

from vcot_assets.core.grounding.samples import callee_name
from vcot_assets.core.prompts import render
from vcot_assets.core.records import DIFFICULTIES, Rejection, TeacherReply, TeacherRequest
from vcot_assets.core.synthesis import parsing
from vcot_assets.core.synthesis.records import (
    BatchText,
    Candidate,
    Concept,
    Instruction,
    Keyphrase,
    Signature,
    TestCase,
    TestScenarios,
)

EXCERPT_CHARS = 3000
T = TypeVar("T")


def read_reply(
    stage: str,
    item_id: str,
    reply: TeacherReply | None,
    parse: Callable[[str], T],
) -> tuple[T | None, Rejection | None]:
    """A reply's parsed content, or the rejection saying why there is none (failed call or bad format).

    A reply cut by the token limit (`finish_reason == "length"`) is never read as if whole: a
    parser of lists (`parse(text, truncated=True)`) keeps the items completed before the cut, a
    structured reply comes back from `structured_text` as those items alone, and any other reply
    is rejected as `truncated`."""
    if reply is None or reply.text is None:
        detail = reply.error if reply is not None and reply.error else "no reply"
        return None, Rejection(stage, item_id, "teacher_error", detail)
    text = reply.text
    try:
        if reply.schema is not None:  # (a cut one comes back as the items it completed)
            return parse(parsing.structured_text(reply.schema, text, reply.finish_reason == "length")), None
        if reply.finish_reason != "length":
            return parse(text), None
        if "truncated" not in inspect.signature(parse).parameters:
            detail = "the reply was cut by the token limit (finish_reason=length): raise the teacher's max_tokens"
            return None, Rejection(stage, item_id, "truncated", detail)
        return parse(text, truncated=True), None
    except parsing.ParseError as err:
        return None, Rejection(stage, item_id, err.reason, err.detail)


def _normalized_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


# --- concepts ---------------------------------------------------------------------------------


def concept_request(batch: BatchText, keyphrases: list[Keyphrase], max_concepts: int) -> TeacherRequest:
    listing = "\n".join(f"- {k.phrase}" for k in keyphrases) or "- (none found)"
    prompt = render("concepts", excerpt=batch.text[:EXCERPT_CHARS], keyphrases=listing, max_concepts=max_concepts)
    # a structured reply names one of the listed keyphrases (one the prompt did not list is rejected anyway)
    choices = {"keyphrase": [k.phrase for k in keyphrases]} if keyphrases else {}
    return TeacherRequest(key=batch.batch.key, template="concepts", prompt=prompt, choices=choices)


def concepts_from_reply(
    batch_key: str, reply: TeacherReply | None, keyphrases: list[Keyphrase], max_concepts: int, teacher: str
) -> tuple[list[Concept], list[Rejection]]:
    items, failure = read_reply("concepts", batch_key, reply, parsing.parse_concepts)
    if failure:
        return [], [failure]
    phrases, scores = [k.phrase for k in keyphrases], {k.phrase: k.score for k in keyphrases}
    concepts, rejections, seen = [], [], set()
    for item in items:
        name = str(item.get("name", "")).strip()
        key = _normalized_name(name)
        if not key:
            rejections.append(Rejection("concepts", batch_key, "unnamed_concept", str(item)[:200]))
            continue
        if key in seen:
            rejections.append(Rejection("concepts", batch_key, "duplicate_concept", name))
            continue
        if len(concepts) >= max_concepts:
            rejections.append(Rejection("concepts", batch_key, "over_batch_cap", name))
            continue
        keyphrase = str(item.get("keyphrase", ""))
        source = parsing.listed_phrase(keyphrase, phrases)  # (the listed phrase, for its score too)
        if phrases and source is None:
            rejections.append(Rejection("concepts", batch_key, "unlisted_keyphrase", f"{name}: {keyphrase!r}"[:200]))
            continue
        seen.add(key)
        difficulty = str(item.get("difficulty") or "").lower()
        concepts.append(
            Concept(
                concept_id=f"{batch_key}-c{len(concepts):02d}",
                batch=batch_key,
                name=name,
                description=str(item.get("description", "")).strip(),
                examples=[str(e) for e in item.get("examples", [])][:5],
                difficulty=difficulty if difficulty in DIFFICULTIES else "",  # ('': the teacher gave none)
                keyphrase=keyphrase,
                keyphrase_score=scores.get(source, 0.0),
                teacher=teacher,
            )
        )
    return concepts, rejections


# --- instructions -----------------------------------------------------------------------------


def instruction_requests(concepts: list[Concept], per_difficulty: int) -> list[TeacherRequest]:
    return [
        TeacherRequest(
            key=f"{c.concept_id}|{d}",
            template="instructions",
            prompt=render(
                "instructions", concept=c.name, description=c.description, difficulty=d, count=per_difficulty
            ),
        )
        for c in concepts
        for d in DIFFICULTIES
    ]


def instructions_from_replies(
    concepts: list[Concept], replies: dict[str, TeacherReply], per_difficulty: int, teacher: str
) -> tuple[list[Instruction], list[Rejection]]:
    instructions, rejections = [], []
    seen_in_batch: set[str] = set()  # two concepts of a batch can draw the same exercise
    for concept in concepts:
        for difficulty in DIFFICULTIES:
            key = f"{concept.concept_id}|{difficulty}"
            items, failure = read_reply("instructions", key, replies.get(key), parsing.parse_instructions)
            if failure:
                rejections.append(failure)
                continue
            kept = 0
            for kind, text in items:
                problem = parsing.statement_problem(kind, text)
                if problem:
                    rejections.append(Rejection("instructions", key, problem, text[:200]))
                    continue
                if _normalized_name(text) in seen_in_batch:
                    rejections.append(Rejection("instructions", key, "duplicate_instruction", text[:200]))
                    continue
                if kept >= per_difficulty:
                    rejections.append(Rejection("instructions", key, "over_count", text[:200]))
                    continue
                seen_in_batch.add(_normalized_name(text))
                kept += 1
                instructions.append(
                    Instruction(
                        instruction_id=f"{concept.concept_id}-{difficulty}-{kept - 1:02d}",
                        concept_id=concept.concept_id,
                        difficulty=difficulty,
                        kind=kind,
                        text=text,
                        teacher=teacher,
                    )
                )
    return instructions, rejections


# --- signatures -------------------------------------------------------------------------------


def signature_requests(instructions: list[Instruction]) -> list[TeacherRequest]:
    return [
        TeacherRequest(key=i.instruction_id, template="signature", prompt=render("signature", instruction=i.text))
        for i in instructions
    ]


def signatures_from_replies(
    instructions: list[Instruction],
    replies: dict[str, TeacherReply],
) -> tuple[list[Signature], list[Rejection]]:
    signatures, rejections = [], []
    for instruction in instructions:
        signature, failure = read_reply(
            "signatures",
            instruction.instruction_id,
            replies.get(instruction.instruction_id),
            lambda text, item=instruction.instruction_id: parsing.parse_signature(text, item),
        )
        if failure:
            rejections.append(failure)
            continue
        if signature.kind != instruction.kind:
            rejections.append(
                Rejection(
                    "signatures",
                    instruction.instruction_id,
                    "kind_mismatch",
                    f"asked for a {instruction.kind}, got a {signature.kind}",
                )
            )
            continue
        signatures.append(signature)
    return signatures, rejections


# --- candidate code ---------------------------------------------------------------------------


def candidate_requests(
    instructions: list[Instruction], signatures: dict[str, Signature], n: int
) -> list[TeacherRequest]:
    return [
        TeacherRequest(
            key=f"{i.instruction_id}|{k}",
            template="candidate_code",
            sample_index=k,
            prompt=render("candidate_code", instruction=i.text, signature=signatures[i.instruction_id].raw),
        )
        for i in instructions
        if i.instruction_id in signatures
        for k in range(n)
    ]


def signature_mismatch(code: str, signature: Signature) -> str | None:
    """Why `code` does not define what the signature names, or None when it does."""
    try:
        tree = ast.parse(code)
    except SyntaxError as err:
        return f"syntax error: {err.msg} (line {err.lineno})"
    top = {
        node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }
    node = top.get(signature.name)
    if signature.kind == "function":
        if not isinstance(node, ast.FunctionDef):
            return f"no top-level function {signature.name!r}"
        wanted = [p.name for p in signature.params]
        got = [a.arg for a in node.args.posonlyargs + node.args.args]
        if got != wanted:
            return f"parameters {got} differ from the signature's {wanted}"
        return None
    if not isinstance(node, ast.ClassDef):
        return f"no top-level class {signature.name!r}"
    methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
    missing = [m.name for m in signature.methods if m.name not in methods]
    return f"class lacks methods {missing}" if missing else None


def candidates_from_replies(
    instructions: list[Instruction],
    signatures: dict[str, Signature],
    replies: dict[str, TeacherReply],
    n: int,
) -> tuple[list[Candidate], list[Rejection]]:
    candidates, rejections = [], []
    for instruction in instructions:
        signature = signatures.get(instruction.instruction_id)
        if signature is None:
            continue
        for k in range(n):
            key = f"{instruction.instruction_id}|{k}"
            candidate_id = f"{instruction.instruction_id}-s{k}"
            code, failure = read_reply("candidate_code", candidate_id, replies.get(key), parsing.extract_code_block)
            if failure:
                rejections.append(failure)
                continue
            mismatch = signature_mismatch(code, signature)
            if mismatch:
                rejections.append(Rejection("candidate_code", candidate_id, "signature_mismatch", mismatch))
                continue
            candidates.append(
                Candidate(
                    candidate_id=candidate_id, instruction_id=instruction.instruction_id, sample_index=k, code=code
                )
            )
    return candidates, rejections


# --- scenarios and tests ----------------------------------------------------------------------


def scenario_requests(
    instructions: list[Instruction], signatures: dict[str, Signature], count: int
) -> list[TeacherRequest]:
    return [
        TeacherRequest(
            key=i.instruction_id,
            template="test_scenarios",
            prompt=render(
                "test_scenarios", instruction=i.text, signature=signatures[i.instruction_id].raw, count=count
            ),
        )
        for i in instructions
        if i.instruction_id in signatures
    ]


def scenarios_from_replies(
    instructions: list[Instruction],
    signatures: dict[str, Signature],
    replies: dict[str, TeacherReply],
    count: int,
) -> tuple[list[TestScenarios], list[Rejection]]:
    result, rejections = [], []
    for instruction in instructions:
        if instruction.instruction_id not in signatures:
            continue
        scenarios, failure = read_reply(
            "test_scenarios",
            instruction.instruction_id,
            replies.get(instruction.instruction_id),
            parsing.parse_scenarios,
        )
        if failure:
            rejections.append(failure)
            continue
        result.append(TestScenarios(instruction_id=instruction.instruction_id, scenarios=scenarios[:count]))
    return result, rejections


def test_requests(
    instructions: list[Instruction], signatures: dict[str, Signature], scenarios: dict[str, TestScenarios], count: int
) -> list[TeacherRequest]:
    requests = []
    for i in instructions:
        if i.instruction_id not in signatures or i.instruction_id not in scenarios:
            continue
        listing = "\n".join(f"{n + 1}. {s}" for n, s in enumerate(scenarios[i.instruction_id].scenarios))
        requests.append(
            TeacherRequest(
                key=i.instruction_id,
                template="candidate_tests",
                prompt=render(
                    "candidate_tests",
                    instruction=i.text,
                    signature=signatures[i.instruction_id].raw,
                    scenarios=listing,
                    count=count,
                ),
            )
        )
    return requests


def tests_from_replies(
    instructions: list[Instruction],
    signatures: dict[str, Signature],
    replies: dict[str, TeacherReply],
    count: int,
) -> tuple[list[TestCase], list[Rejection]]:
    tests, rejections = [], []
    for instruction in instructions:
        signature = signatures.get(instruction.instruction_id)
        reply = replies.get(instruction.instruction_id)
        if signature is None or instruction.instruction_id not in replies:
            continue
        result, failure = read_reply(
            "candidate_tests",
            instruction.instruction_id,
            reply,
            lambda text, truncated=False, item=instruction.instruction_id: parsing.parse_tests(text, item, truncated),
        )
        if failure:
            rejections.append(failure)
            continue
        parsed, parse_rejections = result
        rejections.extend(parse_rejections)
        kept, seen = 0, set()
        for test in parsed:
            if callee_name(test.call) != signature.name:
                rejections.append(
                    Rejection(
                        "candidate_tests",
                        test.test_id,
                        "wrong_target",
                        f"calls {callee_name(test.call)!r}, not {signature.name!r}",
                    )
                )
            elif (test.call, test.expected) in seen:
                rejections.append(Rejection("candidate_tests", test.test_id, "duplicate_test", test.call))
            elif kept >= count:
                rejections.append(Rejection("candidate_tests", test.test_id, "over_count", test.call))
            else:
                seen.add((test.call, test.expected))
                kept += 1
                tests.append(test)
    return tests, rejections
