"""Train the Rasa model only when something it learns from has changed.

Rasa's own fingerprint does not see inside the spaCy pipeline folder, so we keep
our own: config, domain, NLU and story files, and the entity patterns. Answer
wording lives in the knowledge base and never triggers training.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from bot.settings import PROJECT_ROOT, load_settings
from bot.tools.nlp_build import FINGERPRINT_FILE  # cheap: spaCy is imported lazily there

MODEL_NAME = "cma-advisor"


def training_inputs(root: Path = PROJECT_ROOT) -> list[Path]:
    files = [root / "config.yml", root / "domain.yml"]
    for folder in ("data/nlu", "data/stories"):
        files += sorted((root / folder).rglob("*.yml"))
    files.append(load_settings().spacy_model_dir / FINGERPRINT_FILE)
    return files


def fingerprint(files: Iterable[Path], root: Path = PROJECT_ROOT) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def train(out_dir: Path, force: bool = False, root: Path = PROJECT_ROOT) -> Path:
    """Return the path of an up-to-date model in `out_dir`, training it if needed."""
    model = out_dir / f"{MODEL_NAME}.tar.gz"
    marker = out_dir / f"{MODEL_NAME}.fingerprint"
    current = fingerprint(training_inputs(root), root)
    if not force and model.exists() and marker.exists() and marker.read_text().strip() == current:
        print(f"model up to date: {model}")
        return model
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "train",
            "--force",
            "--fixed-model-name",
            MODEL_NAME,
            "--out",
            str(out_dir),
            "--config",
            "config.yml",
            "--domain",
            "domain.yml",
            "--data",
            "data/nlu",
            "data/stories",
        ],
        cwd=root,
        check=True,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
    )
    marker.write_text(current + "\n")
    print(f"trained {model} in {time.monotonic() - started:.0f} s")
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.train", description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    try:
        train(load_settings().models_dir, force=args.force)
    except subprocess.CalledProcessError as exc:
        print(f"training failed (exit {exc.returncode}); see the output above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
