"""Knowledge-base queries and the text people read: figures filled in, sources cited."""

from __future__ import annotations

import re

import pytest

from bot.answers.reply import KnowledgeBaseUnavailable, reply_for
from bot.db import get_engine
from bot.kb.queries import KnowledgeBase


def test_intents_route_to_topics(kb: KnowledgeBase):
    assert kb.topic_for_intent("ask_usmle") == "usmle"
    assert kb.topic_for_intent("nlu_fallback") == "fallback"
    assert kb.topic_for_intent("no_such_intent") is None


@pytest.mark.parametrize(
    "typed, kind, key",
    [
        ("RMA", "credential", "rma"),
        ("cma (aama)", "credential", "cma"),
        ("  Licensed   Vocational Nurse ", "role", "lpn"),
        ("caahep", "accreditor", "caahep"),
        ("LPNs", "role", "lpn"),
        ("National Healthcareer Association", "certifying_body", "nha"),
    ],
)
def test_names_and_aliases_resolve(kb: KnowledgeBase, typed: str, kind: str, key: str):
    entity = kb.resolve(typed)
    assert entity is not None and (entity.kind, entity.key) == (kind, key)


def test_unknown_name_does_not_resolve(kb: KnowledgeBase):
    assert kb.resolve("certified management accountant") is None


def test_salary_answer_states_each_figure_with_source_and_year(kb: KnowledgeBase):
    reply = reply_for(kb, "ask_salary")
    assert "$44,200" in reply.text and "May 2024" in reply.text
    for figure in ("$30,310", "$38,660", "$36,740", "$37,190"):  # the 2021 comparison table
        assert figure in reply.text
    assert "{fact:" not in reply.text
    sources = reply.text.split("\n\n")[-1]
    assert sources.startswith("Sources: ")
    assert "BLS" in sources and "2021 data" in sources and "May 2024 data" in sources
    assert "as reported, confirm with bls.gov" in sources  # secondary figures point to BLS


def test_every_figure_in_every_answer_carries_a_source(kb: KnowledgeBase):
    from bot.kb.content import read_content
    from tests.conftest import CONTENT

    for topic in read_content(CONTENT).topics:
        for intent in topic.intents:
            reply = reply_for(kb, intent)
            body, _, sources = reply.text.rpartition("\n\n")
            if re.search(r"\d", body if sources.startswith("Source") else reply.text):
                assert sources.startswith("Source"), f"{topic.key}: figures without a source line"


@pytest.mark.parametrize(
    "named, figure", [("LPN", "$59,730"), ("registered nurse", "$81,220"), ("pharmacy tech", "$40,300")]
)
def test_a_named_role_gets_its_own_pay_comparison(kb: KnowledgeBase, named: str, figure: str):
    reply = reply_for(kb, "ask_salary", [("role", named)])
    assert figure in reply.text and "$44,200" in reply.text
    assert "BLS Occupational Outlook Handbook" in reply.text.split("\n\n")[-1]


def test_entities_without_a_variant_fall_back_to_the_general_answer(kb: KnowledgeBase):
    general = reply_for(kb, "ask_salary")
    assert reply_for(kb, "ask_salary", [("credential", "CMA"), ("role", "not a known name")]).text == general.text


def test_usmle_answer_says_no_in_its_first_words_and_why(kb: KnowledgeBase):
    reply = reply_for(kb, "ask_usmle")
    assert reply.text.startswith("You don't need the USMLE")  # the first sentence restates the question
    assert "licensing exam for physicians" in reply.text
    assert "ECFMG" in reply.text.split("\n\n")[-1]  # secondary claim points to the certifier
    assert {b["payload"] for b in reply.buttons} == {"/ask_duration", "/ask_which_credential"}


def test_duration_answer_has_the_guides_ranges(kb: KnowledgeBase):
    text = reply_for(kb, "ask_duration").text
    assert "9–12 months" in text and "18–24 months" in text
    # The IMG guide's start-to-finish total is for IMGs (tests/test_wording.py).
    assert "1.5 to 2.5 years" in reply_for(kb, "ask_duration", background="img").text


def test_degree_answer_frames_the_md_as_an_asset(kb: KnowledgeBase):
    assert "asset" in reply_for(kb, "ask_degree_perception").text
    text = reply_for(kb, "ask_degree_perception", background="img").text
    assert "asset" in text and "International Medical Education" in text


def test_unknown_intent_gets_the_fallback_with_choices(kb: KnowledgeBase):
    reply = reply_for(kb, "something_unmapped")
    assert reply.topic == "fallback"
    assert len(reply.buttons) == 4


def test_answers_stay_short(kb: KnowledgeBase):
    from bot.kb.content import read_content
    from tests.conftest import CONTENT

    for topic in read_content(CONTENT).topics:
        for intent in topic.intents:
            body = reply_for(kb, intent).text.split("\n\nSource")[0]
            assert len(body.split()) <= 120, topic.key


def test_missing_database_raises_a_domain_error(tmp_path):
    kb = KnowledgeBase(get_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}"))
    with pytest.raises(KnowledgeBaseUnavailable):
        reply_for(kb, "ask_usmle")


@pytest.mark.parametrize("body", ["AMT", "NHA", "NCCT"])
def test_a_pass_rate_without_a_figure_names_the_certifier_to_ask(kb: KnowledgeBase, body: str):
    """ "What's the pass rate for the CCMA?": no figure, so whom to ask, by name (not "the certifier")."""
    (credential,) = kb.credentials_of_body(kb.resolve(body).key)
    reply = reply_for(kb, "ask_pass_rate", [("credential", credential)])
    assert reply.variant == credential
    assert f"Ask {body}" in reply.text and "certifier" not in reply.text


def test_money_back_on_an_exam_fee_is_answered_with_each_certifier_s_own_word(kb: KnowledgeBase):
    """ "do i get my money back if i cant go" after the fees: the fees answer says which are non-refundable, citing
    AAMA's application page and AMT's applicant FAQ, whose words those are."""
    reply = reply_for(kb, "ask_exam_fee", [])
    body, sources = reply.text.split("\nSources:", 1)
    assert "non-refundable" in body
    for source in ("aama_application", "amt_faq"):
        assert kb.cite(source, None).label in sources


def test_passing_scores_and_content_asked_of_no_credential_are_each_exam_s(kb: KnowledgeBase):
    """ "passing score?" and "what is inside? which subjects" with no credential in hand: every exam's passing score
    and content areas side by side, from the same facts the credentials' own answers use; with a credential in
    hand, that credential's own answer, which has both."""
    from bot.understanding.context import Context, understand

    for text, aspect in (("passing score?", "passing"), ("ok. the exam for assistant, what is inside?", "content")):
        read = understand("ask_exam_format", 0.9, [], text, Context("ask_exam_fee"), [("ask_exam_format", 0.9)])
        assert ("aspect", aspect) in read.entities
        reply = reply_for(kb, read.intent, read.entities)
        assert reply.variant == aspect
        for credential in ("CMA (AAMA)", "RMA (AMT)", "CCMA (NHA)", "NCMA (NCCT)"):
            assert credential in reply.text
    passing = reply_for(kb, "ask_exam_format", [("aspect", "passing")]).text
    scores = kb.facts(["cma_passing_score", "rma_passing_score", "ccma_passing_score", "ncma_passing_score"])
    assert len(scores) == 4 and all(fact.value in passing for fact in scores.values())
    rma = Context("ask_exam_format", (("credential", "RMA"),))
    read = understand("ask_exam_format", 0.9, [], "what score do I need to pass it?", rma, [("ask_exam_format", 0.9)])
    assert reply_for(kb, read.intent, read.entities).variant == kb.resolve("RMA").key
