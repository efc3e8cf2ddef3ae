"""Strip what a pysnooper trace says about the machine, keep what it says about the program.

Removed: ANSI colour codes, timestamps (real or blanked by `normalize=True`), memory addresses,
absolute paths, `Source path:...` headers and `Elapsed time:` lines. Kept, untouched: every
call, line, return and exception event and every new or modified variable with its value,
with the nesting indentation (four spaces per call depth).

The event lines keep pysnooper's own columns minus the timestamp:
`    line         4         mid = (lo + hi) // 2`.
"""

from __future__ import annotations

import re

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# indent, then a wall-clock or relative timestamp or normalize's 15 blanks, then the event word
_EVENT_LINE = re.compile(
    r"^(?P<indent> *)(?:\d{2}:\d{2}:\d{2}\.\d{6}|\s{15}) (?P<rest>(?:call|line|return|exception) +-?\d+ ?.*)$"
)
_ELAPSED = re.compile(r"^ *Elapsed time: ")
_SOURCE_PATH = re.compile(r"^ *Source path:\.\.\. ")
# only inside a default `<... at 0x...>` repr, so program strings are never touched
_ADDRESS = re.compile(r"(<[^<>'\"]*?) at 0x[0-9a-fA-F]{4,}>")
_MODULE_FROM = re.compile(r"(<module '[^']*') from '[^']*'>")
_FILE_REF = re.compile(r"""File "(?:[A-Za-z]:)?[\\/][^"]*[\\/]([^"\\/]+)\"""")


def sanitize(raw: str) -> str:
    """Return the trace without timestamps, addresses, absolute paths, elapsed times or ANSI."""
    out: list[str] = []
    for line in _ANSI.sub("", raw).splitlines():
        if not line.strip() or _ELAPSED.match(line) or _SOURCE_PATH.match(line):
            continue
        event = _EVENT_LINE.match(line)
        if event:
            line = event.group("indent") + event.group("rest")
        line = _ADDRESS.sub(r"\1>", line)
        line = _MODULE_FROM.sub(r"\1>", line)
        line = _FILE_REF.sub(r'File "\1"', line)
        out.append(line.rstrip())
    return "\n".join(out) + ("\n" if out else "")
