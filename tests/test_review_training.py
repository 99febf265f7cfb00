"""The training half of review: entity corrections, deleting, approving and a date filter on
annotations; the reviewed-examples file that approved ones become (never the held-out set's
examples, never what data/nlu already has); and docs/intents.md read as plain language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from bot.db import get_engine
from bot.review.annotations import AnnotationError, AnnotationStore, domain_intents, parse_entities
from bot.review.export import REVIEWED_FILE, nlu_yaml, training_examples, write_reviewed_examples
from bot.review.intent_guide import intent_guides, parse
from bot.settings import PROJECT_ROOT
from bot.tools.nlu_eval import examples as nlu_examples

HOLDOUT = PROJECT_ROOT / "tests" / "nlu_holdout"


@pytest.fixture
def annotations(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore(get_engine(f"sqlite:///{tmp_path / 'app.sqlite3'}"))


def note(store: AnnotationStore, event_id: int, text: str, intent: str | None = None, **more) -> None:
    store.annotate(
        event_id=event_id,
        sender_id=more.pop("sender_id", "s1"),
        text=text,
        intent=intent,
        out_of_scope=more.pop("out_of_scope", False),
        note=more.pop("note", ""),
        by="advisor@school.edu",
        **more,
    )


def test_entities_are_checked_stored_and_exported_as_markup(annotations: AnnotationStore):
    text = "can i renew my rma in [texas]?"
    with pytest.raises(AnnotationError, match="Unknown entity 'colour'"):
        note(annotations, 1, text, "ask_renewal", entities=[("colour", "rma")])
    with pytest.raises(AnnotationError, match="'Ohio' is not in the message"):
        note(annotations, 1, text, "ask_renewal", entities=[("us_state", "Ohio")])
    with pytest.raises(AnnotationError, match="entity=value"):
        parse_entities("credential RMA")
    note(annotations, 1, text, "ask_renewal", entities=parse_entities("credential=RMA; us_state=Texas"))
    (stored,) = annotations.all()
    assert stored.entities == (("credential", "RMA"), ("us_state", "Texas"))
    exported = nlu_yaml(annotations.all(), existing={}, intents=domain_intents())
    # The person's own brackets can never become markup; the corrected entities do, as they wrote them.
    assert "    - can i renew my [rma](credential) in ([texas](us_state))?" in exported
    parsed = nlu_examples_from(exported)
    assert parsed == [("ask_renewal", "can i renew my [rma](credential) in ([texas](us_state))?")]


def nlu_examples_from(text: str) -> list[tuple[str, str]]:
    data = yaml.safe_load(text)
    return [
        (block["intent"], line.strip()[2:]) for block in data["nlu"] for line in block["examples"].splitlines() if line
    ]


def test_an_annotation_can_be_deleted_and_a_change_takes_its_approval_away(annotations: AnnotationStore):
    note(annotations, 1, "what does it pay", "ask_salary")
    note(annotations, 2, "hmm", note="just a note")
    assert annotations.approve([1, 2], by="admin@school.edu") == 1  # a note only is not training data
    assert [a.event_id for a in annotations.all(approved=True)] == [1]
    note(annotations, 1, "what does it pay", "ask_program_cost")  # changed after approval
    assert annotations.all(approved=True) == []
    assert annotations.approve([1], by="admin@school.edu") == 1
    assert annotations.approve([1], by="admin@school.edu", approved=False) == 1
    assert annotations.delete(1, "s1") and not annotations.delete(1, "s1")
    assert not annotations.delete(2, "another-conversation")  # only within its own conversation
    assert [a.event_id for a in annotations.all()] == [2]


def test_the_date_filter_takes_annotations_made_on_those_utc_days(annotations: AnnotationStore, monkeypatch):
    import bot.review.annotations as module

    days = iter([dt.datetime(2026, 3, d, 23, 59, tzinfo=dt.timezone.utc) for d in (1, 2, 3)])
    monkeypatch.setattr(module, "utcnow", lambda: next(days))
    for event_id in (1, 2, 3):
        note(annotations, event_id, f"message {event_id}", "greet")
    on = [a.event_id for a in annotations.all(dt.date(2026, 3, 2), dt.date(2026, 3, 2))]
    assert on == [2]
    assert [a.event_id for a in annotations.all(since=dt.date(2026, 3, 2))] == [2, 3]
    assert [a.event_id for a in annotations.all(until=dt.date(2026, 3, 1))] == [1]


def test_reviewed_examples_hold_approved_annotations_only_and_never_the_held_out_set(
    annotations: AnnotationStore, tmp_path: Path
):
    nlu = tmp_path / "nlu"
    nlu.mkdir()
    (nlu / "base.yml").write_text('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hello there\n')
    held_intent, held_text = nlu_examples(sorted(HOLDOUT.glob("*.yml"))[0])[0]
    note(annotations, 1, "whats the pay like for MAs in ohio", "ask_salary")  # approved: in the file
    note(annotations, 2, "what does an ma do", "ask_what_is_cma")  # not approved: left out
    note(annotations, 3, held_text, held_intent)  # approved, but the held-out set must stay unseen
    note(annotations, 4, "Hello   THERE", "greet")  # approved, but already an example
    annotations.approve([1, 3, 4], by="admin@school.edu")
    made = write_reviewed_examples(annotations.all(), nlu, HOLDOUT, intents=domain_intents())
    written = (nlu / REVIEWED_FILE).read_text()
    assert made.count == 1
    assert nlu_examples_from(written) == [("ask_salary", "whats the pay like for MAs in ohio")]
    assert "held-out test set" in written
    # Written again, it is compared with the other files, not with itself: nothing drops out.
    again = write_reviewed_examples(annotations.all(), nlu, HOLDOUT, intents=domain_intents())
    assert again.count == 1 and (nlu / REVIEWED_FILE).read_text() == written
    assert "whats the pay like for mas in ohio" in training_examples(nlu)


def test_every_domain_intent_has_a_plain_description_and_two_examples():
    guides = intent_guides()
    for name in domain_intents():
        guide = guides.get(name)
        assert guide is not None, f"docs/intents.md does not describe {name}"
        assert len(guide.description.split()) >= 2 and "`" not in guide.description, name
        assert len(guide.examples) == 2 and all(e.strip() for e in guide.examples), name
        assert guide.label.startswith(guide.description[:20]) and guide.examples[0] in guide.label


def test_the_intent_guide_reads_descriptions_boundaries_and_examples():
    doc = """## Small talk
| intent | the person… | boundary |
|---|---|---|
| `greet` | says hello | a greeting with a **question** is the question's `intent` |

## Questions
| intent | the person asks… | boundary |
|---|---|---|
| `ask_fee` | what the exam costs | |

## Examples
| intent | example | example |
|---|---|---|
| `greet` | hi | hello \\| there |
"""
    guides = parse(doc)
    assert guides["greet"].description == "Says hello"
    assert guides["greet"].boundary == "a greeting with a question is the question's intent"
    assert guides["greet"].examples == ("hi", "hello | there") and guides["greet"].section == "Small talk"
    assert guides["ask_fee"].description == "Asks what the exam costs" and guides["ask_fee"].examples == ()


def test_the_transcripts_intent_picker_speaks_plain_language(loaded_db_url: str, tmp_path: Path):
    from tests.console_app import console_with_conversations

    with console_with_conversations(loaded_db_url, tmp_path) as console:
        client = console.signed_in()
        page = client.get("/c/console-usmle").body
        usmle = intent_guides()["ask_usmle"]
        option = re.search(r'<option value="ask_usmle"[^>]*>([^<]*)</option>', page).group(1)
        assert usmle.examples[0].replace("'", "&#39;") in option and "whether they need the USMLE" in option
        assert '<optgroup label="The guided roadmap">' in page
        guide = client.get("/intents").body
        for name in domain_intents():
            assert f'id="intent-{name}"' in guide, name
        assert usmle.examples[1] in guide.replace("&#39;", "'")


def test_in_the_console_an_advisor_corrects_entities_and_deletes_an_annotation(loaded_db_url: str, tmp_path: Path):
    from tests.console_app import console_with_conversations, csrf_token

    with console_with_conversations(loaded_db_url, tmp_path) as console:
        client = console.signed_in()
        page = client.get("/c/console-roadmap").body
        texas = re.search(r'id="turn-(\d+)">(?:(?!</li>).)*?<p class="text">Texas</p>', page, re.S).group(1)
        assert 'name="entities" value="us_state=Texas"' in page  # the model's, to correct
        token = csrf_token(page)
        form = {"csrf_token": token, "event_id": texas, "intent": "inform", "note": "", "entities_shown": "1"}
        wrong = client.post("/c/console-roadmap/annotate", {**form, "entities": "us_state=Ohio"})
        assert wrong.status == 400 and "not in the message" in wrong.body and "Nothing was saved" in wrong.body
        kept = client.post("/c/console-roadmap/annotate", {**form, "entities": "us_state=Texas"})
        store = AnnotationStore(get_engine(console.settings.database_url))
        assert kept.status == 303 and store.all()[0].entities is None  # unchanged: not a correction
        assert client.post("/c/console-roadmap/annotate", {**form, "entities": ""}).status == 303
        assert store.all()[0].entities == ()  # corrected: the message names no entity
        assert "entities none" in client.get("/c/console-roadmap").body
        deleted = client.post("/c/console-roadmap/annotate", {"csrf_token": token, "event_id": texas, "delete": "1"})
        assert deleted.status == 303 and store.all() == []
        assert "Delete this annotation" not in client.get("/c/console-roadmap").body
