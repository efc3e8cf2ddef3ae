#!/usr/bin/env bash
# The trainer's GPU figures in one run on a machine with 2 GPUs, in under 9 minutes:
#   (a) Qwen2.5-0.5B shape, 1 GPU: s = 2048, batch 32 (16 x 2), bf16, document-masked packing
#       (flex attention), compile, chunked loss: tokens/s, MFU by the honest and the old formula
#   (b) the same on 2 GPUs, FSDP2 via torchrun (16 x 2 processes): tokens/s, scaling against (a)
#   (c) Qwen2.5-7B shape (vocabulary 152,064), full fine-tuning, s = 4096, 2 GPUs FSDP2:
#       tokens/s, MFU, peak memory (micro-batch 1; again with activation checkpointing if that fails)
#   then, while time is left: document masking checked on the GPU kernels (flex backward), and
#   the chunked loss against the full-logits loss it replaced.
# Models are random-initialised from configs written in code; nothing is downloaded.
#
#   bash benchmarks/gpu_suite.sh [WORKDIR]     # from the repository root; python3 must have torch
#
# Every part runs whatever happened to the one before. Each prints one "FIGURE" line; all of them
# are collected at the end and in LOGS/summary.txt. Logs go under $OUT when it is set (else
# WORKDIR). SUITE_BUDGET_S (default 525) caps the whole run; a part gets what is left of it.
set -uo pipefail
export NCCL_NVLS_ENABLE=0 TORCH_SYMM_MEM_DISABLE_MULTICAST=1 NVSHMEM_DISABLE_NVLS=1
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
python=${PYTHON:-python3}
work=${1:-/tmp/vcot-gpu-suite}
logs=${OUT:-$work}/gpu_suite_logs
mkdir -p "$work" "$logs"
summary="$logs/summary.txt"
: >"$summary"
budget=${SUITE_BUDGET_S:-525}
started=$SECONDS

say() { echo "$*" | tee -a "$summary"; }

# run_part NAME LIMIT_S COMMAND...: the command's output goes to LOGS/NAME.log; returns its status.
run_part() {
  local name=$1 limit=$2
  shift 2
  local left=$((budget - (SECONDS - started)))
  ((limit > left)) && limit=$left
  if ((limit < 30)); then
    say "FIGURE $name: skipped, the suite's time budget is spent"
    return 125
  fi
  echo "== $name (at most ${limit}s): $*"
  local began=$SECONDS
  timeout --kill-after=20 "$limit" "$@" >"$logs/$name.log" 2>&1
  local status=$?
  echo "   $name: exit $status after $((SECONDS - began))s, log $logs/$name.log"
  ((status == 124)) && say "FIGURE $name: timed out after ${limit}s (see $logs/$name.log)"
  return $status
}

# figure NAME LABEL [BASELINE_NAME]: one line from the metrics JSON the trainer prints last.
figure() {
  "$python" - "$logs/$1.log" "$2" "${3:+$logs/$3.log}" <<'PY' | tee -a "$summary"
import json, re, sys

def metrics(path):
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return None
    for line in reversed(lines):
        if line.startswith("{") and '"tokens_per_second"' in line:
            return json.loads(line)
    return None

log, label, baseline = sys.argv[1], sys.argv[2], sys.argv[3]
m = metrics(log)
if m is None:
    try:
        lines = [l.strip() for l in open(log, errors="replace").read().splitlines() if l.strip()]
    except OSError:
        lines = []
    # The exception line says most (out of memory, a bad argument); torchrun's banner says least.
    errors = [l for l in lines if re.search(r"(Error|Exception)\b", l) and "ChildFailedError" not in l]
    reason = (errors or [l for l in lines if not l.startswith(("=", "*"))] or ["no output"])[-1]
    print(f"FIGURE {label}: FAILED ({reason[:240]})")
    sys.exit()
line = (f"FIGURE {label}: {m['tokens_per_second']:,.0f} tokens/s "
        f"({m['tokens_per_second_per_device']:,.0f} per GPU) | MFU {m['mfu']:.1%} honest, "
        f"{m['mfu_old_formula']:.1%} old formula | peak {m['peak_memory_gb']:.1f} GiB per GPU | "
        f"loss {m['loss_first']:.2f} -> {m['loss_last']:.2f} over {m['steps']} steps | "
        f"{m['world_size']} GPU(s), activation checkpointing {'on' if m['activation_checkpointing'] else 'off'}")
base = metrics(baseline) if baseline else None
if base:
    scale = m["tokens_per_second"] / base["tokens_per_second"]
    line += f" | scaling {scale:.2f}x one GPU = {scale / m['world_size']:.1%} efficiency"
print(line)
PY
}

"$python" - <<'PY' | tee -a "$summary"
import torch, transformers
gpus = [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
print(f"suite: torch {torch.__version__}, transformers {transformers.__version__}, GPUs {gpus}")
PY

# Samples, and a config + tokenizer per shape (the trainer initialises the weights on the GPUs).
run_part setup 120 bash -c '
  set -e
  work=$0 python=$1
  [ -s "$work/samples.jsonl" ] || "$python" -m vcot_assets.training.synthetic --out "$work/samples.jsonl" --count 7000
  for shape in 0.5b 7b; do
    [ -s "$work/base-$shape/config.json" ] || "$python" -m vcot_assets.training.tiny_model \
      --out "$work/base-$shape" --shape "qwen2.5-$shape" --corpus "$work/samples.jsonl" --vocab-size 8192 --no-weights
  done' "$work" "$python" || say "FIGURE setup: FAILED (see $logs/setup.log)"

trainer=("$python" -m vcot_assets.training.train)
torchrun2=("$python" -m torch.distributed.run --standalone --nproc-per-node 2 -m vcot_assets.training.train)
common=(--data "$work/samples.jsonl" --random-init --bf16 --packing --compile --no-save
  --checkpoint-every 0 --lr 3e-4 --warmup-ratio 0.05 --timing-warmup-steps 3)
small=(--base-model "$work/base-0.5b" --max-seq-len 2048 --batch-size 32 --micro-batch-size 16
  --max-steps 16 --log-every 4)
large=(--base-model "$work/base-7b" --max-seq-len 4096 --batch-size 16 --max-steps 8 --log-every 2)

run_part a_05b_1gpu 150 "${trainer[@]}" "${common[@]}" "${small[@]}" --out "$work/a"
figure a_05b_1gpu "(a) 0.5B, 1 GPU, s=2048"

run_part b_05b_2gpu 150 "${torchrun2[@]}" "${common[@]}" "${small[@]}" --out "$work/b"
figure b_05b_2gpu "(b) 0.5B, 2 GPUs FSDP2, s=2048" a_05b_1gpu

if run_part c_7b_2gpu 180 "${torchrun2[@]}" "${common[@]}" "${large[@]}" --micro-batch-size 1 --out "$work/c"; then
  figure c_7b_2gpu "(c) 7B, 2 GPUs FSDP2, s=4096, micro-batch 1"
else
  figure c_7b_2gpu "(c) 7B, 2 GPUs FSDP2, s=4096, micro-batch 1"
  run_part c_7b_2gpu_checkpointing 170 "${torchrun2[@]}" "${common[@]}" "${large[@]}" \
    --micro-batch-size 2 --activation-checkpointing --out "$work/c2"
  figure c_7b_2gpu_checkpointing "(c) 7B, 2 GPUs FSDP2, s=4096, micro-batch 2, activation checkpointing"
fi

run_part masking_check 120 "$python" benchmarks/sft_masking_check.py
say "FIGURE masking on GPU: $(grep -h "^masking check" "$logs/masking_check.log" 2>/dev/null || echo 'no result')"
grep -h "^FAIL" "$logs/masking_check.log" 2>/dev/null | tee -a "$summary"

run_part loss 60 "$python" benchmarks/sft_loss.py --repeats 5
grep -h "^loss " "$logs/loss.log" 2>/dev/null | sed 's/^/FIGURE /' | tee -a "$summary"

for name in a_05b_1gpu b_05b_2gpu c_7b_2gpu c_7b_2gpu_checkpointing; do
  [ -f "$logs/$name.log" ] && grep -h "^MFU .* honest" "$logs/$name.log" | sed "s/^/($name) /" >>"$summary"
done
echo
echo "== summary ($((SECONDS - started))s in all; logs in $logs)"
cat "$summary"
