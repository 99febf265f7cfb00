"""Put validated content into the database in one transaction.

The whole replacement happens inside a single transaction, so readers see the
old knowledge base or the new one, never a mix; if anything fails the old one
stays. Loading is skipped when the content's fingerprint is already loaded.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.kb import schema
from bot.kb.catalog import Content
from bot.kb.content import fingerprint, read_content

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadResult:
    loaded: bool  # False: already up to date
    fingerprint: str
    counts: dict[str, int]


def _rows(content: Content) -> list[schema.Base]:
    rows: list[schema.Base] = []
    rows += [schema.Source(**s.dict()) for s in content.sources]
    for f in content.facts:
        span = f.range
        rows.append(
            schema.Fact(
                **f.dict(exclude={"range"}),
                range_min=span and span.min,
                range_max=span and span.max,
                range_unit=span and span.unit,
            )
        )
    rows += [schema.Body(**b.dict(exclude={"aliases"})) for b in content.bodies]
    rows += [schema.Accreditor(**a.dict(exclude={"aliases"})) for a in content.accreditors]
    for cred in content.credentials:
        rows.append(schema.Credential(**cred.dict(exclude={"aliases", "routes"})))
        rows += [schema.EligibilityRoute(credential=cred.key, **r.dict()) for r in cred.routes]
    rows += [schema.Role(**r.dict(exclude={"aliases"})) for r in content.roles]
    for kind, item in content.named():
        names = {n.lower(): n for n in [item.name, item.abbreviation, *item.aliases] if n}
        rows += [
            schema.Alias(alias=low, kind=kind, entity_key=item.key, display=item.abbreviation or item.name)
            for low in names
        ]
    rows += [schema.StateCode(code=t.code.upper(), name=t.name) for t in content.states if t.code]
    rows += [schema.RoadmapStep(**s.dict()) for s in content.roadmap_steps]
    rows += [schema.TimelinePart(position=n, **t.dict()) for n, t in enumerate(content.timeline, 1)]
    for topic in content.topics:
        rows.append(schema.Topic(key=topic.key, title=topic.title, title_es=topic.title_es))
        rows += [schema.TopicIntent(intent=i, topic=topic.key) for i in topic.intents]
        rows += [
            schema.Answer(
                topic=topic.key,
                variant=a.variant,
                text=a.text,
                sources=a.sources,
                buttons=[b.dict() for b in a.buttons],
            )
            for a in topic.answers
        ]
    return rows


def _meta(session: Session, key: str):
    row = session.get(schema.Meta, key)
    return row.value if row else None


def _ensure_schema(engine: Engine) -> None:
    """Create the tables; rebuild them if an older schema version is there."""
    with Session(engine) as session:
        has_meta = inspect(engine).has_table(schema.Meta.__tablename__)
        version = _meta(session, "schema_version") if has_meta else None
    if has_meta and version != schema.SCHEMA_VERSION:
        log.info("knowledge-base schema %s -> %s: rebuilding tables", version, schema.SCHEMA_VERSION)
        schema.Base.metadata.drop_all(engine)
    schema.Base.metadata.create_all(engine)


def loaded_fingerprint(engine: Engine) -> str | None:
    """The fingerprint of the loaded content, or None if nothing (or an older schema) is loaded."""
    if not inspect(engine).has_table(schema.Meta.__tablename__):
        return None
    with Session(engine) as session:
        if _meta(session, "schema_version") != schema.SCHEMA_VERSION:
            return None
        return _meta(session, "fingerprint")


def load(engine: Engine, content_dir: Path, force: bool = False) -> LoadResult:
    """Validate `content_dir` and replace the knowledge base with it (raises ContentError)."""
    current = fingerprint(content_dir)
    if not force and loaded_fingerprint(engine) == current:
        return LoadResult(False, current, {})
    content = read_content(content_dir)  # raises before the database is touched
    _ensure_schema(engine)
    rows = _rows(content)
    with Session(engine) as session, session.begin():
        # Children before parents, because of the foreign keys.
        for table in reversed(schema.Base.metadata.sorted_tables):
            session.execute(delete(table))
        # Parents before children: without ORM relationships the unit of work does not order them.
        for table in schema.Base.metadata.sorted_tables:
            session.add_all([r for r in rows if r.__tablename__ == table.name])
            session.flush()
        session.add_all(
            [
                schema.Meta(key="schema_version", value=schema.SCHEMA_VERSION),
                schema.Meta(key="fingerprint", value=content.fingerprint),
                schema.Meta(key="loaded_at", value=dt.datetime.now(dt.timezone.utc).isoformat()),
            ]
        )
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.__tablename__] = counts.get(row.__tablename__, 0) + 1
    return LoadResult(True, content.fingerprint, counts)
