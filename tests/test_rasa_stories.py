"""Rasa's own end-to-end test stories (tests/stories/), run against the trained model.

`rasa test core` replays each story: NLU must find the intent and entities written
in it, and the dialogue policy must choose the action. Failed stories are written
to reports/rasa_test/failed_test_stories.yml and shown here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT

pytestmark = pytest.mark.model

STORIES = PROJECT_ROOT / "tests" / "stories"


def test_every_test_story_passes(model: Path):
    out = PROJECT_ROOT / "reports" / "rasa_test"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "test",
            "core",
            "--model",
            str(model),
            "--stories",
            str(STORIES),
            "--out",
            str(out),
            "--no-plot",
            "--quiet",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    failed = (out / "failed_test_stories.yml").read_text()
    assert "- story:" not in failed, failed
    stories = sum(p.read_text().count("- story:") for p in STORIES.glob("*.yml"))
    assert stories >= 35
