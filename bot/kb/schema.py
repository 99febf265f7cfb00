"""SQL tables of the knowledge base (SQLAlchemy 1.4, 2.0-style).

Every table that holds a fact carries `source` and `as_of`, so a query can never
return a figure without the means to cite it.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declared_attr, registry
from sqlalchemy.orm.decl_api import DeclarativeMeta

#: Bump when the tables change shape; the loader then rebuilds them.
SCHEMA_VERSION = "11"

_registry = registry()


class Base(metaclass=DeclarativeMeta):
    """What `declarative_base()` returns, written as a class so type checkers know the tables' base."""

    __abstract__ = True
    __tablename__: str  # set by every table
    registry = _registry
    metadata = _registry.metadata
    __init__ = _registry.constructor


class SourcedColumns:
    @declared_attr
    def source(cls):  # noqa: N805
        return Column(String(64), ForeignKey("sources.key"), nullable=False)

    as_of = Column(Integer, nullable=False)
    as_of_label = Column(String(64))


class NamedColumns(SourcedColumns):
    key = Column(String(64), primary_key=True)
    name = Column(Text, nullable=False)
    abbreviation = Column(String(32))
    summary = Column(Text, nullable=False)


class Meta(Base):
    __tablename__ = "kb_meta"
    key = Column(String(64), primary_key=True)
    value = Column(Text, nullable=False)


class Source(Base):
    __tablename__ = "sources"
    key = Column(String(64), primary_key=True)
    label = Column(Text, nullable=False)
    publisher = Column(Text, nullable=False)
    url = Column(Text)
    tier = Column(String(16), nullable=False)
    confirm_with = Column(Text)


class Fact(SourcedColumns, Base):
    __tablename__ = "facts"
    key = Column(String(64), primary_key=True)
    subject = Column(String(64), nullable=False, index=True)
    label = Column(Text, nullable=False)
    value = Column(Text, nullable=False)
    note = Column(Text)
    #: A duration fact's numbers (see content.FactRange), for the timeline estimate.
    range_min = Column(Float)
    range_max = Column(Float)
    range_unit = Column(String(16))


class Body(NamedColumns, Base):
    __tablename__ = "bodies"
    website = Column(Text, nullable=False)


class Accreditor(NamedColumns, Base):
    __tablename__ = "accreditors"
    website = Column(Text, nullable=False)


class Credential(NamedColumns, Base):
    __tablename__ = "credentials"
    body = Column(String(64), ForeignKey("bodies.key"), nullable=False)
    requires_accredited_program = Column(Boolean, nullable=False)
    order = Column(Integer, nullable=False)
    unconfirmed_routes = Column(JSON, nullable=False, default=list)
    valid_months = Column(Integer)
    validity_fact = Column(String(64))


class EligibilityRoute(SourcedColumns, Base):
    __tablename__ = "eligibility_routes"
    id = Column(Integer, primary_key=True, autoincrement=True)
    credential = Column(String(64), ForeignKey("credentials.key"), nullable=False, index=True)
    key = Column(String(64), nullable=False)
    kind = Column(String(32), nullable=False)
    label = Column(Text)
    summary = Column(Text, nullable=False)
    requires = Column(String(32), nullable=False)
    min_years = Column(Float)
    reported_min_years = Column(Float)
    min_hours = Column(Integer)
    within_years = Column(Integer)
    min_program_hours = Column(Integer)
    min_externship_hours = Column(Integer)
    also_needs = Column(JSON, nullable=False)


class Role(NamedColumns, Base):
    __tablename__ = "roles"
    scope = Column(Text)
    education = Column(Text)
    licence = Column(Text)
    best_for = Column(Text)


class Alias(Base):
    """Every name, abbreviation and alias, lower-cased, pointing at its entity."""

    __tablename__ = "aliases"
    alias = Column(String(128), primary_key=True)
    kind = Column(String(32), nullable=False)
    entity_key = Column(String(64), nullable=False)
    display = Column(Text, nullable=False)


class StateCode(Base):
    """A state's postal code ("PA"): never a name the entity ruler matches (codes clash with words and
    roles), but read where the words around it make it a place ("here in PA")."""

    __tablename__ = "state_codes"
    code = Column(String(2), primary_key=True)
    name = Column(Text, nullable=False)


class RoadmapStep(SourcedColumns, Base):
    __tablename__ = "roadmap_steps"
    key = Column(String(64), primary_key=True)
    order = Column(Integer, nullable=False)
    title = Column(Text, nullable=False)
    what = Column(Text, nullable=False)
    why = Column(Text, nullable=False)
    duration = Column(Text, nullable=False)
    tip = Column(Text, nullable=False)
    mistake = Column(Text, nullable=False)
    backgrounds = Column(JSON, nullable=False)
    aliases = Column(JSON, nullable=False)
    skip_when_eligible = Column(Boolean, nullable=False)
    includes = Column(JSON, nullable=False)
    also_sources = Column(JSON, nullable=False)
    gives = Column(String(32))
    #: content.StepNote records as dicts; the loader has checked their sources and facts.
    notes = Column(JSON, nullable=False)


class TimelinePart(Base):
    __tablename__ = "timeline_parts"
    key = Column(String(64), primary_key=True)
    position = Column(Integer, nullable=False)  # order in timeline.yml
    kind = Column(String(16), nullable=False)
    step = Column(String(64), ForeignKey("roadmap_steps.key"))
    label = Column(Text, nullable=False)
    milestone = Column(Text)
    backgrounds = Column(JSON, nullable=False)
    ranges = Column(JSON, nullable=False)
    early = Column(JSON, nullable=False)
    no_range = Column(Text)
    derivation = Column(Text)
    part_time = Column(Text)


class Topic(Base):
    __tablename__ = "topics"
    key = Column(String(64), primary_key=True)
    title = Column(Text, nullable=False)
    title_es = Column(Text)


class TopicIntent(Base):
    __tablename__ = "topic_intents"
    intent = Column(String(64), primary_key=True)
    topic = Column(String(64), ForeignKey("topics.key"), nullable=False)


class Answer(Base):
    __tablename__ = "answers"
    topic = Column(String(64), ForeignKey("topics.key"), primary_key=True)
    variant = Column(String(64), primary_key=True)
    text = Column(Text, nullable=False)
    sources = Column(JSON, nullable=False)
    buttons = Column(JSON, nullable=False)
