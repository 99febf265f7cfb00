"""End to end: a trained model, the action server and the Rasa server on 127.0.0.1,
asked over the REST webhook exactly as a channel would."""

from __future__ import annotations

import os

import pytest

from tests.e2e import answer, say, terminal_chat

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "question, must_contain",
    [
        ("Do I need the USMLE to become a CMA?", ["don't need the USMLE", "licensing exam for physicians", "Source"]),
        ("How long does it take to become a medical assistant?", ["9–12 months", "18–24 months"]),
        ("What does a medical assistant earn?", ["$44,200", "May 2024", "$30,310", "$38,660", "$36,740", "BLS"]),
        ("Will employers look down on my medical degree?", ["asset", "physicians"]),
    ],
)
def test_the_four_most_asked_questions(bot, question: str, must_contain: list):
    text = answer(bot, question)
    for fact in must_contain:
        assert fact in text, f"{fact!r} missing from the answer to {question!r}:\n{text}"


@pytest.mark.parametrize(
    "question",
    [
        "what's the weather like in Chicago tomorrow?",
        "can you book me a flight to Miami",
        "write me a poem about the ocean",
    ],
)
def test_out_of_scope_gets_the_fallback_not_a_confident_answer(bot, question: str):
    text = answer(bot, question, sender="oos")
    assert "$" not in text and "Source" not in text
    assert "outside what I can help with" in text or "not sure I understood" in text


def test_buttons_are_sent_and_their_payloads_work(bot):
    (greeting,) = say(bot, "buttons", "hello")
    payloads = [b["payload"] for b in greeting["buttons"]]
    assert "/ask_duration" in payloads
    text = answer(bot, "/ask_duration", sender="buttons")  # what a click sends
    assert text.startswith("A certificate or diploma program usually takes")


def test_entity_in_the_question_picks_the_specific_answer(bot):
    text = answer(bot, "how much do LPNs make compared to medical assistants?", sender="entity")
    assert "$59,730" in text


def test_terminal_chat_answers_like_rasa_shell(bot):
    """`make chat` (Rasa's console client) in a real pseudo-terminal, talking to the server."""
    with terminal_chat(bot, "tty") as (_, keyboard, screen):
        screen.read_until("Your input")
        os.write(keyboard, b"Do I need the USMLE?\r")
        # The answer and its source line arrive as separate messages: wait for both.
        screen.read_until(r"need\s+the\s+USMLE[\s\S]*Sources?:")


def test_ctrl_c_at_a_button_menu_ends_the_chat_without_a_traceback(bot):
    with terminal_chat(bot, "tty-ctrl-c") as (proc, keyboard, screen):
        screen.read_until("Your input")
        os.write(keyboard, b"hello\r")
        screen.read_until(r"»\s*1:")  # the greeting's buttons are shown as a menu (its hint may wrap)
        os.write(keyboard, b"\x03")  # Ctrl-C
        assert proc.wait(timeout=20) == 0
        screen.drain()
        assert "Traceback" not in screen.text


def test_launcher_serves_without_a_terminal_and_stops_both_servers_on_sigterm(model, loaded_db_url, tmp_path):
    """What `make run` does under a service manager: serve (the advisor console too), then stop
    cleanly on SIGTERM."""
    import signal
    import subprocess
    import sys

    from bot.settings import PROJECT_ROOT
    from bot.tools.launch import is_up, port_free
    from tests.e2e import free_port

    rasa_port, action_port, console_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "RASA_PORT": str(rasa_port),
        "ACTION_PORT": str(action_port),
        "CONSOLE_PORT": str(console_port),
        "DATABASE_URL": loaded_db_url,
        "MODELS_DIR": str(model.parent),
        "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'conversations.sqlite3'}",
    }
    launcher = subprocess.Popen(
        [sys.executable, "-m", "bot.tools.launch"],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    printed = []
    try:
        for line in launcher.stdout:
            printed.append(line)
            if "Serving." in line:
                break
        else:
            raise AssertionError(f"launcher exited with {launcher.wait()} before serving")
        assert is_up(f"http://127.0.0.1:{rasa_port}/") and is_up(f"http://127.0.0.1:{action_port}/health")
        assert is_up(f"http://127.0.0.1:{console_port}/health")
        assert (
            f"Advisor console: http://127.0.0.1:{console_port}/ (create the first account: "
            ".venv/bin/python -m bot.review add-advisor you@school.edu)"
        ) in "".join(printed)
        launcher.send_signal(signal.SIGTERM)
        assert launcher.wait(timeout=30) == 0
        assert port_free("127.0.0.1", rasa_port) and port_free("127.0.0.1", action_port)
        assert port_free("127.0.0.1", console_port)
    finally:
        if launcher.poll() is None:
            launcher.kill()
