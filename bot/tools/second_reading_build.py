"""Train the second reading (`bot.understanding.second_reading`) from the development conversation sets.

The development sets (tests/conversations/blind_dev*.yml) were written blind and have been read, so they
are fair to learn from, as `bot.tools.harvest` already does for NLU; the test set and the held-out sets
are never read here. The reader is rewritten only when the sets or the reader's code change, so a second
`make setup` takes no time.

`python -m bot.tools.second_reading_build [--exclude blind_dev_bx.yml] [--out PATH]`
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

import joblib
import sklearn

from bot.settings import PROJECT_ROOT, load_settings_or_exit
from bot.tools.converse import SetError, read_set
from bot.understanding import second_reading
from bot.understanding.second_reading import SecondReader, examples

SETS = "tests/conversations/blind_dev*.yml"
FINGERPRINT_SUFFIX = ".sha256"


def development_sets(exclude: Sequence[str] = ()) -> list[Path]:
    return sorted(p for p in PROJECT_ROOT.glob(SETS) if p.name not in exclude)


def fingerprint(paths: Sequence[Path]) -> str:
    """What the reader is built from: the sets' bytes, the reader's own code and the scikit-learn that
    pickled it (another version may not read it back)."""
    digest = hashlib.sha256(Path(second_reading.__file__).read_bytes() + sklearn.__version__.encode())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build(paths: Sequence[Path]) -> SecondReader:
    conversations = []
    for path in paths:
        _, found = read_set(path)
        conversations += [
            [(t.user, t.expect.topics if t.expect.kind == "answer" else ()) for t in c.turns] for c in found
        ]
    return SecondReader().fit(examples(conversations))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.tools.second_reading_build", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--exclude", action="append", default=[], help="a development set's file name to leave out")
    parser.add_argument(
        "--out", type=Path, default=None, help="where to write the reader (default: var/second_reading.joblib)"
    )
    args = parser.parse_args(argv)
    out: Path = args.out or load_settings_or_exit().var_dir / "second_reading.joblib"
    paths = development_sets(args.exclude)
    if not paths:
        print(f"no development sets match {SETS}", file=sys.stderr)
        return 1
    stamp = out.with_name(out.name + FINGERPRINT_SUFFIX)
    wanted = fingerprint(paths)
    if out.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        print(
            f"second reading up to date ({out.relative_to(PROJECT_ROOT) if out.is_relative_to(PROJECT_ROOT) else out})"
        )
        return 0
    try:
        reader = build(paths)
    except (SetError, ValueError) as exc:
        print(f"cannot build the second reading: {exc}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    joblib.dump(reader, partial, compress=3)
    partial.replace(out)
    stamp.write_text(wanted + "\n")
    print(f"second reading built from {len(paths)} development sets, {len(reader.topics)} topics -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
