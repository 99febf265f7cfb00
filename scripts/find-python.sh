#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter, or fail loudly.
# Rasa 3.6 installs only on 3.8-3.10, and the machine's default python3 is newer,
# so we never trust `python3`: an explicit PYTHON=... wins, then pyenv's 3.10,
# then a python3.10 on PATH.
set -euo pipefail

is_310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }

if [ -n "${PYTHON:-}" ]; then
  if is_310 "$PYTHON"; then echo "$PYTHON"; exit 0; fi
  echo "find-python: PYTHON=$PYTHON is not a Python 3.10 interpreter" >&2
  exit 1
fi

candidates=()
if command -v pyenv >/dev/null 2>&1; then
  prefix=$(pyenv prefix 3.10 2>/dev/null || true)
  [ -n "$prefix" ] && candidates+=("$prefix/bin/python")
fi
for root in "${PYENV_ROOT:-}" "$HOME/.pyenv" /root/.pyenv; do
  [ -n "$root" ] || continue
  for dir in $(ls -d "$root"/versions/3.10.* 2>/dev/null | sort -V -r); do
    candidates+=("$dir/bin/python")
  done
done
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")

for c in "${candidates[@]}"; do
  if [ -x "$c" ] && is_310 "$c"; then echo "$c"; exit 0; fi
done
echo "find-python: no Python 3.10 found. Install one (e.g. 'pyenv install 3.10') or run with PYTHON=/path/to/python3.10" >&2
exit 1
