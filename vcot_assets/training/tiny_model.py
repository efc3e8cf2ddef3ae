"""Base models built locally with no download: a tokenizer trained on local text, random weights.

CI and the accelerator machine cannot reach a model hub, so the trainer is exercised on models
made here: a byte-level BPE tokenizer trained with the `tokenizers` library on the chat samples
themselves, saved as a transformers tokenizer with a ChatML chat template, and a Qwen2-architecture
model randomly initialised from a config ("tiny" for CPU tests, "qwen2.5-0.5b" and
"qwen2.5-7b" for GPU runs). `--no-weights` saves the config and tokenizer only, for the trainer's
`--random-init` (a 7B model is initialised on the GPUs in seconds; writing it takes minutes).

    python -m vcot_assets.training.tiny_model --out DIR [--shape tiny|qwen2.5-0.5b|qwen2.5-7b]
        [--corpus FILE.jsonl] [--no-weights]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]

# ChatML, the format Qwen models use; the trailing newline after <|im_end|> belongs to the turn.
CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

# Config fields of Qwen2.5-0.5B (494M parameters with tied embeddings) and Qwen2.5-7B (7.62B,
# untied), written out so no download is needed; "tiny" keeps the architecture at a size a CPU
# trains in seconds.
SHAPES: dict[str, dict] = {
    "qwen2.5-0.5b": {
        "hidden_size": 896,
        "intermediate_size": 4864,
        "num_hidden_layers": 24,
        "num_attention_heads": 14,
        "num_key_value_heads": 2,
        "vocab_size": 151936,
        "max_position_embeddings": 32768,
        "rope_theta": 1000000.0,
        "rms_norm_eps": 1e-6,
        "tie_word_embeddings": True,
    },
    "qwen2.5-7b": {
        "hidden_size": 3584,
        "intermediate_size": 18944,
        "num_hidden_layers": 28,
        "num_attention_heads": 28,
        "num_key_value_heads": 4,
        "vocab_size": 152064,
        "max_position_embeddings": 32768,
        "rope_theta": 1000000.0,
        "rms_norm_eps": 1e-6,
        "tie_word_embeddings": False,
    },
    "tiny": {
        "hidden_size": 64,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "vocab_size": None,  # the tokenizer's size, rounded up
        "max_position_embeddings": 4096,
        "rope_theta": 10000.0,
        "rms_norm_eps": 1e-6,
        "tie_word_embeddings": True,
    },
}


def corpus_texts(samples: Iterable[dict]) -> Iterator[str]:
    for sample in samples:
        for message in sample.get("messages", []):
            yield message["content"]


def train_tokenizer(texts: Iterable[str], vocab_size: int = 1024):
    """A byte-level BPE tokenizer trained on texts, wrapped as a transformers fast tokenizer."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(texts, trainer=trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        chat_template=CHATML_TEMPLATE,
    )


def build_config(shape: str, tokenizer_size: int, **overrides):
    """The Qwen2Config of the named shape, its vocabulary at least the tokenizer's."""
    from transformers import Qwen2Config

    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; choose one of {sorted(SHAPES)}")
    fields = {**SHAPES[shape], **overrides}
    # Round up to a multiple of 64 so the embedding and output matmuls stay tensor-core friendly.
    fields["vocab_size"] = max(fields["vocab_size"] or 0, -(-tokenizer_size // 64) * 64)
    return Qwen2Config(**fields, use_cache=False)


def build_model(shape: str, tokenizer_size: int, seed: int = 0, **overrides):
    """A randomly initialised Qwen2ForCausalLM of the named shape (overrides: config fields)."""
    import torch
    from transformers import Qwen2ForCausalLM

    config = build_config(shape, tokenizer_size, **overrides)
    torch.manual_seed(seed)
    return Qwen2ForCausalLM(config)


def build_base_model(
    out_dir: Path,
    samples: Iterable[dict],
    shape: str = "tiny",
    vocab_size: int = 1024,
    seed: int = 0,
    weights: bool = True,
) -> Path:
    """Train a tokenizer on the samples' text, build a model of `shape`, save both to out_dir
    (without weights: the config only, for the trainer's --random-init)."""
    out_dir = Path(out_dir)
    tokenizer = train_tokenizer(corpus_texts(samples), vocab_size=vocab_size)
    out_dir.mkdir(parents=True, exist_ok=True)
    if weights:
        build_model(shape, len(tokenizer), seed=seed).save_pretrained(out_dir)
    else:
        build_config(shape, len(tokenizer)).save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


def _read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a base model locally, with no download.")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="tiny")
    parser.add_argument("--corpus", type=Path, help="chat-sample JSONL to train the tokenizer on (default: synthetic)")
    parser.add_argument("--vocab-size", type=int, default=1024)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--weights", action=argparse.BooleanOptionalAction, default=True,
        help="--no-weights: save the config and tokenizer only (for train --random-init)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.corpus:
        samples: Iterable[dict] = _read_jsonl(args.corpus)
    else:
        from vcot_assets.training.synthetic import generate_samples

        samples = generate_samples(2000, seed=args.seed)
    out = build_base_model(args.out, samples, args.shape, args.vocab_size, args.seed, args.weights)
    print(f"saved {args.shape} base model{'' if args.weights else ' config'} to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
