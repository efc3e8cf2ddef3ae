"""Which training problems the base model already answers correctly (model-answerability).

Each problem is asked the way its samples ask it (the first user turn of its forward and of its
backward sample), and graded the way CRUXEval is scored here (see `execution`): forward, the
answer is read as a literal and compared with the true output; backward, the predicted call's
arguments are turned into literals and the problem's function is called on them in a child
holding no answer code. An answer that repeats the question's call (forward) or names no call
of the function (backward) is wrong, as CRUXEval skips such generations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vcot_assets.core.grounding.records import Sample
from vcot_assets.core.grounding.samples import callee_name
from vcot_assets.core.records import Rejection
from vcot_assets.core.training_data.decontam import extract_code, first_user_turn, problem_id_of
from vcot_assets.core.training_data.records import BaseModelAnswer
from vcot_assets.evals.execution import CallCheck, Check, LiteralCheck, Runner, judge
from vcot_assets.evals.generate import ModelClient, SamplingParams, extract_answer, extract_input_answer

STAGE = "base_model_answers"


@dataclass(frozen=True)
class TrainingQuestion:
    instruction_id: str
    direction: str  # "forward" | "backward"
    question: str
    code: str
    call: str  # forward: the traced call; backward: a call of the same function
    output: str  # the true return value, as a literal

    @property
    def function(self) -> str:
        return callee_name(self.call)


def training_questions(samples: Iterable[Sample]) -> tuple[list[TrainingQuestion], list[Rejection]]:
    """One question per (problem, direction) from the forward and backward samples."""
    questions, rejections = [], []
    for sample in samples:
        if sample.view not in ("forward", "backward"):
            continue
        provenance = sample.provenance or {}
        pid = problem_id_of(sample)
        question = first_user_turn(sample)
        output = provenance.get("output", "")
        # Backward samples record the verified predicted call: only its callee is used.
        call = provenance.get("input", "")
        if not question or not output or not call:
            rejections.append(
                Rejection(
                    STAGE,
                    sample.sample_id,
                    "missing_question_fields",
                    "needs a user turn and provenance input and output",
                )
            )
            continue
        questions.append(TrainingQuestion(pid, sample.view, question, extract_code(question), call, output))
    return questions, rejections


def check_of(question: TrainingQuestion, answer: str) -> Check | None:
    """How one answer is graded, or None when the answer is wrong on its face."""
    if not answer.strip():
        return None
    if question.direction == "forward":
        if question.call in answer:
            return None
        return LiteralCheck(question.output, answer)
    if f"{question.function}(" not in answer:
        return None
    return CallCheck(question.code, question.function, answer, question.output)


def ask_base_model(client: ModelClient, questions: Sequence[TrainingQuestion], params: SamplingParams) -> list[str]:
    """One greedy reply per question: whether the base model gets a problem wrong should not be
    a coin toss."""
    replies = client.complete(
        [q.question for q in questions],
        SamplingParams(samples=1, temperature=0.0, top_p=1.0, max_new_tokens=params.max_new_tokens, seed=params.seed),
        task="answerability",
    )
    return [r[0] if r else "" for r in replies]


def grade_answers(
    questions: Sequence[TrainingQuestion], replies: Sequence[str], runner: Runner, model: str
) -> list[BaseModelAnswer]:
    answers = [
        extract_answer(reply) if q.direction == "forward" else extract_input_answer(reply, q.function)
        for q, reply in zip(questions, replies, strict=True)
    ]
    checks = [check_of(q, a) for q, a in zip(questions, answers, strict=True)]
    verdicts, _ = judge((c for c in checks if c is not None), runner)
    graded = []
    for question, answer, check in zip(questions, answers, checks, strict=True):
        correct = check is not None and verdicts.get(check, False)
        detail = "" if check is not None else "no usable answer"
        graded.append(BaseModelAnswer(question.instruction_id, question.direction, model, answer, correct, detail))
    return graded
