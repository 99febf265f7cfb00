"""The cue words, read from `data/understanding/cues.yml` and checked before any is used.

The words that point a message to a topic are vocabulary, not code: they grow with every test
set that finds a wording NLU misreads, and whoever adds a new word for pay should not have to
edit Python to do it. So they live in a versioned data file, and, like the knowledge base
(`bot.kb.content`) and the school profile (`bot.school.profile`), the file is read whole and
every mistake in it is reported at once as "file: entry: field: message" (`bot.kb.problems`).
A pattern that does not compile, an intent that does not exist (a typo here would make a cue
silently point nowhere), a section left out or empty: the bot refuses to start with the list
rather than misunderstand people quietly, and never with a traceback from inside `re`.

`bot.understanding.cues` holds the code that reads a message with these tables, and the
grammar-like patterns (a price, a question's shape, a visa status) that are not vocabulary.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from bot.kb.problems import Problem
from bot.settings import PROJECT_ROOT

CUES_FILE = PROJECT_ROOT / "data" / "understanding" / "cues.yml"
#: Every intent a cue names must be one of the domain's, or the cue would point nowhere.
DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
#: People write "GI Bill", "gi bill" and "GI BILL": every cue is case-blind.
FLAGS = re.IGNORECASE
#: The aspect of a topic's whole answer (no part of it). The file spells it `aspect: overview`,
#: since an empty string is easy to mistake for a value left out.
OVERVIEW = ""
OVERVIEW_WORD = "overview"

#: Sections holding a list of entries (order matters, an intent may come twice).
LIST_SECTIONS = ("cues", "decisive")
#: Sections holding a mapping from intent to its patterns (one entry per intent).
MAPPING_SECTIONS = ("aspect_cues", "topic_words", "follow_up_topic_words", "facets")
#: Every section, in the file's order.
SECTIONS = LIST_SECTIONS + MAPPING_SECTIONS
#: The fields of one entry of each list section, and of one pair of `aspect_cues`.
FIELDS = {"cues": ("intent", "patterns"), "decisive": ("pattern", "intent"), "aspect_cues": ("pattern", "aspect")}

Pattern = re.Pattern[str]
Pairs = tuple[tuple[Pattern, str], ...]
T = TypeVar("T")
#: What reading a file that is not YAML gives, so its sections are not reported missing as well.
_UNREADABLE = object()


@dataclass(frozen=True)
class CueTables:
    """The six tables as `bot.understanding.cues` uses them, in the file's order, compiled with `FLAGS`."""

    #: (pattern, intent), most specific first; an entry's patterns joined with "|" into one.
    cues: Pairs
    #: (pattern, intent): words that name one topic whatever else the message says.
    decisive: Pairs
    #: intent -> (pattern, aspect), first match wins; `OVERVIEW` is the whole answer.
    aspect_cues: dict[str, Pairs]
    #: intent -> the words a reading of that topic must contain.
    topic_words: dict[str, Pattern]
    #: intent -> the words a short follow-up read as that broad topic must contain.
    follow_up_topic_words: dict[str, Pattern]
    #: intent -> what people go on to ask about that topic without naming it again.
    facets: dict[str, Pattern]


class CueDataError(Exception):
    """The cue file cannot be used; `problems` lists each mistake with its file, entry and field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("cue words have errors:\n" + "\n".join(f"  - {p}" for p in problems))


@lru_cache(maxsize=1)
def shipped_cues() -> CueTables:
    """The project's own cue file, read once per process (raises CueDataError)."""
    return read_cues(CUES_FILE)


def read_cues(path: Path, domain: Path = DOMAIN_FILE) -> CueTables:
    """The tables in the cue file at `path`, checked against the intents of `domain`; raises
    CueDataError listing every problem, so one edit-and-check round finds them all."""
    reader = _Reader(_label(path), _domain_intents(domain))
    data = reader.parse(path)
    tables = reader.tables(reader.sections(data)) if data is not _UNREADABLE else None
    if reader.problems or tables is None:
        raise CueDataError(reader.problems)
    return tables


def _label(path: Path) -> str:
    """The file as a person finds it: relative to the project when it is in it."""
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def _domain_intents(domain: Path) -> frozenset[str] | Problem:
    """The intents `domain` declares (Rasa's `intents:` list, read as plain YAML), or why it can't tell."""
    where = _label(domain)
    try:
        data = yaml.safe_load(domain.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return Problem(where, "-", "intents", f"cannot read the domain's intents: {exc}")
    listed = data.get("intents") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return Problem(where, "-", "intents", "the domain has no list of intents")
    # An intent is a name, or a one-key mapping of its name to options (use_entities, ...).
    return frozenset(next(iter(i), "") if isinstance(i, dict) else str(i) for i in listed)


class _Reader:
    """One reading of a cue file: what it found wrong so far, and the checks that find it."""

    def __init__(self, file: str, intents: frozenset[str] | Problem):
        self.file = file
        self.problems: list[Problem] = []
        self.intents: frozenset[str] | None = None
        if isinstance(intents, Problem):
            self.problems.append(intents)
        else:
            self.intents = intents

    def problem(self, entry: str, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, entry, field, message))

    # --- the file and its sections -------------------------------------------------------------

    def parse(self, path: Path) -> Any:
        """The file's YAML, with keys given twice reported (plain YAML would keep the last silently)."""
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            self.problem("-", "-", f"cannot read the file: {exc.strerror or exc}")
            return _UNREADABLE
        except UnicodeDecodeError as exc:
            self.problem("-", "-", f"not UTF-8 text: {exc}")
            return _UNREADABLE
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None  # an empty file: no sections
            for path_to, key, first, again in _keys_given_twice(node):
                self._given_twice(path_to, key, first, again)
            return loader.construct_document(node)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.problem(f"at line {mark.line + 1}" if mark else "-", "-", f"not valid YAML: {reason}")
            return _UNREADABLE
        finally:
            loader.dispose()

    def _given_twice(self, path_to: tuple[str | int, ...], key: str, first: int, again: int) -> None:
        """A key written twice, named like the other problems: a section, an intent, or an entry's field."""
        message = f"given twice, at lines {first} and {again}; YAML would keep only the second"
        if not path_to:
            self.problem(repr(key), "(section)", message)
        elif len(path_to) == 1:
            self.problem(f"{key!r} ({path_to[0]})", "intent", message)
        else:
            section, where, *inside = path_to
            entry = f"{section} #{where + 1}" if isinstance(where, int) else f"{where!r} ({section})"
            self.problem(entry, ".".join(map(str, (*inside, key))), message)

    def sections(self, data: Any) -> dict[str, Any]:
        """The six sections, each present, non-empty and of its shape; nothing else."""
        if not isinstance(data, dict):
            self.problem("-", "-", f"the file must be a mapping of the sections {', '.join(SECTIONS)}")
            return {}
        for name in data:
            if name not in SECTIONS:
                self.problem(repr(name), "(section)", f"unknown section; the sections are {', '.join(SECTIONS)}")
        found = {}
        for name in SECTIONS:
            kind = list if name in LIST_SECTIONS else dict
            shape = "a list of entries" if kind is list else "a mapping from intent to its patterns"
            if name not in data:
                self.problem(repr(name), "(section)", f"missing section ({shape})")
            elif not isinstance(data[name], kind):
                self.problem(repr(name), "(section)", f"must be {shape}")
            elif not data[name]:
                self.problem(repr(name), "(section)", "empty section: it would give the bot no words to go on")
            else:
                found[name] = data[name]
        return found

    def tables(self, sections: dict[str, Any]) -> CueTables | None:
        """The compiled tables, or None when a section is unusable."""
        cues = self.listed("cues", sections.get("cues"), self.cue)
        decisive = self.listed("decisive", sections.get("decisive"), self.decisive_entry)
        aspect_cues = self.mapped("aspect_cues", sections.get("aspect_cues"), self.aspect_pairs)
        topic_words = self.mapped("topic_words", sections.get("topic_words"), self.single)
        follow_up = self.mapped("follow_up_topic_words", sections.get("follow_up_topic_words"), self.single)
        facets = self.mapped("facets", sections.get("facets"), self.single)
        if cues is None or decisive is None or aspect_cues is None:
            return None
        if topic_words is None or follow_up is None or facets is None:
            return None
        return CueTables(cues, decisive, aspect_cues, topic_words, follow_up, facets)

    def listed(
        self, section: str, entries: list[Any] | None, read: Callable[[str, Any], tuple[Pattern, str] | None]
    ) -> Pairs | None:
        """Each entry of a list section read by `read(entry_label, raw)`, in order; None if any is unusable."""
        if entries is None:
            return None
        read_all = [read(_entry_label(section, index, raw), raw) for index, raw in enumerate(entries)]
        usable = [item for item in read_all if item is not None]
        return tuple(usable) if len(usable) == len(read_all) else None

    def mapped(
        self, section: str, entries: dict[Any, Any] | None, read: Callable[[str, Any], T | None]
    ) -> dict[str, T] | None:
        """Each intent's value in a mapping section read by `read(entry_label, raw)`, in order; None if
        any is unusable. The intent and its value are both checked, so both mistakes are listed."""
        if entries is None:
            return None
        read_all: dict[str, T] = {}
        usable = True
        for intent, raw in entries.items():
            entry = f"{intent!r} ({section})"
            known = self.intent(entry, "intent", intent)
            value = read(entry, raw)
            if known and value is not None:
                read_all[intent] = value
            else:
                usable = False
        return read_all if usable else None

    # --- the entries -------------------------------------------------------------------------------

    def cue(self, entry: str, raw: Any) -> tuple[Pattern, str] | None:
        """One entry of `cues`: an intent and its patterns, which are tried as one alternation."""
        if not self.fields(entry, raw, FIELDS["cues"]):
            return None
        patterns = raw["patterns"]
        if not isinstance(patterns, list) or not patterns:
            self.problem(entry, "patterns", "must be a non-empty list of patterns")
            return None
        compiled = [self.pattern(entry, f"patterns.{index}", p) for index, p in enumerate(patterns)]
        intent_ok = self.intent(entry, "intent", raw["intent"])
        if None in compiled or not intent_ok:
            return None
        joined = self.pattern(entry, "patterns", "|".join(patterns))
        return (joined, raw["intent"]) if joined is not None else None

    def decisive_entry(self, entry: str, raw: Any) -> tuple[Pattern, str] | None:
        """One entry of `decisive`: a pattern and the one intent it names."""
        if not self.fields(entry, raw, FIELDS["decisive"]):
            return None
        pattern = self.pattern(entry, "pattern", raw["pattern"])
        intent_ok = self.intent(entry, "intent", raw["intent"])
        return (pattern, raw["intent"]) if pattern is not None and intent_ok else None

    def aspect_pairs(self, entry: str, raw: Any) -> Pairs | None:
        """One intent's `aspect_cues`: (pattern, aspect) pairs, tried in order."""
        if not isinstance(raw, list) or not raw:
            self.problem(entry, "(entry)", "must be a non-empty list of pattern and aspect")
            return None
        pairs = []
        for index, pair in enumerate(raw):
            if not self.fields(entry, pair, FIELDS["aspect_cues"], prefix=f"{index}."):
                continue
            pattern = self.pattern(entry, f"{index}.pattern", pair["pattern"])
            aspect = self.aspect(entry, f"{index}.aspect", pair["aspect"])
            if pattern is not None and aspect is not None:
                pairs.append((pattern, aspect))
        return tuple(pairs) if len(pairs) == len(raw) else None

    def single(self, entry: str, raw: Any) -> Pattern | None:
        """One intent's value in `topic_words`, `follow_up_topic_words` or `facets`: one pattern."""
        return self.pattern(entry, "pattern", raw)

    # --- the fields --------------------------------------------------------------------------------

    def fields(self, entry: str, raw: Any, names: tuple[str, ...], prefix: str = "") -> bool:
        """`raw` is a mapping with exactly the fields `names`."""
        if not isinstance(raw, dict):
            self.problem(entry, prefix.rstrip(".") or "(entry)", f"must be a mapping of {' and '.join(names)}")
            return False
        for name in raw:
            if name not in names:
                self.problem(entry, f"{prefix}{name}", f"unknown field; an entry has {' and '.join(names)}")
        for name in names:
            if name not in raw:
                self.problem(entry, f"{prefix}{name}", "missing")
        return set(raw) == set(names)

    def pattern(self, entry: str, field: str, raw: Any) -> Pattern | None:
        """`raw` compiled with `FLAGS`, or None with the regex error reported."""
        if not isinstance(raw, str) or not raw:
            # An empty pattern would match every message.
            self.problem(entry, field, "must be a non-empty pattern in 'single quotes'")
            return None
        try:
            return re.compile(raw, FLAGS)
        except re.error as exc:
            self.problem(entry, field, f"does not compile: {exc}")
            return None

    def intent(self, entry: str, field: str, raw: Any) -> bool:
        """`raw` names an intent of the domain (unchecked when the domain could not be read)."""
        if self.intents is None or (isinstance(raw, str) and raw in self.intents):
            return True
        close = difflib.get_close_matches(str(raw), sorted(self.intents), n=1, cutoff=0.8)  # a typo, not a guess
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.problem(entry, field, f"{raw!r} is not an intent of domain.yml{hint}")
        return False

    def aspect(self, entry: str, field: str, raw: Any) -> str | None:
        """An aspect's name, or `OVERVIEW` for `overview`."""
        if not isinstance(raw, str) or not raw.strip() or raw != raw.strip():
            self.problem(entry, field, f"must be an aspect's name, or {OVERVIEW_WORD} for the topic's whole answer")
            return None
        return OVERVIEW if raw == OVERVIEW_WORD else raw


def _entry_label(section: str, index: int, raw: Any) -> str:
    """A list entry by its intent and place ("'ask_renewal' (cues #5)"), so it is found even when
    its intent is what is wrong."""
    if isinstance(raw, dict) and isinstance(raw.get("intent"), str):
        return f"{raw['intent']!r} ({section} #{index + 1})"
    return f"{section} #{index + 1}"


def _keys_given_twice(node: yaml.Node, path_to: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, str, int, int]]:
    """Each mapping key written twice under one parent: where it is, the key, its two lines."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                yield path_to, key, seen[key], line
            seen.setdefault(key, line)
            yield from _keys_given_twice(value, (*path_to, key))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _keys_given_twice(item, (*path_to, index))
