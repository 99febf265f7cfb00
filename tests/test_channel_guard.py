"""What every channel does around Rasa: clean the text, refuse bad REST requests with a
reason, and never leave a person without a reply (bot/rasa/channels/guard.py, rest.py)."""

from __future__ import annotations

import asyncio
import json

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.rasa.channels.guard import MAX_MESSAGE_CHARS, NOT_STORED, clean_text, guarded, system_message
from bot.rasa.channels.rest import BadRequest, parse_body
from bot.rasa.turns import current_turn
from bot.understanding.split import LATER_QUESTION, UNPLACED, UNSURE


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  how long does it take?  ", "how long does it take?"),
        ("how\x00 long\x1b does\u200b it take", "how long does it take"),
        ("line one\nline two", "line one\nline two"),
        ("\ud800broken surrogate", "?broken surrogate"),
        ("   \t  ", ""),
        (None, ""),
        (42, ""),
        ("🙂🙂", "🙂🙂"),
    ],
)
def test_text_is_cleaned_before_nlu_and_storage(raw, expected):
    assert clean_text(raw) == expected


def test_a_very_long_message_is_cut():
    assert len(clean_text("a" * 10_000)) == MAX_MESSAGE_CHARS


def body(**fields) -> bytes:
    return json.dumps(fields).encode()


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "not valid JSON"),
        (b"{not json", "not valid JSON"),
        (b'{"sender": "a", "message": "\xff\xfe"}', "not valid UTF-8"),
        (b'["sender", "message"]', "must be a JSON object"),
        (body(message="hi"), '"sender" must be'),
        (body(sender="", message="hi"), '"sender" must be'),
        (body(sender="a\x00b", message="hi"), '"sender" must be'),
        (body(sender="x" * 500, message="hi"), "at most"),
        (body(sender="a"), '"message" must be a string'),
        (body(sender="a", message=["hi"]), '"message" must be a string'),
        (body(sender="a", message="   "), '"message" is empty'),
        (body(sender="a", message="\x00\x01"), '"message" is empty'),
        (body(sender="a", message="hi", metadata="x"), '"metadata" must be'),
        (b"{" + b'"message": "' + b"a" * 70_000 + b'"}', "larger than"),
    ],
)
def test_bad_rest_requests_are_refused_with_a_reason(raw, reason):
    with pytest.raises(BadRequest, match=reason):
        parse_body(raw)


def test_a_good_rest_request_is_accepted():
    assert parse_body(body(sender=7, message="/ask_salary", metadata={"a": 1})) == ("7", "/ask_salary", {"a": 1}, None)


def run(handler, text: str):
    collector = CollectingOutputChannel()
    asyncio.run(guarded(handler)(UserMessage(text, collector, "someone")))
    return collector.messages


def test_a_turn_without_a_reply_gets_the_apology_and_the_offer_of_a_person():
    async def silent(message):  # what Rasa does when the action server is down: log, reply nothing
        return None

    (reply,) = run(silent, "how long does it take?")
    assert "something went wrong" in reply["text"]
    assert reply["buttons"][0]["payload"] == "/request_human"


def test_a_crashing_turn_gets_the_apology_too():
    async def crash(message):
        raise RuntimeError("boom")

    (reply,) = run(crash, "hi")
    assert reply["text"] == system_message("utter_no_reply")["text"]


def test_a_turn_that_answers_is_passed_through_untouched_and_sees_clean_text():
    seen = []

    async def echo(message):
        seen.append(message.text)
        await message.output_channel.send_response(message.sender_id, {"text": "answer"})

    assert run(echo, " hi\x00 there ") == [{"recipient_id": "someone", "text": "answer"}]
    assert seen == ["hi there"]


def test_an_empty_message_is_answered_without_reaching_the_bot():
    async def must_not_run(message):
        raise AssertionError("NLU must not see an empty message")

    (reply,) = run(must_not_run, "\u200b \x00")
    assert reply["text"] == system_message("utter_empty_message")["text"]


def test_a_turn_the_store_could_not_keep_is_not_answered_and_the_person_is_told():
    async def answers_but_is_not_stored(message):
        await message.output_channel.send_response(message.sender_id, {"text": "an answer never stored"})
        current_turn().stored = False  # what the tracker store reports when its write fails

    assert run(answers_but_is_not_stored, "what does it pay?") == [{"recipient_id": "someone", **NOT_STORED}]


def test_of_several_questions_only_those_stored_are_answered():
    turns = []

    async def second_not_stored(message):
        turns.append(message.text)
        await message.output_channel.send_response(message.sender_id, {"text": f"answer {len(turns)}"})
        if len(turns) == 2:
            current_turn().stored = False

    replies = run(second_not_stored, "How long does it take? What does it pay? Do I need the USMLE?")
    assert [r["text"] for r in replies] == ["answer 1", NOT_STORED["text"]]
    assert len(turns) == 2  # the third question is not handled on top of a turn that is not there


def test_each_question_after_the_first_says_it_follows_on_from_it():
    seen = []

    async def record(message):
        seen.append((message.text, message.metadata))
        await message.output_channel.send_response(message.sender_id, {"text": "answer"})

    run(record, "How many CEUs do I need? How many have to be AAMA approved?")
    (first, first_meta), (second, second_meta) = seen
    assert first.startswith("How many CEUs") and not (first_meta or {}).get(LATER_QUESTION)
    assert second.startswith("How many have") and second_meta[LATER_QUESTION] is True


def test_two_questions_that_come_to_the_same_answer_get_it_once():
    async def same_answer(message):
        await message.output_channel.send_response(message.sender_id, {"text": "Nursing in the US is another path."})
        await message.output_channel.send_response(message.sender_id, {"text": f"About: {message.text}"})

    replies = run(same_answer, "May I work as an MA? Which certification accepts my nursing?")
    assert [r["text"] for r in replies] == [
        "Nursing in the US is another path.",
        "About: May I work as an MA?",
        "About: Which certification accepts my nursing?",
    ]


def test_the_same_answer_fitted_to_a_state_is_still_the_same_answer():
    async def fitted_second_time(message):
        lead = "In California: " if message.metadata and message.metadata.get(LATER_QUESTION) else ""
        await message.output_channel.send_response(message.sender_id, {"text": lead + "Training abroad is not enough."})

    replies = run(
        fitted_second_time, "While waiting can I work as medical assistant? Do I need to study again from start?"
    )
    assert [r["text"] for r in replies] == ["Training abroad is not enough."]


def test_a_part_placing_no_question_is_left_out_when_another_part_was_answered():
    """ "...my mom was a nurse's aide... Is medical assisting realistic and how long would I be in school?" once
    opened with "That's outside what I can help with" before its answer: the message as a whole was in scope."""

    async def first_unplaced(message):
        later = bool(message.metadata and message.metadata.get(LATER_QUESTION))
        reply = {"text": f"answer to: {message.text}"} if later else {"text": "outside", UNPLACED: True}
        await message.output_channel.send_response(message.sender_id, reply)

    replies = run(first_unplaced, "Is medical assisting realistic? How long would I be in school?")
    assert [r["text"] for r in replies] == ["answer to: How long would I be in school?"]


def test_a_part_not_understood_comes_after_the_answers_and_names_what_it_was():
    """ "38k?? less than i made. what about nationally, is it even growing" opened with "Sorry, I'm not sure I
    understood that" before the answer it did understand: the person could not tell which part was missed."""

    async def first_unsure(message):
        later = bool(message.metadata and message.metadata.get(LATER_QUESTION))
        reply = {"text": f"answer to: {message.text}"} if later else {"text": "Sorry, not understood.", UNSURE: True}
        await message.output_channel.send_response(message.sender_id, reply)

    replies = run(first_unsure, "38k?? What about nationally, is it even growing?")
    texts = [r["text"] for r in replies]
    assert texts[0].startswith("answer to: What about nationally")
    assert texts[-1] == "About “38k??”: Sorry, not understood."
    assert run(first_unsure, "38k?? less than i made.")[0]["text"] == "Sorry, not understood.", (
        "a message of one part is not quoted back"
    )


def test_when_no_part_places_a_question_each_is_still_answered():
    async def all_unplaced(message):
        await message.output_channel.send_response(
            message.sender_id, {"text": f"outside: {message.text}", UNPLACED: True}
        )

    replies = run(all_unplaced, "Who won the game? What's the weather tomorrow?")
    assert [r["text"] for r in replies] == ["outside: Who won the game?", "outside: What's the weather tomorrow?"]
    assert run(all_unplaced, "who won the game?") == [
        {"recipient_id": "someone", "text": "outside: who won the game?"}
    ], "a message of one question keeps its only reply"


def test_a_turns_messages_arrive_in_order_after_the_turn():
    async def three(message):
        for n in range(3):
            await message.output_channel.send_response(message.sender_id, {"text": f"part {n}"})

    assert [r["text"] for r in run(three, "hi")] == ["part 0", "part 1", "part 2"]


@pytest.mark.parametrize(
    "raw",
    [
        ('{"sender": "a", "message": "hi", "metadata": ' + "[" * 5000 + "]" * 5000 + "}").encode(),
        ("[" * 5000 + "]" * 5000).encode(),
        ('{"sender": "a", "message": "hi", "metadata": {"a": ' + "[" * 20 + "]" * 20 + "}}").encode(),
    ],
    ids=["metadata-5000-levels", "body-5000-levels", "metadata-20-levels"],
)
def test_deeply_nested_bodies_are_refused_with_a_reason(raw):
    with pytest.raises(BadRequest, match="nest"):
        parse_body(raw)


@pytest.mark.parametrize(
    "raw, reason",
    [
        (body(sender="a", message="hi", input_channel="slack"), '"input_channel" may only be'),
        (body(sender="a", message="hi", input_channel="telegram"), '"input_channel" may only be'),
        (body(sender="a", message="hi", input_channel="x" * 60_000), '"input_channel" may only be'),
        (body(sender="a", message="hi", input_channel=["rest"]), '"input_channel" may only be'),
        (body(sender="a/b", message="hi"), "letters, digits"),
        (body(sender="a b", message="hi"), "letters, digits"),
        (body(sender="<script>", message="hi"), "letters, digits"),
        (body(sender="web-0123456789abcdef0123456789abcdef", message="hi"), "website widget"),
    ],
    ids=["slack", "telegram", "60KB", "list", "slash", "space", "markup", "widget-id"],
)
def test_rest_cannot_spoof_a_channel_or_use_an_id_the_console_cannot_open(raw, reason):
    with pytest.raises(BadRequest, match=reason):
        parse_body(raw)


def test_rest_accepts_the_ids_and_channels_it_always_has():
    for sender in ("maria", "terminal-ana", "img-india-01-3f2a", "ana.souza+cma@example.com", "7", "U123:ABC"):
        assert parse_body(body(sender=sender, message="hi"))[0] == sender
    assert parse_body(body(sender="a", message="hi", input_channel="rest"))[3] == "rest"
