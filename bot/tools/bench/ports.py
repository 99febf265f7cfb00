"""Free ports for the bots' servers, so `make bench` runs beside a bot that is already up.

Every server a bot starts listens on a port from its Settings: the Rasa server, the
action server and, for ours, the advisor console (the Procfile's `console:` line). Left
to their defaults (5005, 5055, 5006) they clash with a running `make run`, and honcho
then stops the whole bot when one server cannot bind. So each bot gets every `*_port`
of Settings replaced just before its servers start, with ports that are free on every
address, distinct, and never given to the other bot, whose servers run at the same time.
"""

from __future__ import annotations

import dataclasses
import socket
from contextlib import ExitStack
from typing import Any

from bot.settings import Settings

#: Ports already given to a bot in this run.
_handed_out: set[int] = set()


def port_fields() -> list[str]:
    """The Settings fields that name a port some server listens on."""
    return [f.name for f in dataclasses.fields(Settings) if f.name.endswith("_port")]


def free_ports(count: int) -> list[int]:
    """`count` distinct ports nothing listens on now and not handed out before in this run.

    The sockets are held open together while the ports are chosen, so no two are the same.
    """
    ports: list[int] = []
    with ExitStack() as held:
        while len(ports) < count:
            sock = held.enter_context(socket.socket())
            sock.bind(("0.0.0.0", 0))  # free on every address, as the stock action server binds them all
            port = sock.getsockname()[1]
            if port not in _handed_out:
                ports.append(port)
    _handed_out.update(ports)
    return ports


def on_free_ports(settings: Settings) -> Settings:
    """`settings` with every server on 127.0.0.1 and on a port of its own, free now."""
    names = port_fields()
    ports: dict[str, Any] = dict(zip(names, free_ports(len(names)), strict=True))  # only int fields, by name
    return dataclasses.replace(settings, rasa_host="127.0.0.1", console_host="127.0.0.1", **ports)
