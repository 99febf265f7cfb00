"""Log lines that a client cannot forge or fill with tracebacks (Rasa server and advisor console).

- `printable(value)`: what a client typed, fit for one log line: control characters
  (a newline that would start a forged line, a terminal escape) shown as escapes,
  and cut to a length.
- `quiet_unreadable_requests()`: Sanic 21.12 logs "protocol.connection_task uncaught"
  with a full traceback when a client sends a body it cannot decode (a chunked body
  with a size that is not hexadecimal), after it has already answered 400. That is
  the client's mistake, not the server's: the record is kept as one warning line.
"""

from __future__ import annotations

import logging

_MAX_CHARS = 200
_ESCAPES = {i: f"\\x{i:02x}" for i in [*range(0x20), 0x7F, *range(0x80, 0xA0)]} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def printable(value: object, limit: int = _MAX_CHARS) -> str:
    """`value` as text for a log line: control characters escaped, at most `limit` characters."""
    text = str(value)
    cut = len(text) > limit
    text = text[:limit].translate(_ESCAPES)
    return text + "…" if cut else text


class _UnreadableRequest(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage() == "protocol.connection_task uncaught" and record.exc_info:
            error = record.exc_info[1]
            client_error = 400 <= getattr(error, "status_code", 500) < 500  # Sanic's BadRequest and kin
            if isinstance(error, (ValueError, UnicodeError)) or client_error:
                record.msg = f"Dropped a connection whose request could not be read ({type(error).__name__})."
                record.args = ()
                record.exc_info = record.exc_text = None
                record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def quiet_unreadable_requests() -> None:
    """Turn Sanic's traceback for an unreadable request body into one warning line (once)."""
    logger = logging.getLogger("sanic.error")
    if not any(isinstance(f, _UnreadableRequest) for f in logger.filters):
        logger.addFilter(_UnreadableRequest())
