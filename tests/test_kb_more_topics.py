"""The topics people asked about that the first content missed (faq_more.yml), the school profile,
and the two answers that were wrong by omission.

Expected figures and names come from the knowledge base itself (facts, sources, credentials.yml),
so a test fails when an answer stops stating what its facts say, not when a figure is updated.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.answers import reply as reply_module
from bot.answers.reply import reply_for
from bot.citing import source_line
from bot.kb.content import read_content
from bot.kb.queries import KnowledgeBase
from bot.kb.text_rules import PLACEHOLDER
from bot.school import sayings
from bot.school.profile import Advisors, Program, School, SchoolProfileError, read_profile
from bot.settings import PROJECT_ROOT
from tests.conftest import CONTENT
from tests.test_kb_loading import edit, problems_of

NEW_INTENTS = {
    "ask_online_program": "online_program",
    "ask_program_cost": "program_cost",
    "ask_financial_aid": "financial_aid",
    "ask_military_benefits": "military_benefits",
    "ask_learn_on_job": "learn_on_job",
    "ask_scam_check": "scam_check",
    "ask_foreign_nurse": "foreign_nurse",
    "ask_wes": "wes",
    "ask_ecfmg": "ecfmg",
    "ask_work_authorization": "work_authorization",
    "ask_legal_or_medical": "legal_or_medical",
    "ask_pass_rate": "pass_rate",
    "ask_accommodations": "accommodations",
    "ask_advisor_info": "advisor_info",
}
ACCREDITED = "a CAAHEP- or ABHES-accredited program"


@pytest.fixture(scope="module")
def content():
    return read_content(CONTENT)


@pytest.fixture
def school(monkeypatch):
    """Answer as a school with the given profile (the shipped profile states nothing)."""

    def use(profile: School) -> None:
        monkeypatch.setattr(reply_module, "current_school", lambda: profile)

    use(School())
    return use


def body(text: str) -> str:
    return re.split(r"\n\n(?=Sources?: )", text)[0]


# --- loading ------------------------------------------------------------------------------------


def test_a_new_file_of_a_kind_is_read_by_its_name(content_dir: Path):
    topic = {
        "key": "extra_topic",
        "title": "Extra",
        "intents": ["ask_extra"],
        "answers": [{"text": "Something extra.", "sources": ["img_guide"]}],
    }
    (content_dir / "faq_extra.yml").write_text(yaml.safe_dump({"topics": [topic]}))
    assert "extra_topic" in {t.key for t in read_content(content_dir).topics}
    topic["answers"][0]["sources"] = ["no_such_source"]
    (content_dir / "faq_extra.yml").write_text(yaml.safe_dump({"topics": [topic]}))
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry, problem.field) == (
        "faq_extra.yml",
        "'extra_topic' answer 'default'",
        "sources",
    )


def test_the_new_files_are_part_of_the_content(content):
    files = {content.file_of(t) for t in content.topics} | {content.file_of(f) for f in content.facts}
    files |= {content.file_of(s) for s in content.sources}
    assert {"faq_more.yml", "facts_more.yml", "sources_more.yml"} <= files


@pytest.mark.parametrize("intent, topic", sorted(NEW_INTENTS.items()))
def test_each_new_intent_is_answered_by_its_topic(kb: KnowledgeBase, school, intent: str, topic: str):
    reply = reply_for(kb, intent)
    assert reply.topic == topic and reply.variant == "default"
    assert "{" not in reply.text  # every placeholder filled
    assert reply.buttons, "every answer ends with somewhere to go next"


def test_each_new_intent_is_in_the_domain_the_rules_and_the_contract():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "stories" / "rules.yml").read_text())["rules"]
    routed = {r["steps"][0]["intent"] for r in rules if r["steps"][1:] == [{"action": "action_answer"}]}
    contract = (PROJECT_ROOT / "docs" / "intents.md").read_text()
    for intent in NEW_INTENTS:
        assert intent in domain["intents"] and intent in routed, intent
        assert f"| `{intent}` |" in contract, intent


# --- figures and their sources ---------------------------------------------------------------------


def _answers_using_new_facts(content):
    """Every answer of faq_more.yml, and every other answer that states a fact from facts_more.yml."""
    new_facts = {f.key for f in content.facts if content.file_of(f) == "facts_more.yml"}
    for topic in content.topics:
        for answer in topic.answers:
            if content.file_of(topic) == "faq_more.yml" or set(PLACEHOLDER.findall(answer.text)) & new_facts:
                yield topic.key, topic.kind, answer.variant


def test_every_figure_in_the_new_answers_comes_from_a_fact_named_in_the_source_line(kb: KnowledgeBase, content):
    checked = 0
    sources = {s.key: s for s in content.sources}
    facts = {f.key: f for f in content.facts}
    for topic, kind, variant in _answers_using_new_facts(content):
        stored = next(a for t in content.topics if t.key == topic for a in t.answers if a.variant == variant)
        answer = kb.answer(topic, [variant], {variant: "Oregon"})
        assert answer is not None and answer.variant == variant
        line = source_line(answer.citations)
        text = answer.text
        for key in PLACEHOLDER.findall(stored.text):
            fact = facts[key]
            source = sources[fact.source]
            assert fact.value in text, (topic, variant, key)
            assert source.label in line, (topic, variant, key)
            if source.tier == "secondary":
                assert f"confirm with {source.confirm_with}" in line, (topic, variant, key)
            text = text.replace(fact.value, "")
        assert not re.search(r"\d", sayings.PLACEHOLDER.sub("", text)), (topic, variant, "a figure without a fact")
        assert line or kind == "chat", (topic, variant, "an answer that states facts and cites nothing")
        checked += 1
    assert checked >= 40


def test_conflicting_figures_are_named_side_by_side(kb: KnowledgeBase, school):
    pairs = [
        ("ask_pass_rate", [("credential", "CMA")], ["cma_pass_rate_2018", "cma_pass_rate_other"]),
        ("ask_program_cost", [], ["certificate_tuition_range", "tuition_spread"]),
        ("ask_financial_aid", [], ["pell_max_recent", "pell_max_official_old"]),
        ("ask_salary", [("us_state", "California")], ["ca_ma_median_2023", "ca_ma_hourly_2022"]),
    ]
    for intent, entities, keys in pairs:
        text = reply_for(kb, intent, entities).text
        for fact in kb.facts(keys).values():
            assert fact.value in text, (intent, fact.key)


def test_aid_for_non_citizens_keeps_pell_s_own_rule_and_its_source(kb: KnowledgeBase, school):
    """ "can I get the pell grant? i have green card": most who ask are doctors trained abroad, so the status's
    answer also says what the whole answer says of Pell (none after a bachelor's or professional degree), from
    the same Federal Student Aid page."""
    whole = reply_for(kb, "ask_financial_aid").text
    status = reply_for(kb, "ask_financial_aid", [("aspect", "noncitizen")]).text
    rule = "have not earned a bachelor's or professional degree"
    assert rule in whole and rule in status
    assert kb.facts(["noncitizen_aid_rule"])["noncitizen_aid_rule"].value in status
    assert kb.facts(["fafsa_every_year"])["fafsa_every_year"].source == "studentaid_pell_old"
    assert "Federal Student Aid, Pell Grants page" in status


# --- where the bot stops ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "intent, places",
    [
        (
            "ask_work_authorization",
            ["USCIS", "uscis.gov", "international student office", "DSO", "immigration attorney"],
        ),
        ("ask_legal_or_medical", ["doctor", "emergency services", "attorney", "medical board"]),
    ],
)
def test_stop_topics_decline_and_name_the_official_place_to_ask(kb: KnowledgeBase, school, intent, places):
    text = body(reply_for(kb, intent).text)
    assert text.startswith(("I can't", "I'm sorry, I can't"))
    for place in places:
        assert place in text, place
    assert "help with" in text  # and then what the bot can do


def test_a_criminal_record_is_sent_to_every_certifier_and_a_lawyer_never_judged(kb: KnowledgeBase, school):
    """ "i got a felony from 2016, can i even get certified": no source says how a record weighs, so the
    reply says so, names every certifying body (each decides), the schools' checks it has a source for,
    and an attorney, and never guesses either way."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from bot.kb import schema

    reply = reply_for(kb, "ask_legal_or_medical", [("aspect", "record")])
    text = body(reply.text)
    with Session(kb.engine) as s:
        bodies = list(s.scalars(select(schema.Body.abbreviation)))
    assert bodies and all(b in text for b in bodies), bodies
    assert kb.facts(["entry_checks_example"])["entry_checks_example"].value in text
    assert "attorney" in text and text.startswith("I have no source")
    for verdict in ("won't stop you", "will not stop you", "you can't get certified", "you cannot"):
        assert verdict not in text.lower()


def test_work_authorization_never_judges_a_status(kb: KnowledgeBase, school):
    text = body(reply_for(kb, "ask_work_authorization").text).lower()
    for verdict in ("you can work", "you are allowed to", "you are eligible", "you qualify", "your status allows"):
        assert verdict not in text


# --- the school profile ----------------------------------------------------------------------------


LANGUAGES = ["English", "Spanish", "Vietnamese", "Portuguese", "Tagalog", "Arabic", "French", "Chinese"]


def _advisor_languages(text: str) -> list[str]:
    """Languages named in any sentence about the advisors."""
    sentences = re.split(r"(?<=[.;:])\s+", text)
    return [lang for s in sentences if "advisor" in s.lower() for lang in LANGUAGES if lang in s]


def test_an_empty_profile_claims_no_language_and_says_so(kb: KnowledgeBase, school):
    for intent in ("ask_advisor_info", "request_human"):
        assert not _advisor_languages(reply_for(kb, intent).text), intent
    assert sayings.languages(School()) in reply_for(kb, "ask_advisor_info").text
    assert "don't know which languages" in sayings.languages(School())


def test_the_profile_states_only_what_the_school_gave(kb: KnowledgeBase, school):
    profile = School(
        name="Lakeside College",
        advisors=Advisors(languages=["English", "Spanish"], office_hours="Monday to Friday, 9 am to 5 pm"),
    )
    school(profile)
    info = reply_for(kb, "ask_advisor_info").text
    assert "English and Spanish" in info and "Monday to Friday, 9 am to 5 pm" in info
    assert set(_advisor_languages(info)) == {"English", "Spanish"}
    handoff = reply_for(kb, "request_human").text
    assert "an advisor at Lakeside College" in handoff and "Monday to Friday" in handoff and "Spanish" in handoff


def test_the_handoff_reply_is_unchanged_while_the_profile_is_empty(kb: KnowledgeBase, school):
    text = reply_for(kb, "request_human").text
    assert "an advisor at the school can get back to you about your own situation. I'll just take" in text


def test_the_school_programs_are_quoted_with_their_year_or_not_at_all(kb: KnowledgeBase, school):
    assert sayings.programs(School()) in reply_for(kb, "ask_program_cost").text
    program = Program(name="Medical Assisting certificate", format="hybrid", cost="$12,400", as_of=2026)
    school(School(programs=[program]))
    text = reply_for(kb, "ask_online_program").text
    assert "Medical Assisting certificate (hybrid, $12,400, as of 2026)" in text


def test_the_shipped_profile_is_valid_and_states_nothing():
    assert read_profile(PROJECT_ROOT / "data" / "school.yml") == School()


def _profile_problems(path: Path, text: str, env: dict[str, str] | None = None):
    path.write_text(text)
    with pytest.raises(SchoolProfileError) as info:
        read_profile(path, env)
    return [(p.file, p.entry, p.field) for p in info.value.problems], str(info.value)


def test_a_bad_profile_is_refused_naming_file_entry_and_field(tmp_path: Path):
    path = tmp_path / "school.yml"
    found, message = _profile_problems(
        path,
        "school:\n"
        "  advisors:\n    languages: [Spanish, '42']\n    hours: all day\n"
        "  programs:\n    - {name: MA certificate, cost: '$9,000'}\n",
    )
    assert ("school.yml", "advisors", "languages") in found
    assert ("school.yml", "advisors", "hours") in found  # a typo of office_hours
    assert ("school.yml", "programs #1", "as_of") in found
    assert "'42' is not a language name" in message


def test_a_bad_setting_in_the_environment_names_the_variable(tmp_path: Path):
    path = tmp_path / "school.yml"
    env = {"SCHOOL_ADVISOR_LANGUAGES": "English, 7", "SCHOOL_PHONE": "555"}
    found, _ = _profile_problems(path, "school: {}\n", env)
    assert (".env or environment", "SCHOOL_ADVISOR_LANGUAGES", "advisors.languages.1") in found or (
        ".env or environment",
        "SCHOOL_ADVISOR_LANGUAGES",
        "advisors.languages",
    ) in found
    assert (".env or environment", "SCHOOL_PHONE", "-") in found


def test_environment_values_override_the_file(tmp_path: Path):
    path = tmp_path / "school.yml"
    path.write_text("school:\n  name: Old Name\n  advisors: {languages: [English]}\n")
    profile = read_profile(path, {"SCHOOL_NAME": "New Name", "SCHOOL_ADVISOR_LANGUAGES": "English, Spanish"})
    assert profile.name == "New Name" and profile.advisors.languages == ["English", "Spanish"]
    assert read_profile(path, {"SCHOOL_NAME": ""}).name == "Old Name"  # an empty line in .env changes nothing


def test_a_profile_that_is_not_yaml_says_where(tmp_path: Path):
    found, _ = _profile_problems(tmp_path / "school.yml", "school:\n  name: [unclosed\n")
    assert found[0][0] == "school.yml" and found[0][1].startswith("at line")


def test_an_unknown_school_placeholder_is_refused_at_load(content_dir: Path):
    def plant(d):
        next(t for t in d["topics"] if t["key"] == "advisor_info")["answers"][0]["text"] += " {school:phone}"

    edit(content_dir / "faq_more.yml", plant)
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry, problem.field) == ("faq_more.yml", "'advisor_info' answer 'default'", "text")
    assert "{school:phone}" in problem.message


# --- the two answers that were wrong by omission ----------------------------------------------------


def test_each_credential_says_whether_it_needs_an_accredited_program(kb: KnowledgeBase, content, school):
    for cred in content.credentials:
        said = f"{'requires' if cred.requires_accredited_program else 'does not require'} {ACCREDITED}"
        named = [("credential", cred.abbreviation or cred.name)]
        reply = reply_for(kb, "ask_accredited_programs", named)
        assert reply.variant == cred.key and said in reply.text, cred.key
        if not cred.requires_accredited_program:
            assert said in reply_for(kb, "ask_eligibility", named).text, cred.key


@pytest.mark.parametrize("intent", ["ask_state_rules", "ask_eligibility", "ask_learn_on_job"])
def test_washington_says_experience_alone_cannot_lead_to_the_ma_c(kb: KnowledgeBase, school, intent: str):
    reply = reply_for(kb, intent, [("us_state", "WA")])  # "the WA credential": the code names the state too
    assert reply.variant == "washington"
    assert re.search(r"experience alone can't get you the (MA-C|Medical Assistant-Certified)", reply.text, re.I)


# --- states ---------------------------------------------------------------------------------------


def test_pay_in_a_state_without_figures_names_it_and_gives_the_national_hourly_median(kb: KnowledgeBase, school):
    reply = reply_for(kb, "ask_salary", [("us_state", "Oregon")])
    national = kb.facts(["ma_hourly_median_2025"])["ma_hourly_median_2025"].value
    assert reply.variant == "us_state" and "pay figures for Oregon" in reply.text and national in reply.text


def test_texas_pay_names_its_metro_means_and_the_missing_state_figure(kb: KnowledgeBase, school):
    reply = reply_for(kb, "ask_salary", [("us_state", "Texas")])
    houston = kb.facts(["houston_ma_mean_2023"])["houston_ma_mean_2023"].value
    assert reply.variant == "texas" and houston in reply.text and "Texas-wide figure" in reply.text


@pytest.mark.parametrize("state", ["California", "Texas", "Florida", "New York", "Ohio"])
def test_states_from_the_fact_sheets_have_their_own_rules(kb: KnowledgeBase, school, state: str):
    reply = reply_for(kb, "ask_state_rules", [("us_state", state)])
    assert reply.variant == state.lower().replace(" ", "_") and "I don't have rules specific" not in reply.text


def test_california_s_own_exam_has_its_own_answer(kb: KnowledgeBase):
    """ "how many tries for CACMA": the attempts and who qualifies, not California's injection rules."""
    from bot.understanding.context import Context, understand

    asked = understand("ask_state_rules", 0.9, [("us_state", "california")], "how many tries for CACMA", Context())
    reply = reply_for(kb, asked.intent, asked.entities)
    facts = kb.facts(["cacma_attempts", "ccbma_employment_route"])
    assert facts["cacma_attempts"].value in reply.text and facts["ccbma_employment_route"].value in reply.text


def test_a_state_without_rules_of_its_own_still_hears_the_one_state_that_requires_a_credential(kb: KnowledgeBase):
    reply = reply_for(kb, "ask_state_rules", [("us_state", "georgia")])
    assert "Washington is the only state" in reply.text
    assert kb.facts(["state_summary_date"])["state_summary_date"].value in reply.text


def test_the_bot_says_it_is_a_bot(kb: KnowledgeBase):
    assert "a bot" in reply_for(kb, "help", []).text
