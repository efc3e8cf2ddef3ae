"""Reading a rendered prompt back into its task name and `### Section` contents."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER = re.compile(r"^###\s+(.+?)\s*$", re.M)
_TASK = re.compile(r"^Task:\s*([a-z_]+)\s*$", re.M)


@dataclass(frozen=True)
class ParsedPrompt:
    task: str
    sections: dict[str, str]

    def section(self, name: str) -> str:
        return self.sections.get(name.lower(), "")

    def fenced(self, name: str) -> str:
        """The body of the first fenced block in a section (the section itself if none)."""
        body = self.section(name)
        m = re.search(r"```[a-z]*\n(.*?)\n?```", body, re.S)
        return m.group(1) if m else body


def parse_prompt(prompt: str) -> ParsedPrompt:
    headers = list(_HEADER.finditer(prompt))
    sections: dict[str, str] = {}
    for i, h in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(prompt)
        sections[h.group(1).strip().lower()] = prompt[h.end() : end].strip("\n")
    m = _TASK.search(sections.get("task", "")) or _TASK.search(prompt)
    return ParsedPrompt(task=m.group(1) if m else "", sections=sections)


def count_in(text: str, default: int) -> int:
    """The first number after 'exactly', 'Write' or 'At most' in constraint text."""
    m = re.search(r"(?:exactly|Write|At most|at most)\s+(\d+)", text)
    return int(m.group(1)) if m else default
