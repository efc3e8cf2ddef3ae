"""Teacher layer throughput against a local OpenAI-compatible server with fixed latency.

    python benchmarks/teacher_throughput.py [--calls 1600] [--latency 0.2] [--concurrency 32]

Starts `vcot_assets_tests.testing.wire_server` in its own process (so its CPU is not counted), then
runs each client in a fresh process: the plain `openai` SDK, plain `litellm.acompletion`,
vcot's `TeacherClient` (with its disk cache on, as the pipeline runs it) and, as
`layer_litellm`, the same client forced onto its general litellm transport. Each sends
`--calls` distinct prompts at the given concurrency after a warm-up, and reports calls/s,
the share of the ideal rate (concurrency / latency) and the client process's CPU time per
call. Prints one table and a JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WARMUP = 64


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _prompts(tag: str, n: int) -> list[str]:
    return [f"{tag} prompt {i}: write a function that returns {i}" for i in range(n)]


def run_sdk(base_url: str, calls: int, concurrency: int) -> tuple[float, float]:
    import openai

    async def main() -> tuple[float, float]:
        client = openai.AsyncOpenAI(base_url=base_url, api_key="sk-local", max_retries=0, timeout=120)
        semaphore = asyncio.Semaphore(concurrency)

        async def one(prompt: str, seed: int) -> str:
            async with semaphore:
                response = await client.chat.completions.create(
                    model="bench",
                    messages=[{"role": "user", "content": prompt}],
                    temperature=0.7,
                    max_tokens=2048,
                    seed=seed,
                )
                return response.choices[0].message.content or ""

        await asyncio.gather(*(one(p, 0) for p in _prompts("warm", WARMUP)))
        start, cpu = time.perf_counter(), _cpu()
        await asyncio.gather(*(one(p, i) for i, p in enumerate(_prompts("sdk", calls))))
        return time.perf_counter() - start, _cpu() - cpu

    return asyncio.run(main())


def run_litellm(base_url: str, calls: int, concurrency: int) -> tuple[float, float]:
    import litellm

    litellm.suppress_debug_info = True

    async def main() -> tuple[float, float]:
        semaphore = asyncio.Semaphore(concurrency)

        async def one(prompt: str, seed: int) -> str:
            async with semaphore:
                response = await litellm.acompletion(
                    model="openai/bench",
                    api_base=base_url,
                    api_key="sk-local",
                    messages=[{"role": "user", "content": prompt}],
                    temperature=0.7,
                    max_tokens=2048,
                    seed=seed,
                    num_retries=0,
                    max_retries=0,
                )
                return response.choices[0].message.content or ""

        await asyncio.gather(*(one(p, 0) for p in _prompts("warm", WARMUP)))
        start, cpu = time.perf_counter(), _cpu()
        await asyncio.gather(*(one(p, i) for i, p in enumerate(_prompts("litellm", calls))))
        return time.perf_counter() - start, _cpu() - cpu

    return asyncio.run(main())


def run_layer(base_url: str, calls: int, concurrency: int, transport: str = "auto") -> tuple[float, float]:
    sys.path.insert(0, str(REPO))
    from vcot_assets.core.records import TeacherRequest
    from vcot_assets.llm.client import TeacherClient, TeacherConfig

    with tempfile.TemporaryDirectory() as cache:
        client = TeacherClient(
            TeacherConfig(
                model="openai/bench",
                api_base=base_url,
                concurrency=concurrency,
                cache_dir=cache,
                timeout_s=120,
                transport=transport,
            )
        )
        client.complete_many([TeacherRequest(f"w{i}", "bench", p) for i, p in enumerate(_prompts("warm", WARMUP))])
        requests = [TeacherRequest(f"r{i}", "bench", p, i) for i, p in enumerate(_prompts("layer", calls))]
        start, cpu = time.perf_counter(), _cpu()
        replies = client.complete_many(requests)
        elapsed, spent = time.perf_counter() - start, _cpu() - cpu
        failed = [r for r in replies if r.text is None]
        if failed:
            raise SystemExit(f"{len(failed)} calls failed: {failed[0].error}")
        return elapsed, spent


def run_layer_litellm(base_url: str, calls: int, concurrency: int) -> tuple[float, float]:
    return run_layer(base_url, calls, concurrency, transport="litellm")


RUNNERS = {"sdk": run_sdk, "litellm": run_litellm, "layer": run_layer, "layer_litellm": run_layer_litellm}


def _child(args: argparse.Namespace) -> None:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    elapsed, cpu = RUNNERS[args.child](args.base_url, args.calls, args.concurrency)
    print(json.dumps({"elapsed_s": elapsed, "cpu_s": cpu}))


def _start_server(latency: float) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "vcot_assets_tests.testing.wire_server", "--latency", str(latency)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    line = server.stdout.readline() if server.stdout else ""
    if not line.startswith("listening "):
        server.kill()
        raise SystemExit(f"the benchmark server did not start: {line!r}")
    return server, line.split()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1600)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best of each is reported")
    parser.add_argument("--clients", default="sdk,litellm,layer,layer_litellm")
    parser.add_argument("--child", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return 0

    ideal = args.concurrency / args.latency
    server, base_url = _start_server(args.latency)
    results: dict[str, list[dict]] = {}
    try:
        for _ in range(args.rounds):
            for name in args.clients.split(","):
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        name,
                        "--base-url",
                        base_url,
                        "--calls",
                        str(args.calls),
                        "--concurrency",
                        str(args.concurrency),
                    ],
                    capture_output=True,
                    text=True,
                    env={**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True", "OPENAI_API_KEY": "sk-local"},
                )
                if out.returncode:
                    raise SystemExit(f"{name} failed:\n{out.stderr[-3000:]}")
                results.setdefault(name, []).append(json.loads(out.stdout.strip().splitlines()[-1]))
    finally:
        server.terminate()
        server.wait()

    summary = {}
    print(
        f"{args.calls} calls, latency {args.latency * 1000:.0f} ms, concurrency {args.concurrency}, "
        f"ideal {ideal:.0f} calls/s, {os.cpu_count()} CPUs"
    )
    print(f"{'client':<14}{'calls/s':>10}{'% ideal':>10}{'CPU ms/call':>14}")
    for name, runs in results.items():
        best = min(runs, key=lambda r: r["elapsed_s"])
        rate = args.calls / best["elapsed_s"]
        summary[name] = {
            "calls_per_s": round(rate, 1),
            "pct_ideal": round(100 * rate / ideal, 1),
            "cpu_ms_per_call": round(1000 * best["cpu_s"] / args.calls, 3),
            "all_rates": [round(args.calls / r["elapsed_s"], 1) for r in runs],
        }
        print(f"{name:<14}{rate:>10.1f}{100 * rate / ideal:>9.1f}%{summary[name]['cpu_ms_per_call']:>14.2f}")
    if "layer" in summary and "sdk" in summary:
        ratio = summary["layer"]["calls_per_s"] / summary["sdk"]["calls_per_s"]
        summary["layer_vs_sdk"] = round(ratio, 3)
        print(f"layer / sdk = {100 * ratio:.1f}% (target >= 90%)")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
