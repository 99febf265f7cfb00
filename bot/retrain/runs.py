"""One row per retrain: who asked, when, how far it got, the figures and what was decided.

The run is written by the background process as it goes (queued → training → scoring →
loaded, kept or failed), so the console shows progress by reading this table. Only one
run is under way at a time: a new one is refused while another is, unless that one's
process has died, in which case it is marked failed first.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Integer, String, Table, Text, select, update
from sqlalchemy.engine import Engine

from bot.db import UTCDateTime, metadata, utcnow
from bot.db.migrate import ensure_schema

QUEUED, TRAINING, SCORING, LOADED, KEPT, FAILED, ROLLED_BACK = (
    "queued",
    "training",
    "scoring",
    "loaded",
    "kept",
    "failed",
    "rolled back",
)
UNDER_WAY = (QUEUED, TRAINING, SCORING)
#: What each status means to an advisor.
STATUS_TEXT = {
    QUEUED: "waiting to start",
    TRAINING: "training a new model",
    SCORING: "checking the new model on the held-out test set",
    LOADED: "the new model is answering",
    KEPT: "the new model understood less; the previous one is still answering",
    FAILED: "did not finish",
    ROLLED_BACK: "loaded, then rolled back to the model before it",
}

runs_table = Table(
    "retrain_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("requested_by", String(200), nullable=False),
    Column("requested_at", UTCDateTime(), nullable=False),
    Column("finished_at", UTCDateTime(), nullable=True),
    Column("status", String(20), nullable=False),
    Column("examples", Integer, nullable=False),
    Column("before", Text, nullable=True),  # JSON figures of the model that was answering
    Column("after", Text, nullable=True),  # JSON figures of the new model
    Column("model_path", String(500), nullable=True),  # the new model's file
    Column("previous_model", String(500), nullable=True),  # the copy kept for a rollback
    Column("message", Text, nullable=False),
    Column("pid", Integer, nullable=True),  # the background process while it runs
)


class RunRefused(RuntimeError):
    """A retrain cannot start now; the message says why."""


@dataclass(frozen=True)
class Run:
    id: int
    requested_by: str
    requested_at: dt.datetime
    finished_at: dt.datetime | None
    status: str
    examples: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    model_path: str | None
    previous_model: str | None
    message: str
    pid: int | None

    @property
    def under_way(self) -> bool:
        return self.status in UNDER_WAY

    @property
    def status_text(self) -> str:
        return STATUS_TEXT.get(self.status, self.status)


def _run(row: Any) -> Run:
    return Run(
        id=row.id,
        requested_by=row.requested_by,
        requested_at=row.requested_at,
        finished_at=row.finished_at,
        status=row.status,
        examples=row.examples,
        before=json.loads(row.before) if row.before else None,
        after=json.loads(row.after) if row.after else None,
        model_path=row.model_path,
        previous_model=row.previous_model,
        message=row.message or "",
        pid=row.pid,
    )


def process_alive(pid: int | None) -> bool:
    """Whether a process with this id still runs on this machine."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RunStore:
    """The retrain runs in the app database at `engine`."""

    def __init__(self, engine: Engine):
        self.engine = engine
        ensure_schema(engine)

    def start(self, requested_by: str) -> Run:
        """A new queued run; refused while another is under way (a dead one is marked failed first)."""
        with self.engine.begin() as conn:
            for row in conn.execute(select(runs_table).where(runs_table.c.status.in_(UNDER_WAY))):
                if row.pid is None or process_alive(row.pid):
                    raise RunRefused(f"Retrain #{row.id} is still under way ({STATUS_TEXT[row.status]}).")
                conn.execute(
                    update(runs_table)
                    .where(runs_table.c.id == row.id)
                    .values(status=FAILED, finished_at=utcnow(), message="Its process stopped before it finished.")
                )
            new_id = conn.execute(
                runs_table.insert().values(
                    requested_by=requested_by, requested_at=utcnow(), status=QUEUED, examples=0, message=""
                )
            ).inserted_primary_key[0]
        run = self.get(int(new_id))
        assert run is not None
        return run

    def update(self, run_id: int, **values: Any) -> None:
        """Record progress; `before` and `after` are figure dicts, stored as JSON; a final status stamps the end."""
        for key in ("before", "after"):
            if isinstance(values.get(key), dict):
                values[key] = json.dumps(values[key])
        if values.get("status") in (LOADED, KEPT, FAILED):
            values.setdefault("finished_at", utcnow())
        with self.engine.begin() as conn:
            conn.execute(update(runs_table).where(runs_table.c.id == run_id).values(**values))

    def get(self, run_id: int) -> Run | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(runs_table).where(runs_table.c.id == run_id)).first()
        return _run(row) if row else None

    def recent(self, limit: int = 20) -> list[Run]:
        """The newest runs first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(runs_table).order_by(runs_table.c.id.desc()).limit(limit)).all()
        return [_run(row) for row in rows]

    def last_loaded(self) -> Run | None:
        """The newest run whose model was loaded and is not rolled back: what a rollback undoes."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(runs_table).where(runs_table.c.status == LOADED).order_by(runs_table.c.id.desc()).limit(1)
            ).first()
        return _run(row) if row else None
