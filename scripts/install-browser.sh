#!/usr/bin/env bash
# Install what the browser test (tests/test_widget_browser.py) drives: Debian's Chromium at
# /usr/bin/chromium. Playwright cannot download browsers on these machines, so the test points
# Playwright at this one. Does nothing when it is already there; needs root (or sudo) otherwise.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
"$(dirname "$0")/apt-install.sh" chromium
/usr/bin/chromium --version 2>/dev/null | grep -v "unexpected operator" || true
