"""Generations from a model under test: prompts, model clients, and answer extraction.

A model under test is either
- an endpoint reached through litellm, by model string (`openai/...`, `hosted_vllm/...`,
  `ollama/...`; the provider variables litellm reads configure it), or
- a local transformers checkpoint (a directory with `config.json`), loaded lazily so that
  importing this module costs nothing.

Questions are asked in the wording of vcot's own training samples (code in a fenced block, the
call or the output, and "give ... on a last line `Answer: ...`"), so a model fine-tuned on vcot
data is asked what it was trained on; the answer is the text after the last `Answer:` (with
fallbacks for models that answer in CRUXEval's `[ANSWER]` or `assert` style).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

Messages = list[dict[str, str]]

_ANSWER_LINE = re.compile(r"(?im)^[ \t]*\**[ \t]*answer[ \t]*\**[ \t]*[:\uff1a][ \t]*\**[ \t]*(.+?)[ \t]*$")
_ANSWER_TAG = re.compile(r"\[ANSWER\](.*?)\[/ANSWER\]", re.DOTALL)
_ASSERT_EQ = re.compile(r"assert\s+(.+?)\s*==\s*(.+)")
_CODE_BLOCK = re.compile(r"```(?:python|py)?[ \t]*\n(.*?)```", re.DOTALL)
_HUMANEVAL_STOPS = ("\ndef ", "\nclass ", "\nif __name__", "\nprint(", "\n#", "\nassert ")


# --- prompts -----------------------------------------------------------------------------------


def output_question(code: str, call: str) -> str:
    return (
        f"```python\n{code.rstrip()}\n```\n\n"
        f"What does `{call}` return? Reason through the execution step by step, "
        "then give the value on a last line `Answer: <value>`."
    )


def input_question(code: str, function: str, output: str) -> str:
    return (
        f"```python\n{code.rstrip()}\n```\n\n"
        f"Find a call of `{function}` that returns `{output}`. Reason backwards "
        "from the output step by step, then give the call on a last line `Answer: <call>`."
    )


def completion_question(prompt: str) -> str:
    return (
        "Complete the following Python function. Reply with the whole function in one "
        f"```python code block.\n\n```python\n{prompt.rstrip()}\n```"
    )


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
    """HumanEval: the code block of a chat reply (a full function), or a raw continuation cut at
    the first top-level statement after the body."""
    blocks = _CODE_BLOCK.findall(text)
    if blocks:
        return "\n" + blocks[0]
    cut = len(text)
    for stop in _HUMANEVAL_STOPS:
        at = text.find(stop)
        if at >= 0:
            cut = min(cut, at)
    return text[:cut]


# --- clients -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SamplingParams:
    samples: int = 5
    temperature: float = 0.2
    top_p: float = 0.95
    max_new_tokens: int = 512
    seed: int = 0


class ModelClient(Protocol):
    name: str

    def chat(self, conversations: Sequence[Messages], params: SamplingParams) -> list[list[str]]:
        """`params.samples` replies per conversation, in order."""


def is_local_checkpoint(model: str) -> bool:
    return bool(model) and (Path(model).expanduser() / "config.json").is_file()


class LiteLLMClient:
    """An endpoint through litellm; replies are drawn one request per sample (portable across
    providers that ignore `n`)."""

    def __init__(
        self, model: str, api_base: str = "", concurrency: int = 8, timeout_s: float = 120.0, attempts: int = 4
    ) -> None:
        self.name = model
        self.attempts = attempts
        self.api_base = api_base
        self.concurrency = concurrency
        self.timeout_s = timeout_s

    def chat(self, conversations: Sequence[Messages], params: SamplingParams) -> list[list[str]]:
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        import litellm

        def one(job: tuple[int, int]) -> str:
            index, sample = job
            kwargs = {
                "model": self.name,
                "messages": list(conversations[index]),
                "temperature": params.temperature,
                "top_p": params.top_p,
                "max_tokens": params.max_new_tokens,
                "seed": params.seed + sample,
                "timeout": self.timeout_s,
            }
            if self.api_base:
                kwargs["api_base"] = self.api_base
            for attempt in range(self.attempts):
                try:
                    response = litellm.completion(**kwargs)
                    return response.choices[0].message.content or ""
                except (
                    litellm.exceptions.APIConnectionError,
                    litellm.exceptions.RateLimitError,
                    litellm.exceptions.InternalServerError,
                    litellm.exceptions.Timeout,
                    litellm.exceptions.ServiceUnavailableError,
                ):
                    if attempt == self.attempts - 1:
                        raise
                    time.sleep(min(30.0, 2.0**attempt))
            return ""

        jobs = [(i, s) for i in range(len(conversations)) for s in range(params.samples)]
        with ThreadPoolExecutor(max_workers=max(1, self.concurrency)) as pool:
            replies = list(pool.map(one, jobs))
        return [replies[i * params.samples : (i + 1) * params.samples] for i in range(len(conversations))]


class TransformersClient:
    """A local checkpoint, generated with transformers (CPU or GPU), batched by prompt length."""

    def __init__(self, path: str, batch_size: int = 8, device: str | None = None) -> None:
        self.name = str(path)
        self.path = str(Path(path).expanduser())
        self.batch_size = batch_size
        self.device = device
        self._model = None
        self._tokenizer = None

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

    def _render(self, tokenizer, conversation: Messages) -> str:
        if getattr(tokenizer, "chat_template", None):
            return tokenizer.apply_chat_template(conversation, tokenize=False, add_generation_prompt=True)
        return "\n\n".join(m["content"] for m in conversation) + "\n"

    def chat(self, conversations: Sequence[Messages], params: SamplingParams) -> list[list[str]]:
        import torch

        model, tokenizer = self._load()
        texts = [self._render(tokenizer, c) for c in conversations]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        replies: list[list[str]] = [[] for _ in texts]
        torch.manual_seed(params.seed)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            batch = tokenizer(
                [texts[i] for i in chunk], return_tensors="pt", padding=True, add_special_tokens=False
            ).to(self.device)
            sampling = params.temperature > 0
            with torch.no_grad():
                output = model.generate(
                    **batch,
                    max_new_tokens=params.max_new_tokens,
                    do_sample=sampling,
                    temperature=params.temperature if sampling else None,
                    top_p=params.top_p if sampling else None,
                    num_return_sequences=params.samples,
                    pad_token_id=tokenizer.pad_token_id,
                )
            new_tokens = output[:, batch["input_ids"].shape[1] :]
            decoded = tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
            for position, index in enumerate(chunk):
                replies[index] = decoded[position * params.samples : (position + 1) * params.samples]
        return replies


def open_client(model: str, api_base: str = "", concurrency: int = 8) -> ModelClient:
    """A local checkpoint when `model` is a directory holding `config.json`, else litellm."""
    if not model:
        raise ValueError(
            "no model under test: give a litellm model string or a local checkpoint "
            "path (for example with VCOT_BASE_MODEL)"
        )
    if is_local_checkpoint(model):
        return TransformersClient(model)
    if Path(model).expanduser().exists():
        raise ValueError(f"{model} exists but is not a transformers checkpoint (no config.json)")
    return LiteLLMClient(model, api_base=api_base, concurrency=concurrency)


# --- benchmark generations ------------------------------------------------------------------------


def cruxeval_generations(client: ModelClient, problems, mode: str, params: SamplingParams) -> dict[str, list[str]]:
    """`{sample_i: [generation, ...]}` in the format `cruxeval.score` and `vcot eval` read."""
    if mode == "output":
        conversations = [[{"role": "user", "content": output_question(p.code, f"f({p.input})")}] for p in problems]
        replies = client.chat(conversations, params)
        return {p.problem_id: [extract_answer(r) for r in rs] for p, rs in zip(problems, replies, strict=True)}
    conversations = [[{"role": "user", "content": input_question(p.code, "f", p.output)}] for p in problems]
    replies = client.chat(conversations, params)
    return {p.problem_id: [extract_input_answer(r, "f") for r in rs] for p, rs in zip(problems, replies, strict=True)}


def livecodebench_generations(client: ModelClient, problems, params: SamplingParams) -> dict[str, list[str]]:
    conversations = [[{"role": "user", "content": output_question(p.code, p.input)}] for p in problems]
    replies = client.chat(conversations, params)
    return {p.problem_id: [extract_answer(r) for r in rs] for p, rs in zip(problems, replies, strict=True)}


def humaneval_generations(client: ModelClient, problems, params: SamplingParams) -> dict[str, list[str]]:
    conversations = [[{"role": "user", "content": completion_question(p.prompt)}] for p in problems]
    replies = client.chat(conversations, params)
    return {
        p.problem_id: [extract_completion(r, p.prompt) for r in rs] for p, rs in zip(problems, replies, strict=True)
    }
