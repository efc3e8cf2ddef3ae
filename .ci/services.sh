#!/usr/bin/env bash
# System packages for the service tests: PostgreSQL binaries (the tests start their own server
# with initdb/pg_ctl on a temp dir), Debian's Chromium + ChromeDriver (the UI browser test) and
# bubblewrap (the local sandbox's workers; without it they run at reduced isolation).
# Idempotent: installs only what is missing. Needs root and apt.
set -euo pipefail

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
want=()
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  want+=(postgresql)
fi
command -v chromium >/dev/null 2>&1 || want+=(chromium)
command -v chromedriver >/dev/null 2>&1 || want+=(chromium-driver)
command -v bwrap >/dev/null 2>&1 || want+=(bubblewrap)
if [ "${#want[@]}" -gt 0 ]; then
  echo "services.sh: installing ${want[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${want[@]}"
fi
# Debian's postgresql package starts a cluster of its own; the tests do not use it.
if command -v pg_lsclusters >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | grep -q online; then
  $SUDO pg_ctlcluster --force "$(pg_lsclusters -h | awk 'NR==1{print $1}')" main stop 2>/dev/null || true
fi
echo "services.sh: postgres $(ls /usr/lib/postgresql/ 2>/dev/null | tail -1), $(chromium --version 2>/dev/null), $(chromedriver --version 2>/dev/null | cut -d' ' -f1-2), $(bwrap --version 2>/dev/null)"
