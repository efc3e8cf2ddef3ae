#!/usr/bin/env bash
# Lint and definition checks, run by scripts/test.sh before the tests (and by CI through it).
#   bash scripts/lint.sh    # from the repository root, with .venv set up
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

"$BIN/ruff" format --check --diff .
"$BIN/ruff" check .
# Warnings, not a gate: functions past complexity 10 are worth a second look when touched.
echo "complexity above 10 (warnings):"
"$BIN/ruff" check --select C901 --config 'lint.mccabe.max-complexity = 10' --exit-zero --output-format concise . \
  | grep -v '^Found\|^All checks' | sed 's/^/  /' || true

# Dagster's own checks of the code location, on a throwaway instance.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export DAGSTER_HOME="$home" VCOT_HOME="$home" LITELLM_LOCAL_MODEL_COST_MAP=True
"$BIN/dg" check defs
"$BIN/dg" list defs >/dev/null
echo "dg check defs and dg list defs passed"
