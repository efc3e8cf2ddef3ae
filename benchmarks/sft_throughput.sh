#!/usr/bin/env bash
# SFT throughput of a Qwen2.5-0.5B-shaped model (random init, tokenizer trained here) on
# synthetic vcot-shaped chat samples: s = 2048, micro-batch 16 x 2 = batch 32, bf16, packing with
# document masking (flex attention), torch.compile, chunked loss. Prints loss, tokens/s and MFU
# (honest and old formula); the last line is the metrics JSON.
#   bash benchmarks/sft_throughput.sh WORKDIR [extra trainer arguments]
#   NPROC=2 bash benchmarks/sft_throughput.sh WORKDIR --micro-batch-size 16   # FSDP2 over 2 GPUs
set -euo pipefail
work=${1:-/tmp/vcot-sft}
shift || true
python=${PYTHON:-python3}
if [ ! -s "$work/samples.jsonl" ]; then
  $python -m vcot_assets.training.synthetic --out "$work/samples.jsonl" --count 7000
fi
if [ ! -s "$work/base/config.json" ]; then
  $python -m vcot_assets.training.tiny_model --out "$work/base" --shape qwen2.5-0.5b \
    --corpus "$work/samples.jsonl" --vocab-size 8192
fi
launch=("$python" -m vcot_assets.training.train)
if [ "${NPROC:-1}" != 1 ]; then
  launch=("$python" -m torch.distributed.run --standalone --nproc-per-node "$NPROC" -m vcot_assets.training.train)
fi
"${launch[@]}" --data "$work/samples.jsonl" --base-model "$work/base" \
  --out "$work/checkpoint" --max-seq-len 2048 --micro-batch-size 16 --batch-size 32 \
  --bf16 --packing --compile "$@"
