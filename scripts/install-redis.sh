#!/usr/bin/env bash
# Install what the lock-store test (tests/test_lock_store.py) starts: Debian's redis-server. The
# test runs a private server of its own on a free port of 127.0.0.1 and stops it afterwards.
# Does nothing when redis-server is already there; needs root (or sudo) otherwise.
set -euo pipefail
if command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ]; then
  exit 0
fi
"$(dirname "$0")/apt-install.sh" redis-server
/usr/bin/redis-server --version
