"""Shared fixtures: a throw-away copy of the content, a loaded test database, the model and
the servers; and the `model` marker on every test that needs the trained model."""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.db import get_engine
from bot.kb.loader import load
from bot.kb.queries import KnowledgeBase
from bot.settings import PROJECT_ROOT, load_settings
from bot.tools.train import train

CONTENT = PROJECT_ROOT / "data" / "kb"

# Tests never reach the internet: keep Rasa from trying to send telemetry.
os.environ["RASA_TELEMETRY_ENABLED"] = "false"

#: Fixtures that train (or reuse) the Rasa model: a test using one, directly or through
#: another fixture, needs the model and is left out of `make test-fast`.
MODEL_FIXTURES = frozenset({"model", "bot"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses the model, however deep the fixture, so that
    `-m "not model"` never starts a training run by surprise."""
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session", autouse=True)
def yaml_text_parsed_once() -> Iterator[None]:
    """Parse each distinct YAML text once per session and hand out deep copies.

    PyYAML's pure-Python parser is three quarters of a knowledge-base load (0.3 of 0.4 s
    of CPU), and the content tests load the same fifteen files dozens of times, changing
    one at a time. Parsing is a pure function of the text, so a copy of the first result
    is what parsing again would give. Only successful parses are kept: a text that is not
    valid YAML goes to the parser, and fails there, every time.
    """
    parse = yaml.safe_load
    parsed: dict[str, Any] = {}

    def safe_load(stream: Any) -> Any:
        if not isinstance(stream, str):
            return parse(stream)
        if stream not in parsed:
            parsed[stream] = parse(stream)
        return copy.deepcopy(parsed[stream])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml, "safe_load", safe_load)
        yield


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A private copy of data/kb/ that a test may break."""
    target = tmp_path / "kb"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kb.sqlite3'}"


@pytest.fixture(scope="session")
def loaded_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The real content, loaded once per session into its own SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('kb') / 'kb.sqlite3'}"
    load(get_engine(url), CONTENT)
    return url


@pytest.fixture(scope="session")
def kb(loaded_db_url: str) -> KnowledgeBase:
    """The session's knowledge base, remembering its reads as the action server's does
    (`remember=True`): nothing writes to this database, and a test that renders hundreds
    of roadmap steps asks the same few questions thousands of times."""
    return KnowledgeBase(get_engine(loaded_db_url), remember=True)


@pytest.fixture(scope="session")
def model() -> Path:
    """The Rasa model, trained at most once per session: reused from models/ when
    nothing it learns from has changed (bot.tools.train keeps that fingerprint)."""
    return train(load_settings().models_dir)


@pytest.fixture(scope="session")
def bot(model: Path, loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory):
    """Both servers on free ports of 127.0.0.1, shared by every end-to-end test of the session."""
    from tests.e2e import running_bot, server_settings

    workdir = tmp_path_factory.mktemp("servers")
    # Its own copy: conversations write roadmap progress, handoff requests and console data
    # into the app database, and other tests copy the session's knowledge base as a clean start.
    app_db = workdir / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), app_db)
    with running_bot(server_settings(f"sqlite:///{app_db}", workdir), model, workdir / "servers.log") as settings:
        yield settings
