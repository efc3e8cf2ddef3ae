"""A local OpenAI-compatible chat-completions server with fault injection.

It lets the teacher layer be tested and measured over a real socket, through litellm, with
no model: `POST /v1/chat/completions` (and ollama's `/api/chat` and `/api/generate`, so
`ollama_chat/...` and `ollama/...` models with `OLLAMA_API_BASE` work too) answers with
`answer(prompt, seed)` after `latency_s`,
and a deterministic fault plan injects 429s, 500s, hangs, truncated and malformed bodies,
dropped connections and slow answers. `GET /stats` returns the request counts.

    python -m vcot_assets_tests.testing.wire_server --port 8011 --latency 0.2 --answer offline

serves the offline teacher's answers, so `--teacher openai/offline` with
`OPENAI_API_BASE=http://127.0.0.1:8011/v1` exercises the whole pipeline over HTTP.

Plain asyncio streams (no framework): the server must cost far less CPU than the client it
measures, and HTTP/1.1 keep-alive with Content-Length bodies is all the clients send.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from vcot_offline.conversation import task_and_seed

FAULTS = ("429", "500", "timeout", "truncated", "malformed", "drop", "slow", "400")

AnswerFn = Callable[[str, int], str]


def echo_answer(prompt: str, seed: int) -> str:
    """A deterministic stand-in answer: a function of the prompt and the seed only."""
    digest = hashlib.sha256(f"{seed}\0{prompt}".encode()).hexdigest()[:16]
    return f"<think>scratch {digest[:4]}</think>answer {digest} seed={seed}"


def offline_answer() -> AnswerFn:
    from vcot_offline import answer

    return answer


@dataclass
class FaultPlan:
    """Which attempt of which request fails, and how: a pure function of the request.

    `rates` maps a fault name to the share of attempts that get it. Only the first
    `faulty_attempts` attempts of a (prompt, seed) can fail, so a client that retries
    enough always gets through; `hang_s` is how long a "timeout" fault stalls.
    """

    rates: dict[str, float] = field(default_factory=dict)
    faulty_attempts: int = 2
    hang_s: float = 30.0
    slow_s: float = 1.0

    def fault(self, prompt: str, seed: int, attempt: int) -> str | None:
        if attempt >= self.faulty_attempts or not self.rates:
            return None
        digest = hashlib.sha256(f"{attempt}\0{seed}\0{prompt}".encode()).digest()
        point = int.from_bytes(digest[:8], "big") / 2**64
        for name in FAULTS:
            point -= self.rates.get(name, 0.0)
            if point < 0:
                return name
        return None


@dataclass
class ServerStats:
    requests: int = 0  # every chat-completions request received
    by_key: Counter = field(default_factory=Counter)  # (prompt, seed) -> requests
    faults: Counter = field(default_factory=Counter)
    answered: int = 0  # 200 responses with a well-formed body

    def to_dict(self) -> dict:
        return {
            "requests": self.requests,
            "answered": self.answered,
            "faults": dict(self.faults),
            "distinct": len(self.by_key),
        }


class WireServer:
    """The server; `start()` runs it on a background thread, `serve_forever()` in this one."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        latency_s: float = 0.0,
        answer: AnswerFn = echo_answer,
        faults: FaultPlan | None = None,
        cut_at_max_tokens: bool = False,
    ) -> None:
        self.host, self.port = host, port
        self.cut_at_max_tokens = cut_at_max_tokens  # cut replies at max_tokens, as real servers do
        self.latency_s = latency_s
        self.answer = answer
        self.faults = faults or FaultPlan()
        self.stats = ServerStats()
        self.bodies: list[dict] = []  # the parsed request bodies, in arrival order, for tests to inspect
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._handlers: set[asyncio.Task] = set()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    def requests_for(self, prompt: str, seed: int = 0) -> int:
        with self._lock:
            return self.stats.by_key[(prompt, seed)]

    def reset_stats(self) -> None:
        with self._lock:
            self.stats = ServerStats()

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> "WireServer":
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True, name="wire-server")
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the test server did not start within 10 s")
        return self

    def stop(self) -> None:
        if self._loop and self._stop:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread:
            self._thread.join(10)

    def __enter__(self) -> "WireServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve_forever(self, on_ready: Callable[["WireServer"], None] | None = None) -> None:
        async def main() -> None:
            waiter = asyncio.ensure_future(self._main())
            await asyncio.get_running_loop().run_in_executor(None, self._ready.wait)
            if on_ready:
                on_ready(self)
            await waiter

        asyncio.run(main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._handle, self.host, self.port, backlog=1024)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await self._stop.wait()
            server.close()
            # Finish open keep-alive connections ourselves, or asyncio logs their cancellation.
            for task in list(self._handlers):
                task.cancel()
            await asyncio.gather(*self._handlers, return_exceptions=True)

    # --- HTTP ------------------------------------------------------------------------------

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._handlers.add(task)  # type: ignore[arg-type]
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {
                    k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                keep = await self._route(method, path, body, writer)
                if not keep or headers.get("connection", "").lower() == "close":
                    break
        except (
            asyncio.IncompleteReadError,
            ConnectionError,
            ValueError,
            asyncio.LimitOverrunError,
            asyncio.CancelledError,
        ):
            pass
        finally:
            self._handlers.discard(task)  # type: ignore[arg-type]
            writer.close()

    @staticmethod
    def _write(
        writer: asyncio.StreamWriter, status: str, payload: bytes, extra: str = "", length: int | None = None
    ) -> None:
        head = (
            f"HTTP/1.1 {status}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(payload) if length is None else length}\r\n{extra}\r\n"
        )
        writer.write(head.encode("latin-1") + payload)

    async def _route(self, method: str, path: str, body: bytes, writer: asyncio.StreamWriter) -> bool:
        if method == "GET" and path.rstrip("/").endswith("/stats"):
            with self._lock:
                payload = json.dumps(self.stats.to_dict()).encode()
            self._write(writer, "200 OK", payload)
            return True
        route = path.rstrip("/")
        shape = (
            "openai"
            if route.endswith("/chat/completions")
            else "ollama_chat"
            if route.endswith("/api/chat")
            else "ollama_generate"
            if route.endswith("/api/generate")
            else None
        )
        if method != "POST" or shape is None:
            self._write(writer, "404 Not Found", b'{"error": {"message": "not found"}}')
            return True
        try:
            request = json.loads(body)
            seed_source = request if shape == "openai" else (request.get("options") or {})
            seed = int(seed_source.get("seed") or 0)
            if shape == "ollama_generate":
                prompt = str(request["prompt"])
            else:  # a re-ask is answered as the offline provider answers it
                prompt, seed = task_and_seed(request["messages"], seed)
            with self._lock:
                self.bodies.append(dict(request))
            request["_shape"] = shape
        except (ValueError, KeyError, StopIteration, TypeError, AttributeError):
            self._write(writer, "400 Bad Request", b'{"error": {"message": "bad request"}}')
            return True
        with self._lock:
            self.stats.requests += 1
            attempt = self.stats.by_key[(prompt, seed)]
            self.stats.by_key[(prompt, seed)] += 1
        fault = self.faults.fault(prompt, seed, attempt)
        if fault:
            with self._lock:
                self.stats.faults[fault] += 1
        return await self._answer(request, prompt, seed, fault, writer)

    async def _answer(
        self, request: dict, prompt: str, seed: int, fault: str | None, writer: asyncio.StreamWriter
    ) -> bool:
        if fault == "429":
            self._write(
                writer,
                "429 Too Many Requests",
                b'{"error": {"message": "rate limited", "type": "rate_limit"}}',
                "retry-after: 0\r\n",
            )
            return True
        if fault == "500":
            self._write(writer, "500 Internal Server Error", b'{"error": {"message": "boom"}}')
            return True
        if fault == "400":
            self._write(
                writer, "400 Bad Request", b'{"error": {"message": "prompt rejected", "type": "invalid_request"}}'
            )
            return True
        if fault == "timeout":
            await asyncio.sleep(self.faults.hang_s)
            return False
        if fault == "drop":
            return False
        await asyncio.sleep(self.latency_s + (self.faults.slow_s if fault == "slow" else 0.0))
        text = self.answer(prompt, seed)
        payload = self._body(request, prompt, text, seed, self.cut_at_max_tokens)
        if fault == "truncated":
            # Promise the whole body, send half, hang up: the client sees a short read.
            self._write(writer, "200 OK", payload[: len(payload) // 2], length=len(payload))
            await writer.drain()
            return False
        if fault == "malformed":
            self._write(writer, "200 OK", b'{"id": "x", "choices": [{"message": ')
            return True
        # Counted before the write: once the bytes leave, the client may finish and read the
        # stats before this coroutine runs again.
        with self._lock:
            self.stats.answered += 1
        self._write(writer, "200 OK", payload)
        return True

    @staticmethod
    def _body(request: dict, prompt: str, text: str, seed: int, cut: bool = False) -> bytes:
        # Like a real server, a reply longer than max_tokens (4 characters a token here) is cut there.
        limit = request.get("max_tokens")
        finish = "stop"
        if cut and isinstance(limit, int) and len(text) > 4 * limit:
            text, finish = text[: 4 * limit], "length"
        prompt_tokens, completion_tokens = len(prompt) // 4 + 1, len(text) // 4 + 1
        model = request.get("model", "wire")
        if request["_shape"] != "openai":
            reply = {
                "model": model,
                "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "done": True,
                "done_reason": "stop",
                "prompt_eval_count": prompt_tokens,
                "eval_count": completion_tokens,
            }
            if request["_shape"] == "ollama_chat":
                reply["message"] = {"role": "assistant", "content": text}
            else:
                reply["response"] = text
            return json.dumps(reply).encode()
        return json.dumps(
            {
                "id": f"chatcmpl-{hashlib.sha256(f'{seed}{prompt}'.encode()).hexdigest()[:12]}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}],
                "usage": {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "total_tokens": prompt_tokens + completion_tokens,
                },
            }
        ).encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--answer", choices=("echo", "offline"), default="echo")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME=RATE",
        help=f"inject a fault on a share of first attempts; NAME in {', '.join(FAULTS)}",
    )
    args = parser.parse_args(argv)
    rates = {}
    for item in args.fault:
        name, _, rate = item.partition("=")
        if name not in FAULTS:
            parser.error(f"unknown fault {name!r}")
        rates[name] = float(rate)
    server = WireServer(
        args.host,
        args.port,
        args.latency,
        offline_answer() if args.answer == "offline" else echo_answer,
        FaultPlan(rates),
    )
    server.serve_forever(lambda s: print(f"listening {s.base_url}", flush=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
