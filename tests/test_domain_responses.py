"""The domain's responses as Rasa fills them: a button that sends an intent with entities
(`/inform{"background":"img"}`) must reach the person whole and without an error in the log.

Rasa reads every `{...}` in a response as a slot to fill; a payload's JSON entities are no slot, so
each such button logged an ERROR on every question the plan asked (hundreds a day in the servers' log,
hiding real errors). Braces written double are Rasa's escape (RasaHQ/rasa#6616): the person gets the
payload with single braces, and nothing is logged.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from rasa.core.nlg.interpolator import interpolate_text
from structlog.testing import capture_logs

from bot.settings import PROJECT_ROOT

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
PAYLOADS = sorted(
    {
        button["payload"]
        for variants in DOMAIN["responses"].values()
        for variant in variants
        for button in variant.get("buttons") or ()
        if "{" in button["payload"]
    }
)
SENT = re.compile(r"^/(?P<intent>\w+)(?P<entities>\{.*\})$")


def test_the_domain_has_buttons_with_entities():
    assert len(PAYLOADS) >= 5


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_button_with_entities_reaches_the_person_whole_and_logs_nothing(payload):
    with capture_logs() as logged:
        sent = interpolate_text(payload, {})
    assert not [entry for entry in logged if entry.get("log_level") in ("error", "exception")], logged
    found = SENT.match(sent)
    assert found, sent
    entities = json.loads(found.group("entities"))
    assert entities and all(isinstance(v, str) for v in entities.values())
