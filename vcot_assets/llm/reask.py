"""Bounded re-asks: a reply that cannot be read goes back to the model with the reason.

The pattern `instructor` uses (validate, send the validation error back, try again a set number
of times), written here because instructor wraps one provider client per call and would bypass
the teacher client's cache, spend caps, retries and transports; the loop itself is a few lines.

- A reply that could not be read is answered with the conversation so far plus a note naming
  the problem (the parser's reason and detail); the model answers the task again.
- A reply cut by the token limit is asked again, unchanged, with twice the completion budget
  (up to `max_tokens_cap`); past the cap it stays a recorded truncation.
- A call that failed for good is not re-asked: the client has retried it already.

Re-asks are ordinary requests of the same key, so they are cached like any call (a re-run
makes none) and count against the spend caps; `ReaskCounts` is what the asset reports.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from vcot_assets.core.records import TeacherReply, TeacherRequest

# (reason, detail) why a reply should be asked again, or None; see `reading.reply_problem`.
ProblemFn = Callable[[str, TeacherReply | None], tuple[str, str] | None]


def feedback(reason: str, detail: str) -> str:
    """The message that answers an unreadable reply."""
    said = f"{reason}: {detail}" if detail else reason
    return (
        f"Your reply could not be used ({said}). Answer the task again from the start, exactly in the "
        "output format it asks for, with nothing before or after it."
    )


def reask_request(
    request: TeacherRequest, reply: TeacherReply, reason: str, detail: str, max_tokens: int, max_tokens_cap: int
) -> TeacherRequest | None:
    """The follow-up request for a reply with a problem, or None when there is no better ask."""
    if reason == "truncated":
        budget = request.max_tokens or max_tokens
        if budget >= max_tokens_cap:
            return None
        return dataclasses.replace(request, max_tokens=min(2 * budget, max_tokens_cap))
    return dataclasses.replace(request, turns=[*request.turns, reply.text or "", feedback(reason, detail)])


@dataclass
class ReaskCounts:
    asked: Counter = field(default_factory=Counter)  # re-asks sent, by the reason that prompted them
    recovered: int = 0  # re-asked replies that came back readable

    def to_metadata(self) -> dict[str, int]:
        flat = {"reasked": sum(self.asked.values()), "reask_recovered": self.recovered}
        flat.update({f"reasked/{reason}": n for reason, n in sorted(self.asked.items())})
        return flat


def complete_with_reasks(
    complete_many: Callable[[list[TeacherRequest]], list[TeacherReply]],
    requests: list[TeacherRequest],
    problem: ProblemFn,
    max_reasks: int,
    max_tokens: int,
    max_tokens_cap: int,
) -> tuple[list[TeacherReply], ReaskCounts]:
    """Replies to `requests` in order, each asked again up to `max_reasks` times while
    `problem` finds fault with it."""
    current = list(requests)
    replies = complete_many(current)
    counts = ReaskCounts()
    for _ in range(max_reasks):
        follow_ups: list[tuple[int, TeacherRequest, str]] = []
        for index, (request, reply) in enumerate(zip(current, replies)):
            found = problem(request.template, reply)
            if found is None or reply is None:
                continue
            again = reask_request(request, reply, found[0], found[1], max_tokens, max_tokens_cap)
            if again is not None:
                follow_ups.append((index, again, found[0]))
        if not follow_ups:
            break
        answers = complete_many([again for _, again, _ in follow_ups])
        for (index, again, reason), answer in zip(follow_ups, answers):
            counts.asked[reason] += 1
            if problem(again.template, answer) is None and answer is not None and answer.text is not None:
                counts.recovered += 1
            current[index], replies[index] = again, answer
    return replies, counts
