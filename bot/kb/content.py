"""Read and validate the knowledge-base content files in `data/kb/`.

Content is data that advisors edit, so every mistake must be reported in terms
they can act on: the file, the entry (by its key or position) and the field.
Validation finishes before anything touches the database, which is what keeps
a broken file from leaving a half-loaded knowledge base.

Each file is read on its own first (`bot.kb.reading`, against `bot.kb.records`);
only content whose every file is valid goes through the cross-file checks
(`bot.kb.checks`), whose messages would otherwise be about entries already reported.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.kb.catalog import Content, content_files
from bot.kb.checks import find_problems
from bot.kb.problems import ContentError, Problem
from bot.kb.reading import read_records


def fingerprint(content_dir: Path) -> str:
    """A hash of every content file's name and bytes: the loader skips content already loaded."""
    digest = hashlib.sha256()
    for name in sorted(content_files(content_dir)):
        path = content_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def read_content(content_dir: Path) -> Content:
    """Parse and validate every content file; raise ContentError listing all problems."""
    problems: list[Problem] = []
    content = Content()
    for file_name, (list_name, model) in content_files(content_dir).items():
        path = content_dir / file_name
        if not path.exists():
            problems.append(Problem(file_name, "-", "-", f"missing file in {content_dir}"))
            continue
        records, found = read_records(path, list_name, model)
        problems += found
        content.add(file_name, list_name, records)
    if not problems:
        problems = find_problems(content)
    if problems:
        raise ContentError(problems)
    content.fingerprint = fingerprint(content_dir)
    return content
