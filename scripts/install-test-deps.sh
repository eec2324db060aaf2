#!/usr/bin/env bash
# Install the system packages the test run needs, when missing: Debian's
# PostgreSQL (for the PostgreSQL run) and Chromium with its driver (for the
# browser tests). Needs root and apt; elsewhere it says what to install.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium chromium-driver)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null || need+=(postgresql)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "test-deps: cannot install ${need[*]} here (needs root and apt-get)." >&2
  echo "test-deps: install them yourself; browser or PostgreSQL tests will be skipped." >&2
  exit 0
fi
echo "test-deps: installing ${need[*]} …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
