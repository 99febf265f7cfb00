"""A figure of the last reply quoted back points at the answer that printed it (bot.understanding.echo)."""

from __future__ import annotations

import re

from bot.answers.reply import reply_for
from bot.kb.queries import KnowledgeBase
from bot.understanding.context import Context, understand
from bot.understanding.echo import topic_quoted

_DOLLARS = re.compile(r"\$(\d{1,3}(?:,\d{3})+|\d+)")


def _first_dollars(text: str) -> int:
    found = _DOLLARS.search(text)
    assert found, text
    return int(found[1].replace(",", ""))


def test_a_figure_in_thousands_points_at_the_pay_not_the_program_length(kb: KnowledgeBase):
    """ "38k?? thats less than i made driving" after Ohio's pay and how long school takes: the pay."""
    pay = reply_for(kb, "ask_salary", [("us_state", "ohio")]).text
    length = reply_for(kb, "ask_duration", []).text
    thousands = _first_dollars(pay) // 1000
    text = f"{thousands}k?? thats less than i made driving. cant be right for all of ohio"
    said = (("ask_salary", pay), ("ask_duration", length))
    assert topic_quoted(text, said) == "ask_salary"
    context = Context("ask_duration", (("us_state", "ohio"),), earlier="ask_salary", said=said)
    read_as = understand("ask_state_rules", 0.49, [("us_state", "ohio")], text, context, [])
    assert read_as.intent == "ask_salary"


def test_a_price_quoted_with_dollars_points_at_the_fee_not_the_exam_s_format(kb: KnowledgeBase):
    fee = reply_for(kb, "ask_exam_fee", [("credential", "CMA")]).text
    exam = reply_for(kb, "ask_exam_format", [("credential", "CMA")]).text
    prices = sorted({int(p.replace(",", "")) for p in _DOLLARS.findall(fee)})
    text = f"{prices[-1]} dollars?? my friend who wrote it last year paid only {prices[0]}"
    said = (("ask_exam_format", exam), ("ask_exam_fee", fee))
    context = Context("ask_exam_fee", (("credential", "CMA"),), earlier="ask_exam_format", said=said)
    assert understand("out_of_scope", 0.75, [], text, context, []).intent == "ask_exam_fee"


def test_small_numbers_years_and_figures_in_two_answers_point_at_nothing():
    said = (
        ("ask_salary", "a median of $38,280 a year (May 2023), 12% growth"),
        ("ask_renewal", "every 2 years, $38,280"),
    )
    assert topic_quoted("38k?? really", said) is None  # printed in both: neither
    said = (("ask_salary", "a median of $38,280 (May 2023), in 2 years"), ("ask_duration", "9 months"))
    assert topic_quoted("i finished in 2023 and waited 2 years", said) is None
    assert topic_quoted("12%?", (("ask_salary", "projected growth of 12% (2024-34)"),)) == "ask_salary"
    assert topic_quoted("is it 12 or more", (("ask_salary", "projected growth of 12% (2024-34)"),)) is None
    rules = (("ask_state_rules", "a program of 720 hours, or 2,000 hours of work"),)
    assert topic_quoted("can my mbbs courses count towards the 720 hrs or do i redo everything", rules) is None


def test_a_new_question_in_a_sentence_of_its_own_is_asked_whatever_figure_comes_first():
    said = (("ask_military_benefits", "MyCAA pays up to $4,000 toward a license or certification"),)
    text = "ok and $4000 probably won't cover everything. what do programs cost out in california?"
    assert topic_quoted(text, said) is None
    assert topic_quoted("ok and $4000 probably won't cover everything", said) == "ask_military_benefits"


def test_words_that_decide_another_topic_keep_it_whatever_figure_they_quote(kb: KnowledgeBase):
    fee = reply_for(kb, "ask_exam_fee", [("credential", "CMA")]).text
    price = _first_dollars(fee)
    context = Context("ask_exam_fee", (("credential", "CMA"),), said=(("ask_exam_fee", fee),))
    text = f"does the gi bill cover the {price} dollars"
    assert understand("ask_military_benefits", 0.9, [], text, context, []).intent == "ask_military_benefits"


def test_a_bare_number_almost_alone_quotes_the_answer_that_printed_it(kb: KnowledgeBase):
    """ "430 from how much?" after the exam's format and its fee: the passing score, printed in the format's answer."""
    passing = reply_for(kb, "ask_exam_format", [("credential", "CMA")]).text
    score = re.search(r"passing score[^.]*?\b(\d{3})\b", passing)
    assert score, passing
    fee = reply_for(kb, "ask_exam_fee", [("credential", "CMA")]).text
    assert score[1] not in fee
    said = (("ask_exam_format", passing), ("ask_exam_fee", fee))
    assert topic_quoted(f"{score[1]} from how much?", said) == "ask_exam_format"
    # in a longer sentence a bare number is their own count, not a quote
    assert topic_quoted(f"why would i pay {score[1]} to some association", said) is None
    assert topic_quoted("from 2021?", (("ask_salary", "a median of $30,310 (2021)"),)) is None  # a year


def test_a_figure_in_thousands_written_out_quotes_the_pay():
    said = (("ask_salary", "an average of $40,670 a year (May 2023)"), ("ask_state_rules", "no license in Texas"))
    assert topic_quoted("40 thousand is that for certified or just everybody", said) == "ask_salary"
