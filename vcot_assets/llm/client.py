"""The teacher client: every model call of the pipeline goes through `TeacherClient`.

litellm underneath, so any provider works by model string (`ollama/...`, `hosted_vllm/...`,
`openai/...`, the built-in `offline/...`) and litellm's own provider variables
(`OPENAI_API_BASE`, `OLLAMA_API_BASE`, `HOSTED_VLLM_API_BASE`, keys, ...) work unchanged.

- litellm is imported on the first call, never at module import: it costs seconds and starts
  a thread, and the sandbox forks its workers before any client exists.
- A self-hosted OpenAI-compatible server (`hosted_vllm/...`, `openai/...` at a local base URL)
  is called straight through the `openai` SDK once litellm has resolved endpoint and key;
  litellm's per-call overhead would otherwise cap throughput (see `transport.py`).
- Calls run on one background event loop shared by every client of the process (litellm
  caches its HTTP sessions per loop; a fresh loop per batch would strand them), behind a
  semaphore of `concurrency`; `complete_many` is the synchronous facade assets use.
- 429, 5xx, timeouts, dropped connections and unreadable bodies are retried with exponential
  backoff; what still fails comes back as a reply with `error` set, never as an exception.
- Replies are cached on disk by content (model, prompt, parameters, sample index, and for
  the offline teacher its failure rates and source), so a
  re-run makes no calls and a template edit pays only for the prompts it changed. Identical
  requests within one batch are sent once.
- Spend caps (calls, tokens, cost) stop new calls; calls in flight finish and are cached, and
  `SpendCapExceeded` says which cap was hit. Cache hits cost nothing and count against none.
  Caps count one client's calls, or, with `spend_ledger`, every call of the run that shares
  the ledger file (the resource does this per Dagster run).
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from vcot_assets.core.records import TeacherReply, TeacherRequest
from vcot_assets.core.reply_schemas import request_schema, structured_prompt
from vcot_assets.core.synthesis.parsing import strip_reasoning_blocks
from vcot_assets.llm.cache import OFFLINE_PREFIX, ResponseCache, cache_key, teacher_fingerprint
from vcot_assets.llm.ledger import SpendLedger
from vcot_assets.llm.reask import ProblemFn, ReaskCounts, complete_with_reasks
from vcot_assets.llm.transport import TRANSPORTS, Completion, Transport, choose_transport

log = logging.getLogger("vcot.teacher")


# How a template with a reply schema (`core.reply_schemas`) is asked for its data:
# - "auto": OpenAI's `json_schema` response format where litellm says the model supports
#   response schemas, else the text prompt;
# - "off": always the text prompt and the tolerant text parsers;
# - "json_schema": OpenAI's format, for servers litellm cannot vouch for that take it (vLLM,
#   SGLang; ollama through litellm, which turns it into ollama's `format` schema);
# - "json_object_schema": `{"type": "json_object", "schema": ...}`, llama-cpp-python's server.
STRUCTURED_MODES = ("auto", "off", "json_schema", "json_object_schema")


def response_format(mode: str, template: str, schema: dict) -> dict:
    """The request's `response_format` for a resolved structured mode."""
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": template, "schema": schema, "strict": True}}
    if mode == "json_object_schema":
        return {"type": "json_object", "schema": schema}
    raise ValueError(f"no response format for structured mode {mode!r}")


@dataclass
class TeacherConfig:
    model: str = "offline/default"
    api_base: str | None = None  # None: the provider's own variable (OPENAI_API_BASE, ...) decides
    temperature: float = 0.7
    max_tokens: int = 2048  # per call, completion tokens
    timeout_s: float = 120.0
    concurrency: int = 16
    retries: int = 4  # attempts after the first
    backoff_s: float = 1.0  # first retry waits about this long, doubling each time
    backoff_max_s: float = 30.0
    max_calls: int | None = None  # spend caps; None: no cap
    max_total_tokens: int | None = None
    max_cost: float | None = None  # in the provider's currency, where litellm knows the price
    cache_dir: str | None = None  # None: no cache
    transport: str = "auto"  # "auto": self-hosted OpenAI-compatible servers direct; "litellm": always litellm
    spend_ledger: str | None = None  # a file shared by a run's clients: caps count the whole run, not one client
    # How templates that return data ask for it (see `STRUCTURED_MODES`).
    structured: str = "auto"
    reasks: int = 1  # times an unreadable or cut reply is asked again (see `reask.py`); 0: never
    max_tokens_cap: int | None = None  # the largest budget a cut reply is re-asked with; None: 4 x max_tokens

    def __post_init__(self) -> None:
        if self.transport not in TRANSPORTS:
            raise ValueError(f"teacher transport must be one of {', '.join(TRANSPORTS)}, got {self.transport!r}")
        if self.reasks < 0:
            raise ValueError(f"teacher reasks must be 0 or more, got {self.reasks}")
        if self.structured not in STRUCTURED_MODES:
            raise ValueError(
                f"teacher structured mode must be one of {', '.join(STRUCTURED_MODES)}, got {self.structured!r}"
            )
        if self.concurrency < 1:
            raise ValueError(f"teacher concurrency must be at least 1, got {self.concurrency}")
        if self.retries < 0:
            raise ValueError(f"teacher retries must be 0 or more, got {self.retries}")


@dataclass
class TeacherUsage:
    """What the client spent; `to_metadata()` is what assets attach."""

    calls: int = 0  # HTTP attempts made, retries included
    cache_hits: int = 0
    deduplicated: int = 0  # requests answered by an identical request of the same batch
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None  # None until some call has a known price
    retries: int = 0
    failures: Counter = field(default_factory=Counter)  # final failures by reason
    errors: Counter = field(default_factory=Counter)  # every failed attempt by reason
    error_examples: dict[str, str] = field(default_factory=dict)  # reason -> first message seen

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def to_metadata(self) -> dict[str, Any]:
        """Flat numbers for asset metadata; `cost` is None where no price is known."""
        flat: dict[str, Any] = {
            "calls": self.calls,
            "cache_hits": self.cache_hits,
            "deduplicated": self.deduplicated,
            "retries": self.retries,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
            "cost": self.cost,
            "failed": sum(self.failures.values()),
        }
        flat.update({f"failed/{reason}": count for reason, count in sorted(self.failures.items())})
        flat.update({f"error_example/{reason}": text for reason, text in sorted(self.error_examples.items())})
        return flat

    # Mapping protocol, so `dict(client.usage)` gives the same flat numbers.
    def keys(self) -> list[str]:
        return list(self.to_metadata())

    def __getitem__(self, name: str) -> Any:
        return self.to_metadata()[name]


class SpendCapExceeded(RuntimeError):
    """A spend cap was reached; `replies` holds what was answered (None where not asked)."""

    def __init__(self, message: str, replies: list[TeacherReply | None] | None = None) -> None:
        super().__init__(message)
        self.replies = replies or []


class _Stop(Exception):
    """Internal: a cap stopped this request before it was sent."""


# --- the shared event loop ---------------------------------------------------------------

_loop_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None


def _background_loop() -> asyncio.AbstractEventLoop:
    global _loop
    with _loop_lock:
        if _loop is None or _loop.is_closed():
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, daemon=True, name="vcot-teacher-loop")
            thread.start()
            _loop = loop
        return _loop


# --- litellm, lazily -----------------------------------------------------------------------

_litellm_lock = threading.Lock()
_litellm: Any = None


def _import_litellm() -> Any:
    global _litellm
    with _litellm_lock:
        if _litellm is None:
            # Read the bundled price map instead of fetching it from the network at import.
            os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
            import litellm

            litellm.suppress_debug_info = True
            litellm.telemetry = False
            _litellm = litellm
        return _litellm


def _register_offline(litellm: Any) -> None:
    if any(item.get("provider") == "offline" for item in litellm.custom_provider_map):
        return
    try:
        from vcot_offline.provider import OfflineTeacherLLM
    except ImportError as err:
        raise RuntimeError(f"the offline teacher provider is not available: {err}") from err
    litellm.custom_provider_map = [
        *litellm.custom_provider_map,
        {"provider": "offline", "custom_handler": OfflineTeacherLLM()},
    ]


# Statuses worth another attempt: rate limits, server trouble, proxies timing out.
_RETRYABLE_STATUS = {408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529}
_FINAL_REASONS = {
    400: "bad_request",
    401: "auth_error",
    403: "auth_error",
    404: "not_found",
    413: "too_large",
    422: "bad_request",
}


def _classify(err: BaseException) -> tuple[str, bool]:
    """(reason, retryable) for a failed attempt."""
    if isinstance(err, (asyncio.TimeoutError, TimeoutError)):
        return "timeout", True
    name = type(err).__name__
    status = getattr(err, "status_code", None)
    if "Missing credentials" in str(err) or "api_key client option must be set" in str(err):
        # litellm reports a missing key as a 500; no retry will find one.
        return "auth_error", False
    if "Timeout" in name or status == 408:
        return "timeout", True
    if "RateLimit" in name or status == 429:
        return "rate_limited", True
    if isinstance(status, int) and status in _FINAL_REASONS:
        if "ContextWindow" in name:
            return "context_window", False
        return _FINAL_REASONS[status], False
    if isinstance(status, int) and status >= 500:
        return "server_error", True
    if isinstance(status, int) and status in _RETRYABLE_STATUS:
        return f"http_{status}", True
    if isinstance(status, int) and 400 <= status < 500:
        return f"http_{status}", False
    if "Connection" in name:
        return "connection_error", True
    # A short read, an unparseable body, a provider that raised: all worth another try.
    return "bad_response", True


def _retry_after(err: BaseException) -> float | None:
    response = getattr(err, "response", None)
    headers = getattr(response, "headers", None) or getattr(err, "litellm_response_headers", None)
    try:
        value = headers.get("retry-after") if headers is not None else None
        return float(value) if value is not None else None
    except (TypeError, ValueError, AttributeError):
        return None


class TeacherClient:
    def __init__(self, config: TeacherConfig | None = None) -> None:
        self.config = config or TeacherConfig()
        self.usage = TeacherUsage()
        self.cache = ResponseCache(self.config.cache_dir) if self.config.cache_dir else None
        self.fingerprint = teacher_fingerprint(self.config.model)
        self._transport: Transport | None = None
        self.ledger = SpendLedger(self.config.spend_ledger) if self.config.spend_ledger else None
        self._stopped: str | None = None
        self._lock = threading.Lock()
        self._structured_mode: str | None = None

    @property
    def model(self) -> str:
        return self.config.model

    @property
    def structured_mode(self) -> str:
        """The structured mode in force: "off", "json_schema" or "json_object_schema"."""
        if self._structured_mode is None:
            mode = self.config.structured
            if mode == "auto":
                mode = "off"
                if not self.config.model.startswith(OFFLINE_PREFIX):
                    try:
                        if _import_litellm().supports_response_schema(model=self.config.model):
                            mode = "json_schema"
                    except Exception:  # litellm raises for a model string it cannot map
                        mode = "off"
            self._structured_mode = mode
        return self._structured_mode

    def response_format(self, request: TeacherRequest) -> dict | None:
        """What the request is sent with as `response_format`, or None for a text request."""
        schema = request_schema(request.template, request.choices) if self.structured_mode != "off" else None
        return response_format(self.structured_mode, request.template, schema) if schema is not None else None

    def messages(self, request: TeacherRequest) -> list[dict]:
        prompt = request.prompt
        if self.response_format(request) is not None:
            prompt = structured_prompt(prompt, request.template, request.choices)
        messages = [{"role": "user", "content": prompt}]
        for n, turn in enumerate(request.turns):
            messages.append({"role": "assistant" if n % 2 == 0 else "user", "content": turn})
        return messages

    def key(self, request: TeacherRequest) -> str:
        c = self.config
        extra: dict[str, Any] = {}
        if request.turns:
            extra["turns"] = list(request.turns)
        shaped = self.response_format(request)
        if shaped is not None:
            extra["response_format"] = shaped
        return cache_key(
            c.model,
            request.prompt,
            c.temperature,
            request.max_tokens or c.max_tokens,
            request.sample_index,
            self.fingerprint,
            extra,
        )

    # --- public API ----------------------------------------------------------------------------

    def complete_many(self, requests: list[TeacherRequest]) -> list[TeacherReply]:
        """Answer every request, in order; blocks.

        A call that fails for good comes back as a reply with `error` set. Raises
        `SpendCapExceeded` when a cap stopped the batch (its `replies` hold what was answered),
        and RuntimeError for a setup problem a user must fix (no offline provider, a broken
        spend ledger).
        """
        if not requests:
            return []
        loop = _background_loop()
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            raise RuntimeError("complete_many() called from the teacher loop itself; await acomplete_many()")
        future = asyncio.run_coroutine_threadsafe(self.acomplete_many(requests), loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()
            raise

    def complete(self, request: TeacherRequest) -> TeacherReply:
        return self.complete_many([request])[0]

    def complete_with_reasks(
        self, requests: list[TeacherRequest], problem: ProblemFn
    ) -> tuple[list[TeacherReply], ReaskCounts]:
        """`complete_many`, then each reply `problem` finds fault with asked again, at most
        `reasks` times (see `reask.py`)."""
        c = self.config
        return complete_with_reasks(
            self.complete_many, requests, problem, c.reasks, c.max_tokens, c.max_tokens_cap or 4 * c.max_tokens
        )

    async def acomplete_many(self, requests: list[TeacherRequest]) -> list[TeacherReply]:
        keys = [self.key(r) for r in requests]
        first_of: dict[str, int] = {}
        for index, key in enumerate(keys):
            first_of.setdefault(key, index)
        with self._lock:
            self.usage.deduplicated += len(keys) - len(first_of)

        replies: dict[str, TeacherReply] = {}
        to_call: list[tuple[str, TeacherRequest]] = []
        for key, index in first_of.items():
            hit = self._cached_reply(key, requests[index])
            if hit is not None:
                replies[key] = hit
            else:
                to_call.append((key, requests[index]))

        if to_call:
            transport = self._transport or await asyncio.to_thread(self._prepare_transport)
            semaphore = asyncio.Semaphore(self.config.concurrency)

            async def guarded(key: str, request: TeacherRequest) -> None:
                async with semaphore:
                    try:
                        replies[key] = await self._call_with_retries(transport, key, request)
                    except _Stop:
                        pass

            await asyncio.gather(*(guarded(key, request) for key, request in to_call))

        ordered = [_for_key(replies.get(k), r.key) for k, r in zip(keys, requests)]
        if self._stopped:
            raise SpendCapExceeded(self._stopped, ordered)
        return ordered  # type: ignore[return-value]

    # --- internals -----------------------------------------------------------------------------

    def _prepare_transport(self) -> Transport:
        litellm = _import_litellm()
        c = self.config
        if c.model.startswith(OFFLINE_PREFIX):
            _register_offline(litellm)
        with self._lock:
            if self._transport is None:
                self._transport = choose_transport(
                    litellm, c.transport, c.model, c.api_base, c.temperature, c.max_tokens, c.timeout_s
                )
            return self._transport

    @property
    def transport_name(self) -> str:
        """Which path calls take ("litellm" or "openai-compatible"); resolves it if needed."""
        return (self._transport or self._prepare_transport()).name

    def _cached_reply(self, key: str, request: TeacherRequest) -> TeacherReply | None:
        if self.cache is None:
            return None
        entry = self.cache.get(key)
        if entry is None:
            return None
        with self._lock:
            self.usage.cache_hits += 1
        return TeacherReply(
            key=request.key,
            text=strip_reasoning_blocks(entry["text"]),
            error=None,
            cached=True,
            prompt_tokens=int(entry.get("prompt_tokens", 0)),
            completion_tokens=int(entry.get("completion_tokens", 0)),
            cost=entry.get("cost"),
            model=str(entry.get("model", self.config.model)),
            finish_reason=entry.get("finish_reason"),
            schema=request.template if self.response_format(request) is not None else None,
        )

    def _reserve_call(self) -> None:
        """Count one attempt against the caps, or stop: no new call once any cap is reached."""
        c, u = self.config, self.usage
        with self._lock:
            if self._stopped is None and self.ledger is not None:
                self._stopped = self.ledger.reserve_call(c.max_calls, c.max_total_tokens, c.max_cost)
            elif self._stopped is None:
                if c.max_calls is not None and u.calls >= c.max_calls:
                    self._stopped = f"teacher spend cap reached: {u.calls} calls made, max_calls={c.max_calls}"
                elif c.max_total_tokens is not None and u.total_tokens >= c.max_total_tokens:
                    self._stopped = (
                        f"teacher spend cap reached: {u.total_tokens} tokens used, "
                        f"max_total_tokens={c.max_total_tokens}"
                    )
                elif c.max_cost is not None and (u.cost or 0.0) >= c.max_cost:
                    self._stopped = f"teacher spend cap reached: cost {u.cost:.4f}, max_cost={c.max_cost}"
            if self._stopped is not None:
                raise _Stop()
            u.calls += 1

    async def _call_with_retries(self, transport: Transport, key: str, request: TeacherRequest) -> TeacherReply:
        c = self.config
        reason = "unknown"
        for attempt in range(c.retries + 1):
            self._reserve_call()
            if attempt:
                with self._lock:
                    self.usage.retries += 1
            try:
                # The transport enforces timeout_s; this backstop catches a provider that ignores it.
                completion = await asyncio.wait_for(
                    transport.send(
                        self.messages(request), request.sample_index, request.max_tokens, self.response_format(request)
                    ),
                    c.timeout_s + 5.0,
                )
                return self._accept(key, request, completion)
            except asyncio.CancelledError:
                raise
            except Exception as err:  # every provider error is classified, none escapes
                reason, retryable = _classify(err)
                with self._lock:
                    self.usage.errors[reason] += 1
                    self.usage.error_examples.setdefault(reason, " ".join(str(err).split())[:300])
                if not retryable or attempt == c.retries:
                    break
                delay = min(c.backoff_max_s, c.backoff_s * 2**attempt) * (0.5 + random.random() / 2)
                hinted = _retry_after(err)
                await asyncio.sleep(max(delay, min(hinted or 0.0, c.backoff_max_s)))
        with self._lock:
            self.usage.failures[reason] += 1
            first = self.usage.failures[reason] == 1
        if first:
            log.warning(
                "teacher call failed for good (%s, %s): %s", c.model, reason, self.usage.error_examples.get(reason)
            )
        return TeacherReply(key=request.key, text=None, error=reason, model=c.model)

    def _accept(self, key: str, request: TeacherRequest, done: Completion) -> TeacherReply:
        with self._lock:
            u = self.usage
            u.prompt_tokens += done.prompt_tokens
            u.completion_tokens += done.completion_tokens
            if done.cost is not None:
                u.cost = (u.cost or 0.0) + done.cost
            if self.ledger is not None:
                self.ledger.add(done.prompt_tokens + done.completion_tokens, done.cost)
        if self.cache is not None:
            self.cache.put(
                key,
                {
                    "model": self.config.model,
                    "served_by": done.served_model,
                    "text": done.text,
                    "sample_index": request.sample_index,
                    "prompt_tokens": done.prompt_tokens,
                    "completion_tokens": done.completion_tokens,
                    "cost": done.cost,
                    "finish_reason": done.finish_reason,
                    "template": request.template,
                    "created": time.time(),
                },
            )
        return TeacherReply(
            key=request.key,
            text=strip_reasoning_blocks(done.text),
            error=None,
            cached=False,
            prompt_tokens=done.prompt_tokens,
            completion_tokens=done.completion_tokens,
            cost=done.cost,
            model=self.config.model,
            finish_reason=done.finish_reason,
            schema=request.template if self.response_format(request) is not None else None,
        )


def _for_key(reply: TeacherReply | None, request_key: str) -> TeacherReply | None:
    """A shared reply re-labelled for each request that asked the same thing."""
    if reply is None or reply.key == request_key:
        return reply
    return TeacherReply(
        key=request_key,
        text=reply.text,
        error=reply.error,
        cached=reply.cached,
        prompt_tokens=reply.prompt_tokens,
        completion_tokens=reply.completion_tokens,
        cost=reply.cost,
        model=reply.model,
        finish_reason=reply.finish_reason,
        schema=reply.schema,
    )
