"""Before the handoff asks for a name and contact, the person is told who will see them and,
when the school states it (SCHOOL_REPLY_TIME or data/school.yml), how soon an advisor replies."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers import reply as reply_module
from bot.answers.reply import reply_for
from bot.kb.queries import KnowledgeBase
from bot.school import sayings
from bot.school.profile import Advisors, School, SchoolProfileError, read_profile


@pytest.fixture
def school(monkeypatch):
    """Answer as a school with the given profile (the shipped profile states nothing)."""

    def use(profile: School) -> None:
        monkeypatch.setattr(reply_module, "current_school", lambda: profile)

    use(School())
    return use


def _sentences_before_the_form(kb: KnowledgeBase) -> str:
    """What the bot says to "talk to a person", before the form's first question."""
    return reply_for(kb, "request_human").text


def test_the_privacy_line_comes_before_any_contact_is_asked_for(kb: KnowledgeBase, school):
    text = _sentences_before_the_form(kb)
    assert sayings.privacy(School()) in text
    assert "the school's advisors" in sayings.privacy(School())
    school(School(name="Lakeside College"))
    assert "Lakeside College's advisors" in _sentences_before_the_form(kb)


def test_the_reply_time_is_said_only_when_the_school_states_it(kb: KnowledgeBase, school):
    assert "usually replies" not in _sentences_before_the_form(kb)
    school(School(advisors=Advisors(reply_time="within one business day")))
    assert "An advisor usually replies within one business day." in _sentences_before_the_form(kb)


def test_the_reply_time_can_come_from_the_environment(tmp_path: Path):
    path = tmp_path / "school.yml"
    path.write_text("school:\n  advisors:\n    reply_time: within two days\n")
    assert read_profile(path).advisors.reply_time == "within two days"
    from_env = read_profile(path, {"SCHOOL_REPLY_TIME": "within one business day"})
    assert from_env.advisors.reply_time == "within one business day"
    with pytest.raises(SchoolProfileError) as error:
        read_profile(path, {"SCHOOL_REPLY_TIME": "x" * 200})
    assert "SCHOOL_REPLY_TIME" in str(error.value)
