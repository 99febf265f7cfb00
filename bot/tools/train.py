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
from collections.abc import Iterable, Mapping
from pathlib import Path

from bot.settings import PROJECT_ROOT, load_settings, load_settings_or_exit
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


def interactive() -> bool:
    """Whether a person watches the output in a terminal (both streams: the bars are drawn on stderr)."""
    return sys.stdout.isatty() and sys.stderr.isatty()


def training_env(environ: Mapping[str, str], in_terminal: bool) -> dict[str, str]:
    """The environment `rasa train` runs in: its progress bars only where a terminal redraws them in place.

    Written to a file or a service manager's journal, every redraw of a bar is kept: over a
    thousand for one training. Rasa draws its bars only below log level WARNING (each passes
    `disable=is_logging_disabled()`, which reads LOG_LEVEL), so outside a terminal LOG_LEVEL
    is WARNING, and TQDM_DISABLE turns off any tqdm bar that leaves `disable` to its default.
    Rasa's warnings still show. LOG_LEVEL=DEBUG, asked for explicitly, is kept.
    """
    env = {**environ, "RASA_TELEMETRY_ENABLED": "false"}
    if not in_terminal and env.get("LOG_LEVEL", "").upper() != "DEBUG":
        env.update({"LOG_LEVEL": "WARNING", "TQDM_DISABLE": "1"})
    return env


def train(out_dir: Path, force: bool = False, root: Path = PROJECT_ROOT) -> Path:
    """Return the path of an up-to-date model in `out_dir`, training it if needed."""
    model = out_dir / f"{MODEL_NAME}.tar.gz"
    marker = out_dir / f"{MODEL_NAME}.fingerprint"
    current = fingerprint(training_inputs(root), root)
    if not force and model.exists() and marker.exists() and marker.read_text().strip() == current:
        print(f"model up to date: {model}")
        return model
    out_dir.mkdir(parents=True, exist_ok=True)
    in_terminal = interactive()
    if not in_terminal:
        print("training the Rasa model (a few minutes; progress bars are shown only in a terminal) ...", flush=True)
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
        env=training_env(os.environ, in_terminal),
    )
    marker.write_text(current + "\n")
    print(f"trained {model} in {time.monotonic() - started:.0f} s")
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.train", description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    try:
        train(load_settings_or_exit().models_dir, force=args.force)
    except subprocess.CalledProcessError as exc:
        print(f"training failed (exit {exc.returncode}); see the output above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
