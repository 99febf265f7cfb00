"""Read-only questions the bot asks the knowledge base.

Answers are read at request time (not baked into the model), so an advisor who
corrects content and reloads it changes what the bot says without retraining.

The action server's knowledge base remembers what it read (`remember=True`): building
one person's roadmap asks some thirty small questions, and the content only changes
when it is reloaded. `refresh()`, called as each action starts, compares the loaded
content's fingerprint and forgets everything when it changed, so a reload still
shows in the very next answer.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.citing import Citation, Cited, as_of
from bot.kb import schema
from bot.kb.text_rules import ENTITY_PLACEHOLDER, PLACEHOLDER


@dataclass(frozen=True)
class ResolvedAnswer:
    topic: str
    variant: str
    text: str  # placeholders already filled with their values
    citations: tuple[Citation, ...]
    buttons: tuple[dict[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Entity:
    kind: str
    key: str
    display: str


log = logging.getLogger(__name__)
MEMO_LIMIT = 20_000
Method = TypeVar("Method", bound=Callable[..., Any])


def _materialized(value: Any) -> Any:
    """Lists and one-shot iterators become tuples: usable as a key, and still iterable for the read."""
    if isinstance(value, (str, bytes, tuple, dict)) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def _key(value: Any) -> Any:
    return ("dict", tuple(sorted(value.items()))) if isinstance(value, dict) else value


def _remembered(method: Method) -> Method:
    """Keep a read's result per arguments while the content is unchanged (see `refresh`)."""

    @functools.wraps(method)
    def read(self: KnowledgeBase, *args: Any, **kwargs: Any) -> Any:
        if self._memo is None:
            return method(self, *args, **kwargs)
        args = tuple(_materialized(a) for a in args)
        kwargs = {k: _materialized(v) for k, v in kwargs.items()}
        key = (method.__name__, tuple(_key(a) for a in args), tuple(sorted((k, _key(v)) for k, v in kwargs.items())))
        try:
            found = self._memo[key]
        except KeyError:
            if len(self._memo) >= MEMO_LIMIT:  # names as people typed them are keys too: stay bounded
                self._memo.clear()
            found = self._memo[key] = method(self, *args, **kwargs)
        except TypeError:  # an argument that cannot be part of a key: read as usual
            return method(self, *args, **kwargs)
        # A caller may change the list or dict it gets; the remembered one must not change with it.
        return list(found) if isinstance(found, list) else dict(found) if isinstance(found, dict) else found

    return read  # type: ignore[return-value]


class KnowledgeBase:
    def __init__(self, engine: Engine, remember: bool = False):
        self.engine = engine
        self._memo: dict[tuple[str, tuple, tuple], Any] | None = {} if remember else None
        self._fingerprint: str | None = None

    def refresh(self) -> None:
        """Forget remembered reads if the content was reloaded (one small query); never raises:
        an unreadable database makes the next real read fail where callers expect it."""
        if self._memo is None:
            return
        try:
            with Session(self.engine) as s:
                current = s.scalar(select(schema.Meta.value).where(schema.Meta.key == "fingerprint"))
        except SQLAlchemyError as exc:
            log.debug("knowledge base fingerprint unreadable: %s", exc)
            current = None
        if current is None or current != self._fingerprint:
            self._memo.clear()
        self._fingerprint = current

    @_remembered
    def topic_for_intent(self, intent: str) -> str | None:
        with Session(self.engine) as s:
            return s.scalar(select(schema.TopicIntent.topic).where(schema.TopicIntent.intent == intent))

    @_remembered
    def title_for_intent(self, intent: str) -> str | None:
        """The plain-language title of the topic that answers `intent` ("What does the exam cost?")."""
        return self._title(intent, schema.Topic.title)

    @_remembered
    def spanish_title_for_intent(self, intent: str) -> str | None:
        """That title in Spanish ("¿Cuánto cuesta el examen?"), where the content has one."""
        return self._title(intent, schema.Topic.title_es)

    def _title(self, intent: str, column: Any) -> str | None:
        with Session(self.engine) as s:
            return s.scalar(
                select(column)
                .join(schema.TopicIntent, schema.TopicIntent.topic == schema.Topic.key)
                .where(schema.TopicIntent.intent == intent)
            )

    @_remembered
    def resolve(self, name: str) -> Entity | None:
        """Map any name, abbreviation or alias the user typed to its entity."""
        wanted = " ".join(name.lower().split())
        with Session(self.engine) as s:
            row = s.get(schema.Alias, wanted)
            if row is None and wanted.endswith("s"):  # "LPNs", "CMAs": the ruler tags plurals too
                row = s.get(schema.Alias, wanted[:-1])
            return Entity(row.kind, row.entity_key, row.display) if row else None

    @_remembered
    def varies_by_state(self, topic: str | None) -> bool:
        """True when some answer of `topic` is a state's own (pay in Texas), so a state asks that topic again."""
        with Session(self.engine) as s:
            states = select(schema.Alias.entity_key).where(schema.Alias.kind == "us_state")
            found = s.scalar(
                select(schema.Answer.variant).where(schema.Answer.topic == topic, schema.Answer.variant.in_(states))
            )
            return found is not None

    @_remembered
    def varies_by_credential(self, topic: str | None) -> bool:
        """True when some answer of `topic` is a credential's own (the RMA's renewal), so naming another
        credential asks that topic again; the GI Bill's answer is the same for all of them."""
        with Session(self.engine) as s:
            credentials = select(schema.Credential.key)
            found = s.scalar(
                select(schema.Answer.variant).where(
                    schema.Answer.topic == topic, schema.Answer.variant.in_(credentials)
                )
            )
            return found is not None

    @_remembered
    def state_codes(self) -> dict[str, str]:
        """Each state's postal code and name ("PA": "Pennsylvania")."""
        with Session(self.engine) as s:
            return {
                str(code): str(name)
                for code, name in s.execute(select(schema.StateCode.code, schema.StateCode.name)).all()
            }

    def aliases(self) -> list[tuple[str, str, str]]:
        """(kind, alias, entity key) for every name; feeds the spaCy entity ruler."""
        with Session(self.engine) as s:
            rows = s.execute(
                select(schema.Alias.kind, schema.Alias.alias, schema.Alias.entity_key).order_by(
                    schema.Alias.kind, schema.Alias.alias
                )
            )
            return [tuple(r) for r in rows]

    @_remembered
    def answer(
        self, topic: str, prefer: Sequence[str] = (), names: dict[str, str] | None = None
    ) -> ResolvedAnswer | None:
        """The answer for `topic`: the first variant in `prefer` that exists, else the default.

        `names` maps a variant to the name the person used, for answers written once
        for a whole entity type ("I have no rules specific to {entity}").
        """
        with Session(self.engine) as s:
            rows = {a.variant: a for a in s.scalars(select(schema.Answer).where(schema.Answer.topic == topic))}
            chosen = next((rows[v] for v in prefer if v in rows), rows.get("default"))
            if chosen is None:
                return None
            facts = self._facts(s, PLACEHOLDER.findall(chosen.text))
            text = PLACEHOLDER.sub(lambda m: facts[m.group(1)].value, chosen.text)
            text = text.replace(ENTITY_PLACEHOLDER, (names or {}).get(chosen.variant, chosen.variant.replace("_", " ")))
            citations = [self._cite(s, f.source, as_of(f)) for f in facts.values()]
            citations += [self._cite(s, key, None) for key in chosen.sources]
            return ResolvedAnswer(
                topic, chosen.variant, text, tuple(_unique(citations)), tuple(dict(b) for b in chosen.buttons)
            )

    @_remembered
    def credentials_of_body(self, body: str) -> list[str]:
        """ "AMT renewal" means the RMA's renewal: a body stands for the credentials it awards."""
        with Session(self.engine) as s:
            return list(
                s.scalars(
                    select(schema.Credential.key).where(schema.Credential.body == body).order_by(schema.Credential.key)
                )
            )

    @_remembered
    def role(self, key: str) -> schema.Role | None:
        with Session(self.engine, expire_on_commit=False) as s:
            return s.get(schema.Role, key)

    @_remembered
    def credential(self, key: str) -> schema.Credential | None:
        with Session(self.engine, expire_on_commit=False) as s:
            return s.get(schema.Credential, key)

    @_remembered
    def experience_routes(self) -> list[tuple[schema.Credential, schema.EligibilityRoute]]:
        """Every work-experience route, with its credential, in credential order."""
        with Session(self.engine, expire_on_commit=False) as s:
            rows = s.execute(
                select(schema.Credential, schema.EligibilityRoute)
                .join(schema.EligibilityRoute, schema.EligibilityRoute.credential == schema.Credential.key)
                .where(schema.EligibilityRoute.kind == "experience")
                .order_by(schema.Credential.key)
            )
            return [tuple(r) for r in rows]

    @_remembered
    def fill(self, text: str) -> Cited:
        """Fill `{fact:key}` placeholders with their values; cite each fact's source and year."""
        with Session(self.engine) as s:
            facts = self._facts(s, PLACEHOLDER.findall(text))
            filled = PLACEHOLDER.sub(lambda m: facts[m.group(1)].value, text)
            citations = [self._cite(s, f.source, as_of(f)) for f in facts.values()]
            return Cited(filled, tuple(_unique(citations)), tuple(facts))

    @_remembered
    def facts(self, keys: Iterable[str]) -> dict[str, schema.Fact]:
        with Session(self.engine, expire_on_commit=False) as s:
            return self._facts(s, keys)

    @_remembered
    def roadmap_steps(self) -> list[schema.RoadmapStep]:
        """Every roadmap step in order; bot.roadmap picks a person's from them."""
        with Session(self.engine, expire_on_commit=False) as s:
            return list(
                s.scalars(select(schema.RoadmapStep).order_by(schema.RoadmapStep.order, schema.RoadmapStep.key))
            )

    @_remembered
    def credentials_with_routes(self) -> list[tuple[schema.Credential, list[schema.EligibilityRoute]]]:
        """Every credential in its display order, with its routes in the order the content lists them."""
        with Session(self.engine, expire_on_commit=False) as s:
            creds = list(s.scalars(select(schema.Credential).order_by(schema.Credential.order)))
            routes = list(s.scalars(select(schema.EligibilityRoute).order_by(schema.EligibilityRoute.id)))
            return [(c, [r for r in routes if r.credential == c.key]) for c in creds]

    @_remembered
    def accreditor_abbreviations(self) -> list[str]:
        with Session(self.engine) as s:
            return list(s.scalars(select(schema.Accreditor.abbreviation).order_by(schema.Accreditor.key)))

    @_remembered
    def timeline_parts(self) -> list[schema.TimelinePart]:
        with Session(self.engine, expire_on_commit=False) as s:
            return list(s.scalars(select(schema.TimelinePart).order_by(schema.TimelinePart.position)))

    @_remembered
    def display_name(self, kind: str, key: str) -> str | None:
        """How to name an entity of `kind` (e.g. the background "img") in a sentence."""
        with Session(self.engine) as s:
            return s.scalar(
                select(schema.Alias.display).where(schema.Alias.kind == kind, schema.Alias.entity_key == key).limit(1)
            )

    @_remembered
    def cite(self, source_key: str, when: str | None) -> Citation:
        with Session(self.engine) as s:
            return self._cite(s, source_key, when)

    @_remembered
    def cite_many(self, wanted: Iterable[tuple[str, str | None]]) -> list[Citation]:
        """Citations for (source key, year label) pairs, in order, read in one query."""
        wanted = list(wanted)
        with Session(self.engine) as s:
            rows = {
                r.key: r for r in s.scalars(select(schema.Source).where(schema.Source.key.in_({k for k, _ in wanted})))
            }
        return [Citation(rows[k].label, when, rows[k].tier, rows[k].confirm_with) for k, when in wanted]

    @staticmethod
    def _facts(s: Session, keys: Iterable[str]) -> dict[str, schema.Fact]:
        keys = list(dict.fromkeys(keys))
        found = {f.key: f for f in s.scalars(select(schema.Fact).where(schema.Fact.key.in_(keys)))}
        return {k: found[k] for k in keys}  # the loader guarantees every placeholder exists

    @staticmethod
    def _cite(s: Session, source_key: str, when: str | None) -> Citation:
        src = s.get(schema.Source, source_key)
        return Citation(src.label, when, src.tier, src.confirm_with)


def _unique(items: Iterable[Citation]) -> list[Citation]:
    return list(dict.fromkeys(items))
