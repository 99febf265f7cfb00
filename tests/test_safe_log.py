"""Log lines a client cannot forge (bot/safe_log.py): typed text shown with its control
characters escaped and cut, and Sanic's traceback for an unreadable request kept to one line."""

from __future__ import annotations

import logging
import sys

from bot.safe_log import printable, quiet_unreadable_requests


def test_control_characters_cannot_start_a_forged_line():
    forged = "ana@example.com\n2026-01-01 00:00:00 INFO bot.console - signed in as admin@school.edu\r\x1b[2J"
    shown = printable(forged)
    assert "\n" not in shown and "\r" not in shown and "\x1b" not in shown
    assert shown.startswith("ana@example.com\\n2026-01-01") and shown.endswith("\\r\\x1b[2J")
    assert printable("line\u2028separator") == "line\\u2028separator"


def test_long_values_are_cut_and_ordinary_ones_kept():
    assert printable("x" * 1000, limit=10) == "x" * 10 + "…"
    assert printable("Ana Souza, ana@example.com") == "Ana Souza, ana@example.com"


def test_sanics_traceback_for_an_unreadable_request_becomes_one_warning(caplog):
    quiet_unreadable_requests()
    quiet_unreadable_requests()  # once is enough; twice adds nothing
    logger = logging.getLogger("sanic.error")
    assert len(logger.filters) == 1
    try:
        int("zz", 16)
    except ValueError:
        with caplog.at_level(logging.WARNING, logger="sanic.error"):
            logger.exception("protocol.connection_task uncaught", exc_info=sys.exc_info())
    (record,) = caplog.records
    assert record.levelname == "WARNING" and record.exc_info is None
    assert "could not be read" in record.getMessage()


def test_other_server_errors_keep_their_traceback(caplog):
    quiet_unreadable_requests()
    try:
        raise RuntimeError("a real bug")
    except RuntimeError:
        with caplog.at_level(logging.ERROR, logger="sanic.error"):
            logging.getLogger("sanic.error").exception("protocol.connection_task uncaught")
    (record,) = caplog.records
    assert record.levelname == "ERROR" and record.exc_info is not None
