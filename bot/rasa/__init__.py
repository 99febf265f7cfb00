"""Everything that imports Rasa: the server's command line and speed-ups, the tracker and
lock stores, the channel connectors, the terminal chat and NLU parsing with a model.

Several of these lean on Rasa 3.6.21's internals (private methods, the shape of its
events, its connectors' code paths), so each calls `require_supported` when it is
imported: a Rasa upgrade then fails loudly at start-up instead of misbehaving later.
No module outside this package imports Rasa (tests/test_layout.py checks it), and this
file itself does not, so `bot.rasa.channels.config` can be used without loading Rasa.
"""

from __future__ import annotations

#: The one Rasa version whose internals the modules here were written and tested against.
SUPPORTED_RASA_VERSION = "3.6.21"


class UnsupportedRasaVersion(RuntimeError):
    """Rasa is not the version our adapters were written for."""


def require_supported(what: str) -> None:
    """Refuse to go on when the installed Rasa is not SUPPORTED_RASA_VERSION.

    `what` names the piece that relies on Rasa's internals, so the error says which
    one to re-check against the new version's code.
    """
    import rasa

    installed = rasa.__version__
    if installed != SUPPORTED_RASA_VERSION:
        raise UnsupportedRasaVersion(
            f"{what} relies on Rasa {SUPPORTED_RASA_VERSION}'s internals, found Rasa {installed}: "
            "check that code against the new version, then update SUPPORTED_RASA_VERSION in bot/rasa/__init__.py"
        )
