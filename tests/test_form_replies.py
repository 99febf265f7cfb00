"""What a reply to a form's question does besides answering it (bot/forms/replies.py):
the same reading for every question of the handoff's and the roadmap's forms."""

from __future__ import annotations

import pytest

from bot.forms import replies


@pytest.mark.parametrize(
    "text",
    [
        "cancel",
        "Cancel",
        "cancel that",
        "actually never mind, cancel that",
        "never mind",
        "Never mind!",
        "nevermind",
        "nvm",
        "forget it",
        "forget about it",
        "stop",
        "please stop asking me",
        "quit",
        "no thanks",
        "No thank you.",
        "I changed my mind",
        "can we stop here?",
        "I'd like to cancel",
        "cancelar",
        "olvídalo",
        "¡Olvídalo!",
        "olvidalo",
        "no gracias",
        "actually never mind, ill figure it out myself",
        "I'll sort it out on my own",
        "maybe later",
        "cancel na lang po",
        "actually cancel, ill do this later",  # "cancel" in so many words, whatever the reply adds
        "nah forget it, not now",
    ],
)
def test_cancel_in_its_usual_words(text):
    assert replies.control(text) == "cancel"


@pytest.mark.parametrize(
    "text", ["start over", "restart", "let's start over", "Start again please", "from the beginning"]
)
def test_start_over(text):
    assert replies.control(text) == "restart"


@pytest.mark.parametrize(
    "text", ["next", "Next.", "skip", "skip this one", "can we skip this?", "move on", "n/a", "ok whats next"]
)
def test_skip(text):
    assert replies.control(text) == "skip"


@pytest.mark.parametrize(
    "text",
    [
        "Stopford",  # a name
        "Stop & Shop cashier",
        "Nextel",  # a company, not "next"
        "next March",  # a start date
        "Skipper Jones",
        "Cancelo Ruiz",
        "can I cancel my exam appointment?",  # a question about cancelling something else
        "I need to cancel my exam date",
        "please don't cancel",
        "how do I restart my certification?",
        "no",  # a plain answer, not a command
        "ok",
        "I want to start over in a new career",
        "back to school",  # an answer about their plans, not "back"
        "Backus",
        "I'd repeat the exam if I fail",
        "",
    ],
)
def test_look_alikes_are_not_commands(text):
    assert replies.control(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "si",
        "sí",
        "Sí, claro",
        "yep",
        "yeah",
        "ya",
        "ok",
        "okay",
        "sure",
        "correct",
        "right",
        "claro",
        "yes, send it",
    ],
)
def test_yes(text):
    assert replies.yes_no(text) == "yes"


@pytest.mark.parametrize("text", ["no", "nope", "nah", "Nah.", "no thanks", "no, don't"])
def test_no(text):
    assert replies.yes_no(text) == "no"


@pytest.mark.parametrize(
    "text",
    [
        "ok but wait",
        "right, that's wrong",
        "yes but change my email",
        "Simon",
        "Okafor",
        "yesterday",
        "know",
        "banana",
        "",
        "ok how long does the ccma last",  # a question after "ok" wants an answer; it agrees to nothing
        "ok what about the rma",
    ],
)
def test_neither_yes_nor_no(text):
    assert replies.yes_no(text) is None


def test_only_yes_no_is_a_whole_reply_of_yes_or_no_words():
    assert replies.only_yes_no("ok") and replies.only_yes_no("yes please") and replies.only_yes_no("nope")
    assert not replies.only_yes_no("Si Chen") and not replies.only_yes_no("ok, it's Ana")


@pytest.mark.parametrize(
    "text, asks",
    [
        ("wait, is the externship paid?", True),
        ("is the externship paid", True),
        ("do MAs need a license in Texas", True),
        ("how much does it pay", True),
        ("What's the exam fee", True),
        ("Will Smith", False),  # a name, not "will ..."
        ("can't decide, you pick", False),
        ("Texas", False),
        ("what about the CMA", False),  # a proposal, not a question
        ("I'm a doctor from Egypt", False),
        ("wait first, does mycaa cover an associate degree or only certs", True),  # a verb, then a long question
        ("Is Ana here", False),  # too short to be more than a name's answer
    ],
)
def test_a_reply_that_starts_like_a_question(text, asks):
    assert replies.asks_something(text) is asks


def test_long_messages_are_read_quickly_and_are_not_commands():
    assert replies.control("no thanks " * 200 + "x") is None
    assert not replies.only_yes_no("k" * 2000)
    assert replies.normalize("  ¡Olvídalo,  AHORA! ") == "olvidalo ahora"


def test_n_before_a_question_is_and_not_no():
    assert replies.yes_no("n are there actually jobs") is None
    assert replies.yes_no("n") == "no"


@pytest.mark.parametrize(
    "text, asks",
    [
        ("my degree from 2001 is too old for the rma?", True),  # a question, whatever its first words
        ("CMA?", False),  # an unsure answer
        ("Texas maybe?", False),
    ],
)
def test_a_long_reply_with_a_question_mark_asks(text, asks):
    assert replies.asks_something(text) is asks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ay sorry, never mind po, my husband will call the school himself tomorrow", "cancel"),
        ("never mind. I will call the school tomorrow morning myself instead", "cancel"),
        ("cancel that, my sister will do the plan with me later this week", "cancel"),
        # a question in it, a name that holds the word, or a refusal to cancel: no command
        ("actually nevermind i have a question about the cma exam fee and renewal?", None),
        ("Maria Nevermind Gonzalez from the school of whatever long name here", None),
        ("i dont want to cancel, my email is joy@example.com and phone is 5550101", None),
    ],
)
def test_never_mind_then_why_cancels(text, expected):
    assert replies.control(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ok never mind the nursing stuff. just tell me the first step for MA",
        "forget it. how long is the program anyway if i go part time at night",
    ],
)
def test_never_mind_then_a_new_question_is_no_cancel(text):
    assert replies.control(text) is None


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("never mind, what does the cma cost", True),
        ("nvm whats the cma fee", True),
        ("cancel", False),
        ("never mind, my husband will call the school", False),
    ],
)
def test_a_question_after_the_words_that_cancel_is_still_asked(text, asks):
    assert replies.control(text) == "cancel"
    assert replies.asks_after_cancelling(text) is asks


def test_whats_and_hows_start_a_question():
    assert replies.asks_something("whats the fee") and replies.asks_something("hows that work")
    assert not replies.asks_something("what about texas")


@pytest.mark.parametrize(
    "text",
    [
        "eh forget the plan for now dispatcher just called gotta roll",
        "forget the questions, gotta go",
        "forget the plan",
    ],
)
def test_forgetting_the_plan_in_a_run_on_reply_cancels(text):
    assert replies.control(text) == "cancel"


def test_never_mind_a_topic_then_a_request_is_no_cancel_even_unpunctuated():
    assert replies.control("ok never mind the nursing stuff just tell me the first step for MA please") is None


@pytest.mark.parametrize("text", ["actually stop this, just answer me normal", "stop asking me questions", "stop it"])
def test_stopping_the_questions_cancels(text):
    assert replies.control(text) == "cancel"


@pytest.mark.parametrize("text", ["i want to stop working as MA", "can i stop the exam halfway", "Maria Stopford"])
def test_stop_said_of_something_else_is_no_cancel(text):
    assert replies.control(text) is None
