"""Setup decisions: which Python builds the venv, when the model is retrained, and where
training draws its progress bars."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT
from bot.tools.train import fingerprint, training_env, training_inputs

FIND_PYTHON = PROJECT_ROOT / "scripts" / "find-python.sh"


def find_python(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(FIND_PYTHON)],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), **env},
    )


def test_finds_a_python_3_10():
    result = find_python()
    assert result.returncode == 0, result.stderr
    version = subprocess.run(
        [result.stdout.strip(), "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True
    ).stdout.strip()
    assert version == "(3, 10)"


def test_an_explicit_python_is_used_as_given():
    result = find_python(PYTHON=sys.executable)  # the venv's python is a 3.10
    assert result.returncode == 0 and result.stdout.strip() == sys.executable


def test_an_explicit_wrong_python_is_refused_loudly(tmp_path: Path):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    result = find_python(PYTHON=str(fake))
    assert result.returncode != 0 and "not a Python 3.10" in result.stderr


def copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for rel in ["config.yml", "domain.yml", "data/nlu", "data/stories", "data/kb"]:
        src, dst = PROJECT_ROOT / rel, root / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["cp", "-r", str(src), str(dst)], check=True)
    return root


def test_retraining_follows_training_data_not_answer_wording(tmp_path: Path):
    root = copy_project(tmp_path)
    files = training_inputs(root)
    before = fingerprint(files, root)

    faq = root / "data" / "kb" / "faq.yml"  # answer wording lives in the knowledge base
    wording = faq.read_text()
    faq.write_text(wording.replace("usually don't", "mostly don't"))
    assert faq.read_text() != wording  # the wording did change
    assert fingerprint(files, root) == before

    nlu = root / "data" / "nlu" / "faq.yml"
    nlu.write_text(nlu.read_text() + "    - is the usmle needed for medical assisting work\n")
    assert fingerprint(files, root) != before


def test_config_and_entity_patterns_are_training_inputs():
    names = {p.name for p in training_inputs()}
    assert {"config.yml", "domain.yml", "patterns.sha256"} <= names
    assert any(p.parent.name == "nlu" for p in training_inputs())


#: Two bars drawn as during `rasa train`: one as Rasa draws its own (RulePolicy, the story
#: generator, TensorFlow epochs), one that leaves `disable` to tqdm.
BARS = """
from rasa.shared.utils.io import is_logging_disabled
from tqdm import tqdm
for _ in tqdm(range(500), desc="Processed rules", disable=is_logging_disabled()):
    pass
for _ in tqdm(range(500), desc="Another bar"):
    pass
"""


def _drawn(env: dict[str, str]) -> str:
    """What the bars write when stderr is not a terminal (a pipe here, a log file under `make run`)."""
    done = subprocess.run([sys.executable, "-c", BARS], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stderr


@pytest.fixture
def environ() -> dict[str, str]:
    """The test's environment without any setting that already decides the bars."""
    return {k: v for k, v in os.environ.items() if k != "LOG_LEVEL" and not k.startswith("TQDM_")}


def test_training_outside_a_terminal_draws_no_progress_bars(environ: dict[str, str]):
    drawn = _drawn(training_env(environ, in_terminal=False))
    assert "Processed rules" not in drawn and "Another bar" not in drawn and "\r" not in drawn


def test_training_in_a_terminal_still_draws_them(environ: dict[str, str]):
    drawn = _drawn(training_env(environ, in_terminal=True))
    assert "Processed rules" in drawn and "Another bar" in drawn


def test_debug_logging_asked_for_is_kept_outside_a_terminal(environ: dict[str, str]):
    assert training_env({**environ, "LOG_LEVEL": "DEBUG"}, in_terminal=False)["LOG_LEVEL"] == "DEBUG"
    assert training_env(environ, in_terminal=False)["RASA_TELEMETRY_ENABLED"] == "false"
