"""A content-addressed response cache on disk: one JSON file per key.

One file per key, written to a temporary name and moved into place with `os.replace`, so a
run killed at any instant leaves either the whole entry or none, and concurrent writers of
the same key (two processes of one backfill) both leave a complete file. No index to
corrupt, no lock to hold.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

# Bump when what is sent for a given prompt changes (messages layout, parameters passed), so
# old entries stop matching instead of answering a different question.
CACHE_PROTOCOL = 1


def cache_key(model: str, prompt: str, temperature: float, max_tokens: int, sample_index: int) -> str:
    """sha256 of everything that decides the answer; not the endpoint, timeout or retries."""
    material = json.dumps(
        {
            "protocol": CACHE_PROTOCOL,
            "model": model,
            "prompt": prompt,
            "temperature": temperature,
            "max_tokens": max_tokens,
            "sample_index": sample_index,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class ResponseCache:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                entry = json.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            # An unreadable entry (disk trouble, a hand edit) is a miss: the call is made again.
            return None
        return entry if isinstance(entry, dict) and isinstance(entry.get("text"), str) else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entry, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def __len__(self) -> int:
        return sum(1 for _ in self.root.glob("??/*.json"))
