"""End to end: a trained model, the action server and the Rasa server on 127.0.0.1,
asked over the REST webhook exactly as a channel would."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e import running_bot, say, server_settings

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def bot(model: Path, loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory):
    workdir = tmp_path_factory.mktemp("servers")
    with running_bot(server_settings(loaded_db_url, workdir), model, workdir / "servers.log") as settings:
        yield settings


def answer(bot, message: str, sender: str = "e2e") -> str:
    replies = say(bot, sender, message)
    assert replies, f"no reply to {message!r}"
    return "\n".join(r.get("text", "") for r in replies)


@pytest.mark.parametrize("question, must_contain", [
    ("Do I need the USMLE to become a CMA?", ["No.", "licensing exam for physicians", "Source"]),
    ("How long does it take to become a medical assistant?", ["9–12 months", "18–24 months", "1.5 to 2.5 years"]),
    ("What does a medical assistant earn?", ["$44,200", "May 2024", "$30,310", "$38,660", "$36,740", "BLS"]),
    ("Will employers look down on my medical degree?", ["asset", "International Medical Education"]),
])
def test_the_four_most_asked_questions(bot, question: str, must_contain: list):
    text = answer(bot, question)
    for fact in must_contain:
        assert fact in text, f"{fact!r} missing from the answer to {question!r}:\n{text}"


@pytest.mark.parametrize("question", [
    "what's the weather like in Chicago tomorrow?",
    "can you book me a flight to Miami",
    "write me a poem about the ocean",
])
def test_out_of_scope_gets_the_fallback_not_a_confident_answer(bot, question: str):
    text = answer(bot, question, sender="oos")
    assert "$" not in text and "Source" not in text
    assert "outside what I can help with" in text or "not sure I understood" in text


def test_buttons_are_sent_and_their_payloads_work(bot):
    (greeting,) = say(bot, "buttons", "hello")
    payloads = [b["payload"] for b in greeting["buttons"]]
    assert "/ask_usmle" in payloads
    text = answer(bot, "/ask_usmle", sender="buttons")  # what a click sends
    assert text.startswith("No.")


def test_entity_in_the_question_picks_the_specific_answer(bot):
    text = answer(bot, "how much do LPNs make compared to medical assistants?", sender="entity")
    assert "$59,730" in text


def test_terminal_chat_answers_like_rasa_shell(bot):
    """`make chat` (Rasa's console client) in a real pseudo-terminal, talking to the server."""
    import os
    import re
    import select
    import subprocess
    import sys
    import time

    from bot.settings import PROJECT_ROOT

    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "bot.chat", "--url", bot.rasa_url, "--sender", "tty"],
                            stdin=slave, stdout=slave, stderr=slave, cwd=PROJECT_ROOT,
                            env={**os.environ, "TERM": "xterm", "COLUMNS": "200"}, start_new_session=True)
    os.close(slave)
    seen = b""

    def read_until(pattern: str, timeout: float = 60) -> str:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
            plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode(errors="replace"))
            if re.search(pattern, plain):
                return plain
        raise AssertionError(f"never saw {pattern!r}; the terminal showed:\n{seen.decode(errors='replace')[-2000:]}")

    try:
        read_until("Your input")
        os.write(master, b"Do I need the USMLE?\r")
        screen = read_until(r"licensing\s+exam\s+for\s+physicians")
        assert "Source" in screen
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        os.close(master)
