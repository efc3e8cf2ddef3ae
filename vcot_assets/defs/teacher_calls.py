"""Teacher calls from an asset: the teacher resource's client, re-asks, and what goes into metadata.

Apart from `common.py` so that only the assets that call the teacher have the reply readers and
the teacher client in their code versions.
"""

from __future__ import annotations

from typing import Any

from dagster import AssetExecutionContext

from vcot_assets.core.records import TeacherReply, TeacherRequest
from vcot_assets.core.synthesis.reading import reply_problem
from vcot_assets.llm.reask import ReaskCounts


def ask_teacher(
    context: AssetExecutionContext, requests: list[TeacherRequest], metadata: dict[str, Any]
) -> dict[str, TeacherReply]:
    """Send requests through the teacher resource, re-asking replies that cannot be read
    (`reading.reply_problem`); usage and re-asks go into `metadata` (tokens always)."""
    teacher = context.resources.teacher
    client = teacher.client(str(context.resources.home.cache_dir / "teacher"), run_id=context.run_id)
    replies, reasks = client.complete_with_reasks(requests, reply_problem) if requests else ([], ReaskCounts())
    usage = client.usage.to_metadata()
    metadata.update({f"teacher/{k}": v for k, v in usage.items() if v is not None})
    metadata.update({f"teacher/{k}": v for k, v in reasks.to_metadata().items()})
    metadata["teacher/model"] = teacher.model_name
    if requests:
        metadata["teacher/structured"] = client.structured_mode
    return {reply.key: reply for reply in replies}
