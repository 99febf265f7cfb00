"""Every answer worded for the person's background: IMG lines for IMGs, and for nobody else.

The knowledge-base check (bot.kb.checks.wording) refuses content that puts an IMG-only
phrase (data/kb/wording.yml) where anyone can read it; the replies below are what
`reply_for` actually says, followed button by button, to each kind of person.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answers.reply import Reply, reply_for
from bot.kb.catalog import Content
from bot.kb.content import read_content
from bot.kb.queries import KnowledgeBase
from bot.kb.text_rules import ASPECT_PAYLOAD, DIALOGUE_INTENTS
from tests.conftest import CONTENT
from tests.test_kb_loading import edit, problems_of

SHIPPED: Content = read_content(CONTENT)
PHRASES = [p.phrase for p in SHIPPED.img_only_phrases]
OTHERS = [b.key for b in SHIPPED.backgrounds if b.key != "img"]
QUESTIONS = sorted({(t.key, i) for t in SHIPPED.topics for i in t.intents})


def img_wording(reply: Reply) -> list[str]:
    """The IMG-only phrases a reply's text or buttons contain (plain substring search: the strictest reading)."""
    seen = " ".join([reply.text, *(b["title"] for b in reply.buttons)]).replace("\u2019", "'").casefold()
    seen = " ".join(seen.split())
    return [p for p in PHRASES if " ".join(p.casefold().split()) in seen]


def reachable(kb: KnowledgeBase, intent: str, background: str | None) -> Iterator[tuple[str, str | None, Reply]]:
    """The reply to `intent`, then every reply its buttons lead to (and theirs), as one person clicks on.

    A button that says who the person is ("I already work as an MA": an aspect that is a
    background) makes them that person for what follows; "I'm an international medical
    graduate" ends the walk, since from there on they are an IMG.
    """
    backgrounds = {b.key for b in SHIPPED.backgrounds}
    queue: deque[tuple[str, str | None]] = deque([(f"/{intent}", background)])
    seen: set[tuple[str, str | None]] = set()
    while queue:
        payload, who = queue.popleft()
        if (payload, who) in seen:
            continue
        seen.add((payload, who))
        match = ASPECT_PAYLOAD.match(payload)
        assert match, f"a button's payload the bot cannot read: {payload!r}"
        entities = [("aspect", match["aspect"])] if match["aspect"] else []
        reply = reply_for(kb, match["intent"], entities, background=who)
        yield payload, who, reply
        for button in reply.buttons:
            clicked = ASPECT_PAYLOAD.match(button["payload"])
            if not clicked or clicked["intent"] in DIALOGUE_INTENTS:  # forms answer those, not reply_for
                continue
            said = clicked["aspect"] if clicked["aspect"] in backgrounds else who
            if said != "img":
                queue.append((button["payload"], said))


def test_the_rule_has_phrases_and_every_background_to_check():
    assert len(PHRASES) >= 5
    assert "img" in {b.key for b in SHIPPED.backgrounds} and len(OTHERS) >= 4


@pytest.mark.parametrize("background", [*OTHERS, None])
@pytest.mark.parametrize("topic, intent", QUESTIONS)
def test_nothing_a_non_img_can_click_to_says_img_wording(kb: KnowledgeBase, topic, intent, background):
    for payload, who, reply in reachable(kb, intent, background):
        found = img_wording(reply)
        assert not found, f"{who or 'unknown background'} reached {found} via {payload} ({reply.variant!r})"


@pytest.mark.parametrize("topic", sorted({t.key for t in SHIPPED.topics if any(a.variant == "img" for a in t.answers)}))
def test_an_img_gets_the_img_answer_wherever_there_is_one(kb: KnowledgeBase, topic):
    intent = next(t.intents[0] for t in SHIPPED.topics if t.key == topic)
    reply = reply_for(kb, intent, background="img")
    assert reply.variant == "img"
    assert reply.text.startswith(kb.answer(topic, ["img"]).text)


def test_the_issues_three_cases(kb: KnowledgeBase):
    """Duration's IMG total, pay's clinical-knowledge line, the "my MD" menu and "your science background"."""
    total = kb.facts(["img_total_timeline"])["img_total_timeline"].value
    img = {
        intent: reply_for(kb, intent, background="img") for intent in ("ask_duration", "greet", "ask_course_transfer")
    }
    assert total in img["ask_duration"].text
    assert "/ask_degree_perception" in [b["payload"] for b in img["greet"].buttons]
    assert img_wording(img["ask_course_transfer"])
    for background in [*OTHERS, None]:
        assert total not in reply_for(kb, "ask_duration", background=background).text
        greeting = reply_for(kb, "greet", background=background)
        assert "/ask_degree_perception" not in [b["payload"] for b in greeting.buttons]
        assert "international medical graduates" in greeting.text  # welcome, as one kind of person among several
        assert not img_wording(reply_for(kb, "ask_salary", background=background))


def test_what_the_message_names_comes_before_the_profile(kb: KnowledgeBase):
    # A named role picks its own pay answer, even for an IMG.
    assert reply_for(kb, "ask_salary", [("role", "LPN")], background="img").variant == "lpn"
    # "I work as an MA, which credential?" from someone the profile calls an IMG: the message wins.
    named = reply_for(kb, "ask_which_credential", [("background", "working as an MA")], background="img")
    assert named.variant == "working_ma"
    # A button's aspect beats the background too: "Job outlook" is the same for everyone.
    assert reply_for(kb, "ask_salary", [("aspect", "outlook")], background="img").variant == "outlook"


def test_a_background_with_its_own_variant_gets_it(kb: KnowledgeBase):
    rma = kb.facts(["rma_experience_route"])["rma_experience_route"].value
    assert rma in reply_for(kb, "ask_duration", background="working_ma").text
    military = kb.facts(["ncma_military_route"])["ncma_military_route"].value
    assert military in reply_for(kb, "ask_duration", background="military").text


@pytest.mark.parametrize("background", [None, "", "  ", "astronaut", 42, ["img"]])
def test_an_unknown_or_malformed_background_gets_the_answer_for_anyone(kb: KnowledgeBase, background):
    assert reply_for(kb, "ask_duration", background=background) == reply_for(kb, "ask_duration")


def test_a_stored_background_is_read_whatever_its_case_and_spaces(kb: KnowledgeBase):
    assert reply_for(kb, "ask_duration", background=" IMG ").variant == "img"


# The check, on a private copy of the content.


def _topic(data: dict, key: str) -> dict:
    return next(t for t in data["topics"] if t["key"] == key)


def test_a_planted_phrase_in_a_default_answer_is_reported_where_to_fix_it(content_dir: Path):
    phrase = PHRASES[-1]

    def plant(data: dict) -> None:
        answer = _topic(data, "locum_tenens")["answers"][0]
        answer["text"] += f" Also: {phrase.upper()}"  # any case

    edit(content_dir / "faq.yml", plant)
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry, problem.field) == ("faq.yml", "'locum_tenens' answer 'default'", "text")
    assert repr(phrase) in problem.message and "'img' variant" in problem.message


def test_a_planted_phrase_in_a_credentials_button_is_reported(content_dir: Path):
    planted: list[int] = []

    def plant(data: dict) -> None:
        answer = next(a for a in _topic(data, "exam_fee")["answers"] if a.get("variant") == "rma")
        answer["buttons"] = [*answer["buttons"], {"title": "Will employers mind my MD?", "payload": "/ask_usmle"}]
        planted.append(len(answer["buttons"]))

    edit(content_dir / "faq_credentials.yml", plant)
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry) == ("faq_credentials.yml", "'exam_fee' answer 'rma'")
    assert problem.field == f"buttons.{planted[0]}.title"


def test_the_same_phrase_in_an_img_answer_is_accepted(content_dir: Path):
    def plant(data: dict) -> None:
        _topic(data, "locum_tenens")["answers"].append(
            {"variant": "img", "text": f"As an IMG: {PHRASES[-1]}", "sources": ["cma_howto_guide"]}
        )

    edit(content_dir / "faq.yml", plant)
    assert any(
        a.variant == "img" for t in read_content(content_dir).topics if t.key == "locum_tenens" for a in t.answers
    )


def test_an_aspect_only_img_answers_lead_to_is_img_only_until_a_default_leads_there(content_dir: Path):
    """The IMG interview tips are reached from the IMG resume answer; a default button to them exposes them."""
    assert read_content(content_dir)  # as shipped: only the `img` answer's button asks for them

    def expose(data: dict) -> None:
        answer = _topic(data, "resume_interview")["answers"][0]
        button = {"title": "More tips", "payload": '/ask_resume_interview{"aspect":"img_interview"}'}
        answer["buttons"] = [*answer["buttons"], button]

    edit(content_dir / "faq.yml", expose)
    problems = problems_of(content_dir)
    assert problems and {(p.file, p.entry) for p in problems} == {
        ("faq.yml", "'resume_interview' answer 'img_interview'")
    }


def test_a_phrase_is_matched_whole_not_inside_a_longer_word(content_dir: Path):
    edit(content_dir / "wording.yml", lambda data: data["img_only_phrases"].append({"phrase": "locu"}))
    assert read_content(content_dir)  # "locum" is another word
    edit(
        content_dir / "wording.yml", lambda data: data["img_only_phrases"].__setitem__(-1, {"phrase": "LOCUM  tenens"})
    )
    problems = problems_of(content_dir)
    assert {p.entry for p in problems} == {"'locum_tenens' answer 'default'"}


@pytest.mark.parametrize(
    "entry, field, fragment",
    [
        ({"phrase": "  "}, "phrase", "at least 1 character"),
        ("your MD", "(entry)", "mapping"),
        ({"text": "x"}, "text", "extra"),
    ],
)
def test_a_malformed_phrase_entry_is_reported_in_wording_yml(content_dir: Path, entry, field, fragment):
    edit(content_dir / "wording.yml", lambda data: data["img_only_phrases"].append(entry))
    problems = problems_of(content_dir)
    assert [(p.file, p.field) for p in problems if fragment in p.message] == [("wording.yml", field)]


def test_a_phrase_listed_twice_is_reported(content_dir: Path):
    edit(content_dir / "wording.yml", lambda data: data["img_only_phrases"].append({"phrase": PHRASES[0].upper()}))
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.field) == ("wording.yml", "key") and "duplicate" in problem.message


@pytest.mark.parametrize("opening", ["Usually not.", "Yes.", "Part of it, usually.", "In most states, yes:"])
def test_an_answer_may_not_open_with_a_bare_yes_or_no(content_dir: Path, opening: str):
    """Given to another question by mistake, "Usually not. …" would sound like its answer."""

    def reword(data):
        first = data["topics"][0]["answers"][0]
        first["text"] = f"{opening} {first['text']}"

    edit(content_dir / "faq.yml", reword)
    [problem] = [p for p in problems_of(content_dir) if "bare" in p.message]
    assert problem.file == "faq.yml" and problem.field == "text"
