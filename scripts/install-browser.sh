#!/usr/bin/env bash
# Install what the browser test (tests/test_widget_browser.py) drives: Debian's Chromium at
# /usr/bin/chromium. Playwright cannot download browsers on these machines, so the test points
# Playwright at this one. Does nothing when it is already there; needs root (or sudo) otherwise.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
command -v apt-get >/dev/null || { echo "install-browser: /usr/bin/chromium is missing and apt-get is not available; install Chromium yourself" >&2; exit 1; }
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-browser: run as root (apt-get install -y chromium)" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-browser: installing Debian's chromium (for the widget's browser test)"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y chromium \
  || { $sudo apt-get update && $sudo apt-get install -y chromium; }
/usr/bin/chromium --version 2>/dev/null | grep -v "unexpected operator" || true
