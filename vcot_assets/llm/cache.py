"""A content-addressed response cache on disk: one JSON file per key.

One file per key, written to a temporary name and moved into place with `os.replace`, so a
run killed at any instant leaves either the whole entry or none, and concurrent writers of
the same key (two processes of one backfill) both leave a complete file. No index to
corrupt, no lock to hold.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vcot_assets.core.code_versions import directory_digest

# Bump when what is sent for a given prompt changes (messages layout, parameters passed), so
# old entries stop matching instead of answering a different question.
CACHE_PROTOCOL = 1


OFFLINE_PREFIX = "offline/"


def teacher_fingerprint(model: str, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """What decides a reply besides the model string, the prompt and the parameters.

    For the offline teacher: its failure rates (`VCOT_OFFLINE_*`, read from the environment as
    its provider reads them) and its own source. Nothing for any other model: its weights are
    its provider's, named by the model string.
    """
    if not model.startswith(OFFLINE_PREFIX):
        return {}
    spec = importlib.util.find_spec("vcot_offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the offline teacher (package vcot_offline) is not installed; {model} needs it")
    from vcot_offline.rates import FailureRates

    rates = dataclasses.asdict(FailureRates.from_env(dict(os.environ if environ is None else environ)))
    rates_text = json.dumps(rates, sort_keys=True)
    return {
        "offline_rates": hashlib.sha256(rates_text.encode("utf-8")).hexdigest()[:12],
        "offline_teacher": directory_digest(Path(spec.submodule_search_locations[0])),
    }


def cache_key(
    model: str,
    prompt: str,
    temperature: float,
    max_tokens: int,
    sample_index: int,
    fingerprint: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> str:
    """sha256 of everything that decides the answer (the teacher's `fingerprint`, and in
    `extra` a re-ask's turns and the response schema, included); not the endpoint, timeout or
    retries."""
    material: dict[str, Any] = {
        "protocol": CACHE_PROTOCOL,
        "model": model,
        "prompt": prompt,
        "temperature": temperature,
        "max_tokens": max_tokens,
        "sample_index": sample_index,
    }
    if fingerprint:  # absent for real models, so their cached replies keep their keys
        material["teacher"] = dict(fingerprint)
    if extra:  # absent for a plain text request, so existing entries keep their keys
        material["request"] = dict(extra)
    text = json.dumps(material, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
