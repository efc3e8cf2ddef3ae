#!/bin/bash
# The trace script the corpus writers' briefs name (/work/corpus/tools/trace.sh): it traces cases
# {"id", "code", "call"} (a JSONL file, or '-' for standard input) the way the pipeline shows a trace
# to a teacher, and prints one JSON line per case with id, code, call, status, detail, trace,
# returned and events. Writers use it as a black box. It runs `vcot trace` from a frozen checkout
# (FROZEN, a worktree of the commit the round starts from) so that tuning during the round cannot
# change what writers see; PYTHON is an interpreter with vcot's dependencies.
set -e
FROZEN="${FROZEN:-/work/frozen-vcot}"
PYTHON="${PYTHON:-/work/main/.venv/bin/python}"
if [ "${1:--}" = "-" ]; then src="$(mktemp)"; cat > "$src"; else src="$(realpath -m "$1")"; fi
cd "$FROZEN"
LITELLM_LOCAL_MODEL_COST_MAP=True PYTHONPATH="$FROZEN" "$PYTHON" - "$src" <<'PY'
import json, subprocess, sys
cases = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l.strip()]
proc = subprocess.run([sys.executable, "-c", "import sys; from vcot_assets.cli import main; sys.exit(main())", "trace", "-"],
                      input="\n".join(json.dumps(c) for c in cases) + "\n", capture_output=True, text=True)
if proc.returncode:
    sys.stderr.write(proc.stderr); sys.exit(proc.returncode)
for case, line in zip(cases, proc.stdout.splitlines()):
    out = json.loads(line)
    row = {"id": case.get("id"), "code": case.get("code"), "call": case.get("call")}
    row.update({k: out[k] for k in ("status", "detail", "trace", "returned", "events")})
    print(json.dumps(row))
PY
