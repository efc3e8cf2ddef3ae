"""The model under test: a model string (an endpoint, asked through the teacher's client) or a
local checkpoint path.

Used by `base_model_answers` (which training problems the base model already gets right) and by
`benchmark_scores` (the base model's scores beside each fine-tuned checkpoint's). Configured
from the environment like the teacher: `VCOT_BASE_MODEL`, `VCOT_BASE_MODEL_API_BASE`.
"""

from __future__ import annotations

import os

from dagster import ConfigurableResource
from pydantic import Field

from vcot_assets.evals.generate import ModelClient, SamplingParams, open_client
from vcot_assets.evals.suite import BENCHMARKS


class ModelUnderTest(ConfigurableResource):
    model: str = Field(
        default_factory=lambda: os.environ.get("VCOT_BASE_MODEL", ""),
        description="model string (e.g. hosted_vllm/NAME for a vLLM or SGLang server at api_base) "
        "or local checkpoint directory; empty: none",
    )
    api_base: str = Field(default_factory=lambda: os.environ.get("VCOT_BASE_MODEL_API_BASE", ""))
    samples: int = Field(default=5, description="generations per benchmark problem (pass@5 needs 5)")
    temperature: float = 0.2
    max_new_tokens: int = 512
    concurrency: int = 8
    prompt_style: str = Field(
        default_factory=lambda: os.environ.get("VCOT_EVAL_PROMPT_STYLE", "cot"),
        description="the benchmarks' own chain-of-thought (cot) or direct prompts",
    )
    chat_template: bool = Field(
        default_factory=lambda: os.environ.get("VCOT_EVAL_CHAT_TEMPLATE", "on").lower() not in ("off", "0", "false"),
        description="a local checkpoint's prompts go through its tokenizer's chat template (off: raw text, "
        "as the benchmarks' harnesses prompt base models; HumanEval is always raw)",
    )
    benchmarks: list[str] = Field(
        default_factory=lambda: [
            b for b in os.environ.get("VCOT_EVAL_BENCHMARKS", ",".join(BENCHMARKS)).split(",") if b
        ],
        description="which of cruxeval-output, cruxeval-input, humaneval, livecodebench-exec to run",
    )
    livecodebench: str = Field(
        default_factory=lambda: os.environ.get("VCOT_LIVECODEBENCH", ""),
        description="user-supplied LiveCodeBench-Exec JSONL; empty: skipped",
    )
    problem_limit: int = Field(
        default_factory=lambda: int(os.environ.get("VCOT_EVAL_PROBLEM_LIMIT", "0")),
        description="score only the first N problems of each benchmark (0: all); for smoke runs",
    )

    @property
    def configured(self) -> bool:
        return bool(self.model)

    def sampling(self, samples: int | None = None) -> SamplingParams:
        return SamplingParams(
            samples=samples or self.samples, temperature=self.temperature, max_new_tokens=self.max_new_tokens
        )

    def client(self, model: str | None = None, cache_dir: str | None = None) -> ModelClient:
        """A client for `model` (a checkpoint under test) or, by default, the base model;
        `cache_dir` caches an endpoint's replies (the teacher client's cache)."""
        chosen = model or self.model
        # The endpoint setting belongs to the base model; a checkpoint is local or has its own.
        return open_client(
            chosen,
            api_base=self.api_base if chosen == self.model else "",
            concurrency=self.concurrency,
            cache_dir=cache_dir,
            chat_template=self.chat_template,
        )
