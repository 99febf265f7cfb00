#!/usr/bin/env bash
# Install Debian packages by name, for the steps that need a system program (install-browser.sh,
# test-scale.sh): as root or through sudo, without questions; a stale package index is refreshed
# and the install tried once more. Fails with a message naming the packages when apt-get or root
# is not available.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: scripts/apt-install.sh PACKAGE..." >&2; exit 2; }
command -v apt-get >/dev/null || { echo "apt-install: apt-get is not available; install $* yourself" >&2; exit 1; }
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "apt-install: run as root: apt-get install -y $*" >&2; exit 1; }
  sudo="sudo"
fi
echo "apt-install: installing Debian's $*"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y "$@" || { $sudo apt-get update && $sudo apt-get install -y "$@"; } \
  || { echo "apt-install: apt-get could not install $*" >&2; exit 1; }
