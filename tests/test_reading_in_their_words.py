"""Questions in people's own words that NLU alone reads wrong: the cue words, aspects and follow-up
rules that put them right, and the answers those readings reach. Each NLU reading here is the one
the trained model gave for the message; the expected answers' figures come from the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from bot.answers.personal import answer_person
from bot.answers.reply import reply_for
from bot.kb.queries import KnowledgeBase
from bot.profile.describe import a_role
from bot.profile.model import Profile
from bot.profile.reading import Heard, read
from bot.roadmap.profile_reading import background as roadmap_background
from bot.roadmap.profile_reading import credential_told, program_told, state_told
from bot.roadmap.profile_reading import education as read_education
from bot.understanding.context import (
    Context,
    Understood,
    answered_for_them,
    asked_again,
    remember,
    state_credential_asked_again,
    to_state_rules,
    understand,
    usmle_step_in_hand,
    with_their_role,
)
from bot.understanding.cues import OVERVIEW, cued_aspect, cued_intent, decisive_topic, looks_like_question
from bot.understanding.openers import (
    heard_overview,
    heard_person,
    heard_plan,
    heard_step_asked,
    misread_opener,
    without_misheard_person,
)
from bot.understanding.split import split_questions

FALLBACK = [("nlu_fallback", 0.4)]


def _aspect(understood) -> str | None:
    return next((v for k, v in understood.entities if k == "aspect"), None)


@pytest.mark.parametrize(
    "text",
    [
        "after i get out what cert makes most sense for a corpsman",
        "ok. fastest way for me to get a cert with 20 yrs as a corpsman",
        "so i graduated from an ABHES school like 14 months ago and never took the CMA lol. am i too late",
        "wich one is faster",
        "ok with my 9 yrs would the CMA take me at least",  # whether a certifier takes them
        "ok understood. and my USMLE step 1 pass will help for this or not needed at all",
        "I want know if my work like doctor is counting as work experience for the RMA",  # "to" left out
        "rma or cma for someone with 4 yrs on the job",  # a choice put to the bot
    ],
)
def test_a_question_without_a_question_mark_is_still_a_question(text):
    assert looks_like_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "i know what i want is to be an MA",
        "i did what it takes",
        "I have been an MA for 4 years",
        "If it wasnt, I have worked full time as an MA at a pediatric clinic since 2019.",  # a condition, then a story
    ],
)
def test_a_statement_with_a_question_word_inside_is_no_question(text):
    assert not looks_like_question(text)


def test_saying_where_they_graduated_is_about_them_even_in_a_question():
    heard = read("so i graduated from an ABHES school like 14 months ago. am i too late", {"credential": "cma"})
    assert heard.changes["education"] == "accredited_program_graduate"
    assert not heard.statement  # it asks, so it is answered, not only noted


@pytest.mark.parametrize(
    "intent, ranking, text, context, expected",
    [
        # NLU's own readings of these messages, and what the words say instead
        ("inform", [("inform", 0.98)], "my degree is 2015 tho, too old?", None, "ask_eligibility"),
        (
            "ask_financial_aid",
            [("ask_financial_aid", 0.6)],
            "idk if my 68W school still counts for anything, did it in 2016",
            None,
            "ask_eligibility",
        ),
        (
            "ask_legal_or_medical",
            [("ask_legal_or_medical", 0.75), ("ask_state_rules", 0.2)],
            "I have arthritis in my hand, is it safe for me to keep doing the injections or no?",
            "ask_state_rules",
            "ask_legal_or_medical",
        ),
        (
            "ask_accommodations",
            [("ask_accommodations", 0.5)],
            "Once I send the application, is there a deadline to actually take the test?",
            "ask_eligibility",
            "ask_exam_fee",
        ),
        (
            "ask_externship",
            [("ask_externship", 0.5)],
            "Once I'm approved to test, how long do I have to actually take it?",
            None,
            "ask_exam_fee",
        ),
        (
            "ask_eligibility",
            [("ask_eligibility", 0.9)],
            "Can I take it at my school or do I have to go somewhere?",
            "ask_exam_fee",
            "ask_exam_format",
        ),
        (
            "ask_exam_retake",
            [("ask_exam_retake", 0.9)],
            "Next cycle, if I'd rather retest than do CE, when should I take the exam?",
            "ask_renewal",
            "ask_renewal",
        ),
        (
            "ask_exam_retake",
            [("ask_exam_retake", 0.6)],
            "Is there some fee on top to reactivate it?",
            "ask_exam_retake",
            "ask_renewal",
        ),
        ("nlu_fallback", FALLBACK, "what kinda specialties can MAs go into", None, "ask_career_advancement"),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_salary", 0.47), ("out_of_scope", 0.47)],
            "What about job security... will there be work in 10 yrs",
            None,
            "ask_salary",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_which_credential", 0.38)],
            "wait whats the difference again between ccma and cma",
            None,
            "ask_which_credential",
        ),
        ("ask_exam_fee", [("ask_exam_fee", 0.98)], "if i go the cma route how much is the exam", None, "ask_exam_fee"),
        (
            "ask_military_benefits",
            [("ask_military_benefits", 0.9)],
            "used up all my gi bill on a bachelors. is there any free training for MA for vets",
            None,
            "ask_financial_aid",
        ),
        (
            "ask_financial_aid",
            [("ask_financial_aid", 0.7)],
            "plus what other costs, like scrubs and background check and all that",
            "ask_financial_aid",
            "ask_program_cost",
        ),
        (
            "ask_foreign_nurse",
            [("ask_foreign_nurse", 0.95)],
            "i am nurse from kerala. moving to seattle. need license to be MA there?",
            None,
            "ask_state_rules",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_scam_check", 0.49)],
            "im a MA at a clinic but only 6 months in. is there a way to get certified without quitting to go to school",
            None,
            "ask_eligibility",
        ),
        (
            "ask_credential_evaluation",
            [("ask_credential_evaluation", 0.56), ("ask_foreign_nurse", 0.32)],
            "how does foreign nurse get the RN licence here, short version",
            None,
            "ask_foreign_nurse",
        ),
        (
            "ask_online_program",
            [("ask_online_program", 0.72)],
            "can i at least put CMA on my resume after an online course",
            None,
            "ask_scam_check",
        ),
        (
            "ask_accredited_programs",
            [("ask_accredited_programs", 0.81)],
            "ok understood. which MA cert dont need accredited school",
            None,
            "ask_eligibility",
        ),
        (
            "ask_credential_info",
            [("ask_credential_info", 0.63)],
            "thats less than i made. whats the national number",
            "ask_salary",
            "ask_salary",
        ),
        ("out_of_scope", [("out_of_scope", 0.81)], "whats the newest national pay number", None, "ask_salary"),
        (
            "out_of_scope",
            [("out_of_scope", 0.42), ("ask_salary", 0.31)],
            "would he be better off going LPN money wise",
            "ask_compare_roles",
            "ask_salary",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_accommodations", 0.3)],
            "She heard theres some test she can take while shes still in school?",
            None,
            "ask_diploma_requirement",
        ),
        (
            "ask_learn_on_job",
            [("ask_learn_on_job", 0.64)],
            "if i learn on the job can i take the CMA later",
            "ask_learn_on_job",
            "ask_eligibility",
        ),
        (
            "ask_exam_format",
            [("ask_exam_format", 0.51), ("ask_duration", 0.29)],
            "how long is that test",
            "ask_exam_fee",
            "ask_exam_format",
        ),
        (
            "ask_salary",
            [("ask_salary", 0.52), ("ask_legal_or_medical", 0.48)],
            "A clinic offered to pay for my MA certification if I sign a contract to stay 2 years. If I leave early, can they legally make me pay it all back?",
            None,
            "ask_legal_or_medical",
        ),
        (
            "ask_salary",
            [("ask_salary", 0.81), ("ask_state_rules", 0.1)],
            "HM3 in okinawa rn, headed home to phoenix next yr. does AZ make MAs get certified?",
            None,
            "ask_state_rules",
        ),
        (
            "ask_program_cost",
            [("ask_program_cost", 0.89), ("ask_salary", 0.05)],
            "what other stuff do schools make u pay for, background check, shots etc",
            None,
            "ask_program_cost",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("out_of_scope", 0.32)],
            "ugh. ok what other help is there to pay",
            "ask_program_cost",
            "ask_financial_aid",
        ),
        (
            "ask_legal_or_medical",
            [("ask_legal_or_medical", 0.7)],
            "what if i gotta reschedule last minute bc of duty",
            "ask_exam_format",
            "ask_exam_format",
        ),
        (
            "ask_usmle",
            [("ask_usmle", 0.75), ("ask_learn_on_job", 0.22)],
            "Can I work as MA first without certification while I study USMLE, and learn in the job?",
            None,
            "ask_learn_on_job",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_duration", 0.4)],
            "After 1 year working, I can make some exam?",
            "ask_learn_on_job",
            "ask_eligibility",
        ),
        (
            "ask_diploma_requirement",
            [("ask_diploma_requirement", 0.74)],
            "For the RMA then, what will they require from my foreign school?",
            "ask_credential_evaluation",
            "ask_credential_evaluation",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_salary", 0.36)],
            "Could I stay in dermatology long term, like grow in it?",
            None,
            "ask_career_advancement",
        ),
        (
            "ask_program_cost",
            [("ask_program_cost", 0.98)],
            "my daughter's 18. private school quoted her 18 grand. is that normal??",
            None,
            "ask_program_cost",
        ),
        (
            "ask_program_cost",
            [("ask_program_cost", 0.47), ("inform", 0.25)],
            "ok. a school here wanted like 18k, is that normal",
            "ask_legal_or_medical",
            "ask_program_cost",
        ),
        (
            "ask_usmle",
            [("ask_usmle", 1.0)],
            "I completed my MBBS in Pakistan and I hold a green card now. Do I need to pass the USMLE before I can work as a medical assistant?",
            None,
            "ask_usmle",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.83)],
            "aw ok. what if i want to be RN here instead, whats the process po",
            "ask_foreign_nurse",
            "ask_foreign_nurse",
        ),
        (
            "ask_career_advancement",
            [("ask_career_advancement", 0.87)],
            "they say after i can put CMA after my name kkk",
            None,
            "ask_scam_check",
        ),
        (
            "ask_residency_path",
            [("ask_residency_path", 0.95)],
            "and if later i want residency, is my step 1 from 2019 still valid?",
            None,
            "ask_ecfmg",
        ),
        (
            "ask_renewal",
            [("ask_renewal", 0.98)],
            "I have EAD for 2 years what happen with my job when it expire",
            None,
            "ask_work_authorization",
        ),
        (
            "ask_exam_fee",
            [("ask_exam_fee", 0.93), ("ask_renewal", 0.06)],
            "I had my RMA thru AMT but stopped paying the yearly fee like 3 yrs ago what is that fee now anyway",
            None,
            "ask_renewal",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_program_cost", 0.42)],
            "and how much CE do they want",
            "ask_exam_fee",
            "ask_renewal",
        ),
        (
            "ask_scam_check",
            [("ask_scam_check", 0.64), ("ask_legal_or_medical", 0.28)],
            "if i say no can they fire me? should i report them",
            "ask_state_rules",
            "ask_legal_or_medical",
        ),
        (
            "ask_salary",
            [("ask_salary", 0.7), ("inform", 0.1)],
            "former marine, was a mechanic not medical. want to get into healthcare as an MA. whats the fastest way in",
            None,
            "ask_duration",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.42), ("ask_resume_interview", 0.29)],
            "ok but how do i get experience if nobody hires u w/o a cert lol",
            "ask_learn_on_job",
            "ask_learn_on_job",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_diploma_requirement", 0.4)],
            "are admin only MA programs ok for the cma exam? im more into the office side",
            None,
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_renewal", 0.32)],
            "I was a CMA back in 1998 and let it go when I had my kids. Do I have to start school all over again??",
            None,
            "ask_renewal",
        ),
        (
            "ask_which_credential",
            [("ask_which_credential", 0.79), ("ask_exam_study", 0.15)],
            "Which parts should I focus on most as a foreign doctor?",
            "ask_exam_format",
            "ask_exam_study",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_renewal", 0.41)],
            "ok once i apply to AMT, can my application expire?",
            "ask_eligibility",
            "ask_exam_fee",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_renewal", 0.34)],
            "once they approve me how long do i have to test",
            "ask_exam_fee",
            "ask_exam_fee",
        ),
        (
            "ask_exam_format",
            [("ask_exam_format", 0.48), ("help", 0.19)],
            "what topics are on it",
            "ask_duration",
            "ask_exam_format",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.53)],
            "I graduated from a CAAHEP program in 2023 but never took the CMA. Am I still allowed to?",
            None,
            "ask_eligibility",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.5), ("ask_eligibility", 0.34)],
            "I'm a 4N0 in the Air Force, getting out next summer. Is my tech school training enough to take the NCMA?",
            None,
            "ask_eligibility",
        ),
        (
            "ask_salary",
            [("ask_salary", 0.7), ("ask_renewal", 0.17)],
            "and every year i gotta pay something?",
            "ask_exam_fee",
            "ask_renewal",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_what_is_cma", 0.52)],
            "I would like eventually to work in an eye clinic. Is ophthalmology a path for medical assistants?",
            None,
            "ask_career_advancement",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.43), ("ask_credential_info", 0.14)],
            "Understood. What is the typical remuneration in Pennsylvania?",
            None,
            "ask_salary",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.32)],
            "who can train me, my doctor can?",
            "ask_state_rules",
            "ask_learn_on_job",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_career_advancement", 0.4)],
            "ngl they say after that i can call myself a CMA",
            "ask_scam_check",
            "ask_scam_check",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("roadmap_next", 0.28)],
            "and the 2 year one what do u get from that",
            "ask_program_type",
            "ask_program_type",
        ),
        (
            "ask_advisor_info",
            [("ask_advisor_info", 0.59), ("out_of_scope", 0.22)],
            "whats the whole school gonna run me tho",
            None,
            "ask_program_cost",
        ),
        (
            "ask_scam_check",
            [("ask_scam_check", 0.67), ("ask_accredited_programs", 0.29)],
            "my school is not caahep or abhes i just found out is that bad can i still get certifyed",
            None,
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_renewal", 0.52)],
            "If I pass the RMA do I have to retake it every few years?",
            None,
            "ask_renewal",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.74), ("ask_salary", 0.17)],
            "is it gonna still be a job in like 10 yrs lol",
            "ask_duration",
            "ask_salary",
        ),
        (
            "ask_duration",
            [("ask_duration", 0.67)],
            "how long til i can try again",
            "ask_exam_retake",
            "ask_exam_retake",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.72), ("ask_credential_evaluation", 0.14)],
            "My papers are in Dari. Who can translate?",
            None,
            "ask_credential_evaluation",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.61), ("ask_credential_info", 0.12)],
            "Quick clarification: when people say CMA in healthcare, that's not the Certified Management Accountant, correct?",
            None,
            "ask_credential_info",
        ),
        (
            "ask_what_is_cma",
            [("ask_what_is_cma", 0.72)],
            "also she faints sometimes when she sees blood, is something medically wrong with her??",
            "ask_what_is_cma",
            "ask_legal_or_medical",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.28)],
            "ok how much work do i need for ccma then",
            "ask_exam_fee",
            "ask_eligibility",
        ),
        (
            "ask_duration",
            [("ask_duration", 0.54)],
            "how long after graduating can i apply for it",
            "ask_eligibility",
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_exam_format", 0.39)],
            "the CMA is on the VA list?",
            "ask_exam_retake",
            "ask_military_benefits",
        ),
        (
            "ask_learn_on_job",
            [("ask_learn_on_job", 0.4), ("ask_course_transfer", 0.21)],
            "Understood. Setting that aside, would my surgical training allow me to skip the medical assistant program?",
            None,
            "ask_course_transfer",
        ),
        # a medical question NLU is sure of stays one, whatever else it names ("while im in school")
        (
            "ask_legal_or_medical",
            [("ask_legal_or_medical", 0.999)],
            "lol what pain meds should i take for my back while im in school",
            "ask_state_rules",
            "ask_legal_or_medical",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_legal_or_medical", 0.39)],
            "and for take blood?",
            "ask_state_rules",
            "ask_state_rules",
        ),
        (
            "ask_duration",
            [("ask_duration", 0.89), ("ask_exam_format", 0.11)],
            "taking the ccma in like 2 months. how many q's and how long do i get",
            None,
            "ask_exam_format",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("roadmap_jump", 0.37), ("ask_salary", 0.09)],
            "ARE THERE GOING TO BE JOBS",
            "ask_salary",
            "ask_salary",
        ),
        (
            "ask_which_credential",
            [("ask_which_credential", 0.45), ("ask_compare_roles", 0.32)],
            "honestly is it worth it or should i just push for nursing instead of MA",
            "ask_salary",
            "ask_compare_roles",
        ),
        (
            "ask_residency_path",
            [("ask_residency_path", 0.55), ("ask_eligibility", 0.1)],
            "If it wasnt, I have worked full time as an MA at a pediatric clinic since 2019. Does that get me anything?",
            "ask_eligibility",
            "ask_eligibility",
        ),
        (
            "ask_exam_format",
            [("ask_exam_format", 0.5), ("ask_renewal", 0.3)],
            "after i pass how i keep it",
            "ask_usmle",
            "ask_renewal",
        ),
        # "good for" is no renewal here
        (
            "ask_renewal",
            [("ask_renewal", 0.5), ("ask_which_credential", 0.3)],
            "meanwhile I do MA. which credential is good for IMG?",
            "ask_usmle",
            "ask_which_credential",
        ),
        # MyCAA"s time limit
        (
            "ask_duration",
            [("ask_duration", 0.83), ("ask_exam_format", 0.08)],
            "And how long do I have to finish the program?",
            "ask_military_benefits",
            "ask_military_benefits",
        ),
        # the GI Bill"s full time
        (
            "out_of_scope",
            [("out_of_scope", 0.66), ("ask_duration", 0.29)],
            "how many hrs a week do i need to be full time",
            "ask_military_benefits",
            "ask_military_benefits",
        ),
        (
            "ask_legal_or_medical",
            [("ask_legal_or_medical", 0.83), ("ask_military_benefits", 0.16)],
            "I have VA disability for my knee. It is ok for me to stand whole day in clinic, or it make worse?",
            "ask_military_benefits",
            "ask_legal_or_medical",
        ),
        # the question"s words, not the story"s
        (
            "ask_financial_aid",
            [("ask_financial_aid", 0.993)],
            "can i get a pell grant? i already burned my GI bill on a bachelors lol",
            "ask_military_benefits",
            "ask_financial_aid",
        ),
        (
            "ask_legal_or_medical",
            [("ask_legal_or_medical", 0.77), ("ask_military_benefits", 0.23)],
            "can i sue them to get my money and gi bill back?",
            "ask_military_benefits",
            "ask_legal_or_medical",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_renewal", 0.3)],
            "ok and when does my ccma run out, i got it in 2024",
            None,
            "ask_renewal",
        ),
        # a lapsed credential
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("roadmap_back", 0.38)],
            "ok how do i get it back",
            "ask_renewal",
            "ask_renewal",
        ),
        (
            "ask_accredited_programs",
            [("ask_accredited_programs", 0.5)],
            "how I can check a school is real one?",
            None,
            "ask_scam_check",
        ),
        # CMS"s rule on entering orders
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4)],
            "so why would they push it then, is there some medicare thing?",
            "ask_eligibility",
            "ask_state_rules",
        ),
        # the testing window
        (
            "ask_renewal",
            [("ask_renewal", 0.6)],
            "how long does amt give me to test once i apply",
            None,
            "ask_exam_fee",
        ),
        (
            "ask_eligibility",
            [("ask_eligibility", 0.8)],
            "my boss says if i dont get certified in 90 days im FIRED. can they even do that?? ive worked there 4 yrs",
            None,
            "ask_legal_or_medical",
        ),
        (
            "ask_duration",
            [("ask_duration", 0.7)],
            "ugh ok. whats the fastest cert i can get within 90 days then",
            "ask_eligibility",
            "ask_which_credential",
        ),
        (
            "ask_accredited_programs",
            [("ask_accredited_programs", 0.7)],
            "is the ccma ncca accredited?",
            None,
            "ask_credential_info",
        ),
        (
            "ask_military_benefits",
            [("ask_military_benefits", 0.7), ("ask_externship", 0.2)],
            "If I complete an MA program during SkillBridge, will I still need an externship?",
            None,
            "ask_externship",
        ),
        (
            "ask_what_is_cma",
            [("ask_what_is_cma", 0.61), ("ask_renewal", 0.13)],
            "I HAVE WORKED AS A MEDICAL ASSISTANT SINCE 1994. NEVER CERTIFIED. NEW HOSPITAL SYSTEM BOUGHT OUR PRACTICE AND SAYS CERTIFY OR MOVE TO FRONT DESK. WHAT ARE MY OPTIONS",
            None,
            "ask_eligibility",
        ),
        (
            "ask_eligibility",
            [("ask_eligibility", 0.8)],
            "Our clinic wants to set up an apprenticeship so me and 3 other uncertified MAs can get the CMA (AAMA). Is that actually a thing?",
            None,
            "ask_accredited_programs",
        ),
        (
            "ask_renewal",
            [("ask_renewal", 0.6)],
            "Is that pilot still running? I read it was only 3 years",
            "ask_accredited_programs",
            "ask_accredited_programs",
        ),
        (
            "inform",
            [("inform", 0.7)],
            "ok whatever. here in ohio is there stuff an MA isnt allowed to do even if theyre certified",
            "ask_state_rules",
            "ask_state_rules",
        ),
        (
            "ask_state_rules",
            [("ask_state_rules", 0.7)],
            "Is it true LPNs need a state license and MAs dont?",
            None,
            "ask_compare_roles",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_scam_check", 0.2)],
            "can they even call it CMA fr",
            "ask_accredited_programs",
            "ask_scam_check",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.6)],
            "why do some ppl pay 250 and some 125",
            "ask_exam_fee",
            "ask_exam_fee",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_diploma_requirement", 0.49), ("ask_eligibility", 0.45)],
            "I finished an MA program at a for profit school back in 2014 but never took the CMA. The school is closed now. Can I still take it?",
            None,
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_financial_aid", 0.44)],
            "haha fair. is there like a paid work study thing in WA for this",
            "ask_diploma_requirement",
            "ask_learn_on_job",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4)],
            "which one is easier to get if i dont wanna do a whole program bruh",
            "ask_duration",
            "ask_which_credential",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4)],
            "if i hate needles what other MA type jobs r there",
            "ask_what_is_cma",
            "ask_career_advancement",
        ),
        (
            "ask_career_advancement",
            [("ask_career_advancement", 1.0)],
            "been an MA in ophthalmology for 5 yrs, no cert. if i get certified will it help me move up? like office manager someday",
            None,
            "ask_career_advancement",
        ),
        (
            "ask_career_advancement",
            [("ask_career_advancement", 0.93), ("ask_salary", 0.05)],
            "would phlebotomy or coding help more w pay",
            "ask_eligibility",
            "ask_career_advancement",
        ),
        (
            "ask_renewal",
            [("ask_renewal", 0.51), ("inform", 0.24)],
            "Is that pilot still running? I read it was only 3 years",
            "ask_externship",
            "ask_accredited_programs",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.86)],
            "how many does he need",
            "ask_renewal",
            "ask_renewal",
        ),
        (
            "ask_exam_fee",
            [("ask_exam_fee", 0.42), ("roadmap_overview", 0.26)],
            "cant he just take the test over instead of all that fuss",
            "ask_renewal",
            "ask_renewal",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.5), ("ask_accredited_programs", 0.24)],
            "Good afternoon. I am inquiring on behalf of my daughter-in-law. Would you please explain what CAAHEP is?",
            None,
            "ask_accredited_programs",
        ),
        (
            "ask_state_rules",
            [("ask_state_rules", 0.43)],
            "is that the whole state or nyc?",
            "ask_salary",
            "ask_salary",
        ),
        (
            "ask_credential_info",
            [("ask_credential_info", 0.79)],
            "whats it nationally",
            "ask_salary",
            "ask_salary",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.5), ("ask_duration", 0.45)],
            "ok sticking w MA. earliest I can sit the CMA if I finish May 15?",
            "ask_compare_roles",
            "ask_eligibility",
        ),
        (
            "ask_exam_fee",
            [("ask_exam_fee", 0.9)],
            "how much I pay every year after, for RMA",
            None,
            "ask_renewal",
        ),
        (
            "ask_externship",
            [("ask_externship", 0.9)],
            "Is it necessary that the doctor is present in the clinic when MA works?",
            None,
            "ask_state_rules",
        ),
        (
            "ask_which_credential",
            [("ask_which_credential", 0.9)],
            "my boss in fresno says i should get the CCMA. is that the NHA one or some california thing tho",
            None,
            "ask_state_rules",
        ),
        (
            "ask_military_benefits",
            [("ask_military_benefits", 0.9)],
            "My husband was an Army medic but he got out in 2014. Can he still use his military training for the RMA?",
            None,
            "ask_eligibility",
        ),
        (
            "ask_exam_retake",
            [("ask_exam_retake", 0.9)],
            "do i have to pay all over again",
            "ask_exam_retake",
            "ask_exam_fee",
        ),
        (
            "ask_eligibility",
            [("ask_eligibility", 0.9)],
            "Dear advisor, I am a medical graduate from Pakistan presently enrolled in an accredited MA programme in Chicago. Must I still clear the USMLE to sit the CMA examination?",
            None,
            "ask_usmle",
        ),
        (
            "ask_exam_retake",
            [("ask_exam_retake", 0.9)],
            "how many attempts do I have for each USMLE step?",
            "ask_usmle",
            "ask_usmle",  # the USMLE's own rules give its attempt limit
        ),
        (
            "ask_exam_retake",
            [("ask_exam_retake", 0.8)],
            "If she falls behind on her CCP, can she just retake the exam to fix it?",
            "ask_renewal",
            "ask_renewal",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.8), ("ask_salary", 0.09)],
            "how bout pay nationwide",
            "ask_state_rules",
            "ask_salary",
        ),
        (
            "ask_eligibility",
            [("ask_eligibility", 0.98)],
            "what about the RMA w my work experience? ive been working 1.5 yrs",
            "ask_course_transfer",
            "ask_eligibility",
        ),
        (
            "ask_exam_format",
            [("ask_exam_format", 0.56), ("ask_renewal", 0.43)],
            "ok diff question, once u have the rma how long is it good for",  # "diff" announces, not compares
            "ask_compare_roles",
            "ask_renewal",
        ),
        (
            "ask_what_is_cma",
            [("ask_what_is_cma", 0.9), ("check_eligibility", 0.03)],
            "what if they let me room patients and take vitals too",  # after whether front-desk work counts
            "ask_eligibility",
            "ask_eligibility",
        ),
        (
            "ask_exam_format",
            [("ask_exam_format", 0.5), ("ask_military_benefits", 0.2)],
            "is that 2k per test or total",
            "ask_military_benefits",
            "ask_military_benefits",
        ),
        (
            "ask_salary",
            [("ask_salary", 0.82), ("ask_compare_roles", 0.06)],
            "Is MA a real nursing job in the US or more like a helper?",  # after pay: the roles, not pay
            "ask_salary",
            "ask_compare_roles",
        ),
        (
            "ask_which_credential",
            [("ask_which_credential", 0.47), ("inform", 0.3)],
            "I think I'd prefer the office side. Is the CCMA mostly clinical?",  # that credential's own answer
            "ask_which_credential",
            "ask_credential_info",
        ),
        (
            "ask_eligibility",
            [("ask_eligibility", 0.58), ("ask_renewal", 0.14)],
            "does my 2009 try count as one of the three??",  # an attempt counted against the limit
            "ask_exam_retake",
            "ask_exam_retake",
        ),
        (
            "ask_eligibility",
            [("ask_eligibility", 0.66), ("ask_duration", 0.07)],
            "so at the end it will be like 2 years for me all together??",  # the whole time, no years of work
            "ask_wes",
            "ask_duration",
        ),
        (
            "ask_duration",
            [("ask_duration", 0.53), ("ask_eligibility", 0.41)],
            "ok say i get hired somewhere as an MA with no school. after how long can i take a test to get certified",
            "ask_learn_on_job",
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_what_is_cma", 0.15)],
            "what other stuff will they hit me with",  # after a school's price: what it leaves out
            "ask_program_cost",
            "ask_program_cost",
        ),
        (
            "ask_what_is_cma",
            [("ask_what_is_cma", 0.98), ("estimate_timeline", 0.01)],
            "And what exactly would I be doing all day?",  # the duties, asked without naming the role
            None,
            "ask_what_is_cma",
        ),
        (
            "ask_salary",
            [("ask_salary", 0.76), ("ask_eligibility", 0.1)],
            "I am pharmacist in China 15 year. Now San Francisco. Can be medical assistant? My english not so good.",
            None,
            "ask_foreign_nurse",
        ),
    ],
)
def test_the_words_of_the_question_decide_its_topic(intent, ranking, text, context, expected):
    got = understand(intent, ranking[0][1], [], text, Context(context), ranking)
    assert got.intent == expected


@pytest.mark.parametrize(
    "text, kept",
    [
        (
            "My high school diploma is from 1994, does that still count?",
            None,
        ),  # the diploma rule, not a route's time limit
        ("rma vs ncma salary", None),  # pay, not the credentials compared
        ("ok just tell me the difference in renewing rma vs ccma", None),  # renewal compared
        (
            "saw a flyer at the laundromat says FREE medical assistant training AND guaranteed job",
            "ask_scam_check",
        ),  # the offer is the question: a guaranteed job is a warning sign
        ("Ive been an MA for 4 years full time, trained on the job, no school", None),  # their past
        (
            "active duty E-5 army medic here. my wife wants to be an MA. can she get any help paying for school?",
            "ask_military_benefits",
        ),
        ("ok money wise, I make like 28k a year. would I qualify for a pell grant", "ask_financial_aid"),  # not pay
        ("Long term I want residency. For ECFMG what they require now?", "ask_ecfmg"),  # ECFMG, not the stepping stone
        ("can i study part time? i work days now", None),  # a pace, not the parts of the exam
        ("What about Chapter 35? I am rated 100% permanent and total.", "ask_military_benefits"),  # the GI Bill's
        ("how long till i can do the rma tho", "ask_eligibility"),  # when they may test, not a program's length
        # a pay grade that changes is MyCAA's grade limit, not a state's rule that changed
        ("what if he makes E6 before I start, does that change anything", "ask_military_benefits"),
        ("he makes 50k, does that change anything", None),
        ("how long till i can get certified", None),  # the whole path: its length
        # their body, a clinician's question: never the exam's "take"
        ("my knees hurt so bad from cleaning rooms all day, what can i take for it", "ask_legal_or_medical"),
        ("does that include the yearly fee", None),  # what a fee covers, in the topic in hand
        (
            "i used to be a registered MA in south dakota but let it lapse when i had my kids",
            None,
        ),  # a state's registry
        ("what training do i need to do injections in CA", None),  # a state's rules
        (
            "namaste! i worked as staff nurse. does my nursing degree count for CMA exam?",
            None,
        ),  # the foreign nurse's answer
        ("whats MA pay in PA per year", None),  # what MAs earn, not what they pay
        ("in fl can i call myself a certified medical assistant without a cert", None),  # Florida's title rule
        ("can the gi bill cover the exam fee", "ask_military_benefits"),  # who pays, not the fee itself
        ("ive been doing MA work at a peds office for like 6 yrs, never went to school", None),  # their years
        ("can i just skip school entirely and still be an MA?", None),  # no training of theirs to count
        # the fastest way to work in a state is its rules, not a program's length
        ("What's the fastest way to work there legally while I sort the rest out?", None),
        ("which exam does that get me ready for", None),  # what a pathway prepares for, not their eligibility
        ("I want to move up to MA.", None),  # becoming an MA is no career step beyond it
        (
            "how do i check a school is VA approved",
            "ask_military_benefits",
        ),  # the GI Bill's approval, not accreditation
    ],
)
def test_cue_words_leave_alone_the_questions_they_do_not_decide(text, kept):
    from bot.understanding.cues import decisive_topic

    assert decisive_topic(text) == kept


@pytest.mark.parametrize(
    "intent, text, context, aspect",
    [
        ("ask_what_is_cma", "Do they help with stuff like diabetes... my wife has it", "ask_what_is_cma", "conditions"),
        ("ask_career_advancement", "could MA be a stepping stone to nursing later on?", None, "nursing"),
        ("ask_exam_fee", "Once I'm approved to test, how long do I have to actually take it?", None, "window"),
        ("ask_foreign_nurse", "how does foreign nurse get the RN licence here", None, "us_nursing"),
    ],
)
def test_the_words_pick_the_part_of_the_topic(intent, text, context, aspect):
    assert _aspect(understand(intent, 0.8, [], text, Context(context), [(intent, 0.8)])) == aspect


@pytest.mark.parametrize(
    "text",
    ["what else could i move into later besides nursing", "what can I move up to without going full nursing school"],
)
def test_growth_other_than_nursing_is_the_whole_answer(text):
    got = understand("ask_career_advancement", 0.9, [], text, Context(None), [("ask_career_advancement", 0.9)])
    assert _aspect(got) is None


def test_a_credential_alone_after_an_eligibility_answer_asks_it_for_that_credential():
    context = Context("ask_eligibility", (("credential", "CMA"), ("role", "MA")))
    got = understand("nlu_fallback", 0.4, [("credential", "ccma")], "ccma?", context, FALLBACK)
    assert got.intent == "ask_eligibility" and ("credential", "ccma") in got.entities


def test_the_same_rule_for_another_credential_keeps_the_question_whatever_came_first():
    context = Context("ask_exam_retake", (("credential", "CMA"),))
    text = "Haha ok. Could I do the RMA instead, does it have the same strike rule?"
    got = understand("nlu_fallback", 0.4, [("credential", "RMA")], text, context, FALLBACK)
    assert got.intent == "ask_exam_retake" and ("credential", "RMA") in got.entities


def test_waiting_between_tries_stays_on_retakes():
    context = Context("ask_exam_retake", (("credential", "NCMA"),))
    ranking = [("out_of_scope", 0.65), ("ask_duration", 0.21)]
    got = understand("out_of_scope", 0.65, [], "and how long do u wait between", context, ranking)
    assert got.intent == "ask_exam_retake"


def test_a_state_s_own_credential_named_in_a_follow_up_gets_that_part_of_the_state_rules():
    retake = understand(
        "nlu_fallback",
        0.4,
        [("us_state", "california")],
        "and the california one, how many tries do u get",
        Context("ask_exam_retake", (("certifying_body", "NHA"), ("us_state", "california"))),
        FALLBACK,
    )
    text = "and the california one, how many tries do u get"
    got = to_state_rules(retake, ["us_state"], False, text)
    assert got.intent == "ask_state_rules" and _aspect(got) == "cacma"


@pytest.mark.parametrize(
    "text, wants",
    [
        ("Could I talk to someone at the school about which program to pick?", True),
        ("i want to talk to an advisor", True),
        ("Thank you. I would appreciate speaking with an advisor directly about this.", True),
        ("I would like a real advisor to help me enroll. I'm a veteran using the Post-9/11 GI Bill.", True),
        ("i talked to someone at the school and they said 9 months", False),
    ],
)
def test_asking_to_talk_to_someone_is_asking_for_a_person(text, wants):
    parse = {"text": text, "intent": {"name": "ask_choose_program", "confidence": 0.97}}
    assert (heard_person(parse)["intent"]["name"] == "request_human") is wants


def test_a_state_told_while_answering_another_roadmap_question_is_kept():
    text = "idk which one yet, im in texas, i just have my hs diploma and i work as a cook"
    assert state_told(text, {"us_state": "texas"}) == "texas"
    assert state_told("is it the same in texas?", {"us_state": "texas"}) is None


def test_time_to_test_once_approved_names_each_credential_s_window(kb: KnowledgeBase):
    facts = kb.facts(["cma_testing_window", "amt_application_validity"])
    reply = reply_for(kb, "ask_exam_fee", [("aspect", "window"), ("credential", "rma")])
    assert reply.variant == "window"
    for fact in facts.values():
        assert fact.value in reply.text
    assert reply.text.split("\n\n")[-1].startswith("Source")


def test_the_cma_retake_wait_is_given_as_reported_with_whom_to_confirm(kb: KnowledgeBase):
    wait = kb.facts(["cma_retake_wait"])["cma_retake_wait"]
    reply = reply_for(kb, "ask_exam_retake", [("credential", "cma")])
    assert wait.value in reply.text and "AAMA" in reply.text.split("\n\n")[-1]


def test_how_soon_results_come_is_said_unknown_and_each_certifier_named(kb: KnowledgeBase):
    # no source gives the time: the reply says so and sends them to whoever awards their credential
    reply = reply_for(kb, "ask_exam_format", [("aspect", "results")])
    bodies = {credential.body for credential, _ in kb.credentials_with_routes()}
    assert reply.variant == "results" and "don't have" in reply.text
    assert bodies and all(body.upper() in reply.text for body in bodies)


@pytest.mark.parametrize("credential, fact", [("ccma", "ccma_clinical_items"), ("ncma", "ncma_category_items")])
def test_the_exam_answer_gives_its_item_counts_as_reported(kb: KnowledgeBase, credential, fact):
    value = kb.facts([fact])[fact].value
    reply = reply_for(kb, "ask_exam_format", [("credential", credential)])
    assert value in reply.text and "as reported" in reply.text


@pytest.mark.parametrize(
    "intent, entities, variant, fact",
    [
        # a washington counselor's "which credential should they aim for": the state's own credential first
        ("ask_which_credential", [("us_state", "Tacoma")], "washington", "wa_cte_pathway"),
        # an IEP asked of AMCA's exam: the one certifier whose rule on IEPs is sourced
        ("ask_accommodations", [("aspect", "iep")], "iep", "amca_accommodation_documents"),
    ],
)
def test_a_part_of_a_topic_gives_its_own_sourced_figures(kb: KnowledgeBase, intent, entities, variant, fact):
    value = kb.facts([fact])[fact].value
    reply = reply_for(kb, intent, entities)
    assert reply.variant == variant and " ".join(value.split()) in " ".join(reply.text.split())


def test_an_administrative_only_program_is_said_not_to_lead_to_the_cma(kb: KnowledgeBase):
    reply = reply_for(kb, "ask_eligibility", [("aspect", "admin_only"), ("credential", "CMA")])
    assert reply.variant == "admin_only" and "not eligible" in reply.text
    assert not reply.text.startswith(("As a", "With "))  # the rule asked about, not their verdict again


def test_accreditors_asked_after_a_credential_are_asked_about_themselves():
    """ "but CAAHEP is the one recognized by the Department of Education and ABHES isn't, right" after the CMA's
    routes: the accreditors, not the CMA's program rule again."""
    text = "but CAAHEP is the one recognized by the Department of Education and ABHES isn't, right"
    named = [("accreditor", "CAAHEP"), ("accreditor", "ABHES")]
    got = understand("ask_accredited_programs", 1.0, named, text, Context("ask_eligibility", (("credential", "cma"),)))
    assert got.intent == "ask_accredited_programs" and not any(k == "credential" for k, _ in got.entities)
    # one accreditor named keeps the credential in hand: "the minimum practicum length in a CAAHEP-accredited
    # program" after the RMA is asked of the RMA's programs
    one = understand(
        "ask_accredited_programs",
        0.9,
        [("accreditor", "CAAHEP")],
        "What's the minimum practicum length in a CAAHEP-accredited program?",
        Context("ask_eligibility", (("credential", "RMA"),)),
    )
    assert ("credential", "RMA") in one.entities


def test_the_nursing_step_names_both_licensing_exams(kb: KnowledgeBase):
    reply = reply_for(kb, "ask_career_advancement", [("aspect", "nursing")])
    assert reply.variant == "nursing" and "NCLEX-PN" in reply.text and "NCLEX-RN" in reply.text


def test_a_follow_up_naming_only_a_place_asks_the_same_question_there():
    context = Context("ask_salary", (("role", "dental assistant"),))
    ranking = [("ask_state_rules", 0.42), ("inform", 0.25)]
    got = understand(
        "ask_state_rules", 0.42, [("us_state", "california")], "in california specifically?", context, ranking
    )
    assert got.intent == "ask_salary" and ("us_state", "california") in got.entities


def test_which_ones_asks_about_every_credential_not_the_one_in_hand():
    context = Context("ask_eligibility", (("credential", "CMA"),))
    ranking = [("ask_eligibility", 0.9)]
    got = understand("ask_eligibility", 0.9, [], "ok which ones DO take job experience", context, ranking)
    assert got.intent == "ask_eligibility" and not [e for e in got.entities if e[0] == "credential"]
    assert _aspect(got) == "working_ma"


def test_a_part_named_in_words_is_answered_instead_of_their_verdict_again(kb: KnowledgeBase):
    from bot.profile.model import Profile

    medic = Profile(background="military", military_training=True, military_years_ago=1.0)
    verdict = reply_for(kb, "ask_eligibility", [("credential", "rma")], medic)
    part = reply_for(kb, "ask_eligibility", [("aspect", "working_ma"), ("credential", "rma")], medic)
    assert part.variant == "working_ma" and part.text != verdict.text
    route = kb.facts(["rma_experience_route"])["rma_experience_route"].value
    assert route in part.text


def test_a_spouse_of_the_military_is_not_military_and_a_dental_assistant_is_no_dentist():
    spouse = read("I am a nurse from the Philippines, married to US navy, now in Bremerton", {"background": "navy"})
    assert spouse.changes.get("background") != "military"
    assert read("been a dental assistant 10 yrs", {}).changes["other_healthcare_role"] == "dental assistant"


@pytest.mark.parametrize(
    "text, reading",
    [
        ("aw ok. what if i want to be RN here instead, whats the process po", "nlu_fallback"),  # a question of its own
        ("make me a plan", "start_roadmap"),
        ("whats the process to become a CMA", "start_roadmap"),
    ],
)
def test_a_plan_reading_gives_way_only_to_a_question_with_its_own_topic(text, reading):
    from bot.understanding.openers import without_misheard_person

    parse = {"text": text, "intent": {"name": "start_roadmap", "confidence": 0.83}}
    assert without_misheard_person(parse)["intent"]["name"] == reading


@pytest.mark.parametrize("text, aspect", [("median pay?", None), ("per hr?", "hourly")])
def test_after_the_outlook_the_pay_itself_is_asked(text, aspect):
    context = Context("ask_salary", (), "outlook")
    got = understand("ask_salary", 0.85, [], text, context, [("ask_salary", 0.85)])
    assert got.intent == "ask_salary" and _aspect(got) == aspect


@pytest.mark.parametrize(
    "text",
    [
        "i got my GED back in 2003 is that enuff to get in a program and take the test",
        "lowkey is MA even a good job long term, like is it growing",
        "i live in phoenix does arizona care if the school is not aproved",
    ],
)
def test_questions_that_open_with_filler_or_hide_their_verb_are_questions(text):
    assert looks_like_question(text)


@pytest.mark.parametrize(
    "text, reading",
    [
        ("who can train me for this", "nlu_fallback"),  # no question about the bot
        ("help", "help"),
        ("are you a real person or a bot", "help"),
    ],
)
def test_a_help_reading_needs_words_that_ask_what_the_bot_is_or_does(text, reading):
    from bot.understanding.openers import without_misheard_person

    parse = {"text": text, "intent": {"name": "help", "confidence": 0.55}}
    assert without_misheard_person(parse)["intent"]["name"] == reading


@pytest.mark.parametrize(
    "text, context, named",
    [
        ("damn. what about RMA", Context("ask_eligibility", (("credential", "CMA"),)), [("credential", "RMA")]),
        ("ngl how bout the RMA", Context("ask_eligibility", (("credential", "CMA"),)), [("credential", "RMA")]),
        (
            "and Dallas? my daughter live there",
            Context("ask_salary", (("us_state", "houston"),)),
            [("us_state", "Dallas")],
        ),
    ],
)
def test_a_switch_after_a_filler_or_before_a_reason_asks_the_same_question(text, context, named):
    got = understand("ask_credential_info", 0.6, named, text, context, [("ask_credential_info", 0.6)])
    assert got.intent == context.intent and got.follow_up


def test_a_switch_said_again_in_other_words_is_still_a_switch():
    """ "ok and texas overall like the whole state" after Houston's pay: Texas's pay, not the roadmap."""
    context = Context("ask_salary", (("role", "MA"),))
    text = "ok and texas overall like the whole state"
    got = understand("roadmap_overview", 0.99, [("us_state", "texas")], text, context, [("roadmap_overview", 0.99)])
    assert got.intent == "ask_salary" and ("us_state", "texas") in got.entities


def test_after_a_price_a_reply_with_a_question_of_its_own_is_not_a_choice_of_price():
    context = Context("ask_exam_fee", ())
    ranking = [("nlu_fallback", 0.4)]
    got = understand(
        "nlu_fallback", 0.4, [("credential", "rma")], "rma doesnt care about accreditation right", context, ranking
    )
    assert got.intent == "ask_accredited_programs"  # what accreditation the RMA asks for, not the exam's fee


@pytest.mark.parametrize(
    "text, kind, years",
    [
        ("hey so im a 68W, 4 yrs in, ETS in like 6 months. can i sit for the CMA", "other_healthcare_years", 4.0),
        ("i worked as an MA for 2 years and i start school in 3 months", "experience_years", 2.0),
        ("I finished my MA program in 10 months and worked as an MA 2 years", "experience_years", 2.0),
    ],
)
def test_a_time_still_ahead_is_no_years_of_work(text, kind, years):
    assert read(text, {}).changes[kind] == years


@pytest.mark.parametrize(
    "ranking, text, context, named, expected",
    [
        # NLU's own rankings of these messages (the trained model's), and the question they ask
        (
            [("ask_exam_fee", 0.43), ("ask_salary", 0.08), ("ask_exam_retake", 0.07)],
            "ok RMA then. how much",
            Context("ask_legal_or_medical", (("us_state", "texas"),)),
            [("credential", "RMA")],
            "ask_exam_fee",
        ),
        (
            [("ask_salary", 0.94), ("ask_compare_roles", 0.04)],
            "and the pay? LPN vs MA",
            Context("ask_compare_roles", (("role", "MA"), ("role", "LPN"))),
            [("role", "LPN"), ("role", "MA")],
            "ask_salary",
        ),
        (
            [("ask_exam_format", 0.63), ("out_of_scope", 0.13), ("ask_renewal", 0.05)],
            "is there like a yearly limit on it",
            Context("ask_military_benefits", (), "spouse"),
            [],
            "ask_military_benefits",
        ),
        (
            [("ask_program_cost", 0.71), ("roadmap_overview", 0.08)],
            "cheapest way do all this",
            Context("ask_exam_format", (("credential", "ccma"),)),
            [],
            "ask_program_cost",
        ),
        (
            [("ask_foreign_nurse", 0.9), ("ask_eligibility", 0.08)],
            "cna 10 yrs in a nursing home. does that count as experience for the rma",
            Context(),
            [("role", "cna"), ("credential", "rma")],
            "ask_eligibility",
        ),
        (
            [("ask_work_authorization", 0.41), ("out_of_scope", 0.12), ("ask_exam_format", 0.1)],
            "ok. what is the form number for the EAD anyway?",
            Context("ask_work_authorization"),
            [],
            "ask_work_authorization",
        ),
        (
            [("ask_exam_fee", 0.97), ("out_of_scope", 0.01)],
            "what about the test fee itself",
            Context("ask_military_benefits", (), "overview"),
            [],
            "ask_military_benefits",
        ),
        (
            [("ask_externship", 0.68), ("ask_exam_format", 0.23)],
            "How many percent is clinical part?",
            Context("ask_exam_format", (("credential", "cma"),)),
            [],
            "ask_exam_format",
        ),
        (
            [("ask_exam_retake", 0.79), ("out_of_scope", 0.09)],
            "can she just retake the test instead",
            Context("ask_renewal", (("credential", "RMA"),)),
            [],
            "ask_renewal",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_credential_info", 0.3), ("ask_renewal", 0.13)],
            "and the RMA when i can?",
            Context("ask_diploma_requirement"),
            [("credential", "RMA")],
            "ask_eligibility",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_exam_format", 0.34), ("ask_what_is_cma", 0.3)],
            "i don't do any clinical stuff tho, just the front. what about the CMA then",
            Context("ask_eligibility", (("credential", "RMA"),)),
            [("credential", "CMA")],
            "ask_eligibility",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.2), ("ask_diploma_requirement", 0.18)],
            "DO I HAVE TO GO BACK TO SCHOOL FOR THE CMA ONE",
            Context("ask_which_credential"),
            [("credential", "CMA")],
            "ask_eligibility",
        ),
    ],
)
def test_a_follow_up_s_own_words_outweigh_a_misleading_reading(ranking, text, context, named, expected):
    got = understand(ranking[0][0], ranking[0][1], named, text, context, ranking)
    assert got.intent == expected


def test_losing_a_job_and_a_payer_for_retraining_is_aid_through_wioa():
    text = "company is closing our terminal in march so im getting laid off anyway. is there any program that pays for retraining for guys like me"
    got = understand("ask_financial_aid", 1.0, [], text, Context("ask_program_cost"), [("ask_financial_aid", 1.0)])
    assert got.intent == "ask_financial_aid" and _aspect(got) == "wioa"


@pytest.mark.parametrize(
    "ranking, text, state",
    [
        (
            [("ask_which_credential", 0.74), ("ask_state_rules", 0.15)],
            "for that I must have certification in maryland or no?",
            "maryland",
        ),
        (
            [("ask_learn_on_job", 0.69), ("ask_state_rules", 0.3)],
            "do you even need to be certified in Texas or can the doctor just train you",
            "Texas",
        ),
        (
            [("ask_foreign_nurse", 0.86), ("ask_state_rules", 0.13)],
            "I was nurse in Krakow 25 years, now Philadelphia. What the rules for medical assistant in Pennsylvania?",
            "Pennsylvania",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_foreign_nurse", 0.52), ("ask_state_rules", 0.45)],
            "I heard in California the MA can be trained in the clinic by the nurse or doctor, is it true?",
            "California",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.46), ("ask_state_rules", 0.42)],
            "if i take one in washington does my ccma work there",
            "washington",
        ),
    ],
)
def test_what_a_state_requires_in_other_words_is_that_state_s_rules(ranking, text, state):
    got = understand(ranking[0][0], ranking[0][1], [("us_state", state)], text, Context(), ranking)
    assert got.intent == "ask_state_rules"


def test_who_may_sit_an_exam_in_a_state_is_still_eligibility():
    ranking = [("ask_eligibility", 0.9), ("ask_state_rules", 0.05)]
    got = understand(
        "ask_eligibility", 0.9, [("us_state", "Texas")], "can I sit for the CMA in Texas", Context(), ranking
    )
    assert got.intent == "ask_eligibility"


def test_training_that_counts_for_something_is_asked_even_without_a_question_mark():
    assert looks_like_question(
        "hi i was partera midwife in guatemala 6 year. my training count for medical asistant certificate"
    )


def test_a_credential_named_at_another_roadmap_question_is_kept_and_a_nail_tech_is_no_medic():
    assert credential_told("CMA I think", {"credential": "cma"}) == "cma"
    assert credential_told("is the cma exam hard?", {"credential": "cma"}) is None
    assert roadmap_background("i do nails, no medical background at all", {}) == "career_changer"
    assert roadmap_background("army medic, 6 years", {}) == "military"


@pytest.mark.parametrize(
    "ranking, text, context, expected",
    [
        (
            [("out_of_scope", 0.86), ("ask_legal_or_medical", 0.04)],
            "whats the difference for keeping them up",
            "ask_which_credential",
            "ask_renewal",
        ),
        (
            [("ask_program_cost", 0.83), ("out_of_scope", 0.04)],
            "How much training is needed for the injections?",
            "ask_state_rules",
            "ask_state_rules",
        ),
        (
            [("ask_resume_interview", 0.5), ("ask_degree_perception", 0.3)],
            # how to put the degree on a CV: the resume answer's own section for it ("International Medical
            # Education"), not only how employers see it
            "How should I put my MBChB from Ghana on my CV when I apply for MA jobs? Should I just hide it?",
            None,
            "ask_resume_interview",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_scam_check", 0.5)],
            "are online programs legit",
            "ask_what_is_cma",
            "ask_online_program",
        ),
        (
            [("ask_program_cost", 0.6), ("ask_financial_aid", 0.2)],
            "My nursing home said they might pay for it. Would that count as taxable income for me?",
            "ask_program_cost",
            "ask_financial_aid",
        ),
        (
            [("ask_exam_format", 0.61), ("ask_duration", 0.17), ("ask_eligibility", 0.07)],
            "And how soon after that could I take the CMA test?",
            "estimate_timeline",
            "ask_eligibility",
        ),
        (
            [("ask_exam_format", 0.75), ("ask_externship", 0.18)],
            "How many hours would I have to be there in person for the clinical bit?",
            "ask_online_program",
            "ask_externship",
        ),
    ],
)
def test_words_nlu_never_learned_name_the_topic(ranking, text, context, expected):
    got = understand(ranking[0][0], ranking[0][1], [], text, Context(context), ranking)
    assert got.intent == expected


def test_pay_after_taxes_is_still_pay():
    ranking = [("ask_salary", 0.9)]
    assert (
        understand("ask_salary", 0.9, [], "how much do MAs make after taxes", Context(), ranking).intent == "ask_salary"
    )


@pytest.mark.parametrize(
    "ranking, text, context, named, expected",
    [
        (
            [("inform", 0.52), ("ask_exam_retake", 0.14)],
            "what if i wait like a year and a half after i graduate",
            Context("ask_exam_fee", (("credential", "cma"),)),
            [],
            "ask_exam_fee",
        ),
        (
            [("ask_course_transfer", 0.64), ("ask_state_rules", 0.14)],
            "can the doctor have me give IM shots there?",
            Context("ask_state_rules", (("us_state", "Maryland"),)),
            [],
            "ask_state_rules",
        ),
        (
            [("ask_what_is_cma", 0.93), ("ask_learn_on_job", 0.03)],
            "what about the work route. been doing patient transport and some clinic work",
            Context("ask_what_is_cma"),
            [],
            "ask_eligibility",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_credential_info", 0.36)],
            "whats the ncma need",
            Context("ask_what_is_cma"),
            [("credential", "ncma")],
            "ask_eligibility",
        ),
        (
            [("ask_exam_fee", 0.99), ("ask_eligibility", 0.01)],
            "Sorry, I meant the fee to TAKE the RMA exam in the first place, not the yearly one",
            Context("ask_renewal", (("credential", "RMA"),)),
            [("credential", "RMA exam")],
            "ask_exam_fee",
        ),
        (
            [("ask_eligibility", 0.5)],
            "if i end up not going can i get the fee back?",
            Context("ask_eligibility", (("credential", "cma"),)),
            [],
            "ask_exam_fee",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_exam_retake", 0.2)],
            "he retires next year, can he do some training before he gets out",
            Context("ask_military_benefits", (), "spouse"),
            [],
            "ask_military_benefits",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_usmle", 0.3), ("ask_online_program", 0.19)],
            "do they all have to be from AAMA or can i use the free ones my job gives",
            Context("ask_renewal", (("credential", "CMA"),)),
            [("certifying_body", "AAMA")],
            "ask_renewal",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_choose_program", 0.37)],
            "if i do a normal school program instead how many hours does it need for the MA-C",
            Context("ask_learn_on_job", (("us_state", "washington"),)),
            [],
            "ask_state_rules",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.35)],
            "what is this category 4 thing for the CMA",
            Context("ask_eligibility"),
            [("credential", "CMA")],
            "ask_accredited_programs",
        ),
        (
            [("ask_scam_check", 0.6)],
            "so could i sue them to get my money back",
            Context("ask_scam_check"),
            [],
            "ask_legal_or_medical",
        ),
    ],
)
def test_cases_corrections_and_tasks_keep_to_the_question(ranking, text, context, named, expected):
    got = understand(ranking[0][0], ranking[0][1], named, text, context, ranking)
    assert got.intent == expected


def test_a_credential_named_as_a_yardstick_does_not_replace_the_one_asked_about():
    context = Context("ask_credential_info", (("credential", "NCMA"),))
    ranking = [("nlu_fallback", 0.4), ("ask_credential_info", 0.44)]
    text = "is that a real credential like the CMA or some made-up thing"
    got = understand("nlu_fallback", 0.4, [("credential", "CMA")], text, context, ranking)
    assert got.intent == "ask_credential_info" and ("credential", "CMA") not in got.entities
    example = understand(
        "nlu_fallback",
        0.4,
        [("credential", "RMA")],
        "what about the other ones, like RMA",
        Context("ask_eligibility"),
        ranking,
    )
    assert ("credential", "RMA") in example.entities


def test_where_someone_works_is_not_what_they_are():
    heard = read("ive been working at a family doctor 4 yrs doing vitals and the front desk. which tests can i take")
    assert heard.changes.get("other_healthcare_role") != "doctor"
    assert read("i was a family doctor in india for 10 years").changes["other_healthcare_role"] == "doctor"


def test_a_corrected_number_of_years_replaces_the_one_said_before():
    text = "ugh wait sorry i just checked my start date it was jan 2023 not 2021 so more like 2 and a half years not 4. does that change anything"
    heard = read(text, {}, Profile(experience_years=4.0))
    assert heard.correction and heard.changes["experience_years"] == 2.5
    assert read(text, {}, Profile()).changes["experience_years"] == 2.5  # years the question named but no field kept


def test_other_states_asks_beyond_the_state_in_hand():
    """ "do those apprenticeships exist in other states too or just here" after Washington's: not Washington's
    answer again."""
    in_washington = Context("ask_learn_on_job", (("us_state", "WA"),))
    text = "do those apprenticeships exist in other states too or just here"
    got = understand("ask_learn_on_job", 0.99, [], text, in_washington, [("ask_learn_on_job", 0.99)])
    assert got.intent == "ask_learn_on_job" and ("us_state", "WA") not in got.entities


@pytest.mark.parametrize(
    "reading, text, named",
    [
        ("ask_externship", "ok and can i give shots at my externship in cali", [("us_state", "cali")]),
        (
            "ask_foreign_nurse",
            "can MAs in IL give meds? at the nursing home the RN couldnt delegate that to me",
            [("us_state", "Illinois")],
        ),
        ("ask_legal_or_medical", "if i take a contract in seattle do i need anything extra", [("us_state", "seattle")]),
    ],
)
def test_a_task_or_a_need_asked_in_a_named_state_is_that_state_s_rules(reading, text, named):
    got = understand(reading, 0.95, named, text, Context(), [(reading, 0.95)])
    assert got.intent == "ask_state_rules"


def test_how_many_hours_that_route_takes_is_asked_of_the_answer_in_hand():
    """ "how many hours is that 3 year thing total" after the RMA's work route: its 5,616 hours."""
    rma = Context("ask_eligibility", (("credential", "RMA"),))
    text = "how many hours is that 3 year thing total"
    got = understand("ask_duration", 0.9, [("experience_years", "3 year")], text, rma, [("ask_duration", 0.9)])
    assert got.intent == "ask_eligibility"


@pytest.mark.parametrize(
    "intent, ranking, text, context, expected",
    [
        # what the job involves is what an MA does, not a state's rule, unless a state or a permission is named
        (
            "ask_what_is_cma",
            [("ask_what_is_cma", 0.95)],
            "ok but do ma's actually have to draw blood",
            Context(),
            "ask_what_is_cma",
        ),
        (
            "ask_career_advancement",
            [("ask_career_advancement", 0.99)],
            "im doing phlebotomy rn. whats the point of MA if i can already draw blood",
            Context("ask_program_cost"),
            "ask_what_is_cma",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_advisor_info", 0.32)],
            "are there like office only parts of the job",
            Context("ask_state_rules"),
            "ask_what_is_cma",
        ),
        # why anyone needs a credential is what states and employers require
        (
            "nlu_fallback",
            FALLBACK,
            "Then why is everybody pushing certification. Sounds like a money grab to me.",
            Context("ask_usmle"),
            "ask_state_rules",
        ),
        (
            "ask_what_is_cma",
            [("ask_what_is_cma", 0.42)],
            "be honest. does anyone actually check if an MA is certified? sounds like a racket",
            Context(),
            "ask_state_rules",
        ),
        # a move, for an army spouse, is the states' rules, not a benefit
        (
            "ask_military_benefits",
            [("ask_military_benefits", 0.93)],
            "army spouse here - we PCS every 2-3 yrs. if I get an MA cert does it still count when we move states?",
            Context(),
            "ask_state_rules",
        ),
        # free training after a lay-off is aid, whatever the story says about their years
        (
            "ask_financial_aid",
            [("ask_financial_aid", 1.0)],
            "I was laid off in March after 19 years processing insurance claims. As a laid-off worker, do I qualify for any free or funded training?",
            Context(),
            "ask_financial_aid",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("out_of_scope", 0.38)],
            "ugh. any other way to pay then",
            Context("ask_military_benefits"),
            "ask_financial_aid",
        ),
        (
            "ask_financial_aid",
            [("ask_financial_aid", 0.9)],
            "would my workers comp settlement paying for school mess up my claim?",
            Context(),
            "ask_legal_or_medical",
        ),
        # the exam's contents and the exam taken at home
        (
            "ask_exam_fee",
            [("ask_exam_fee", 0.88)],
            "ok if i go for the ccma whats most of the test about",
            Context(),
            "ask_exam_format",
        ),
        (
            "ask_online_program",
            [("ask_online_program", 0.56), ("ask_exam_format", 0.43)],
            "is there a cert test i can take from home online",
            Context(),
            "ask_exam_format",
        ),
        (
            "ask_exam_format",
            [("ask_exam_format", 0.48), ("ask_exam_fee", 0.28)],
            "And what does the examination consist of?",
            Context("ask_exam_fee"),
            "ask_exam_format",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("roadmap_repeat", 0.29)],
            "time?",
            Context("ask_exam_format"),
            "ask_exam_format",
        ),
        # keeping a credential up, and renewing by continuing education or by exam
        ("nlu_fallback", FALLBACK, "How does one maintain it thereafter?", Context("ask_exam_fee"), "ask_renewal"),
        (
            "ask_renewal",
            [("ask_renewal", 1.0)],
            "can i renew just by CE or must retake exam",
            Context("ask_renewal"),
            "ask_renewal",
        ),
        ("ask_renewal", [("ask_renewal", 0.88)], "Does it expire?", Context("ask_eligibility"), "ask_renewal"),
        # whether the thing in hand pays them
        (
            "ask_financial_aid",
            [("ask_financial_aid", 0.87)],
            "is it paid or am I working for free",
            Context("ask_learn_on_job"),
            "ask_learn_on_job",
        ),
        # a recommendation for them, and office-only work against a work route
        (
            "nlu_fallback",
            FALLBACK,
            "So what would you pick for someone like me then?",
            Context("ask_eligibility"),
            "ask_which_credential",
        ),
        (
            "ask_renewal",
            [("ask_renewal", 0.44)],
            "Does it matter that the last 5 years I mostly did scheduling and billing? I only room patients when we're short.",
            Context("ask_eligibility"),
            "ask_eligibility",
        ),
        # a story with a licence in it is no USMLE question
        (
            "ask_usmle",
            [("ask_usmle", 0.82), ("ask_eligibility", 0.08)],
            "I was an LPN for 15 years and let my license lapse. Can I just work as a medical assistant with no cert at all?",
            Context(),
            "ask_learn_on_job",
        ),
        (
            "ask_accredited_programs",
            [("ask_accredited_programs", 1.0)],
            "and the RMA, does that one need accredited too",
            Context("ask_eligibility"),
            "ask_accredited_programs",
        ),
        (
            "nlu_fallback",
            FALLBACK,
            "what about billing and coding, is that also a path?",
            Context("ask_residency_path"),
            "ask_career_advancement",
        ),
    ],
)
def test_what_the_question_asks_outweighs_the_story_and_the_topic_in_hand(intent, ranking, text, context, expected):
    assert understand(intent, ranking[0][1], [], text, context, ranking).intent == expected


@pytest.mark.parametrize(
    "text, context, entities, expected",
    [
        # "and pay?" after MA vs LPN: the pay of the roles compared
        (
            "and pay?",
            Context("ask_compare_roles", (("role", "ma"), ("role", "lpn"))),
            [],
            [("role", "ma"), ("role", "lpn")],
        ),
        # a switch to the whole country drops the state in hand
        ("and in whole country?", Context("ask_salary", (("us_state", "pennsylvania"),)), [], []),
        # the military route is every credential's, not only the one in hand
        (
            "how recent does the army training have to be",
            Context("ask_exam_fee", (("credential", "cma"),)),
            [("background", "army")],
            [("background", "army")],
        ),
    ],
)
def test_what_a_follow_up_carries_from_the_conversation(text, context, entities, expected):
    got = understand("nlu_fallback", 0.4, entities, text, context, FALLBACK)
    assert got.entities == expected


def test_a_switch_to_a_credential_after_learning_on_the_job_asks_whether_it_takes_their_work():
    got = understand(
        "nlu_fallback",
        0.4,
        [("credential", "cma")],
        "and cma?",
        Context("ask_learn_on_job", (("credential", "rma"),)),
        FALLBACK,
    )
    assert got.intent == "ask_eligibility" and ("credential", "cma") in got.entities


def test_a_switch_with_an_aside_is_still_a_switch():
    got = understand(
        "nlu_fallback",
        0.4,
        [("credential", "CMA")],
        "And the CMA? My supervisor says that's the one that matters.",
        Context("ask_eligibility"),
        FALLBACK,
    )
    assert got.intent == "ask_eligibility" and got.follow_up


def test_how_much_after_whether_a_status_opens_aid_asks_the_amounts():
    got = understand(
        "nlu_fallback", 0.4, [], "how much is it", Context("ask_financial_aid", (), "noncitizen"), FALLBACK
    )
    assert got.intent == "ask_financial_aid" and _aspect(got) is None


def test_a_state_named_and_read_surely_as_its_rules_keeps_them():
    text = "can i work as MA in jersey without certification while i study for nclex"
    got = understand("ask_state_rules", 0.88, [("us_state", "jersey")], text, Context(), [("ask_state_rules", 0.88)])
    assert got.intent == "ask_state_rules"


def test_the_job_outlook_is_national_whatever_state_is_in_hand():
    context = Context("ask_salary", (("us_state", "florida"),))
    got = understand("ask_salary", 0.8, [], "is the job market at least good", context, [("ask_salary", 0.8)])
    assert got.intent == "ask_salary" and got.entities == [("aspect", "outlook")]


@pytest.mark.parametrize(
    "text, topic",
    [
        # hearsay about a requirement, and whom to confirm with, after a state's rules
        ("my cousin swears u have to", "ask_state_rules"),
        ("My friend said it is required. Who can I confirm with?", "ask_state_rules"),
        ("ok whos the state board i should double check that with", "ask_state_rules"),
        ("what was the old rule", "ask_state_rules"),
        ("who keeps the proof of that training, me or the office?", "ask_state_rules"),
        ("Does the rule set a minimum program length?", "ask_state_rules"),
        # other parts of the topic in hand
        ("what other help then", "ask_financial_aid"),
        ("what do i need to send in", "ask_eligibility"),
        ("whats the form", "ask_military_benefits"),
        ("how do i sign up, can i just walk in", "ask_exam_format"),
        ("ARE THERE FASTER ONES", "ask_duration"),
    ],
)
def test_a_part_of_the_topic_in_hand_asked_in_few_words_stays_on_it(text, topic):
    got = understand("nlu_fallback", 0.4, [], text, Context(topic), FALLBACK)
    assert got.intent == topic


def test_hearsay_about_another_thing_is_not_held_to_the_state_s_rules():
    text = "my coworker says the CMA is better than RMA is that true"
    ranking = [("ask_which_credential", 0.7)]
    assert understand("ask_which_credential", 0.7, [], text, Context("ask_state_rules"), ranking).intent != (
        "ask_state_rules"
    )


def test_free_training_is_wioa_but_free_programs_among_other_aid_is_the_whole_answer():
    assert cued_aspect("ask_financial_aid", "Is there free training to become MA? My income is low.") == "wioa"
    assert (
        cued_aspect("ask_financial_aid", "is there any financial aid or free programs? like apprenticeships?") is None
    )


@pytest.mark.parametrize(
    "intent, ranking, text, context, named, expected",
    [
        # a named school's approval is how to check a program; which role pays more is pay, whatever the story
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_program_cost", 0.36)],
            "can u check if tacoma community college's program specifically is approved",
            Context(),
            [],
            "ask_scam_check",
        ),
        (
            "ask_residency_path",
            [("ask_residency_path", 0.71), ("ask_compare_roles", 0.15)],
            "Which pays more, MA or LPN? deciding what to do while I study for Step 1",
            Context(),
            [("role", "MA"), ("role", "LPN")],
            "ask_salary",
        ),
        # the exam's passing mark, its vendor, where or from where it is taken
        (
            "ask_pass_rate",
            [("ask_pass_rate", 0.47)],
            "passing marks?",
            Context("ask_exam_format"),
            [],
            "ask_exam_format",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_online_program", 0.33)],
            "can give from home?",
            Context("ask_exam_format"),
            [],
            "ask_exam_format",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("check_eligibility", 0.22)],
            "which company gives the test now",
            Context("ask_exam_fee", (("credential", "CMA"),)),
            [],
            "ask_exam_format",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_exam_format", 0.18)],
            "where do u take that one",
            Context("ask_exam_retake", (("credential", "RMA"),)),
            [],
            "ask_exam_format",
        ),
        # "vs dallas" after Houston's pay is the same question; "pay wise" asks pay after a state's rules
        (
            "greet",
            [("greet", 0.44)],
            "vs dallas",
            Context("ask_salary", (("us_state", "houston"),)),
            [("us_state", "dallas")],
            "ask_salary",
        ),
        (
            "ask_salary",
            [("ask_salary", 0.84)],
            "what about nyc specifically pay wise",
            Context("ask_state_rules", (("us_state", "new york"),)),
            [("us_state", "nyc")],
            "ask_salary",
        ),
        # taking an exam before finishing school, and waiting to test, are who may sit it
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.25)],
            "bet. can i take it before i even graduate hs",
            Context("ask_eligibility"),
            [],
            "ask_diploma_requirement",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.24)],
            "How early before graduation may she sit for it?",
            Context("ask_exam_fee", (("credential", "CMA"),)),
            [],
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_choose_program", 0.35)],
            "if i finish the program and wait a while before testing is that ok or does it expire",
            Context("ask_renewal", (("credential", "CCMA"),)),
            [],
            "ask_eligibility",
        ),
        # what Washington accepts, or needs "there", is Washington's rules
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_accredited_programs", 0.46)],
            "what does a program need to have for WA to accept it",
            Context("ask_military_benefits"),
            [("us_state", "WA")],
            "ask_state_rules",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_accredited_programs", 0.39)],
            "and for the MA-C which programs are accepted",
            Context("ask_foreign_nurse"),
            [("us_state", "MA-C")],
            "ask_state_rules",
        ),
        (
            "ask_foreign_nurse",
            [("ask_foreign_nurse", 0.64), ("ask_credential_info", 0.33)],
            "wait so i actually need a credential there? in india i was a dentist, doesn't that count",
            Context("ask_state_rules", (("us_state", "washington state"),)),
            [],
            "ask_state_rules",
        ),
    ],
)
def test_readings_from_a_fresh_set_in_people_s_words(intent, ranking, text, context, named, expected):
    assert understand(intent, ranking[0][1], named, text, context, ranking).intent == expected


def test_a_named_school_s_approval_gets_how_to_check_a_program():
    text = "there is school here called Silver State Career Institute, is their MA program approved for CMA?"
    got = understand("nlu_fallback", 0.4, [], text, Context(), FALLBACK)
    assert got.intent == "ask_scam_check" and _aspect(got) == "check"


def test_california_s_own_credential_pointed_back_at_keeps_its_routes_unless_the_national_one_is_meant():
    context = Context("ask_state_rules", (("us_state", "california"), ("credential", "CMA")), aspect="cacma")
    ranking = [("nlu_fallback", 0.4), ("ask_eligibility", 0.396)]
    text = "and could i take that one with my years or do they want school too"
    got = understand("nlu_fallback", 0.4, [], text, context, ranking)
    assert got.intent == "ask_state_rules" and _aspect(got) == "cacma"
    national = understand(
        "nlu_fallback", 0.4, [], "the national one. can i take it with my 3 years working", context, ranking
    )
    assert national.intent != "ask_state_rules"


@pytest.mark.parametrize(
    "text",
    ["ok then which national ones would take my 3 years", "fine. if i wanted the RMA later could my work time count"],
)
def test_years_that_count_are_eligibility_never_the_timeline_form(text):
    assert misread_opener("estimate_timeline", text, Context())
    context = Context("ask_eligibility", (("credential", "CMA"),))
    got = understand("nlu_fallback", 0.4, [], text, context, [("nlu_fallback", 0.4), ("ask_eligibility", 0.2)])
    assert got.intent == "ask_eligibility"


def test_which_national_ones_asks_about_every_credential():
    context = Context("ask_eligibility", (("credential", "CMA"),))
    got = understand("nlu_fallback", 0.4, [], "anything faster that counts my 9 years?", context, FALLBACK)
    assert got.intent == "ask_eligibility" and not [e for e in got.entities if e[0] == "credential"]


def test_a_program_told_in_sentences_without_i_is_still_theirs_and_not_caahep_is_unaccredited():
    graduated = read(
        "Graduated from an ABHES medical assisting program back in 2011 but never took the CMA. Been working as an MA "
        "ever since. Am I too late to sit for it?"
    )
    assert graduated.changes["education"] == "accredited_program_graduate"
    not_caahep = read(
        "here I did a medical assisting course at a college in Worcester 3 years ago but I just found out it is not "
        "CAAHEP. Please advise which exam I can still take?"
    )
    assert not_caahep.changes["program_accredited"] is False


def test_what_the_question_was_about_in_a_noun_phrase_is_no_statement():
    assert not read("the whole thing to work as a medical assistant here in washington state").statement
    assert read("I work as a medical assistant here in washington state").statement


@pytest.mark.parametrize(
    "intent, ranking, text, context, named, expected",
    [
        # a part of the topic in hand that NLU heard as out of scope
        (
            "out_of_scope",
            [("out_of_scope", 0.92)],
            "whats the licensing difference",
            Context("ask_compare_roles", (("role", "LPN"),)),
            [],
            "ask_compare_roles",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.63)],
            "what about controled stuff like narcotics",
            Context("ask_state_rules", (("us_state", "maryland"),)),
            [],
            "ask_state_rules",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.7)],
            "does the doc have to physically be in the buildng",
            Context("ask_state_rules", (("us_state", "maryland"),)),
            [],
            "ask_state_rules",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.44), ("ask_work_authorization", 0.2)],
            "ok. on campus job, how many hours a week is ok during semester?",
            Context("ask_work_authorization"),
            [],
            "ask_work_authorization",
        ),
        # a need or a fit asked of the state in hand is that state's rules
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_which_credential", 0.33)],
            "Must I hold a certification in order to do so?",
            Context("ask_state_rules", (("us_state", "maryland"),)),
            [],
            "ask_state_rules",
        ),
        (
            "ask_credential_info",
            [("ask_credential_info", 0.8)],
            "wait so is the ccma ok there",
            Context("ask_state_rules", (("us_state", "arizona"),)),
            [("credential", "ccma")],
            "ask_state_rules",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_credential_info", 0.43)],
            "We relocate every two years. Will a national credential still count in the next state?",
            Context(),
            [],
            "ask_state_rules",
        ),
        # the question's own words over the story: a title on a badge, a Pell grant, years that count
        (
            "ask_credential_info",
            [("ask_credential_info", 0.62), ("ask_scam_check", 0.17)],
            "if they hand her a certificate can she write CMA after her name anyway?",
            Context(),
            [("credential", "CMA")],
            "ask_scam_check",
        ),
        (
            "ask_foreign_nurse",
            [("ask_foreign_nurse", 0.84), ("ask_financial_aid", 0.16)],
            "can i also get pell grant on top? my nursing in nigeria was a diploma not a degree",
            Context("ask_military_benefits"),
            [],
            "ask_financial_aid",
        ),
        (
            "ask_duration",
            [("ask_duration", 0.46), ("ask_renewal", 0.28)],
            "so how would i get the real CMA, i've done this 9 years",
            Context("ask_scam_check"),
            [("credential", "CMA")],
            "ask_eligibility",
        ),
        (
            "ask_wes",
            [("ask_wes", 0.42), ("out_of_scope", 0.18)],
            "whats the difference in what they actually do",
            Context("ask_salary", (("role", "CNA"),)),
            [],
            "ask_compare_roles",
        ),
        # an offer's promises, a doctor's finding, how the work differs, MA work that may count
        (
            "ask_scam_check",
            [("ask_scam_check", 1.0)],
            "saw an ad 'VA APPROVED online CMA in 4 WEEKS, job guaranteed!!' legit??",
            Context(),
            [("credential", "CMA")],
            "ask_scam_check",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.5), ("ask_legal_or_medical", 0.21)],
            "my doctor says its arthritis in both knees, should i stop working for a while first or just push thru",
            Context("ask_what_is_cma"),
            [],
            "ask_legal_or_medical",
        ),
        (
            "ask_what_is_cma",
            [("ask_what_is_cma", 0.66), ("out_of_scope", 0.14)],
            "whats actually different in the work, im tired of lifting ppl and bed baths all day",
            Context("ask_salary", (("role", "CNA"),)),
            [],
            "ask_compare_roles",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_career_advancement", 0.22)],
            "what can an MA actually do that i cant do as a pharm tech lol",
            Context("ask_salary"),
            [("role", "MA"), ("role", "pharm tech")],
            "ask_what_is_cma",
        ),
        (
            "ask_work_authorization",
            [("ask_work_authorization", 0.51), ("ask_what_is_cma", 0.31)],
            "dang. ive been working as an MA at an urgent care for 3 yrs tho, front and back office. does that work?",
            Context("ask_eligibility", (("credential", "RMA"),)),
            [("background", "working as an MA"), ("experience_years", "3 yrs")],
            "ask_eligibility",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.56), ("ask_choose_program", 0.26)],
            "ok so what does a real program look like, how many hours",
            Context("ask_scam_check", (("credential", "CMA"),)),
            [],
            "ask_scam_check",
        ),
        # a credential moved to Washington, or years counted there, is Washington's own credential
        (
            "ask_military_benefits",
            [("ask_military_benefits", 0.7), ("ask_which_credential", 0.13)],
            "Hi! I'm an RMA in Dayton (did a CAAHEP program, passed in 2018). We're moving to Tacoma. "
            "Does my RMA just transfer over?",
            Context(),
            [("credential", "RMA"), ("us_state", "Tacoma")],
            "ask_state_rules",
        ),
        (
            "ask_diploma_requirement",
            [("ask_diploma_requirement", 0.56), ("ask_eligibility", 0.13)],
            "i dont have any school tho. do my 3 yrs count for it",
            Context("ask_state_rules", (("us_state", "MA-C"),)),
            [("experience_years", "3 yrs")],
            "ask_state_rules",
        ),
        # a state's own credential, work in a named state, a number of hours: never the path, the topic in hand
        # or the advisors' office hours
        (
            "ask_duration",
            [("ask_duration", 0.95)],
            "and how long is the MA-C training hours wise",
            Context("ask_state_rules", (("us_state", "washington"),)),
            [("us_state", "MA-C")],
            "ask_state_rules",
        ),
        (
            "ask_state_rules",
            [("ask_state_rules", 0.41), ("inform", 0.3)],
            "and then could i work in arizona with it?",
            Context("ask_diploma_requirement", (("us_state", "tucson"), ("credential", "CCMA"))),
            [("us_state", "arizona")],
            "ask_state_rules",
        ),
        (
            "ask_advisor_info",
            [("ask_advisor_info", 0.99)],
            "someone at work said theres also a school hours thing, like 600 hours?? or did they change that",
            Context("ask_state_rules", (("us_state", "NJ"),)),
            [],
            "ask_state_rules",
        ),
        # a question NLU heard as a goodbye, an exam from home, a payer's part after a failure
        (
            "goodbye",
            [("goodbye", 0.91), ("ask_renewal", 0.03)],
            "how long after i get out is that good for",
            Context("ask_eligibility", (("credential", "rma"),)),
            [],
            "ask_eligibility",
        ),
        (
            "ask_exam_format",
            [("ask_exam_format", 0.9), ("ask_eligibility", 0.06)],
            "and the ccma, can i take that one from home?",
            Context("ask_exam_format", (("credential", "cma"),)),
            [("credential", "ccma")],
            "ask_exam_format",
        ),
        (
            "ask_exam_retake",
            [("ask_exam_retake", 0.91), ("ask_salary", 0.04)],
            "what if i fail, they still pay?",
            Context("ask_military_benefits"),
            [],
            "ask_military_benefits",
        ),
        # a child's fever, a DUI: advice only a doctor or an attorney can give
        (
            "out_of_scope",
            [("out_of_scope", 0.69), ("ask_legal_or_medical", 0.3)],
            "sorry off topic my youngest has a fever of 102 since last nite wat do i give him",
            Context("ask_financial_aid"),
            [],
            "ask_legal_or_medical",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("roadmap_done", 0.39)],
            "got a dui 10 yrs ago. will that keep me from getting certified",
            Context(),
            [],
            "ask_legal_or_medical",
        ),
        # money to retrain, the VA's list, retaking to renew, an exam from home, a window after school
        (
            "ask_salary",
            [("ask_salary", 0.49), ("ask_financial_aid", 0.24)],
            "I was laid off from my EMT job last month. Is there government money to retrain as a medical assistant?",
            Context(),
            [],
            "ask_financial_aid",
        ),
        (
            "ask_exam_format",
            [("ask_exam_format", 0.95), ("ask_exam_fee", 0.02)],
            "The CMA exam is on the list of VA or not?",
            Context("ask_military_benefits"),
            [("credential", "CMA exam")],
            "ask_military_benefits",
        ),
        (
            "ask_renewal",
            [("ask_renewal", 0.92), ("ask_exam_retake", 0.07)],
            "my coworker has the rma, can she just retake the exam to renew like me",
            Context("ask_renewal", (("credential", "CCMA"),)),
            [("credential", "rma")],
            "ask_renewal",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_exam_format", 0.32)],
            "which one can i take from home then",
            Context("ask_online_program"),
            [],
            "ask_exam_format",
        ),
        (
            "ask_exam_format",
            [("ask_exam_format", 0.62), ("ask_eligibility", 0.14)],
            "how long after school do i have to take the exam for that",
            Context("ask_eligibility", (("credential", "CCMA"),)),
            [],
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_financial_aid", 0.24)],
            "how many hrs of school does nj want for that",
            Context("ask_eligibility", (("credential", "CCMA"),)),
            [("us_state", "nj")],
            "ask_state_rules",
        ),
        (
            "ask_exam_retake",
            [("ask_exam_retake", 1.0)],
            "If I fail the exam, they pay again?",
            Context("ask_military_benefits"),
            [],
            "ask_military_benefits",
        ),
        # a place or a question said again in a word or two: the same question
        (
            "inform",
            [("inform", 0.43), ("roadmap_overview", 0.09)],
            "All California?",
            Context("ask_salary", (("us_state", "los angeles"),)),
            [("us_state", "California")],
            "ask_salary",
        ),
        # "i meant" another credential asks the same question for it
        (
            "ask_credential_info",
            [("ask_credential_info", 0.65)],
            "wait sorry i meant rma",
            Context("ask_exam_retake", (("credential", "cma exam"),)),
            [("credential", "rma")],
            "ask_exam_retake",
        ),
    ],
)
def test_more_readings_from_a_fresh_set(intent, ranking, text, context, named, expected):
    assert understand(intent, ranking[0][1], named, text, context, ranking).intent == expected


def test_the_national_median_after_a_state_s_pay_leaves_the_state():
    context = Context("ask_salary", (("us_state", "georgia"),))
    got = understand("ask_salary", 0.9, [], "Understood. What is the national median salary then?", context)
    assert not [e for e in got.entities if e[0] == "us_state"]


def test_pay_for_one_hour_is_the_hourly_figure():
    assert cued_aspect("ask_salary", "How much medical assistant make for one hour?") == "hourly"


def test_work_still_ahead_is_no_background():
    heard = read("Realistically, from today, how long until I'm actually working as a CMA? I have two small kids.")
    assert "background" not in heard.changes
    assert read("I'm working as a CMA now").changes["background"] == "working_ma"


def test_a_part_named_after_and_the_asks_the_topic_in_hand_again():
    got = understand("inform", 0.6, [], "and the bottom 10%", Context("ask_salary"), [("inform", 0.6)])
    assert got.intent == "ask_salary" and got.follow_up


def test_the_same_question_asked_again_is_no_statement_about_oneself():
    assert not read("Same question for CMA with military training.", {"background": "military"}).statement


@pytest.mark.parametrize(
    "intent, ranking, text, context, named, expected",
    [
        # how long a credential stays good, said without "renew": renewal, not a certificate program's length
        (
            "ask_renewal",
            [("ask_renewal", 0.95), ("ask_duration", 0.02)],
            "after i pass how long the certificate is good",
            Context("ask_exam_format", (("credential", "ncma"),)),
            [("program_type", "certificate")],
            "ask_renewal",
        ),
        (
            "ask_renewal",
            [("ask_renewal", 0.93), ("out_of_scope", 0.04)],
            "how many hours of CE do they want a year",
            Context("ask_renewal", (("credential", "NCMA"),)),
            [],
            "ask_renewal",
        ),
        # a life story with a sick mother around "am I still certified?": the credential's standing
        (
            "ask_legal_or_medical",
            [("ask_legal_or_medical", 0.37), ("ask_scam_check", 0.12), ("ask_renewal", 0.12)],
            "So I got my NCMA back in 2021 through my school and honestly life got crazy, my mom got sick, the kids, "
            "I changed jobs twice, and I never did a single CE class. My card says five years on it. So am I still "
            "certified or not??",
            Context(),
            [("credential", "NCMA"), ("experience_years", "five years")],
            "ask_renewal",
        ),
        # money for military spouses is MyCAA, though "how much do they give you" sounds like pay
        (
            "ask_salary",
            [("ask_salary", 0.6), ("ask_ecfmg", 0.19), ("ask_renewal", 0.15)],
            "anyway someone at the FRG meeting said theres money for spouses to do a medical certificate?? how much "
            "do they give you. i have two kids so i need something i can actually finish",
            Context(),
            [("role", "CNA"), ("program_type", "certificate")],
            "ask_military_benefits",
        ),
        # shots and a background check before a program starts: what the program asks (its cost answer)
        (
            "ask_program_cost",
            [("ask_program_cost", 0.95), ("roadmap_back", 0.02)],
            "do i need like shots n a background check before starting 😬",
            Context("ask_externship"),
            [],
            "ask_program_cost",
        ),
        (
            "ask_program_cost",
            [("ask_program_cost", 0.97), ("ask_choose_program", 0.01)],
            "do schools run background checks",
            Context("ask_externship"),
            [],
            "ask_program_cost",
        ),
        # where to confirm the answer in hand: that answer names it
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_state_rules", 0.2)],
            "Where would I confirm the current rules?",
            Context("ask_ecfmg"),
            [],
            "ask_ecfmg",
        ),
        # whether a credential lets them in with the experience they told: its eligibility
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_salary", 0.38)],
            "actually nvm national is probably better. does the CMA let me in with that experience",
            Context("ask_learn_on_job", (("us_state", "california"),)),
            [("credential", "CMA")],
            "ask_eligibility",
        ),
    ],
)
def test_readings_from_the_sixth_session_s_development_sets(intent, ranking, text, context, named, expected):
    assert understand(intent, ranking[0][1], named, text, context, ranking).intent == expected


def test_how_many_jobs_there_are_is_the_outlook_of_pay():
    for text in ("Understood. How many of these jobs are there nationally?", "r there gonna be jobs tho"):
        assert cued_aspect("ask_salary", text) == "outlook", text


def test_money_for_spouses_is_the_spouse_part_of_military_benefits():
    got = understand("ask_salary", 0.6, [], "theres money for spouses to do a certificate?? how much", Context())
    assert got.intent == "ask_military_benefits" and ("aspect", "spouse") in got.entities


def test_a_request_asks_like_a_question_and_is_no_statement_about_oneself():
    text = "no wait, I change my mind, tell me the renew of the RMA better"
    assert looks_like_question(text) and not read(text).statement
    assert not looks_like_question("tell me more") and not looks_like_question("I worked 3 years as an MA")


def test_trying_pell_first_is_wioa_s_rule_that_other_grants_come_first():
    for text in (
        "Do I have to try Pell first in Ohio?",
        "Would I have to try for a Pell Grant before they would fund me?",
    ):
        assert cued_aspect("ask_financial_aid", text) == "wioa", text
    assert cued_aspect("ask_financial_aid", "can i get a pell grant") != "wioa"


def test_same_question_for_a_credential_after_a_two_question_message_asks_the_credential_s_question():
    """The message before asked whether medic training counts for the RMA, then about SkillBridge (answered last):
    "Same question for CMA" asks the first one again, for the CMA, as NLU read it."""
    context = Context("ask_military_benefits", (("role", "MA"), ("credential", "RMA")), "skillbridge")
    ranking = [("ask_eligibility", 0.431), ("ask_military_benefits", 0.123), ("ask_exam_format", 0.113)]
    named = [("credential", "CMA"), ("background", "military training")]
    text = "Same question for CMA with military training."
    assert understand("ask_eligibility", 0.431, named, text, context, ranking).intent == "ask_eligibility"
    # with no credential named, the same question stays on the topic in hand
    got = understand("ask_eligibility", 0.431, [], "same question for my husband", context, ranking)
    assert got.intent == "ask_military_benefits"


def test_how_long_an_evaluation_report_is_good_is_the_report_s_not_a_credential_s():
    for text in ("and how long is good for", "how long is it good for after?"):
        got = understand("ask_renewal", 0.92, [], text, Context("ask_credential_evaluation"), [("ask_renewal", 0.92)])
        assert got.intent == "ask_credential_evaluation", text
    got = understand("ask_renewal", 0.92, [], "how long is it good for", Context("ask_exam_format"))
    assert got.intent == "ask_renewal"


def test_training_while_still_in_high_school_is_no_military_training():
    text = "can i start training while im still in hs or do i have to graduate first"
    got = understand(
        "ask_diploma_requirement", 0.6, [], text, Context("ask_duration"), [("ask_diploma_requirement", 0.6)]
    )
    assert got.intent != "ask_military_benefits"
    medic = understand("nlu_fallback", 0.4, [], "can i train at a clinic while im still in the army", Context())
    assert medic.intent == "ask_military_benefits"


@pytest.mark.parametrize(
    "intent, ranking, text, context, named, expected",
    [
        # a state and the word "pay" after retakes: that state's pay, not the price of another try
        (
            "ask_salary",
            [("ask_salary", 0.58)],
            "ohio pay",
            Context("ask_exam_retake"),
            [("us_state", "ohio")],
            "ask_salary",
        ),
        # "how long is that one" right after an exam's format: the exam's length, not a program's
        (
            "ask_duration",
            [("ask_duration", 0.61)],
            "how long is that one",
            Context("ask_exam_format"),
            [],
            "ask_exam_format",
        ),
        # "hours" beside "total" is a requirement's hours, never the advisors' office hours
        (
            "ask_advisor_info",
            [("ask_advisor_info", 0.41), ("ask_program_cost", 0.13)],
            "and total hours?",
            Context("ask_eligibility"),
            [],
            "ask_eligibility",
        ),
        # a credential's way in for service members is its eligibility, not GI Bill money
        (
            "inform",
            [("inform", 0.99)],
            "and the RMA has a military way in right",
            Context("ask_military_benefits"),
            [("credential", "RMA"), ("background", "military")],
            "ask_eligibility",
        ),
        # the examination's cost after renewal is the exam fee
        (
            "ask_exam_fee",
            [("ask_exam_fee", 0.88)],
            "What would the examination cost me on top of that?",
            Context("ask_renewal", (("credential", "CMA (AAMA)"),)),
            [],
            "ask_exam_fee",
        ),
        # work counting toward a credential after a state's rules: eligibility (the words and NLU's
        # next choice agree), not whether a credential counts in that state
        (
            "ask_renewal",
            [("ask_renewal", 0.68), ("ask_eligibility", 0.25)],
            "My receptionist time, it counts for the RMA experience?",
            Context("ask_state_rules", (("us_state", "Texas"),)),
            [("credential", "RMA")],
            "ask_eligibility",
        ),
        # a longer follow-up that points back, whose best question is still the topic in hand
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_financial_aid", 0.393), ("ask_legal_or_medical", 0.213)],
            "but i already have a bachelors in psych, can i still get it",
            Context("ask_financial_aid"),
            [],
            "ask_financial_aid",
        ),
        # parts of the program's length, asked after it
        ("nlu_fallback", FALLBACK, "the school part", Context("ask_duration"), [], "ask_duration"),
        ("inform", [("inform", 0.62)], "anything faster", Context("ask_duration"), [], "ask_duration"),
        # another credential's renewal cycle, compared
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_pass_rate", 0.26), ("ask_renewal", 0.14)],
            "How does that compare with the CMA (AAMA) cycle? My colleague holds that one.",
            Context("ask_renewal", (("credential", "CCMA"),)),
            [("credential", "CMA (AAMA)")],
            "ask_renewal",
        ),
        # how much more other roles make is pay, however sure NLU is it is a comparison of roles
        (
            "ask_compare_roles",
            [("ask_compare_roles", 1.0)],
            "how much more do nurses make tho, like lpn vs rn vs ma",
            Context(),
            [("role", "lpn"), ("role", "rn"), ("role", "ma")],
            "ask_salary",
        ),
    ],
)
def test_readings_from_the_seventh_session_s_development_sets(intent, ranking, text, context, named, expected):
    assert understand(intent, ranking[0][1], named, text, context, ranking).intent == expected


def test_a_bare_role_after_pay_asks_that_role_s_pay():
    """ "pharmacy tech?" after what MAs earn: NLU is sure it is out of scope; it is the same question."""
    got = understand("out_of_scope", 0.92, [("role", "pharmacy tech")], "pharmacy tech?", Context("ask_salary"))
    assert got.intent == "ask_salary" and got.follow_up
    assert understand("out_of_scope", 0.92, [("role", "pharmacy tech")], "pharmacy tech?", Context()).intent == (
        "out_of_scope"
    )


def test_whether_a_job_is_easy_to_find_is_the_outlook_and_refunds_are_the_fee_s_whole_answer():
    assert cued_aspect("ask_salary", "is it gonna be easy to get a job tho") == "outlook"
    got = understand("nlu_fallback", 0.4, [], "growth?", Context("ask_salary"), FALLBACK)
    assert got.intent == "ask_salary" and _aspect(got) == "outlook"
    refund = understand(
        "nlu_fallback", 0.4, [], "Refundable?", Context("ask_exam_fee", (("credential", "RMA"),), "window"), FALLBACK
    )
    assert refund.intent == "ask_exam_fee" and _aspect(refund) is None


def test_a_question_about_work_as_an_ma_or_a_child_s_program_tells_nothing_of_the_person():
    pa = read("ok so my end goal is PA but i heard u need patient care hours, does working as an MA count for that?")
    assert "background" not in pa.changes
    son = read(
        "Hello. My son has completed a medical assisting certificate and is unsure whether he must be "
        "certified to work in Maryland. Could you advise?"
    )
    assert "education" not in son.changes
    own = read("i've been working as an MA 3 years, does it count", {"background": "working_ma"})
    assert own.changes.get("background") == "working_ma" and own.changes.get("experience_years") == 3


def test_years_since_a_program_are_no_years_of_work(kb: KnowledgeBase):
    """ "could i just take the ccma instead, i finished my program 2 yrs ago": 2 years since the program,
    not 2 years of medical assisting work."""
    profile = Profile(years_since_graduation=2.0)
    reply = reply_for(kb, "ask_eligibility", [("credential", "ccma"), ("experience_years", "2 yrs")], profile)
    assert "2 years of" not in reply.text
    worked = reply_for(kb, "ask_eligibility", [("credential", "ccma"), ("experience_years", "2 yrs")], Profile())
    assert "2 years of medical assisting work" in worked.text


def test_a_credential_named_beside_an_accreditor_gets_that_credential_s_rule(kb: KnowledgeBase):
    """ "Must her school hold CAAHEP accreditation to sit the NCMA?": the NCMA's rule, not what CAAHEP is."""
    text = "Must her school hold CAAHEP accreditation for her to sit the NCMA?"
    named = [("accreditor", "CAAHEP"), ("credential", "NCMA")]
    got = understand("ask_accredited_programs", 1.0, named, text, Context())
    ncma = reply_for(kb, "ask_accredited_programs", [("credential", "NCMA")])
    assert reply_for(kb, got.intent, got.entities).text == ncma.text
    # CAAHEP asked about, with a credential only remembered from before: what CAAHEP is
    context = Context("ask_eligibility", (("credential", "CMA"),))
    caahep = understand(
        "ask_accredited_programs", 1.0, [("accreditor", "CAAHEP")], "Is CAAHEP approved by ED?", context
    )
    assert reply_for(kb, caahep.intent, caahep.entities).text == reply_for(kb, caahep.intent, [named[0]]).text


def test_a_story_with_one_credential_named_is_that_credential_s_question_not_the_check_form():
    text = (
        "i've worked at a pediatrician office for 2 yrs now, front desk plus rooming pts and doing vitals, "
        "no certificate or anything. can i sit for the CMA?"
    )
    assert misread_opener("check_eligibility", text, Context())
    ranking = [("check_eligibility", 0.54), ("ask_eligibility", 0.35)]
    named = [("experience_years", "2 yrs"), ("credential", "CMA")]
    assert understand("nlu_fallback", 0.54, named, text, Context(), ranking).intent == "ask_eligibility"
    # asking for the check itself still opens it
    assert not misread_opener("check_eligibility", "can you check if i can take the cma", Context())


def test_the_same_question_asked_of_another_credential_and_ecfmg_s_exams():
    ranking = [("nlu_fallback", 0.4), ("ask_renewal", 0.21), ("ask_foreign_nurse", 0.16)]
    named = [("credential", "CMA (AAMA)")]
    text = "Does the CMA (AAMA) have anything comparable?"
    assert understand("nlu_fallback", 0.4, named, text, Context("ask_eligibility"), ranking).intent == "ask_eligibility"
    text = "Thank you. Which examinations must one pass to obtain it at present?"
    ecfmg = Context("ask_ecfmg", (), "requirements")
    ranking = [("ask_pass_rate", 0.52), ("ask_exam_format", 0.41)]
    assert understand("ask_pass_rate", 0.52, [], text, ecfmg, ranking).intent == "ask_ecfmg"


def test_pa_school_is_a_path_after_medical_assisting_whose_facts_we_do_not_have(kb: KnowledgeBase):
    """ "then PA school. how long is that": never the MA program's length; we say we don't know, and who does."""
    ranking = [("ask_duration", 0.43), ("out_of_scope", 0.33)]
    got = understand("ask_duration", 0.43, [], "then PA school. how long is that", Context("ask_learn_on_job"), ranking)
    assert got.intent == "ask_career_advancement" and _aspect(got) == "physician_assistant"
    reply = reply_for(kb, got.intent, got.entities)
    assert reply.text.startswith("I don't have sourced facts") and "admissions" in reply.text


@pytest.mark.parametrize(
    "intent, ranking, text, context, named, expected",
    [
        # going straight for a credential with one's training is its eligibility, not a legal question
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_legal_or_medical", 0.33), ("ask_eligibility", 0.27)],
            "and my 4N0 training, can i go straight for rma?",
            Context(),
            [("credential", "rma")],
            "ask_eligibility",
        ),
        # how soon after the program one must sit the exam is eligibility (a recent graduate's window)
        (
            "ask_duration",
            [("ask_duration", 0.44), ("out_of_scope", 0.29)],
            "how soon after finishing does he have to take it",
            Context("ask_exam_format"),
            [],
            "ask_eligibility",
        ),
        # front desk or hands-on: what the job is
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_salary", 0.45), ("ask_what_is_cma", 0.37)],
            "been a bank teller 20 yrs and got let go. honestly is medical assisting more front desk or more "
            "hands-on patient stuff",
            Context(),
            [("experience_years", "20 yrs")],
            "ask_what_is_cma",
        ),
        # needing one in a state NLU could not place is that state's rules
        (
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_state_rules", 0.4), ("ask_usmle", 0.28)],
            "hey so i been working as an MA at a family clinic in san antonio for like 3 yrs no cert. do i even "
            "need one in texas??",
            Context(),
            [("us_state", "texas")],
            "ask_state_rules",
        ),
        # the time to test once the application is in, in a conversation about eligibility: the window
        (
            "ask_exam_format",
            [("ask_exam_format", 0.6), ("ask_accommodations", 0.14)],
            "How long do I have to test once I send the application in?",
            Context("ask_eligibility"),
            [],
            "ask_exam_fee",
        ),
        # legal trouble after a task in a state: only a lawyer can say
        (
            "ask_state_rules",
            [("ask_state_rules", 0.7)],
            "wait if i already gave a couple shots last week am i in legal trouble",
            Context("ask_state_rules", (("us_state", "New Jersey"),)),
            [],
            "ask_legal_or_medical",
        ),
    ],
)
def test_readings_a_retrained_model_moved(intent, ranking, text, context, named, expected):
    assert understand(intent, ranking[0][1], named, text, context, ranking).intent == expected


def test_a_task_is_no_request_for_the_plan():
    assert misread_opener("start_roadmap", "ok what about starting IVs", Context("ask_state_rules"))
    assert not misread_opener("start_roadmap", "where do i start", Context())
    assert not misread_opener("start_roadmap", "make me a plan, i want to be giving shots by summer", Context())


def test_opt_and_m1_by_name_are_work_permission_questions(kb: KnowledgeBase):
    """Only the school's DSO, USCIS or an attorney can decide; the answer says so, with what the sheets report."""
    for text in ("My friend is telling me about OPT, what is this exactly?", "he is on M-1 for vocational school"):
        got = understand("nlu_fallback", 0.4, [], text, Context("ask_financial_aid"), FALLBACK)
        assert got.intent == "ask_work_authorization", text
    assert understand("nlu_fallback", 0.4, [], "can i opt out of the externship", Context(), FALLBACK).intent != (
        "ask_work_authorization"
    )
    reply = reply_for(kb, "ask_work_authorization", [])
    assert kb.facts(["f1_opt_rule"])["f1_opt_rule"].value in reply.text and "DSO" in reply.text


@pytest.mark.parametrize(
    "text, not_work, work",
    [
        ("My program was 9 months at a community college, 740 hours including a 160 hour externship.", 0.75, None),
        ("my hospital trained me in house for 8 months and I've worked 2 yrs since", 8 / 12, None),
        ("I did a 10 month program and worked 4 years as an MA", 10 / 12, 4.0),
    ],
)
def test_a_program_s_length_is_no_years_of_work(text, not_work, work):
    """The bot once told someone "With 9 months of medical assisting work" about their 9-month program."""
    heard = read(text, {}, Profile())
    assert not_work in heard.not_ma_years
    assert heard.changes.get("experience_years") == work


@pytest.mark.parametrize(
    "intent, ranking, text, context, expected",
    [
        # the question is short, though a worry follows it
        (
            "ask_duration",
            [("ask_duration", 0.54), ("ask_renewal", 0.12)],
            "and is there a deadline to finish it? we might PCS in 2 years and I'm freaking out",
            Context("ask_military_benefits"),
            "ask_military_benefits",
        ),
        # whether a credential satisfies the rule in hand is that state's rules
        (
            "ask_credential_info",
            [("ask_credential_info", 0.84)],
            "I see. Would the NHA certification, the CCMA, satisfy that rule?",
            Context("ask_state_rules", (("us_state", "Arizona"),)),
            "ask_state_rules",
        ),
        # "too" and "even if" go on with the topic in hand
        (
            "ask_exam_fee",
            [("ask_exam_fee", 0.76)],
            "pays for the cert test too?",
            Context("ask_military_benefits"),
            "ask_military_benefits",
        ),
        (
            "ask_exam_retake",
            [("ask_exam_retake", 0.77)],
            "even if i fail it",
            Context("ask_military_benefits"),
            "ask_military_benefits",
        ),
    ],
)
def test_readings_from_blind_al(intent, ranking, text, context, expected):
    assert understand(intent, ranking[0][1], [], text, context, ranking).intent == expected


def test_speaking_with_an_advisor_is_a_request_and_an_ellipsis_is_a_pause():
    parse = {"text": "Thank you, that is very helpful. I would appreciate speaking with one of your advisors directly."}
    parse["intent"] = {"name": "thank", "confidence": 0.6}
    assert heard_person(parse)["intent"]["name"] == "request_human"
    text = "so what's the difference in pay... MA versus CNA... is it worth the extra school"
    assert split_questions(text) == [text]
    assert split_questions("How long is it? How much is it?") == ["How long is it?", "How much is it?"]


def test_a_facet_word_does_not_hold_a_question_that_names_its_own_topic():
    """Each of these broke once in a replay of the development sets."""
    renewal = understand(
        "ask_renewal",
        0.7,
        [("certifying_body", "NHA"), ("credential", "CCMA")],
        "ok and if i wanted the national one too, whats the NHA CCMA renewal",
        Context("ask_salary", (("us_state", "California"),)),
        [("ask_renewal", 0.7)],
    )
    assert renewal.intent == "ask_renewal"
    text = "He worked two summers at a pediatrician's office doing front desk. Does that count for anything toward the exams?"
    ohio = Context("ask_state_rules", (("us_state", "Ohio"),))
    assert understand("ask_eligibility", 0.5, [], text, ohio, [("ask_eligibility", 0.5)]).intent == "ask_eligibility"
    coding = "My claims background means I know ICD-10 and CPT fairly well. Is there a path into billing and coding?"
    ranking = [("ask_career_advancement", 0.6)]
    assert understand("ask_career_advancement", 0.6, [], coding, Context(), ranking).intent == "ask_career_advancement"


@pytest.mark.parametrize(
    "intent, ranking, text, context, expected",
    [
        # a figure compared across the credentials is that figure's topic
        (
            "ask_which_credential",
            [("ask_which_credential", 0.97), ("ask_exam_format", 0.03)],
            "CMA vs RMA vs CCMA vs NCMA — which test is the longest and which one has the most questions?",
            Context(),
            "ask_exam_format",
        ),
        (
            "ask_exam_study",
            [("ask_exam_study", 0.7), ("ask_renewal", 0.2)],
            "I handle hiring for a family practice. Could you summarize how often each of the four credentials "
            "has to be renewed — CMA, RMA, CCMA and NCMA?",
            Context(),
            "ask_renewal",
        ),
        # a program ending in five weeks is no "CMA in 5 weeks" offer
        (
            "ask_eligibility",
            [("ask_eligibility", 1.0)],
            "i finish my MA program in 5 weeks, can i take the CMA exam before i actually graduate or do i have to wait",
            Context(),
            "ask_eligibility",
        ),
        # the question, not the aside after it ("she said she'd help pay")
        (
            "ask_learn_on_job",
            [("ask_learn_on_job", 0.52), ("ask_eligibility", 0.45)],
            "so ive been doing MA work at a pediatric office for like 6 years now, my doctor trained me himself, "
            "can i even take one of the tests without school? anyway she said she'd help pay so thats good",
            Context(),
            "ask_eligibility",
        ),
        (
            "ask_what_is_cma",
            [("ask_what_is_cma", 0.53), ("ask_salary", 0.38)],
            "whats a CMA make in baltimore",
            Context(),
            "ask_salary",
        ),
        (
            "ask_program_cost",
            [("ask_program_cost", 0.43), ("ask_choose_program", 0.21)],
            "My daughter is in her final year of high school. Must she complete her diploma before she may begin a "
            "training program?",
            Context(),
            "ask_diploma_requirement",
        ),
        (
            "ask_choose_program",
            [("ask_choose_program", 0.47), ("ask_which_credential", 0.34)],
            "ok. what cert makes sense for me since i never went to school",
            Context(),
            "ask_which_credential",
        ),
        (
            "nlu_fallback",
            FALLBACK,
            "is NCMA a real MA cert or is that the contract management thing",
            Context(),
            "ask_credential_info",
        ),
        # follow-ups on the topic in hand, in plain words
        (
            "nlu_fallback",
            FALLBACK,
            "thats kinda low ngl, whats it like for the whole country",
            Context("ask_salary", (("us_state", "Ohio"),)),
            "ask_salary",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.45)],
            "how many shots do i get at it",
            Context("ask_exam_retake"),
            "ask_exam_retake",
        ),
        (
            "out_of_scope",
            [("out_of_scope", 0.4)],
            "and who do i book with",
            Context("ask_exam_retake"),
            "ask_exam_format",
        ),
        (
            "ask_exam_format",
            [("ask_exam_format", 0.65)],
            "once I apply, how long do I have to actually take the test?",
            Context("ask_exam_format"),
            "ask_exam_fee",
        ),
        (
            "ask_advisor_info",
            [("ask_advisor_info", 0.69)],
            "anything else they need from me besides the hours?",
            Context("ask_eligibility"),
            "ask_eligibility",
        ),
    ],
)
def test_readings_from_blind_am(intent, ranking, text, context, expected):
    assert understand(intent, ranking[0][1], [], text, context, ranking).intent == expected


def test_a_city_named_after_a_state_s_pay_is_its_pay():
    named = [("us_state", "san francisco")]
    text = "wat about san francisco my cousin lives there"
    understood = understand("out_of_scope", 0.61, named, text, Context("ask_salary", (("us_state", "Ohio"),)), [])
    assert (understood.intent, understood.entities) == ("ask_salary", named)


def test_a_short_program_s_grant_and_a_green_card_holder_s_aid_are_their_own_answers():
    assert cued_aspect(
        "ask_financial_aid", "She is looking at a short course of about ten weeks. Would that be eligible?"
    ) == ("workforce_pell")
    assert cued_aspect("ask_financial_aid", "When does that new grant begin?") == "workforce_pell"
    assert (
        cued_aspect("ask_financial_aid", "we have green cards not citizenship yet, can i still do fafsa")
        == "noncitizen"
    )


def test_a_finished_program_answers_the_background_question_and_is_their_program():
    assert roadmap_background(
        "He completed a nine-month medical assistant certificate at a local college last spring.", {}
    ) == ("hs_graduate")
    # "omg i finished my program last week!!" is news that moves a plan on (or opens the exams), not a
    # profile fact: read as one, it re-planned an IMG's roadmap instead of marking their program done
    assert "education" not in read("omg i finished my program last week!!").changes


def test_next_door_is_a_place_and_what_to_do_first_is_the_plan():
    next_door = {"text": "ohio next door", "intent": {"name": "roadmap_next", "confidence": 0.94}}
    assert without_misheard_person(next_door)["intent"]["name"] != "roadmap_next"
    first = {"text": "ok so what do i do first", "intent": {"name": "roadmap_where", "confidence": 0.93}}
    assert without_misheard_person(first)["intent"]["name"] == "roadmap_where"
    assert heard_step_asked(first)["intent"]["name"] == "roadmap_repeat"  # the step in full, not its number
    where = {"text": "where am i in the plan", "intent": {"name": "roadmap_where", "confidence": 0.95}}
    assert heard_step_asked(where)["intent"]["name"] == "roadmap_where"


@pytest.mark.parametrize(
    "intent, ranking, text, context, expected",
    [
        (
            "ask_state_rules",
            [("ask_state_rules", 0.84)],
            "do MAs in maryland do injections",
            Context(),
            "ask_state_rules",
        ),
        (
            "ask_which_credential",
            [("ask_which_credential", 0.74), ("ask_eligibility", 0.1)],
            "I am a Hospital Corpsman separating from the Navy next spring. Which medical assistant certifications "
            "accept military medical training?",
            Context(),
            "ask_eligibility",
        ),
        (
            "ask_eligibility",
            [("ask_eligibility", 0.6)],
            "Should I miss that window, what would the re-examination route cost?",
            Context("ask_renewal"),
            "ask_exam_retake",
        ),
        (
            "ask_renewal",
            [("ask_renewal", 0.7)],
            "Ugh. So what does re-taking it cost me all in?",
            Context("ask_renewal"),
            "ask_exam_retake",
        ),
        (
            "ask_eligibility",
            [("ask_eligibility", 0.7)],
            "And how many of the CMA questions actually count?",
            Context("ask_exam_format"),
            "ask_exam_format",
        ),
        (
            "ask_which_credential",
            [("ask_which_credential", 0.6)],
            "Someone mentioned an interim credential while you sort it out — how does that work?",
            Context("ask_state_rules", (("us_state", "Washington"),)),
            "ask_state_rules",
        ),
        (
            "ask_eligibility",
            [("ask_eligibility", 0.7)],
            "Who decide if my ukrainian diploma is recognized here? Is some government office for this?",
            Context(),
            "ask_wes",  # what an evaluation is, whose answer says who decides
        ),
        (
            "ask_renewal",
            [("ask_renewal", 0.6)],
            "for RMA by experience I read 3 years in one place and 5 years in another, which is right??",
            Context(),
            "ask_eligibility",
        ),
    ],
)
def test_readings_from_blind_al_read_again(intent, ranking, text, context, expected):
    assert understand(intent, ranking[0][1], [], text, context, ranking).intent == expected


def test_a_credential_carried_to_another_state_is_that_state_s_rules():
    named = [("credential", "CCMA"), ("us_state", "New York")]
    text = "does my CCMA carry over or do I need a New York one"
    florida = Context("ask_state_rules", (("us_state", "Florida"),))
    assert understand("ask_renewal", 0.7, named, text, florida, [("ask_renewal", 0.7)]).intent == "ask_state_rules"
    credits = understand("ask_renewal", 0.7, [], "do my extra CE credits carry over", Context("ask_renewal"), [])
    assert credits.intent == "ask_renewal"


def test_where_the_exam_is_taken_is_answered_for_every_credential(kb: KnowledgeBase):
    assert cued_aspect("ask_exam_format", "can i take the test from home or do i gotta go somewhere") == "where"
    reply = reply_for(kb, "ask_exam_format", [("aspect", "where")])
    for credential in ("cma", "rma", "ccma", "ncma"):
        assert kb.credential(credential).abbreviation in reply.text
    assert "remote" in reply.text


def test_where_the_exam_is_taken_answers_one_question_and_a_credential_s_answer_says_it_too():
    """ "whats passing" after where the exam is taken asks the passing scores, not where again."""
    after_where = Context("ask_exam_format", (), "where")
    assert _aspect(understand("ask_exam_format", 0.9, [], "whats passing", after_where, [])) == "passing"
    cma = understand(
        "ask_exam_format", 0.9, [("credential", "CMA")], "is the cma one online from home too", Context(), []
    )
    assert _aspect(cma) is None and ("credential", "CMA") in cma.entities


def test_what_mas_actually_make_is_pay():
    ranking = [("ask_pass_rate", 0.73), ("ask_salary", 0.12)]
    text = "what do MAs actually make, real numbers not the school's"
    assert understand("ask_pass_rate", 0.73, [("role", "MAs")], text, Context(), ranking).intent == "ask_salary"


def test_a_ged_earned_first_is_their_plan_not_the_diploma_rule():
    text = "ok say i get my GED first, then with my 9 yrs what could i take"
    ranking = [("ask_eligibility", 0.6)]
    assert understand("ask_eligibility", 0.6, [], text, Context("ask_eligibility"), ranking).intent == "ask_eligibility"


@pytest.mark.parametrize(
    "intent, ranking, text, named, context, expected",
    [
        (
            "ask_which_credential",
            [("ask_which_credential", 0.8)],
            "Hello. I was pharmacist in Egypt. Which exam is shorter, the CMA or the CCMA?",
            [("credential", "CMA"), ("credential", "CCMA")],
            Context(),
            "ask_exam_format",
        ),
        (
            "ask_exam_fee",
            [("ask_exam_fee", 0.7)],
            "for the nha one how much exp do u need",
            [],
            Context("ask_eligibility"),
            "ask_eligibility",
        ),
        (
            "ask_salary",
            [("ask_salary", 0.6)],
            "and back in jersey whats the education hours rule again",
            [("us_state", "jersey")],
            Context("ask_salary", (("us_state", "New York"),)),
            "ask_state_rules",
        ),
        (
            "ask_usmle",
            [("ask_usmle", 0.9)],
            "I am foreign medical graduate living in Chicago and preparing USMLE. Is USMLE required for become "
            "certified medical assistant?",
            [("us_state", "Chicago")],
            Context(),
            "ask_usmle",
        ),
        (
            "ask_legal_or_medical",
            [("ask_legal_or_medical", 0.7)],
            "ok but is that even allowed in new york for somebody who's not a nurse",
            [("us_state", "new york")],
            Context("ask_state_rules", (("us_state", "New York"),)),
            "ask_state_rules",
        ),
    ],
)
def test_readings_from_blind_ao(intent, ranking, text, named, context, expected):
    assert understand(intent, ranking[0][1], named, text, context, ranking).intent == expected


_LONG_STORY = (
    "Hi there, so I've been at the front desk of a pediatrician's office for going on 11 years now, and my doctor "
    "keeps telling me I should move up. She mentioned an online medical office administration course, and I'm "
    "wondering would finishing something like that let me sit for the CMA exam, because honestly I don't want to "
    "do needles if I can avoid it"
)


@pytest.mark.parametrize(
    "intent, confidence, text, named, context, expected",
    [
        # the test's own length, not a program's, once its fee is in hand
        (
            "ask_duration",
            0.75,
            "how long is it",
            [],
            Context("ask_exam_fee", (("credential", "NCMA"),)),
            "ask_exam_format",
        ),
        # after renewal "how long is it" stays the credential's
        ("ask_duration", 0.75, "how long is it", [], Context("ask_renewal", (("credential", "CMA"),)), "ask_renewal"),
        # a state named with "is that allowed" after a legal question NLU half-declined: that state's rules
        (
            "out_of_scope",
            0.56,
            "ok but is that even allowed in new york for somebody who's not a nurse",
            [("us_state", "new york"), ("role", "nurse")],
            Context("ask_legal_or_medical"),
            "ask_state_rules",
        ),
        # a request for the menu has words of its own; without them, the question's words decide
        ("help", 0.58, "ugh ok which ones DO let you use work exp", [], Context("ask_eligibility"), "ask_eligibility"),
        ("help", 0.9, "what can you help me with", [], Context("ask_eligibility"), "help"),
        # wanting the answer in hand plainly
        (
            "nlu_fallback",
            0.4,
            "so do i or not",
            [],
            Context("ask_state_rules", (("us_state", "South Dakota"),)),
            "ask_state_rules",
        ),
        # a neighbour's part, named alone
        ("nlu_fallback", 0.4, "remote?", [], Context("ask_exam_retake", (("credential", "CCMA"),)), "ask_exam_format"),
        (
            "ask_advisor_info",
            0.54,
            "school hrs?",
            [],
            Context("ask_state_rules", (("us_state", "New Jersey"),)),
            "ask_state_rules",
        ),
        # whether a course would let them sit an exam, told inside a long story NLU half-read as medical
        ("ask_legal_or_medical", 0.46, _LONG_STORY, [("credential", "CMA exam")], Context(), "ask_eligibility"),
    ],
)
def test_readings_from_blind_ao_follow_ups(intent, confidence, text, named, context, expected):
    ranking = [(intent, confidence)]
    assert understand(intent, confidence, named, text, context, ranking).intent == expected


def test_remote_after_the_retake_wait_asks_where_that_exam_is_taken(kb: KnowledgeBase):
    got = understand(
        "nlu_fallback", 0.4, [], "remote?", Context("ask_exam_retake", (("credential", "CCMA"),)), FALLBACK
    )
    # the credential in hand keeps its own exam answer, which says where it is taken
    own = reply_for(kb, "ask_exam_format", [("credential", "CCMA")])
    assert reply_for(kb, got.intent, got.entities).text == own.text


def test_a_neighbouring_job_s_years_are_no_medical_assisting_work():
    """ "im a scribe at an urgent care 2 yrs now does any of that count if i want to go for the cma": two years
    as a scribe, asked about (the CMA named in it is no MA work of theirs)."""
    text = "hey so im a scribe at an urgent care 2 yrs now does any of that count if i want to go for the cma"
    heard = read(text)
    assert "experience_years" not in heard.changes
    assert heard.changes["other_healthcare_role"] == "medical scribe" and heard.changes["other_healthcare_years"] == 2
    assert looks_like_question(text) and not heard.statement
    assert read("been a home health aide 4 years").changes["other_healthcare_role"] == "home health aide"
    assert read("i work as an MA 3 yrs, front desk and back office").changes["experience_years"] == 3


@pytest.mark.parametrize(
    "intent, confidence, text, named, context, expected",
    [
        # another role's pay set beside an MA's is pay, however sure NLU was of the comparison
        (
            "ask_compare_roles",
            0.98,
            "fair. last thing, CNA vs MA pay, because my cousin is CNA",
            [("role", "CNA"), ("role", "MA")],
            Context(),
            "ask_salary",
        ),
        (
            "ask_compare_roles",
            0.9,
            "is a CNA better than an MA",
            [("role", "CNA"), ("role", "MA")],
            Context(),
            "ask_compare_roles",
        ),
        # what MAs may do in a state named, after a goal that named residency
        (
            "ask_residency_path",
            0.48,
            "Considering my age, I have decided not to pursue residency. Which duties may a medical assistant "
            "perform in the state of Florida?",
            [("role", "medical assistant"), ("us_state", "Florida")],
            Context(),
            "ask_state_rules",
        ),
        # a foreign diploma's recognition, asked either way round, is what an evaluation is for
        (
            "ask_foreign_nurse",
            0.51,
            "My title from Venezuela, who is deciding if it is valid here in USA?",
            [],
            Context(),
            "ask_wes",
        ),
        (
            "ask_diploma_requirement",
            0.99,
            "Her diploma is from Mexico. The school will accept it?",
            [],
            Context(),
            "ask_wes",
        ),
        (
            "ask_diploma_requirement",
            0.99,
            "my diploma is from an online school, will employers accept it",
            [],
            Context(),
            "ask_diploma_requirement",
        ),
        # the evaluation's cost, and how long its report is good for
        (
            "ask_program_cost",
            0.47,
            "How much cost the evaluation",
            [],
            Context("ask_diploma_requirement"),
            "ask_credential_evaluation",
        ),
        (
            "ask_renewal",
            0.6,
            "and that paper is good for how long",
            [],
            Context("ask_wes"),
            "ask_credential_evaluation",
        ),
    ],
)
def test_readings_from_blind_aq(intent, confidence, text, named, context, expected):
    assert understand(intent, confidence, named, text, context, [(intent, confidence)]).intent == expected


def test_pay_beside_another_role_answers_with_both_roles_pay(kb: KnowledgeBase):
    named = [("role", "CNA"), ("role", "MA")]
    got = understand("ask_compare_roles", 0.98, named, "CNA vs MA pay", Context(), [("ask_compare_roles", 0.98)])
    assert reply_for(kb, got.intent, got.entities).text == reply_for(kb, "ask_salary", [("role", "CNA")]).text


@pytest.mark.parametrize(
    "text",
    [
        "If I am still in the program, how early can I sit for the CMA exam?",
        "and then can i take the CMA right away or do i have to wait after",
    ],
)
def test_when_they_may_test_gets_the_routes_not_their_verdict(kb: KnowledgeBase, text):
    """An IMG who asks how early they may test is told the CMA's timing, not "not yet" again."""
    got = understand("ask_eligibility", 0.9, [("credential", "CMA")], text, Context())
    img = Profile(background="img")
    reply = reply_for(kb, got.intent, got.entities, img)
    assert reply.text == reply_for(kb, "ask_eligibility", [("aspect", "timing")]).text  # each certifier's timing
    assert kb.facts(["cma_category1_timing"])["cma_category1_timing"].value in reply.text
    # a statement of their own next is answered for them again (the timing part is not inherited)
    told = understand("inform", 0.6, [], "I have 3 years as an MA", remember(got, Context()), [("inform", 0.6)])
    assert ("aspect", "timing") not in told.entities


def test_when_a_program_ended_is_no_years_of_work():
    """ "my program was ABHES accredited but I finished 6 years ago": six years since the program; "if I
    graduate and then wait more than one year" gives no year of work; high school is no program."""
    assert read(
        "my program was ABHES accredited but I finished 6 years ago. can I still go the RMA school route?"
    ).changes == {"years_since_graduation": 6.0}
    assert (
        1.0 in read("And if I graduate and then wait more than one year to take it, am I still allowed?").not_ma_years
    )
    assert "years_since_graduation" not in read("i finished high school 10 years ago").changes


@pytest.mark.parametrize(
    "intent, confidence, text, named, context, expected",
    [
        # a neighbour's follow-up words ("where") do not move a terse question off its own reading
        (
            "ask_accredited_programs",
            0.5,
            "where i search programs",
            [],
            Context("ask_program_cost"),
            "ask_accredited_programs",
        ),
        ("help", 0.63, "wait what even are u", [], Context("ask_salary"), "help"),  # the menu's own words
        # the difference besides the pay is the roles' difference, not their pay
        (
            "ask_compare_roles",
            0.9,
            "whats the actual difference between a CNA and an MA besides the pay",
            [("role", "CNA"), ("role", "MA")],
            Context(),
            "ask_compare_roles",
        ),
        # when their program ended, told after the fee, asks the fee for them
        (
            "roadmap_done",
            0.9,
            "wait actually i finished my program like 2 yrs ago does that change it",
            [],
            Context("ask_exam_fee", (("credential", "CMA"),)),
            "ask_exam_fee",
        ),
        (
            "ask_eligibility",
            0.7,
            "i finished my program in 2021, never took it. which one am i",
            [],
            Context("ask_exam_fee", (("credential", "CMA"),)),
            "ask_exam_fee",
        ),
    ],
)
def test_readings_checked_in_the_development_replay(intent, confidence, text, named, context, expected):
    assert understand(intent, confidence, named, text, context, [(intent, confidence)]).intent == expected


def test_a_finished_program_told_at_another_question_answers_the_schooling_one():
    assert program_told("omg i finished my program last week!!") == "other_program"
    assert program_told("I graduated from an accredited program in May") == "accredited_program_graduate"
    assert program_told("did you finish the program yet?") is None  # a question tells nothing
    assert program_told("I'm a CNA") is None


@pytest.mark.parametrize(
    "intent, confidence, text, named, context, expected",
    [
        # what a program costs besides tuition, whatever follow-up word the topic in hand has
        (
            "ask_financial_aid",
            0.53,
            "what else do i gotta pay for besides tuition",
            [],
            Context("ask_eligibility"),
            "ask_program_cost",
        ),
        # a certifier that turned them down: that credential's eligibility
        (
            "ask_credential_evaluation",
            0.5,
            "I sent my medical diploma to AAMA for CMA exam and they did not accept. Why, if I am doctor?",
            [("certifying_body", "AAMA"), ("credential", "CMA exam")],
            Context(),
            "ask_eligibility",
        ),
        # aid has an eligibility of its own
        (
            "nlu_fallback",
            0.4,
            "I already hold a bachelor's degree in English. Does that affect my eligibility?",
            [],
            Context("ask_financial_aid"),
            "ask_financial_aid",
        ),
        (
            "ask_eligibility",
            0.8,
            "does that affect my eligibility for the CMA exam",
            [("credential", "CMA")],
            Context("ask_financial_aid"),
            "ask_eligibility",
        ),
    ],
)
def test_readings_from_blind_aq_after_the_switch(intent, confidence, text, named, context, expected):
    assert understand(intent, confidence, named, text, context, [(intent, confidence)]).intent == expected


@pytest.mark.parametrize(
    "intent, confidence, text, context, expected",
    [
        # terse tasks and supervision asked of the state in hand
        (
            "nlu_fallback",
            0.4,
            "controlled subs?",
            Context("ask_state_rules", (("us_state", "Ohio"),)),
            "ask_state_rules",
        ),
        (
            "nlu_fallback",
            0.4,
            "doc gotta be in bldg?",
            Context("ask_state_rules", (("us_state", "Ohio"),)),
            "ask_state_rules",
        ),
        (
            "out_of_scope",
            0.5,
            "breathing treatments?",
            Context("ask_state_rules", (("us_state", "California"),)),
            "ask_state_rules",
        ),
        (
            "nlu_fallback",
            0.4,
            "what about handing pts their meds, like oral stuff",
            Context("ask_state_rules", (("us_state", "Florida"),)),
            "ask_state_rules",
        ),
        # points toward recertifying, and an inactive credential, are renewal
        ("nlu_fallback", 0.4, "how many pts", Context("ask_renewal", (("credential", "RMA"),)), "ask_renewal"),
        (
            "ask_salary",
            0.5,
            "my recertification is due next year. What is the total number of points required?",
            Context("ask_credential_info"),
            "ask_renewal",
        ),
        (
            "nlu_fallback",
            0.4,
            "my NCMA says INACTIVE on the site. what does inactive even mean",
            Context(),
            "ask_renewal",
        ),
        # "since when" asks the answer in hand when
        ("out_of_scope", 0.6, "since when", Context("ask_state_rules", (("aspect", "orders"),)), "ask_state_rules"),
        # a year's pay in California is pay, not California's own credential ("one" is a number here)
        (
            "ask_salary",
            0.99,
            "How much medical assistant make in California one year?",
            Context("ask_state_rules", (("us_state", "California"),), "cacma"),
            "ask_salary",
        ),
    ],
)
def test_readings_from_blind_ar(intent, confidence, text, context, expected):
    assert understand(intent, confidence, [], text, context, [(intent, confidence)]).intent == expected


_NJ = Context("ask_state_rules", (("us_state", "New Jersey"),))
_SD = Context("ask_state_rules", (("us_state", "South Dakota"),))
_WA = Context("ask_state_rules", (("us_state", "Washington"),))


@pytest.mark.parametrize(
    ("intent", "confidence", "text", "named", "context", "expected"),
    [
        # "how long" asked in the same message as an exam's format is that exam's time, not a program's
        (
            "ask_duration",
            0.42,
            "how long does each take?",
            [],
            Context("ask_exam_format", (("credential", "CMA"), ("credential", "RMA exam")), None, True),
            "ask_exam_format",
        ),
        (
            "ask_duration",
            0.57,
            "how long am I sitting there",
            [],
            Context("ask_exam_format", (("credential", "CMA"),), None, True),
            "ask_exam_format",
        ),
        # the exam named right after the program's length: the exam's time
        (
            "ask_exam_fee",
            0.71,
            "and the cma test itself?",
            [("credential", "cma")],
            Context("ask_duration"),
            "ask_exam_format",
        ),
        (
            "ask_exam_fee",
            0.83,
            "and the test itself if i go rma",
            [("credential", "rma")],
            Context("ask_duration"),
            "ask_exam_format",
        ),
        ("ask_exam_fee", 0.99, "and the fee for the test?", [], Context("ask_duration"), "ask_exam_fee"),
        # which price they meant comes first, then their story
        (
            "inform",
            0.98,
            "the cma test. im finishing a CAAHEP program next month",
            [("credential", "cma"), ("accreditor", "CAAHEP")],
            Context("ask_program_cost"),
            "ask_exam_fee",
        ),
        (
            "roadmap_done",
            0.41,
            "for the cma test. i finished my program like 2 yrs ago",
            [("credential", "cma")],
            Context("ask_program_cost"),
            "ask_exam_fee",
        ),
        (
            "inform",
            0.97,
            "the school one. i live in ohio",
            [("us_state", "ohio")],
            Context("ask_exam_fee"),
            "ask_program_cost",
        ),
        # a state's own rule in other words
        ("nlu_fallback", 0.4, "Training she'd need to document besides the credential?", [], _NJ, "ask_state_rules"),
        ("nlu_fallback", 0.4, "what training do you need on top of the cert for that", [], _NJ, "ask_state_rules"),
        (
            "nlu_fallback",
            0.4,
            "Who keep the training paper?",
            [],
            Context("ask_state_rules", (("us_state", "California"),)),
            "ask_state_rules",
        ),
        ("ask_credential_info", 0.46, "Who determines what they may do now?", [], _SD, "ask_state_rules"),
        (
            "ask_locum_tenens",
            0.87,
            "If one of them later moves to a different employer, does that registration travel with them?",
            [],
            _WA,
            "ask_state_rules",
        ),
        (
            "ask_compare_roles",
            0.67,
            "OK that helps, and I assume Texas itself doesn't mandate one or the other, or does it?",
            [("us_state", "Texas")],
            Context("ask_which_credential"),
            "ask_state_rules",
        ),
        (
            "out_of_scope",
            0.49,
            "Understood. On a related point, in Texas who bears responsibility when a physician delegates a task to an MA?",
            [("us_state", "Texas"), ("role", "MA")],
            Context("ask_legal_or_medical"),
            "ask_state_rules",
        ),
        # a terse part of the exam in hand
        (
            "out_of_scope",
            0.81,
            "how many hour",
            [],
            Context("ask_exam_format", (("credential", "NCMA"),)),
            "ask_exam_format",
        ),
        (
            "out_of_scope",
            0.95,
            "how do i book a seat",
            [],
            Context("ask_exam_format", (("credential", "RMA"),)),
            "ask_exam_format",
        ),
        (
            "nlu_fallback",
            0.4,
            "mostly clinical stuff or paperwork?",
            [],
            Context("ask_exam_format", (("credential", "CCMA"),)),
            "ask_exam_format",
        ),
        # pay asked as a median, or "how much is pay" in a city, is never a price
        ("ask_salary", 0.8, "What is the median pay for the state?", [], _NJ, "ask_salary"),
        (
            "ask_salary",
            0.97,
            "ok. and in Houston how much is pay for this?",
            [("us_state", "Houston")],
            Context("ask_program_cost"),
            "ask_salary",
        ),
        # renewing by sitting the exam again is renewal
        (
            "ask_eligibility",
            0.73,
            "Perhaps you can tell me this instead: can the RMA be renewed simply by taking the exam again?",
            [("credential", "RMA")],
            Context(),
            "ask_renewal",
        ),
        # "so am i good or nah" after their verdict asks it again
        (
            "nlu_fallback",
            0.4,
            "so am i good or nah",
            [],
            Context("ask_eligibility", (("credential", "RMA"),)),
            "ask_eligibility",
        ),
        # anxiety pills and chemo brain: medical advice
        (
            "ask_exam_study",
            0.55,
            "I'm studying for my RMA and the stress is giving me chest tightness and headaches every night. "
            "Should I take something like propranolol before the exam to calm down?",
            [("credential", "RMA")],
            Context(),
            "ask_legal_or_medical",
        ),
        (
            "out_of_scope",
            0.94,
            "do you think my chemo brain will make it too hard for me to pass",
            [],
            Context("ask_exam_format", (("credential", "NCMA"),)),
            "ask_legal_or_medical",
        ),
        # what the exam "runs" is its fee
        (
            "ask_eligibility",
            0.41,
            "so what does the CMA exam actually run for someone who finished a program last spring?",
            [("credential", "CMA")],
            Context(),
            "ask_exam_fee",
        ),
    ],
)
def test_readings_from_blind_an_and_as(intent, confidence, text, named, context, expected):
    assert understand(intent, confidence, named, text, context, [(intent, confidence)]).intent == expected


def test_the_whole_country_after_a_state_s_pay_drops_the_state():
    understood = understand(
        "nlu_fallback", 0.4, [], "and in all USA?", Context("ask_salary", (("us_state", "Arizona"),)), []
    )
    assert understood.intent == "ask_salary"
    assert not [e for e in understood.entities if e[0] == "us_state"]


def test_one_they_can_get_with_their_experience_is_any_credential():
    understood = understand(
        "nlu_fallback",
        0.4,
        [],
        "ugh. is there one I CAN get with the experience I have",
        Context("ask_eligibility", (("credential", "CMA"),)),
        [("nlu_fallback", 0.4), ("inform", 0.36), ("ask_eligibility", 0.34)],
    )
    assert understood.intent == "ask_eligibility"
    assert ("credential", "CMA") not in understood.entities


@pytest.mark.parametrize(
    ("text", "intent", "ranking", "expected"),
    [
        (
            "Can I see the full plan from start to finish?",
            "nlu_fallback",
            ["roadmap_restart", "roadmap_overview"],
            "roadmap_overview",
        ),
        ("ok lay the full thing out for me", "goodbye", ["goodbye", "roadmap_overview"], "roadmap_overview"),
        # the plan's words without the overview among NLU's readings, or a plan asked to start, stay as read
        (
            "what does the full plan cost",
            "ask_program_cost",
            ["ask_program_cost", "ask_financial_aid"],
            "ask_program_cost",
        ),
        ("make me the whole plan", "start_roadmap", ["start_roadmap", "roadmap_overview"], "start_roadmap"),
    ],
)
def test_the_whole_plan_asked_for_is_its_overview(text, intent, ranking, expected):
    parse = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.4},
        "intent_ranking": [{"name": n} for n in ranking],
    }
    assert heard_overview(parse)["intent"]["name"] == expected


@pytest.mark.parametrize("text", ["What comes first for her?", "ok so what do i actually do first"])
def test_what_comes_first_is_the_step_itself(text):
    parse = {"text": text, "intent": {"name": "roadmap_where", "confidence": 0.45}}
    assert heard_step_asked(parse)["intent"]["name"] == "roadmap_repeat"


def test_another_job_s_years_beside_wanting_medical_assisting_are_no_ma_work():
    told = "I've been a bank teller for 25 years and I'm looking into this medical assisting thing"
    changes = read(told).changes
    assert "experience_years" not in changes
    assert changes["other_healthcare_role"] == "office worker"
    # MA work named beside another job is still MA work
    assert read("i was a cashier 5 yrs, now an MA at a clinic 2 yrs").changes["experience_years"] == 2.0


@pytest.mark.parametrize(
    ("role", "said"), [("office worker", "an office worker"), ("LPN", "an LPN"), ("CNA", "a CNA"), ("nurse", "a nurse")]
)
def test_a_role_takes_the_article_its_sound_needs(role, said):
    assert a_role(role) == said


@pytest.mark.parametrize(
    ("intent", "confidence", "text", "named", "context", "expected"),
    [
        # the payer in hand pointed at is that payer, not the FAFSA
        (
            "ask_financial_aid",
            0.76,
            "does that pay for MA school",
            [("role", "MA")],
            Context("ask_military_benefits"),
            "ask_military_benefits",
        ),
        # a certifier named alone after eligibility asks the same of it
        (
            "ask_credential_info",
            0.56,
            "ncct?",
            [("certifying_body", "ncct")],
            Context("ask_eligibility", (("credential", "rma"),)),
            "ask_eligibility",
        ),
        # how long an evaluation takes, and the wait for another try, are theirs, not a program's length
        (
            "ask_duration",
            0.6,
            "How long does it take to get my transcripts evaluated?",
            [],
            Context(),
            "ask_credential_evaluation",
        ),
        ("ask_duration", 0.6, "how long i wait for next try?", [], Context(), "ask_exam_retake"),
        # the exams' lengths side by side, and who runs the testing, are the exams' format
        (
            "ask_credential_info",
            0.7,
            "whats the diffrence in test length between the cma and the rma",
            [("credential", "cma"), ("credential", "rma")],
            Context(),
            "ask_exam_format",
        ),
        (
            "ask_which_credential",
            0.5,
            "how long is each exam, cma vs rma",
            [("credential", "cma"), ("credential", "rma")],
            Context(),
            "ask_exam_format",
        ),
        (
            "ask_credential_info",
            0.6,
            "and who runs the cma testing",
            [("credential", "cma")],
            Context(),
            "ask_exam_format",
        ),
        # a new pill and whether to stop it: medical advice, whatever the conversation
        (
            "ask_renewal",
            0.7,
            "sorry random but I've had headaches every day since starting my new blood pressure pill, should I just stop it",
            [],
            Context("ask_renewal", (("credential", "CCMA"),)),
            "ask_legal_or_medical",
        ),
        # working there as an MA with a credential, a state named: that state's rules
        (
            "ask_eligibility",
            0.7,
            "moving to Vancouver WA. Can I work as an MA there with just my CCMA?",
            [("us_state", "Washington"), ("credential", "CCMA")],
            Context(),
            "ask_state_rules",
        ),
        # pay by the hour is pay
        ("ask_program_cost", 0.6, "how much pay by hour the medical assistant?", [], Context(), "ask_salary"),
        # blood extraction in the state in hand is its rules
        (
            "ask_accommodations",
            0.5,
            "And for blood extraction po?",
            [],
            Context("ask_state_rules", (("us_state", "California"),)),
            "ask_state_rules",
        ),
        # testing before graduating, and how long after finishing one may apply, are eligibility
        (
            "ask_exam_fee",
            0.6,
            "could i take it before graduation",
            [],
            Context("ask_exam_fee", (("credential", "CMA"),)),
            "ask_eligibility",
        ),
        (
            "ask_duration",
            0.6,
            "how long after i finish school can i still apply for it",
            [],
            Context("ask_exam_format", (("credential", "rma"),)),
            "ask_eligibility",
        ),
        # an application running out is the application's window, told with the exam fee
        (
            "nlu_fallback",
            0.4,
            "does the application run out",
            [],
            Context("ask_exam_format", (("credential", "rma"),)),
            "ask_exam_fee",
        ),
        # a year after graduating, asked after the fee: the fee for them
        (
            "nlu_fallback",
            0.4,
            "And supposing I dawdle and it's more than a year after graduating?",
            [],
            Context("ask_exam_fee", (("credential", "CMA"),)),
            "ask_exam_fee",
        ),
        # a credential "good for" a state named is that state's rules, not its renewal
        (
            "ask_renewal",
            0.7,
            "and the CCMA is good for Arizona?",
            [("credential", "CCMA"), ("us_state", "Arizona")],
            Context("ask_state_rules", (("us_state", "Arizona"),)),
            "ask_state_rules",
        ),
        # which credential takes a foreign degree is the evaluation's answer (AMT's course-by-course rule)
        (
            "ask_financial_aid",
            0.5,
            "which certificate accept transcript from other country",
            [],
            Context("ask_financial_aid"),
            "ask_credential_evaluation",
        ),
        # the employer's tuition rule, asked in its own words, stays on employer help
        (
            "nlu_fallback",
            0.4,
            "The course must be related to my job for this rule?",
            [],
            Context("ask_financial_aid", (), "employer"),
            "ask_financial_aid",
        ),
        (
            "nlu_fallback",
            0.4,
            "What must we have in place on the employer side?",
            [],
            Context("ask_financial_aid", (), "employer"),
            "ask_financial_aid",
        ),
        # parts of the exam in hand: its outline, its unscored items; not passing is the retake rule
        (
            "nlu_fallback",
            0.4,
            "is the outline i found from 2019 still good",
            [],
            Context("ask_exam_format", (("credential", "CMA"),)),
            "ask_exam_format",
        ),
        (
            "nlu_fallback",
            0.4,
            "wait so 20 of them don't even count?",
            [],
            Context("ask_exam_format", (("credential", "CMA"),)),
            "ask_exam_format",
        ),
        (
            "ask_exam_format",
            0.6,
            "and if i dont make it first time",
            [],
            Context("ask_exam_format", (("credential", "CCMA"),)),
            "ask_exam_retake",
        ),
        # CPR to keep a credential is renewal
        (
            "ask_eligibility",
            0.6,
            "do I still need to have a CPR card to keep it",
            [],
            Context("ask_eligibility", (("credential", "CMA"),)),
            "ask_renewal",
        ),
    ],
)
def test_readings_checked_in_this_session_s_replay(intent, confidence, text, named, context, expected):
    assert understand(intent, confidence, named, text, context, [(intent, confidence)]).intent == expected


def test_the_steps_for_them_asked_for_are_the_plan():
    text = "been an MA at a clinic in jax for 3 yrs since the navy, no cert. what are the steps for me"
    parse = {
        "text": text,
        "intent": {"name": "nlu_fallback", "confidence": 0.4},
        "intent_ranking": [{"name": "nlu_fallback"}, {"name": "start_roadmap"}],
    }
    assert heard_plan(parse)["intent"]["name"] == "start_roadmap"


def test_a_story_that_tells_their_years_is_answered_not_asked_again():
    told = "which exams can I take right now? I have a high school diploma and 5 years working as an MA here in Vegas"
    assert misread_opener("check_eligibility", told, Context())
    assert not misread_opener("check_eligibility", "check which exams i can take", Context())


def test_any_state_registration_there_is_the_state_in_hand_s():
    understood = understand(
        "ask_state_rules",
        0.94,
        [("role", "medical assistants")],
        "Is there any state registration for medical assistants there?",
        Context("ask_salary", (("us_state", "New York"),)),
        [("ask_state_rules", 0.94)],
    )
    assert ("us_state", "New York") in understood.entities


def test_which_one_has_more_compares_every_exam():
    understood = understand(
        "ask_exam_format",
        0.6,
        [],
        "which one has more questions lol",
        Context("ask_exam_format", (("credential", "CMA"),)),
        [("ask_exam_format", 0.6)],
    )
    assert understood.intent == "ask_exam_format"
    assert not [e for e in understood.entities if e[0] == "credential"]


@pytest.mark.parametrize(
    "intent, confidence, text, named, context, expected",
    [
        ("out_of_scope", 0.86, "how long is lpn school", [("role", "lpn")], Context(), "ask_compare_roles"),
        ("ask_salary", 0.47, "lpn pay for comparison", [("role", "lpn")], Context("ask_learn_on_job"), "ask_salary"),
        (
            "nlu_fallback",
            0.4,
            "is 16k normal or am I getting ripped off",
            [],
            Context("ask_learn_on_job"),
            "ask_program_cost",
        ),
        (
            "ask_credential_info",
            0.86,
            "hm that's less than I made at the bank honestly. what is it nationally",
            [],
            Context("ask_salary", (("us_state", "Ohio"),)),
            "ask_salary",
        ),
        (
            "ask_externship",
            0.66,
            "ok. my externship ends dec 12 at a caahep school here in tulsa. whens the earliest i can sit for it",
            [("accreditor", "caahep"), ("us_state", "tulsa")],
            Context("ask_exam_format", (("credential", "cma"),)),
            "ask_eligibility",
        ),
        ("ask_program_cost", 0.75, "and which is cheapest to keep up", [], Context("ask_exam_fee"), "ask_renewal"),
        (
            "nlu_fallback",
            0.4,
            "so who decides what i can do then",
            [],
            Context("ask_state_rules", (("us_state", "South Dakota"),)),
            "ask_state_rules",
        ),
        (
            "nlu_fallback",
            0.4,
            "how many tries",
            [],
            Context("ask_state_rules", (("us_state", "california"), ("credential", "ccma")), aspect="cacma"),
            "ask_state_rules",
        ),
        (
            "nlu_fallback",
            0.4,
            "what kind of program do i need so i can take it",
            [],
            Context("ask_exam_fee", (("credential", "cma"),)),
            "ask_accredited_programs",
        ),
        (
            "ask_program_type",
            0.52,
            "ok so if I did a certificate program what would it need to have for the RMA",
            [("program_type", "certificate program"), ("credential", "RMA")],
            Context("ask_eligibility"),
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            0.4,
            "and then they hit you every year too right",
            [],
            Context("ask_exam_fee", (("credential", "rma"),)),
            "ask_renewal",
        ),
        (
            "ask_externship",
            0.93,
            "what shots or checks do the schools want before the externship?",
            [],
            Context(),
            "ask_program_cost",
        ),
        (
            "ask_duration",
            0.6,
            "can i start something during my last few months instead of waiting til im out",
            [],
            Context("ask_eligibility"),
            "ask_military_benefits",
        ),
        (
            "ask_military_benefits",
            1.0,
            "GI Bill's mostly used up. Anything else that pays for training?",
            [],
            Context("ask_eligibility"),
            "ask_financial_aid",
        ),
        (
            "ask_accredited_programs",
            0.96,
            "Her program is CAAHEP, so she could do the CMA too. What does that exam look like?",
            [("accreditor", "CAAHEP"), ("credential", "CMA")],
            Context("ask_accommodations"),
            "ask_exam_format",
        ),
        (
            "ask_online_program",
            0.94,
            "Is there an online program that would still count for the CMA? I can't quit my job.",
            [("credential", "CMA")],
            Context(),
            "ask_online_program",
        ),
        (
            "nlu_fallback",
            0.4,
            "ok. accelerated programs exist?",
            [("program_type", "accelerated programs")],
            Context("ask_course_transfer"),
            "ask_duration",
        ),
        (
            "ask_salary",
            0.94,
            "how much will I pay as a fresh graduate?",
            [],
            Context("ask_exam_format", (("credential", "CMA"),)),
            "ask_exam_fee",
        ),
        ("inform", 0.71, "the schooling", [], Context("ask_duration"), "ask_duration"),
        ("nlu_fallback", 0.4, "paid or not", [], Context("ask_externship"), "ask_externship"),
        (
            "nlu_fallback",
            0.4,
            "my TOR is already in english, can i just send my own copy",
            [],
            Context("ask_credential_evaluation"),
            "ask_credential_evaluation",
        ),
        (
            "out_of_scope",
            0.93,
            "hang on I said Phoenix but honestly we might move to Seattle for her job next year. does that change the picture",
            [("us_state", "Phoenix"), ("us_state", "Seattle")],
            Context("ask_financial_aid"),
            "ask_state_rules",
        ),
        (
            "ask_credential_info",
            0.98,
            "what about the cma from aama tho",
            [("credential", "cma"), ("certifying_body", "aama")],
            Context("ask_diploma_requirement"),
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            0.4,
            "ok so what can i get",
            [],
            Context("ask_eligibility", (("credential", "CMA"),)),
            "ask_eligibility",
        ),
        (
            "ask_credential_info",
            0.9,
            "and we have that state ccma thing here right is it the same as the nha one",
            [("credential", "ccma"), ("certifying_body", "nha")],
            Context("ask_state_rules", (("us_state", "california"),)),
            "ask_state_rules",
        ),
        (
            "ask_renewal",
            0.47,
            "Once I have it back, what exactly do I need to do so this doesn't happen again?",
            [],
            Context("ask_exam_retake", (("credential", "CMA"),)),
            "ask_renewal",
        ),
        (
            "ask_salary",
            1.0,
            "Could you compare medical assistants and pharmacy techs on pay and job growth?",
            [("role", "medical assistants"), ("role", "pharmacy techs")],
            Context(),
            "ask_salary",
        ),
    ],
)
def test_readings_from_blind_au(intent, confidence, text, named, context, expected):
    """blind_au's failures (measured blind once, then read), each NLU reading the trained model's."""
    assert understand(intent, confidence, named, text, context, [(intent, confidence)]).intent == expected


def test_what_they_graduated_after_the_fee_asks_the_fee_again():
    fee = Context("ask_exam_fee", (("credential", "cma"),))
    assert answered_for_them(fee, "i graduated from a caahep school 3 yrs ago but never took it")
    assert not answered_for_them(fee, "im in texas btw")
    assert answered_for_them(fee, "why 2 prices. i finished an ABHES school march 2024 never took it")
    assert answered_for_them(Context("ask_eligibility"), "im in texas btw")


@pytest.mark.parametrize(
    "text, parts",
    [
        (
            "How long would school take him, and roughly what does it cost?",
            ["How long would school take him", "what does it cost?"],
        ),
        (
            "Three questions: how long is a typical certificate program, roughly what does it cost, and does Texas require any license for MAs?",
            [
                "Three questions: how long is a typical certificate program",
                "what does it cost",
                "does Texas require any license for MAs?",
            ],
        ),
    ],
)
def test_questions_joined_by_commas_are_each_answered(text, parts):
    assert split_questions(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        "If I finish in May, when can I test?",
        "Should something come up, how much notice must I give to reschedule without an additional charge?",
        "what about LPN instead, how long is that school compared to MA",
        "aw ok. what if i want to be RN here instead, whats the process po",
        "hi, what is the fee",
        "I PASSED MY CCMA!!! ok what now, when does it expire",
        "i dont know which is best, what you recommend",
    ],
)
def test_a_comma_after_a_set_up_or_a_greeting_cuts_nothing(text):
    assert split_questions(text) == [text]


def test_what_they_actually_need_asks_and_corrects_nothing():
    told = "just graduated hs in may 2025 and i live in phoenix. what do i actually need to work as an MA in arizona"
    assert not read(told, {"us_state": "arizona"}).correction
    assert read("actually it was 2019 not 2021").correction


def test_washington_s_pathways_include_a_school_cte_program(kb: KnowledgeBase):
    cte = kb.facts(["wa_cte_pathway"])["wa_cte_pathway"]
    reply = reply_for(kb, "ask_state_rules", [("aspect", "washington")])
    assert cte.value in reply.text and "Washington Administrative Code" in reply.text.split("\n\n")[-1]


def test_a_lapsed_cma_s_cost_gives_the_exam_fee_beside_the_reactivation_fee(kb: KnowledgeBase):
    facts = kb.facts(["cma_lapse_rule", "cma_recert_exam_fee"])
    reply = reply_for(kb, "ask_renewal", [("credential", "cma")])
    for fact in facts.values():
        assert fact.value in reply.text


@pytest.mark.parametrize(
    "told",
    [
        "Dear advisor, I practised pediatrics in Cairo for twelve years before we emigrated.",
        "I am a pediatrician from Lagos and moved here last year",
        "MBBCh Cairo 2016, living in Chicago now",
    ],
)
def test_a_doctor_named_by_a_specialty_is_an_international_medical_graduate(told):
    assert read(told).changes["background"] == "img"


def test_another_role_s_pay_beside_growth_is_that_role_s_pay_not_the_outlook():
    asked = "Could you compare medical assistants and pharmacy techs on pay and job growth?"
    named = [("role", "medical assistants"), ("role", "pharmacy techs")]
    assert _aspect(understand("ask_salary", 1.0, named, asked, Context(), [("ask_salary", 1.0)])) is None
    outlook = understand("ask_salary", 1.0, [], "is the job market at least good", Context("ask_salary"))
    assert _aspect(outlook) == "outlook"


#: The entities NLU found in those messages.
NLU_ENTITIES = {
    "would the CCMA count in AZ": [("credential", "CCMA"), ("us_state", "AZ")],
    "In Texas can I work as MA without certificate first?": [("us_state", "Texas"), ("role", "MA")],
    "Hola, soy médica cubana y ya tengo green card. Quiero saber si puedo trabajar de asistente médico en Florida sin "
    "licencia": [("us_state", "Florida")],
    "I was a nurse in the Philippines for 10 years, now I have green card and live in NJ. Does my nursing count so I "
    "can take the RMA?": [
        ("role", "nurse"),
        ("experience_years", "10 years"),
        ("us_state", "NJ"),
        ("credential", "RMA"),
    ],
    "i used to have to register with the state board as an MA here in sioux falls, do i still need to renew that?": [
        ("role", "MA"),
        ("us_state", "sioux falls"),
    ],
    "Washington is one state. Whatever. What does the CMA actually cost me?": [
        ("us_state", "Washington"),
        ("credential", "CMA"),
    ],
    "so which one can i do then": [],
    "here in AZ do i have to pass a cert exam to get hired": [("us_state", "AZ")],
    "rma needs what exactly": [("credential", "rma")],
    "the ccma need school?": [("credential", "ccma")],
    "I'm a certified phlebotomist, been drawing blood at a reference lab in Denver since 2022. Does that count as experience toward an MA cert?": [
        ("us_state", "Denver"),
        ("role", "MA"),
    ],
    "army 68W, getting out in about 5 months. which MA certs can i get with just my military training": [
        ("background", "army"),
        ("experience_years", "5 months"),
        ("role", "MA"),
        ("background", "military training"),
    ],
    "Can she call herself a CMA after finishing it?": [("credential", "CMA")],
    "damn. the ncct one?": [("certifying_body", "ncct")],
    "is the 7 year rule still a thing with ecfmg": [("experience_years", "7 year")],
    "i have like 6 years full time so im good right?": [("experience_years", "6 years")],
    "miami salary": [("us_state", "miami")],
    "im a senior graduating in may can i take the ccma now or do i gotta wait till i graduate": [
        ("credential", "ccma")
    ],
    "ok in english. texas is ok with that?": [("us_state", "texas")],
    "For the RN license here what I need po?": [("role", "RN")],
    "can i even take it i been at urgent care 14 months as MA no cert": [
        ("experience_years", "14 months"),
        ("role", "MA"),
    ],
    "ok. the cma how long is good after i pass": [("credential", "cma")],
    "actually quick q first. does the national exam have to be NCCA accredited for WA?": [("us_state", "WA")],
    "Laid off from tech after 22 yrs. Seattle. Thinking about MA. Read somewhere WA makes you hold a state credential, true?": [
        ("experience_years", "22 yrs"),
        ("us_state", "Seattle"),
        ("role", "MA"),
        ("us_state", "WA"),
    ],
    "would my rma plus 6 yrs working get me the CMA too": [
        ("credential", "rma"),
        ("experience_years", "6 yrs"),
        ("credential", "CMA"),
    ],
    "What about CMA. Buddy in my unit says military counts for that too": [
        ("credential", "CMA"),
        ("background", "military"),
    ],
    "whats the pay for dental assistants in ohio": [("role", "dental assistants"), ("us_state", "ohio")],
    "My son signed up at a private school in Orlando, $17,500 for 10 months. Is that normal? They said CMA.": [
        ("us_state", "Orlando"),
        ("credential", "CMA"),
    ],
    "still waiting for my NCLEX schedule. While waiting can I work as medical assistant?": [
        ("role", "medical assistant")
    ],
    "and the rma? same story": [("credential", "rma")],
    "What must an MA complete before the doctor can hire them there?": [("role", "MA")],
    "what do u even need for the ccma besides the diploma": [("credential", "ccma")],
    "theres a cheap online admin only MA course, would that at least get me to the CMA": [
        ("role", "MA"),
        ("credential", "CMA"),
    ],
    "rma no?": [("credential", "rma")],
    "ncct's?": [("certifying_body", "ncct")],
    "I am GNM nurse from Kerala now in Queens. If I work as medical assistant here in New York can I give medicines to patients like I did in India?": [
        ("role", "nurse"),
        ("us_state", "Queens"),
        ("role", "medical assistant"),
        ("us_state", "New York"),
    ],
    "her school is a 720 hr program but not caahep is that ok": [("accreditor", "caahep")],
    "cant i just do the cma tho thats what everybody at work has": [("credential", "cma")],
    "and if i wait like 2 years to take it": [("experience_years", "2 years")],
    "and that dallas number you gave, is that the average or the middle": [("us_state", "dallas")],
    "Hi! Im BSN nurse from the Philippines, 5 yrs hospital experience, not yet passed NCLEX. Can i take the CMA exam with my nursing degree while waiting?": [
        ("role", "BSN"),
        ("role", "nurse"),
        ("experience_years", "5 yrs"),
        ("credential", "CMA exam"),
    ],
    "My daughter is 16 and says she wants to be a medical assistant, but she keeps mixing it up with nursing. What is the actual difference?": [
        ("role", "medical assistant")
    ],
    "And roughly what would a two-year degree cost us?": [("program_type", "two-year degree")],
    "Could he switch to the RMA instead? He finished his program two years ago.": [
        ("credential", "RMA"),
        ("experience_years", "two years"),
    ],
    "Last one. Does the NHA's CCMA count here now?": [("certifying_body", "NHA"), ("credential", "CCMA")],
    "His IEP is 3 years old. Would the AMCA test accept it?": [("experience_years", "3 years")],
    "and in illinois do i even need it": [("us_state", "illinois")],
    "hi po im a doctor from the philippines grad 2021, now here in chicago. can i take the cma exam agad or do i need to study again here": [
        ("us_state", "chicago"),
        ("credential", "cma exam"),
    ],
    "ok if i do MA program first what is the shortest": [("role", "MA")],
    "and the rma with my 4 years": [("credential", "rma"), ("experience_years", "4 years")],
    "the one im looking at is ABHES accredited. which cert does that let me take": [("accreditor", "ABHES accredited")],
    "OK. In Washington what is the minimum hours for MA program?": [("us_state", "Washington"), ("role", "MA")],
    "And if program is CAAHEP accredited, this is enough?": [("accreditor", "CAAHEP accredited")],
    "and for our Tucson clinic, what does an MA need before I hire them": [("us_state", "Tucson"), ("role", "MA")],
    "my high school has a medical assistant CTE class thats 720 hours, does that count for washington? im a senior": [
        ("role", "medical assistant"),
        ("us_state", "washington"),
    ],
    "is the ccma good enough for the washington exam part": [("credential", "ccma"), ("us_state", "washington")],
    "hello po, im a doctor from manila (UST grad), now green card holder living here in daly city. my friend told me in california i dont need any license to work as MA, is that true po?": [
        ("us_state", "california"),
        ("role", "MA"),
    ],
}


@pytest.mark.parametrize(
    "ranking, text, context, expected, aspect",
    [
        # why anyone certifies where no law asks it: employers' standard and the order-entry rule, for any state
        (
            [("ask_financial_aid", 0.67)],
            "ok so if its not required why would anyone pay for it",
            Context("ask_state_rules", (("us_state", "ohio"),)),
            "ask_state_rules",
            "why_certify",
        ),
        # the parts of an exam and how long a credential lasts, after its retakes
        (
            [("out_of_scope", 0.63), ("ask_duration", 0.2)],
            "she says she keeps running outta time. how long is each part of it",
            Context("ask_exam_retake", (("credential", "CMA"),)),
            "ask_exam_format",
            None,
        ),
        (
            [("nlu_fallback", 0.4), ("ask_renewal", 0.23)],
            "and when I pass, it is for all life?",
            Context("ask_exam_retake", (("credential", "CMA"),)),
            "ask_renewal",
            None,
        ),
        # a program "that short", asked after aid
        (
            [("nlu_fallback", 0.4), ("ask_program_type", 0.37)],
            "Would a medical assistant certificate even be that short though?",
            Context("ask_financial_aid"),
            "ask_duration",
            None,
        ),
        # what would get them a credential; their training counted toward one named after other aid
        (
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.44)],
            "would my rma plus 6 yrs working get me the CMA too",
            Context("ask_renewal", (("credential", "rma"),)),
            "ask_eligibility",
            None,
        ),
        (
            [("nlu_fallback", 0.4), ("ask_scam_check", 0.2)],
            "What about CMA. Buddy in my unit says military counts for that too",
            Context("ask_military_benefits"),
            "ask_eligibility",
            None,
        ),
        # transcripts from abroad "as they are": the evaluation
        (
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.32)],
            "If I try the RMA instead, will they accept my Kenyan transcripts as they are?",
            Context("ask_foreign_nurse"),
            "ask_credential_evaluation",
            None,
        ),
        # the whole test again, after renewal: recertifying by exam
        (
            [("ask_exam_retake", 0.48)],
            "Does she have to take the whole test over again then?",
            Context("ask_renewal", (("credential", "CMA"),)),
            "ask_renewal",
            None,
        ),
        # pay named after a state's rules asks pay, not the rules again
        (
            [("ask_salary", 0.89)],
            "whats the pay for dental assistants in ohio",
            Context("ask_state_rules", (("us_state", "texas"),)),
            "ask_salary",
            None,
        ),
        # a tuition-sized price with the CMA named is what programs cost, not the exam fee
        (
            [("ask_program_cost", 0.78)],
            "My son signed up at a private school in Orlando, $17,500 for 10 months. Is that normal? They said CMA.",
            Context(),
            "ask_program_cost",
            None,
        ),
        # a program first, the youngest age to test, whether the choice matters
        (
            [("nlu_fallback", 0.4), ("ask_learn_on_job", 0.18)],
            "wait do i gotta do a program first tho",
            Context("ask_diploma_requirement", (("credential", "ccma"),)),
            "ask_eligibility",
            None,
        ),
        (
            [("nlu_fallback", 0.4), ("out_of_scope", 0.25)],
            "whats the youngest u can be to take the nha one lol",
            Context("ask_exam_format", (("credential", "rma"),)),
            "ask_diploma_requirement",
            None,
        ),
        (
            [("nlu_fallback", 0.4), ("ask_which_credential", 0.34)],
            "ok and does it even matter which one i get",
            Context("ask_exam_retake", (("credential", "ccma"),)),
            "ask_which_credential",
            None,
        ),
        # paid while training, after a state's rules; a health question of their own; pushy sales
        (
            [("ask_learn_on_job", 0.99)],
            "Is there any way she could get paid while she trains?",
            Context("ask_state_rules", (("us_state", "washington"),)),
            "ask_learn_on_job",
            None,
        ),
        (
            [("estimate_timeline", 0.61), ("ask_legal_or_medical", 0.36)],
            "One more. I have a heart condition. Would standing on my feet all day in a clinic be bad for me?",
            Context("ask_salary"),
            "ask_legal_or_medical",
            None,
        ),
        (
            [("out_of_scope", 0.75), ("ask_exam_retake", 0.06)],
            "how many trys",
            Context("ask_eligibility", (("credential", "ccma"),)),
            "ask_exam_retake",
            None,
        ),
        # a program's length asked after the exam's languages, in non-native word order
        (
            [("out_of_scope", 0.85), ("ask_duration", 0.12)],
            "ok sorry I try english. the course how long is, I work full time in the pharmacy",
            Context("ask_accommodations", (("credential", "CMA"),), "language"),
            "ask_duration",
            None,
        ),
        # working as an MA while the NCLEX waits is the MA route, not US nursing
        (
            [("ask_foreign_nurse", 0.9)],
            "still waiting for my NCLEX schedule. While waiting can I work as medical assistant?",
            Context(),
            "ask_foreign_nurse",
            None,
        ),
        # ECFMG's seven-year rule, whatever place the conversation had
        (
            [("ask_ecfmg", 1.0)],
            "is the 7 year rule still a thing with ecfmg",
            Context("ask_salary", (("us_state", "chicago"),)),
            "ask_ecfmg",
            "requirements",
        ),
        # out of luck, or good to go, after a route: whether they can test, never a goodbye
        (
            [("goodbye", 0.98)],
            "so im out of luck",
            Context("ask_eligibility", (("credential", "rma"),)),
            "ask_eligibility",
            None,
        ),
        (
            [("goodbye", 0.73), ("inform", 0.17), ("ask_renewal", 0.05)],
            "i have like 6 years full time so im good right?",
            Context("ask_credential_info", (("credential", "rma"),)),
            "ask_eligibility",
            None,
        ),
        # a courtesy NLU was unsure of, holding pay's words, is pay
        (
            [("greet", 0.4), ("ask_salary", 0.25), ("out_of_scope", 0.2)],
            "miami salary",
            Context("ask_state_rules", (("us_state", "florida"),)),
            "ask_salary",
            None,
        ),
        # the time to book the exam is the testing window, in the fee's answer
        (
            [("goodbye", 0.5), ("out_of_scope", 0.26), ("ask_duration", 0.15)],
            "how long i have to book",
            Context("ask_exam_fee", (("credential", "cma"),)),
            "ask_exam_fee",
            None,
        ),
        # which credential takes a degree from abroad
        (
            [("nlu_fallback", 0.4), ("ask_credential_evaluation", 0.3), ("roadmap_next", 0.17)],
            "then which one takes foreign degree",
            Context("ask_eligibility"),
            "ask_which_credential",
            None,
        ),
        # chest tightness is for a doctor, whatever exam it is asked against
        (
            [("ask_exam_format", 0.47), ("out_of_scope", 0.32)],
            "Honestly I've had chest tightness from all the stress lately. Should I be worried about sitting a long exam like that?",
            Context("ask_renewal", (("credential", "cma"),)),
            "ask_legal_or_medical",
            None,
        ),
        # a senior testing now or waiting till graduation: NHA's student rule
        (
            [("ask_eligibility", 0.98)],
            "im a senior graduating in may can i take the ccma now or do i gotta wait till i graduate",
            Context(),
            "ask_diploma_requirement",
            "in_high_school",
        ),
        # whether programs drug-test: what one school checks
        (
            [("nlu_fallback", 0.4), ("out_of_scope", 0.3), ("ask_diploma_requirement", 0.18)],
            "do the programs drug test you",
            Context(),
            "ask_program_cost",
            "entry_checks",
        ),
        # a state 'ok with that' after on-the-job training: its rules
        (
            [("nlu_fallback", 0.4), ("ask_state_rules", 0.35), ("ask_salary", 0.27)],
            "ok in english. texas is ok with that?",
            Context("ask_learn_on_job"),
            "ask_state_rules",
            None,
        ),
        # the RN license, after a foreign nurse's answer: US nursing
        (
            [("out_of_scope", 0.48), ("ask_state_rules", 0.25)],
            "For the RN license here what I need po?",
            Context("ask_foreign_nurse", (("us_state", "california"),)),
            "ask_foreign_nurse",
            "us_nursing",
        ),
        # what happens if they do it anyway, after a state's rules: those rules
        (
            [("nlu_fallback", 0.4), ("ask_renewal", 0.17), ("ask_exam_retake", 0.16)],
            "what happens to the doctor if i just do it anyway",
            Context("ask_state_rules", (("us_state", "new_york"),)),
            "ask_state_rules",
            None,
        ),
        # whether they can sit it, told with their months of work
        (
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.39), ("ask_duration", 0.35)],
            "can i even take it i been at urgent care 14 months as MA no cert",
            Context("ask_renewal", (("credential", "ccma"),)),
            "ask_eligibility",
            None,
        ),
        # the most aid gives
        (
            [("nlu_fallback", 0.4), ("out_of_scope", 0.15), ("start_roadmap", 0.13)],
            "whats the most i can get",
            Context("ask_financial_aid"),
            "ask_financial_aid",
            None,
        ),
        # how long a credential is good once passed is renewal, after the exam's languages
        (
            [("ask_renewal", 0.85), ("ask_pass_rate", 0.05)],
            "ok. the cma how long is good after i pass",
            Context("ask_accommodations", (("credential", "CMA"),), "language"),
            "ask_renewal",
            None,
        ),
        # a national exam that must be accredited 'for WA': Washington's rules
        (
            [("ask_accredited_programs", 0.69), ("ask_eligibility", 0.19), ("ask_credential_info", 0.11)],
            "actually quick q first. does the national exam have to be NCCA accredited for WA?",
            Context(),
            "ask_state_rules",
            None,
        ),
        # a state credential said to be required: that state's rules
        (
            [("ask_salary", 0.6), ("ask_scam_check", 0.13), ("ask_career_advancement", 0.08)],
            "Laid off from tech after 22 yrs. Seattle. Thinking about MA. Read somewhere WA makes you hold a state credential, true?",
            Context(),
            "ask_state_rules",
            None,
        ),
        # blind_ay's readings: going back to school, after verdicts of 'not yet', is learning on the job instead
        (
            [("nlu_fallback", 0.4), ("goodbye", 0.38), ("roadmap_jump", 0.12)],
            "ugh so i have to go back to school?",
            Context("ask_eligibility", (("credential", "ncma"),)),
            "ask_learn_on_job",
            None,
        ),
        # FAFSA right after a visa question: aid for non-citizens
        (
            [("ask_financial_aid", 0.93)],
            "and FAFSA?",
            Context("ask_work_authorization"),
            "ask_financial_aid",
            "noncitizen",
        ),
        # whether a credential needs school, after a state's rules: its eligibility
        (
            [("nlu_fallback", 0.4), ("ask_diploma_requirement", 0.33), ("ask_eligibility", 0.17)],
            "the ccma need school?",
            Context("ask_state_rules", (("us_state", "arizona"),)),
            "ask_eligibility",
            None,
        ),
        # US work that may count, with no training abroad: eligibility, not the foreign nurse's answer
        (
            [("ask_foreign_nurse", 0.94), ("ask_eligibility", 0.03)],
            "I'm a certified phlebotomist, been drawing blood at a reference lab in Denver since 2022. Does that count as experience toward an MA cert?",
            Context(),
            "ask_eligibility",
            None,
        ),
        # 'the classes' after online study: online study again
        (
            [("inform", 0.54), ("ask_online_program", 0.12)],
            "the classes",
            Context("ask_online_program"),
            "ask_online_program",
            None,
        ),
        # what else there is, after aid for non-citizens: the whole aid answer
        (
            [("nlu_fallback", 0.4), ("roadmap_next", 0.25), ("ask_credential_info", 0.22)],
            "ugh. what else is there then",
            Context("ask_financial_aid", (), "noncitizen"),
            "ask_financial_aid",
            None,
        ),
        (
            [("out_of_scope", 0.74), ("feedback_unhelpful", 0.1)],
            "i got a bachelors in business from like 1995 does that mess it up",
            Context("ask_financial_aid", (), "wioa"),
            "ask_financial_aid",
            None,
        ),
        # which credentials their military training gets them: eligibility, not the GI Bill
        (
            [("ask_military_benefits", 0.88), ("inform", 0.05)],
            "army 68W, getting out in about 5 months. which MA certs can i get with just my military training",
            Context(),
            "ask_eligibility",
            None,
        ),
        # money back from a school, and calling oneself a CMA after its course: the diploma-mill answer
        (
            [("ask_salary", 0.4), ("out_of_scope", 0.29), ("ask_scam_check", 0.15)],
            "My neighbor already paid them. How does she get her money back?",
            Context("ask_scam_check"),
            "ask_scam_check",
            "complain",
        ),
        (
            [("ask_career_advancement", 0.51), ("ask_duration", 0.14), ("ask_scam_check", 0.08)],
            "Can she call herself a CMA after finishing it?",
            Context("ask_scam_check"),
            "ask_scam_check",
            None,
        ),
        # what else to pay on top of tuition: the program's costs
        (
            [("ask_financial_aid", 0.5), ("ask_salary", 0.14), ("out_of_scope", 0.1)],
            "what else do i gotta pay for on top",
            Context("ask_program_cost"),
            "ask_program_cost",
            None,
        ),
        # a body named after a verdict: that body's credential, the same question
        (
            [("ask_credential_info", 0.69), ("roadmap_next", 0.13)],
            "damn. the ncct one?",
            Context("ask_eligibility", (("credential", "rma"),)),
            "ask_eligibility",
            None,
        ),
        # another site's figure: the figures in hand
        (
            [("out_of_scope", 0.61), ("ask_scam_check", 0.12)],
            "some site said 19% tho",
            Context("ask_salary", (), "outlook"),
            "ask_salary",
            "outlook",
        ),
        # waiting over a year after graduating, asked after the CMA's fee: the fee in that case
        (
            [("ask_eligibility", 0.9)],
            "And if I wait more than one year after graduation?",
            Context("ask_exam_fee", (("credential", "cma"),)),
            "ask_exam_fee",
            None,
        ),
        # the documents a certifier wants for a degree from abroad, thanked for and asked in one message
        (
            [("thank", 0.9)],
            "understood thank you. for the RMA what document they want for my indian degree",
            Context("ask_work_authorization"),
            "ask_credential_evaluation",
            None,
        ),
        # having to pass an exam to be hired, in a state named by its code: that state's rules
        (
            [("nlu_fallback", 0.4)],
            "here in AZ do i have to pass a cert exam to get hired",
            Context("ask_externship"),
            "ask_state_rules",
            None,
        ),
        # what a credential needs is its eligibility, not what it is
        (
            [("ask_credential_info", 0.9)],
            "rma needs what exactly",
            Context("ask_eligibility"),
            "ask_eligibility",
            None,
        ),
        # a time limit on the exam, after Washington's rules: Washington's exam within 5 years
        (
            [("ask_accommodations", 0.5)],
            "does the exam have to be within a certain time",
            Context("ask_state_rules", (("us_state", "washington"),)),
            "ask_state_rules",
            None,
        ),
        # a credential alone after how long programs take (the same for every credential): what that one asks
        (
            [("ask_credential_info", 0.45), ("ask_exam_fee", 0.09)],
            "and the rma? same story",
            Context("ask_duration", (("credential", "CMA"),)),
            "ask_eligibility",
            None,
        ),
        # whether Step 1 is still scored, after ECFMG's requirements: the USMLE's reported changes
        (
            [("ask_usmle", 0.6)],
            "step 1 still has scores?",
            Context("ask_ecfmg", (), "requirements"),
            "ask_usmle",
            "step_changes",
        ),
        # what must come before a doctor may hire, right after a state's rules: that state's rules
        (
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.32), ("ask_usmle", 0.27)],
            "What must an MA complete before the doctor can hire them there?",
            Context("ask_state_rules", (("us_state", "Arizona"),)),
            "ask_state_rules",
            None,
        ),
        # what a credential needs beyond the diploma: its eligibility
        (
            [("nlu_fallback", 0.4), ("ask_diploma_requirement", 0.32)],
            "what do u even need for the ccma besides the diploma",
            Context("ask_program_type"),
            "ask_eligibility",
            None,
        ),
        # an administrative-only course, asked against the CMA: AAMA's rule on such programs
        (
            [("ask_online_program", 0.95)],
            "theres a cheap online admin only MA course, would that at least get me to the CMA",
            Context("ask_eligibility", (("credential", "RMA"),)),
            "ask_eligibility",
            "admin_only",
        ),
        # "so when could i" after a verdict: when they may test, their eligibility again
        (
            [("nlu_fallback", 0.4), ("estimate_timeline", 0.3)],
            "so when could i",
            Context("ask_eligibility", (("credential", "rma"),)),
            "ask_eligibility",
            None,
        ),
        # a credential with a tag question, after a verdict: the same question for it
        (
            [("nlu_fallback", 0.4), ("ask_credential_info", 0.25)],
            "rma no?",
            Context("ask_eligibility", (("credential", "RMA"), ("credential", "NCMA"))),
            "ask_eligibility",
            None,
        ),
        # a body's possessive alone, after renewal: the same question for its credential
        (
            [("ask_credential_info", 0.68)],
            "ncct's?",
            Context("ask_renewal", (("credential", "cma"),)),
            "ask_renewal",
            None,
        ),
        # giving medicines as an MA in a state named in a story: that state's rules
        (
            [("nlu_fallback", 0.4), ("ask_state_rules", 0.52), ("ask_foreign_nurse", 0.48)],
            "I am GNM nurse from Kerala now in Queens. If I work as medical assistant here in New York can I give medicines to patients like I did in India?",
            Context(),
            "ask_state_rules",
            None,
        ),
        # whether a program is ok, right after Washington's rules: Washington's rules
        (
            [("nlu_fallback", 0.4), ("ask_scam_check", 0.32)],
            "her school is a 720 hr program but not caahep is that ok",
            Context("ask_state_rules", (("us_state", "MA-R"),)),
            "ask_state_rules",
            None,
        ),
        # a first message NLU was sure is out of scope, whose words and next choice agree: retakes
        (
            [("out_of_scope", 0.73), ("ask_exam_retake", 0.21)],
            "how many times can you take it",
            Context(),
            "ask_exam_retake",
            None,
        ),
        # who does the evaluation a verdict asked for: the evaluators (WES's answer)
        (
            [("nlu_fallback", 0.4), ("ask_wes", 0.36), ("ask_credential_evaluation", 0.3)],
            "who does this evaluation",
            Context("ask_eligibility", (("credential", "rma"),)),
            "ask_wes",
            None,
        ),
        # "cant i just do the cma" after the RMA's routes: whether they may, not what a CMA is
        (
            [("ask_what_is_cma", 0.63)],
            "cant i just do the cma tho thats what everybody at work has",
            Context("ask_eligibility", (("credential", "rma"),)),
            "ask_eligibility",
            None,
        ),
        # each USMLE step's attempts: the USMLE's own rules, which give the limit
        (
            [("ask_exam_retake", 0.48), ("ask_usmle", 0.21)],
            "how many attempts are allowed for each USMLE step",
            Context(),
            "ask_usmle",
            "attempts",
        ),
        # how much of an exam is a task, right after that exam: its content, not a state's rules
        (
            [("nlu_fallback", 0.4), ("out_of_scope", 0.33), ("ask_legal_or_medical", 0.28)],
            "how much of it is blood draws",
            Context("ask_exam_format", (("credential", "ccma"), ("us_state", "atlanta"))),
            "ask_exam_format",
            None,
        ),
        # waiting two years, after the CMA's fee: the fee then
        (
            [("ask_duration", 0.55), ("ask_exam_retake", 0.13)],
            "and if i wait like 2 years to take it",
            Context("ask_exam_fee", (("credential", "cma"),)),
            "ask_exam_fee",
            None,
        ),
        # mean or median, read as thanks: the pay answer, which says which it gives
        (
            [("thank", 0.82)],
            "and that dallas number you gave, is that the average or the middle",
            Context("ask_learn_on_job", (("us_state", "Texas"),)),
            "ask_salary",
            None,
        ),
        # what MAs do, right after New York's limits: their duties
        (
            [("roadmap_next", 0.71)],
            "wait so what do they even do there then",
            Context("ask_state_rules", (("us_state", "NY"),)),
            "ask_what_is_cma",
            None,
        ),
        # "so what CAN i do" after a verdict: their routes again
        (
            [("nlu_fallback", 0.4), ("roadmap_repeat", 0.34)],
            "thats dumb, i did way more than any MA. so what CAN i do",
            Context("ask_eligibility", (("credential", "RMA"),)),
            "ask_eligibility",
            None,
        ),
        # what a credential lets someone do that no one without it may: why certify
        (
            [("nlu_fallback", 0.67), ("ask_learn_on_job", 0.13)],  # NLU's start_roadmap, dropped as a misread opener
            "ok name one concrete thing a cert lets you do that someone without one cant",
            Context("ask_salary"),
            "ask_state_rules",
            "why_certify",
        ),
        # schools lying about placement: the diploma-mill answer's complaints, not aid
        (
            [("ask_financial_aid", 0.98)],
            "and the schools just want your fafsa money. whats stopping them from lying about job placement",
            Context("ask_salary"),
            "ask_scam_check",
            "complain",
        ),
        # an instructor's figure, and "making one of these up": the figures in hand
        (
            [("ask_legal_or_medical", 0.4), ("out_of_scope", 0.25), ("ask_exam_format", 0.15)],
            "my instructor said 16%. so which is it, you're making one of these up",
            Context("ask_salary", (("role", "MAs"),), "outlook"),
            "ask_salary",
            "outlook",
        ),
        # an MA exam with a nursing degree from abroad: the MA route, not US nursing
        (
            [("ask_foreign_nurse", 0.99)],
            "Hi! Im BSN nurse from the Philippines, 5 yrs hospital experience, not yet passed NCLEX. Can i take the CMA exam with my nursing degree while waiting?",
            Context(),
            "ask_foreign_nurse",
            None,  # the overview: the whole answer
        ),
        # mixing medical assisting up with nursing: how the roles differ
        (
            [("ask_wes", 0.27), ("ask_credential_info", 0.21), ("ask_compare_roles", 0.2)],
            "My daughter is 16 and says she wants to be a medical assistant, but she keeps mixing it up with nursing. What is the actual difference?",
            Context(),
            "ask_compare_roles",
            None,
        ),
        # what to ask a school on a visit: how to check a program
        (
            [("nlu_fallback", 0.4), ("roadmap_where", 0.23), ("ask_choose_program", 0.2)],
            "What exactly should we ask them when we visit?",
            Context("ask_scam_check"),
            "ask_scam_check",
            "check",
        ),
        # the two-year degree's price: its cost, not the kinds of program
        (
            [("ask_program_cost", 0.99)],
            "And roughly what would a two-year degree cost us?",
            Context("ask_scam_check"),
            "ask_program_cost",
            None,
        ),
        # switching to another credential: whether he may
        (
            [("nlu_fallback", 0.4), ("ask_eligibility", 0.32), ("ask_diploma_requirement", 0.2)],
            "Could he switch to the RMA instead? He finished his program two years ago.",
            Context("ask_exam_format", (("credential", "CCMA"),)),
            "ask_eligibility",
            None,
        ),
        # the exams a Department of Health accepts: the state's rules
        (
            [("nlu_fallback", 0.4), ("ask_wes", 0.34), ("ask_accommodations", 0.17)],
            "Which national exams does the Department of Health accept?",
            Context("ask_eligibility", (("us_state", "Tacoma"),)),
            "ask_state_rules",
            None,
        ),
        # an owner on the hook for an employee's harm: a lawyer's question
        (
            [("nlu_fallback", 0.4), ("ask_legal_or_medical", 0.27), ("ask_pass_rate", 0.2)],
            "If one of my MAs injures a patient, am I personally on the hook as the owner?",
            Context("ask_state_rules", (("us_state", "Mesa"),)),
            "ask_legal_or_medical",
            None,
        ),
        # whether a credential counts "here", right after a state's rules: that state's rules
        (
            [("ask_renewal", 0.76), ("ask_credential_info", 0.21)],
            "Last one. Does the NHA's CCMA count here now?",
            Context("ask_state_rules", (("us_state", "Mesa"), ("credential", "RMA"))),
            "ask_state_rules",
            None,
        ),
        # a short program, as a "what if" after aid: the short-program Pell Grant
        (
            [("ask_scam_check", 0.77), ("out_of_scope", 0.06)],
            "wut if its a short one like 10 weeks",
            Context("ask_financial_aid"),
            "ask_financial_aid",
            "workforce_pell",
        ),
        # an IEP and AMCA's test: the one certifier whose rule on IEPs is sourced
        (
            [("ask_diploma_requirement", 0.84), ("ask_wes", 0.05)],
            "His IEP is 3 years old. Would the AMCA test accept it?",
            Context("ask_accommodations", (("credential", "RMA exam"),)),
            "ask_accommodations",
            "iep",
        ),
        # whether the job will still exist: the outlook
        (
            [("nlu_fallback", 0.4), ("inform", 0.38), ("ask_salary", 0.3)],
            "is this job even gonna be around in 10 yrs",
            Context("ask_pass_rate", (("credential", "rma"),)),
            "ask_salary",
            "outlook",
        ),
        # a real program's length, after where to complain: how long programs take
        (
            [("ask_scam_check", 0.41), ("out_of_scope", 0.19)],
            "so whats a realistic length for a real one",
            Context("ask_scam_check", (), "complain"),
            "ask_duration",
            None,
        ),
        # a program's hours and the exam's window with Washington in hand: its own MA-C rules
        (
            [("nlu_fallback", 0.4), ("out_of_scope", 0.27)],
            "if i did a regular school instead how many hours would it need",
            Context("ask_learn_on_job", (("us_state", "MA-R"), ("us_state", "spokane"))),
            "ask_state_rules",
            None,
        ),
        (
            [("ask_exam_format", 0.85), ("ask_duration", 0.07)],
            "and after finishing how long do i have to pass the exam",
            Context("ask_learn_on_job", (("us_state", "MA-R"), ("us_state", "spokane"))),
            "ask_state_rules",
            None,
        ),
        # the state already in hand, named again: no switch, the question NLU read
        (
            [("ask_state_rules", 0.82), ("inform", 0.05)],
            "and in illinois do i even need it",
            Context("ask_which_credential", (("role", "MA"), ("us_state", "illinois"), ("credential", "rma"))),
            "ask_state_rules",
            None,
        ),
        # what a course-by-course evaluation is and who does it: the evaluation, never the bot's menu
        (
            [("nlu_fallback", 0.4), ("help", 0.37), ("ask_advisor_info", 0.34)],
            "what is this course by course thing and who is doing it",
            Context("ask_eligibility", (("credential", "rma"),)),
            "ask_credential_evaluation",
            "report_types",
        ),
        # having to study again: whether their education lets them sit the exam
        (
            [("ask_exam_study", 0.61), ("ask_eligibility", 0.28)],
            "hi po im a doctor from the philippines grad 2021, now here in chicago. can i take the cma exam agad or do i need to study again here",
            Context(),
            "ask_eligibility",
            None,
        ),
        # the shortest, asked alone: how long programs take
        (
            [("nlu_fallback", 0.4), ("ask_choose_program", 0.37), ("ask_duration", 0.35)],
            "ok if i do MA program first what is the shortest",
            Context("ask_foreign_nurse"),
            "ask_duration",
            None,
        ),
        # a credential with their years, after a state's rules: whether those years qualify
        (
            [("inform", 0.98), ("ask_eligibility", 0.01)],
            "and the rma with my 4 years",
            Context("ask_state_rules", (("us_state", "NY"),)),
            "ask_eligibility",
            None,
        ),
        # getting hired to learn there, after aid: learning on the job
        (
            [("ask_learn_on_job", 0.99)],
            "can i just get hired at a clinic and learn there without paying for school",
            Context("ask_financial_aid"),
            "ask_learn_on_job",
            None,
        ),
        # a tuition-sized price asked whether normal: what programs cost
        (
            [("inform", 0.74), ("ask_program_cost", 0.04)],
            "and is 18k normal",
            Context("ask_scam_check"),
            "ask_program_cost",
            None,
        ),
        # what comes before applying to a program, after a visa question: the diploma rule
        (
            [("ask_diploma_requirement", 0.44), ("ask_work_authorization", 0.23)],
            "What does he need before he can even apply to a program?",
            Context("ask_work_authorization"),
            "ask_diploma_requirement",
            None,
        ),
        # which credential an accredited program opens: eligibility, not what ABHES is
        (
            [("ask_accredited_programs", 0.99)],
            "the one im looking at is ABHES accredited. which cert does that let me take",
            Context("ask_duration"),
            "ask_eligibility",
            None,
        ),
        # moving up to earn more, after the pay outlook: career advancement
        (
            [("ask_career_advancement", 0.99)],
            "what would i move up to after to make more",
            Context("ask_salary", (), "outlook"),
            "ask_career_advancement",
            None,
        ),
        # where she sits the exam, after its fee: where the exam is taken
        (
            [("ask_accredited_programs", 0.48), ("ask_financial_aid", 0.07)],
            "Where does she actually sit for it?",
            Context("ask_exam_fee", (("credential", "cma"),)),
            "ask_exam_format",
            None,  # the CMA's own exam answer says where it is taken
        ),
        # Washington's minimum program hours, and a program "enough" right after: Washington's rules
        (
            [("nlu_fallback", 0.4), ("ask_diploma_requirement", 0.26), ("ask_program_cost", 0.25)],
            "OK. In Washington what is the minimum hours for MA program?",
            Context("ask_financial_aid"),
            "ask_state_rules",
            None,
        ),
        (
            [("ask_accredited_programs", 0.99)],
            "And if program is CAAHEP accredited, this is enough?",
            Context("ask_state_rules", (("us_state", "Washington"),)),
            "ask_state_rules",
            None,
        ),
        # what an MA needs before an owner hires, in a named city: that state's rules
        (
            [("ask_work_authorization", 0.62), ("ask_program_cost", 0.09)],
            "and for our Tucson clinic, what does an MA need before I hire them",
            Context("ask_credential_info"),
            "ask_state_rules",
            None,
        ),
        # a legal risk of their own, heard as a question about the plan: a lawyer's
        (
            [("nlu_fallback", 0.56), ("ask_which_credential", 0.1)],  # NLU's roadmap_where, dropped as misheard
            "so am i gonna get in trouble?? should i just quit",
            Context("ask_state_rules", (("us_state", "NY"),)),
            "ask_legal_or_medical",
            None,
        ),
        # a tuition-sized figure after pass rates: what programs cost, no exam's fee
        (
            [("inform", 0.74), ("ask_program_cost", 0.04)],
            "and is 18k normal",
            Context("ask_pass_rate"),
            "ask_program_cost",
            None,
        ),
        # a settled status told in passing, and a state's licence asked: that state's rules, no visa question
        (
            [("ask_work_authorization", 0.95), ("ask_state_rules", 0.03)],
            "hello po, im a doctor from manila (UST grad), now green card holder living here in daly city. my friend told me in california i dont need any license to work as MA, is that true po?",
            Context(),
            "ask_state_rules",
            None,
        ),
        # reporting a school: where to complain
        (
            [("ask_scam_check", 0.98), ("ask_choose_program", 0.01)],
            "And if I wanted to report that Instagram school, who would I even tell?",
            Context("ask_financial_aid"),
            "ask_scam_check",
            "complain",
        ),
        # a share of what, and what the lowest earners make: the pay figures in hand
        (
            [("out_of_scope", 0.44), ("help", 0.08)],
            "12% of what tho",
            Context("ask_salary", (), "outlook"),
            "ask_salary",
            "outlook",
        ),
        (
            [("out_of_scope", 0.72), ("start_roadmap", 0.06)],
            "and what do the bottom guys make",
            Context("ask_salary", (), "by_state"),
            "ask_salary",
            "hourly",
        ),
        # working on a tourist visa, after a state's rules: a question of status, however "ok" is worded
        (
            [("ask_work_authorization", 0.997)],
            "I am on tourist visa at the moment, is it ok to work as MA while waiting?",
            Context("ask_state_rules", (("us_state", "california"), ("credential", "RMA"))),
            "ask_work_authorization",
            None,
        ),
        # a time limit asked after the routes that take their military training: the routes again
        (
            [("nlu_fallback", 0.4), ("roadmap_repeat", 0.3)],
            "time limit?",
            Context("ask_eligibility"),
            "ask_eligibility",
            None,
        ),
        # a program needed as well, after testing before graduating: what the credential asks for
        (
            [("ask_diploma_requirement", 0.71), ("ask_scam_check", 0.06)],
            "wait so i still need a program too??",
            Context("ask_diploma_requirement", (("credential", "ccma"),), "in_high_school"),
            "ask_eligibility",
            None,
        ),
        # a high school's CTE class asked of Washington, and a national credential "good enough" there: its rules
        (
            [("ask_diploma_requirement", 0.96), ("ask_course_transfer", 0.02)],
            "my high school has a medical assistant CTE class thats 720 hours, does that count for washington? im a senior",
            Context(),
            "ask_state_rules",
            None,
        ),
        (
            [("ask_exam_study", 0.45), ("ask_exam_format", 0.28)],
            "is the ccma good enough for the washington exam part",
            Context("ask_state_rules", (("us_state", "washington"),)),
            "ask_state_rules",
            None,
        ),
        # still allowed to take the CMA years after an accredited program: eligibility, not a state's rules
        (
            [("ask_eligibility", 0.96), ("ask_exam_retake", 0.03)],
            "ok so long story, i finished a medical assisting certificate at the community college in may 2019 and yes it was CAAHEP accredited i checked, but then my second kid came and i ended up doing insurance billing from home and never took the cma. kids are in school now and i want to get back to clinical work. am i still allowed to take the cma or did i miss my window??",
            Context(),
            "ask_eligibility",
            None,
        ),
        # a needle stick, read as out of scope however sure: a medical question, declined to a clinician
        (
            [("out_of_scope", 0.81), ("ask_legal_or_medical", 0.16)],
            "btw i got a needle stick last week at my caregiver job, do i still need to take hiv prophylaxis?",
            Context("ask_state_rules", (("us_state", "california"),)),
            "ask_legal_or_medical",
            None,
        ),
        # checking one program, not only its school: how to check a program
        (
            [("ask_choose_program", 0.58), ("ask_scam_check", 0.21)],
            "ok how do i check my actual program and not just the school",
            Context("ask_accredited_programs"),
            "ask_scam_check",
            "check",
        ),
        # trusting a secondary source, after a verdict: the same answer, whose sources say whom to confirm with
        (
            [("nlu_fallback", 0.4), ("out_of_scope", 0.19)],
            "so I'm supposed to trust a 'secondary source'? great",
            Context("ask_eligibility", (("credential", "RMA"),)),
            "ask_eligibility",
            None,
        ),
        # what their options are, after their verdict or aid: the same answer, in full
        ([("help", 0.98)], "so what are my options", Context("ask_eligibility"), "ask_eligibility", None),
        (
            [("help", 0.68), ("ask_exam_format", 0.08)],
            "ok so what other options do i have to pay",
            Context("ask_financial_aid"),
            "ask_financial_aid",
            None,
        ),
        # which credentials their training opens, however NLU read the story
        (
            [("ask_military_benefits", 0.67), ("ask_eligibility", 0.1)],
            "68W here, ets april 2027. finished AIT back in 2019. what MA certs can i get off just my army training",
            Context(),
            "ask_eligibility",
            None,
        ),
        # whether their training is too old: eligibility
        (
            [("ask_diploma_requirement", 0.72), ("out_of_scope", 0.11)],
            "so 2019 is too old for both?",
            Context("ask_eligibility"),
            "ask_eligibility",
            None,
        ),
        # what residency itself needs: ECFMG's requirements
        (
            [("nlu_fallback", 0.4), ("out_of_scope", 0.32), ("ask_renewal", 0.16)],
            "what do I need for residency itself?",
            Context("ask_residency_path"),
            "ask_ecfmg",
            "requirements",
        ),
        # the test after a program's price: the exam's fee
        (FALLBACK, "what about the test after", Context("ask_program_cost"), "ask_exam_fee", None),
        # the exam's window, asked as "how long" with Washington in hand: Washington's rules
        (
            [("ask_duration", 0.87), ("ask_exam_format", 0.07)],
            "exam has to be within how long",
            Context("ask_state_rules", (("us_state", "washington"),)),
            "ask_state_rules",
            None,
        ),
        # a national credential carried to the state in hand: that state's rules
        (
            [("nlu_fallback", 0.4), ("ask_exam_retake", 0.35), ("ask_exam_fee", 0.26)],
            "if i get the ccma now does that carry over there",
            Context("ask_state_rules", (("us_state", "washington"),)),
            "ask_state_rules",
            None,
        ),
        # testing while still in the program: when each credential lets students test
        (
            [("ask_diploma_requirement", 0.8)],
            "can i take it while im still in the program",
            Context("ask_exam_format", (("credential", "CMA"),)),
            "ask_eligibility",
            "timing",
        ),
        # why anyone pays for a credential no law asks: why employers want one
        (
            [("ask_financial_aid", 0.77), ("ask_salary", 0.08)],
            "then why would anyone pay for it",
            Context("ask_state_rules"),
            "ask_state_rules",
            "why_certify",
        ),
        # a right to a refund: only a lawyer can say
        (
            [("ask_scam_check", 0.97), ("ask_legal_or_medical", 0.03)],
            "If I already signed and paid a $500 deposit, am I legally entitled to get it back?",
            Context("ask_scam_check"),
            "ask_legal_or_medical",
            None,
        ),
        # where the exam is taken, asked of a credential in hand
        (
            [("ask_eligibility", 0.998)],
            "If she does qualify, can she take the test at her school or does she have to travel?",
            Context("ask_eligibility", (("credential", "RMA"),)),
            "ask_exam_format",
            None,  # the RMA's own exam answer says where it is taken
        ),
        # MA's training faster, after MA vs RN pay: how long it takes
        (
            [("inform", 0.43), ("ask_salary", 0.31)],
            "ok but MA is way faster right",
            Context("ask_salary", (("role", "RN"),)),
            "ask_duration",
            None,
        ),
        # working while they study, after aid on a student visa: what the status allows
        (
            [("ask_online_program", 0.74), ("ask_residency_path", 0.19)],
            "and can i work part time as MA while i study",
            Context("ask_financial_aid", (), "noncitizen"),
            "ask_work_authorization",
            None,
        ),
        # surprise at a verdict, half-heard as a medical question: the verdict again
        (
            [("ask_legal_or_medical", 0.41), ("ask_career_advancement", 0.12)],
            "even after 5.5 years of medicine?? thats surprising",
            Context("ask_eligibility", (("credential", "cma"),)),
            "ask_eligibility",
            None,
        ),
        # a registration told in a state, then whether to renew "that": the state's rules still
        (
            [("ask_state_rules", 0.73), ("ask_usmle", 0.27)],
            "i used to have to register with the state board as an MA here in sioux falls, do i still need to renew that?",
            Context(),
            "ask_state_rules",
            None,
        ),
        # why pay, with whether any law requires it: the requirement's answer, which names Washington
        (
            [("ask_salary", 0.53), ("ask_resume_interview", 0.18), ("ask_renewal", 0.14)],
            "Honestly why would I pay for a certification when half the MAs I know learned on the job. "
            "Is it even required anywhere?",
            Context(),
            "ask_state_rules",
            None,
        ),
        # how to search a program's accreditation themselves: how to check a program
        (
            [("nlu_fallback", 0.4), ("roadmap_where", 0.22)],
            "how i search it myself",
            Context("ask_accredited_programs", (("us_state", "virginia"),)),
            "ask_scam_check",
            "check",
        ),
        # a state named in what they tell, a cost asked after it: the cost, not the state's rules
        (
            [("ask_state_rules", 0.63), ("ask_program_cost", 0.12), ("ask_what_is_cma", 0.07)],
            "Washington is one state. Whatever. What does the CMA actually cost me?",
            Context("ask_state_rules"),
            "ask_exam_fee",
            None,
        ),
        # working first and certified later, "rn" as right now: learning on the job, no nurse
        (
            [("ask_career_advancement", 0.80), ("ask_learn_on_job", 0.06), ("ask_duration", 0.05)],
            "can i start working as ma rn and get certified later",
            Context("ask_usmle", (("role", "ma"),)),
            "ask_learn_on_job",
            None,
        ),
        # college or a job straight away: learning on the job
        (
            [("ask_state_rules", 0.47), ("ask_learn_on_job", 0.26), ("ask_diploma_requirement", 0.11)],
            "do u need college for it or can u just get hired",
            Context("ask_what_is_cma", (("role", "ma"),)),
            "ask_learn_on_job",
            None,
        ),
        # whether a state asks certification, or a job straight away: the state's rules
        (
            [("ask_state_rules", 0.99), ("ask_learn_on_job", 0.002)],
            "do i need to be certified to work as an MA in az or can i just get hired",
            Context(),
            "ask_state_rules",
            None,
        ),
        # the outlook and the pay in one question: the whole pay answer, which has both
        (
            [("ask_salary", 0.95)],
            "is it a good job like will there be jobs and what does it pay",
            Context(),
            "ask_salary",
            None,
        ),
        # something to study with, no money named: study help, not aid
        (
            [("ask_financial_aid", 0.96), ("ask_exam_study", 0.04)],
            "is there something to help me study, i only have sunday free",
            Context("ask_exam_fee", (("credential", "ccma"),)),
            "ask_exam_study",
            None,
        ),
        # on their feet all day: what the work is like
        (
            [("estimate_timeline", 0.85), ("ask_exam_fee", 0.04), ("ask_legal_or_medical", 0.03)],
            "Would I be on my feet all day?",
            Context("ask_salary", (), "outlook"),
            "ask_what_is_cma",
            None,
        ),
        # their own MA work told, then whether it helps: whether it lets them sit for a credential
        (
            [("ask_online_program", 0.73), ("ask_residency_path", 0.13), ("ask_eligibility", 0.04)],
            "I have been working part time at an urgent care as a medical assistant since 2022, roughly 30 hours "
            "a week. Does that help me at all?",
            Context("ask_online_program"),
            "ask_eligibility",
            None,
        ),
        # which of an evaluation's two reports to order: the evaluation's report types
        (
            [("ask_choose_program", 0.75), ("ask_credential_evaluation", 0.09), ("ask_which_credential", 0.03)],
            "There are two kind of report, which one I should ask?",
            Context("ask_credential_evaluation", (("us_state", "New Jersey"),), "report_types"),
            "ask_credential_evaluation",
            "report_types",
        ),
        # pay stubs to show their years: what the work routes ask for, never pay
        (
            [("ask_salary", 0.77), ("ask_exam_fee", 0.05), ("ask_financial_aid", 0.04)],
            "and what do they want from me to show my 10 yrs? pay stubs?",
            Context("ask_renewal", (("credential", "rma"),)),
            "ask_eligibility",
            None,
        ),
        # a program near them, after accreditation: the accreditors' lists
        (
            [("out_of_scope", 0.96), ("ask_resume_interview", 0.02), ("ask_accredited_programs", 0.004)],
            "how do i find one near phoenix",
            Context("ask_which_credential", (("credential", "CMA"),)),
            "ask_accredited_programs",
            None,
        ),
        # whether a membership's CE renews the credential in hand: renewal, not the members' exam price
        (
            [("nlu_fallback", 0.4), ("ask_state_rules", 0.39), ("ask_eligibility", 0.22)],
            "can i just do the nha membership thing does that cover it",
            Context("ask_renewal", (("credential", "ccma"),)),
            "ask_renewal",
            None,
        ),
        # certification on their work, asked in Spanish: whether the work lets them sit, not a city's rules
        (
            [("ask_work_authorization", 0.69), ("ask_learn_on_job", 0.11), ("ask_foreign_nurse", 0.07)],
            "buenas, trabajo de asistente médico en una clínica en Dallas hace 2 años pero sin certificado. "
            "puedo sacar la certificación con mi experiencia?",
            Context(),
            "ask_eligibility",
            None,
        ),
        # the degree needed to get certified, by someone who does the work: eligibility
        (
            [("ask_state_rules", 0.70), ("ask_usmle", 0.07), ("ask_eligibility", 0.06)],
            "tbh i already do most MA stuff as a 4N0. do i even need the degree to get certified",
            Context("ask_program_type"),
            "ask_eligibility",
            None,
        ),
        # full time after the GI Bill: the GI Bill's own hours, not a work route's full-time work
        (
            [("ask_eligibility", 0.45), ("roadmap_repeat", 0.17), ("ask_foreign_nurse", 0.04)],
            "what counts as full time for that",
            Context("ask_military_benefits"),
            "ask_military_benefits",
            None,
        ),
        # a credential's exam on the approved list, after the GI Bill: the VA's list, not the exam's fee
        (
            [("ask_exam_fee", 0.85), ("ask_accredited_programs", 0.07), ("ask_exam_format", 0.02)],
            "is the cma one on the approved list",
            Context("ask_military_benefits"),
            "ask_military_benefits",
            None,
        ),
        # the CE route for next time, after renewing by exam: renewal, not an eligibility route
        (
            [("ask_renewal", 0.62), ("ask_exam_retake", 0.34), ("ask_state_rules", 0.01)],
            "and if i go the CE route next time how many do i need",
            Context("ask_renewal", (("credential", "CMA"),)),
            "ask_renewal",
            None,
        ),
        # a certificate's price after aid, in English or Spanish: the program's price, not the aid again
        (
            [("ask_program_cost", 0.99), ("ask_exam_fee", 0.01)],
            "ok. whats the cost range for the certificate",
            Context("ask_financial_aid", (), "noncitizen"),
            "ask_program_cost",
            None,
        ),
        (
            [("ask_program_cost", 0.99), ("ask_exam_fee", 0.003), ("ask_duration", 0.001)],
            "y cuánto cuesta el programa normalmente?",
            Context("ask_financial_aid", (), "wioa"),
            "ask_program_cost",
            None,
        ),
        # a person or a computer, asked at the end of a long story: what the bot is, not the story's topic
        (
            [("ask_scam_check", 0.64), ("request_human", 0.21), ("ask_cna_vs_ma", 0.05)],
            "Hi, my name is Rosa and I have been a CNA for six years in Houston and I am thinking about moving "
            "to medical assisting. Before anything, am I speaking with a real person or a computer?",
            Context(),
            "help",
            None,
        ),
        # a card or citizenship held is their story: what they ask is the question, not leave to work
        (
            [("ask_eligibility", 0.9998), ("ask_foreign_nurse", 0.0001)],
            "Hello, I practised pediatrics in Chennai for 12 years before moving to Bellevue on a family green card. "
            "Can that clinical experience be counted for the RMA work experience route?",
            Context(),
            "ask_eligibility",
            "working_ma",
        ),
        (
            [("ask_work_authorization", 0.917), ("ask_career_advancement", 0.083)],
            "I am ophthalmologist from Peshawar, now American citizen. If I become MA, can I work in an eye clinic "
            "specifically?",
            Context(),
            "nlu_fallback",
            None,
        ),
        (
            [("ask_work_authorization", 0.95), ("ask_eligibility", 0.03)],
            "I have a green card. Am I allowed to work as an MA?",
            Context(),
            "ask_work_authorization",
            None,
        ),
        # nursing asked to count toward a credential, with the state they live in told: the nurse's answer
        (
            [("ask_foreign_nurse", 0.66), ("ask_eligibility", 0.337), ("ask_state_rules", 0.003)],
            "I was a nurse in the Philippines for 10 years, now I have green card and live in NJ. Does my nursing "
            "count so I can take the RMA?",
            Context(),
            "ask_foreign_nurse",
            None,
        ),
        # working without a credential in a state they name: that state's rules, not learning on the job
        (
            [("ask_learn_on_job", 0.8), ("ask_state_rules", 0.15)],
            "In Texas can I work as MA without certificate first?",
            Context(),
            "ask_state_rules",
            None,
        ),
        (
            [("ask_work_authorization", 0.65), ("ask_state_rules", 0.25)],
            "Hola, soy médica cubana y ya tengo green card. Quiero saber si puedo trabajar de asistente médico en "
            "Florida sin licencia",
            Context(),
            "ask_state_rules",
            None,
        ),
        # whether a credential counts in a state they name: that state's rules
        (
            [("ask_eligibility", 0.9), ("ask_state_rules", 0.08)],
            "would the CCMA count in AZ",
            Context(),
            "ask_state_rules",
            None,
        ),
        # how soon the result comes: the exam's answer on results, never the program's length
        (
            [("ask_duration", 0.93), ("ask_exam_format", 0.03)],
            "how long til u get ur results",
            Context("ask_exam_fee", (("credential", "CCMA"),)),
            "ask_exam_format",
            "results",
        ),
        # their own old pay, then the outlook: the outlook alone
        (
            [("ask_salary", 0.99), ("ask_learn_on_job", 0.004)],
            "i make 30/hr welding lol. is there at least job growth",
            Context("ask_salary"),
            "ask_salary",
            "outlook",
        ),
    ],
)
def test_their_own_words_name_the_topic_and_its_part(ranking, text, context, expected, aspect):
    entities = NLU_ENTITIES.get(text, [])
    got = understand(ranking[0][0], ranking[0][1], entities, text, context, ranking)
    assert (got.intent, _aspect(got)) == (expected, aspect)


def test_which_one_they_can_do_after_one_credential_s_verdict_asks_every_credential():
    context = Context("ask_eligibility", (("credential", "CMA"),))
    got = understand("ask_eligibility", 0.9, [], "so which one can i do then", context, [("ask_eligibility", 0.9)])
    assert got.intent == "ask_eligibility"
    assert not [value for kind, value in got.entities if kind == "credential"]


def test_work_since_a_month_and_year_is_years_of_ma_work_up_to_now():
    today = dt.date(2026, 12, 4)
    heard = read("I've worked full time as an MA since October 2019.", {}, None, today)
    assert heard.changes["experience_years"] == float(today.year - 2019)


def test_years_of_medicine_are_no_medical_assisting_work():
    heard = read(
        "even after 5.5 years of medicine?? thats surprising",
        {"experience_years": "5.5 years"},
        Profile(background="img"),
    )
    assert 5.5 in heard.not_ma_years


def test_paying_again_every_few_years_is_renewal_whatever_came_before():
    # "and I bet you pay again every few years" after the exam's fee (NLU heard a roadmap "repeat")
    assert decisive_topic("and I bet you pay again every few years") == "ask_renewal"
    assert decisive_topic("do i get a raise every few years") is None


def test_calling_oneself_a_cma_with_another_credential_gets_who_may_use_the_title(kb: KnowledgeBase):
    text = "so can i call myself a CMA since i have the RMA"
    assert decisive_topic(text) == "ask_credential_info"
    aspect = cued_aspect("ask_credential_info", text)
    reply = reply_for(kb, "ask_credential_info", [("aspect", aspect), ("credential", "RMA")])
    trademark = kb.facts(["cma_trademark"])["cma_trademark"]
    assert reply.variant == "cma_title" and trademark.value in reply.text


@pytest.mark.parametrize(
    "intent, text, aspect",
    [
        # an office-only certificate, named by its kind: AAMA's counsel says it does not lead to the CMA
        (
            "ask_eligibility",
            "was looking at an online medical office admin assistant certificate. would that let me sit for the CMA later",
            "admin_only",
        ),
        ("ask_eligibility", "my admin and clinical program, does it count for the CMA", None),  # both sides taught
        # the earliest they may test: when each credential lets students and graduates test
        (
            "ask_eligibility",
            "ok if I start a CMA program in January 2027 when's the earliest I could sit for the test?",
            "timing",
        ),
    ],
)
def test_the_words_pick_the_eligibility_part(intent, text, aspect):
    assert cued_aspect(intent, text) == aspect


def test_a_kind_of_program_priced_after_aid_is_the_program_s_price():
    from bot.understanding.cues import cued_intent

    assert cued_intent("and if i want the 2 yr degree instead how much", "ask_financial_aid") == "ask_program_cost"
    assert cued_intent("how much is it", "ask_financial_aid") == "ask_financial_aid"  # aid's own amounts


def test_where_to_look_the_answer_up_officially_is_asked_of_the_answer_in_hand():
    context = Context("ask_state_rules", (("us_state", "new_york"),))
    text = "so where do i look this up officially so i can show my manager"
    got = understand("nlu_fallback", 0.4, [], text, context, [("ask_career_advancement", 0.3)])
    assert got.intent == "ask_state_rules" and ("us_state", "new_york") in got.entities


@pytest.mark.parametrize(
    "text, topic",
    [
        ("Is it actually quick or is that just what the ads say?", "ask_duration"),
        ("But then my MBBS itself is sufficient na?", "ask_eligibility"),
        (
            "Is there any certificate where they will consider my medical degree instead of doing full course again",
            "ask_eligibility",
        ),
        ("Does he need a college degree to do this?", "ask_program_type"),
        ("I have kidney problem, is standing whole day ok for me?", "ask_legal_or_medical"),
        ("i finishd medicine in caracas, what amt need from me for my degree", "ask_credential_evaluation"),
        ("once im back whats the CE breakdown again", "ask_renewal"),
        ("the school near me say certificate is 10 months, that is normal?", "ask_duration"),
        ("ok and what does MA school in chicago usually run", "ask_program_cost"),
        ("for the CCMA does it matter that some of it was long ago", "ask_eligibility"),
        ("which of them can i take from home", "ask_exam_format"),
        ("and keeping the ncma once i have it", "ask_renewal"),
        (
            "googled NCMA and got some contract management association. is NCMA even a real medical cert or is this a scam",
            "ask_credential_info",
        ),
        # words alike that ask something else
        ("i worked 10 months as an MA, is that normal to apply?", None),  # their work, not a program's length
        ("is this 6 week online program legit or nah", "ask_scam_check"),  # a scam question stays one
        (
            "68W here, ETS in 5 months. Does my Army medic schooling count toward any of the MA certs?",
            "ask_eligibility",
        ),
        ("if i bomb it how long till i can retry", "ask_exam_retake"),
        ("whats even the point of 4 different certs. smells like alphabet soup to collect fees", "ask_credential_info"),
        ("Friend of mine is Coast Guard, same deal for her?", "ask_military_benefits"),
        ("Is that an actual rule or is she making it up to push the pricey course", "ask_state_rules"),
        ("Is there any legislation pending that would change this?", "ask_state_rules"),
        ("and the test itself is how long", "ask_exam_format"),
        ("and what would I pay to retake as a recertifier, I dropped my membership", "ask_exam_fee"),
        ("would joining again save me anything", "ask_exam_fee"),
        ("do they all have to be AAMA ones or can I use the free ones my hospital puts on", "ask_renewal"),
        ("I'm 46 and drove trucks for 20 years. What does a medical assistant actually do all day?", "ask_what_is_cma"),
        ("How's the pay next to a CNA?", "ask_salary"),
        ("ccma. what do i need exactly", "ask_eligibility"),
        ("what does Cincinnati State charge for their program", "ask_program_cost"),
        (
            "If doctor still make me give injection with no certificate, can I report him or I will be in trouble?",
            "ask_legal_or_medical",
        ),
    ],
)
def test_the_question_s_own_words_decide_whatever_nlu_heard(text, topic):
    assert decisive_topic(text) == topic


def test_help_from_the_government_with_a_status_is_aid_for_noncitizens():
    from bot.understanding.cues import aid_with_status

    assert aid_with_status("she has green card, not citizen yet. she can get help from government for the school?")


def test_a_california_only_credential_is_california_s_own():
    from bot.understanding.cues import about_a_state_credential

    assert about_a_state_credential("someone said theres a california only cert that takes work experience?")


@pytest.mark.parametrize(
    "text, context, expected",
    [
        # doubting where a figure comes from: the figure's answer again, whose sources say
        (
            "so it's not even straight from bls.gov? then how am I supposed to trust it",
            Context("ask_salary"),
            "ask_salary",
        ),
        # a state credential's time counted toward a national credential: that credential's routes
        (
            "does my MA-R time count for the RMA work route",
            Context("ask_state_rules", (("us_state", "washington"),)),
            "ask_eligibility",
        ),
        # what a nurse there said she may not let them do: the state's rules
        (
            "the RN there said she cant let me do meds tho",
            Context("ask_state_rules", (("us_state", "illinois"),)),
            "ask_state_rules",
        ),
    ],
)
def test_follow_ups_that_nlu_half_hears(text, context, expected):
    entities = [("credential", "RMA")] if "RMA" in text else []
    got = understand("nlu_fallback", 0.4, entities, text, context, FALLBACK)
    assert got.intent == expected


def test_a_long_answer_at_the_program_question_that_asks_is_no_program():
    assert read_education("k how long are the programs") is None


def test_a_state_named_with_a_program_needed_to_work_there_is_that_state_s_rules():
    context = Context("ask_diploma_requirement", (("credential", "ccma"),), "in_high_school")
    text = "in arizona do i have to do a program to work as a MA"
    ranking = [("nlu_fallback", 0.4), ("ask_state_rules", 0.26), ("inform", 0.25)]
    got = understand("nlu_fallback", 0.4, [("us_state", "arizona"), ("role", "MA")], text, context, ranking)
    assert got.intent == "ask_state_rules" and ("us_state", "arizona") in got.entities


def test_at_least_is_no_lowest_pay():
    assert cued_aspect("ask_salary", "Do you at least know the pay in PA?") is None
    assert cued_aspect("ask_salary", "what do the least paid MAs make") == "hourly"  # the lowest tenth


def test_work_told_after_a_verdict_asks_the_verdict_again_whatever_topic_nlu_heard():
    context = Context("ask_eligibility", (("credential", "RMA"),))
    heard_as = Understood("ask_what_is_cma", [("role", "MA")])
    again = asked_again(heard_as, context, told=True)
    assert again is not None and again.intent == "ask_eligibility" and ("credential", "RMA") in again.entities
    assert asked_again(heard_as, context) is None  # a question of its own is answered as asked


@pytest.mark.parametrize(
    "intent, text, context, expected",
    [
        # the associate degree's price, after a program's price
        ("ask_accommodations", "and the two year version?", Context("ask_program_cost"), "ask_program_cost"),
        # starting work in a state named: that state's rules
        (
            "ask_eligibility",
            "I'm a 68W separating from JBLM and plan to stay in Washington. Can I start working as a medical "
            "assistant right away on my military training alone?",
            Context(),
            "ask_state_rules",
        ),
        # what MyCAA covers, not the kinds of program
        (
            "ask_program_type",
            "Does it cover an associate degree too or only certificates?",
            Context("ask_military_benefits", (), "spouse"),
            "ask_military_benefits",
        ),
        # a state's rules in hand, then who checks, whether the doctor must be there, what a nurse said
        ("nlu_fallback", "who checks", Context("ask_state_rules", (("us_state", "arizona"),)), "ask_state_rules"),
        (
            "nlu_fallback",
            "doc has to be there?",
            Context("ask_state_rules", (("us_state", "ohio"),)),
            "ask_state_rules",
        ),
        (
            "nlu_fallback",
            "The RN in clinic say she cannot let me give medications. Why, if the doctor can?",
            Context("ask_state_rules", (("us_state", "illinois"),)),
            "ask_state_rules",
        ),
        # work told with "does that help?" after their verdict: the verdict again, for them
        (
            "ask_residency_path",
            "well I've also been working full time as an MA at an ortho clinic since early 2021, does that help?",
            Context("ask_eligibility"),
            "ask_eligibility",
        ),
        # whether a status opens the aid in hand
        (
            "ask_work_authorization",
            "im not citizen but i have green card, is ok?",
            Context("ask_financial_aid"),
            "ask_financial_aid",
        ),
    ],
)
def test_the_answer_in_hand_or_the_words_decide_the_follow_up(intent, text, context, expected):
    entities = [("us_state", "Washington")] if "Washington" in text else []
    got = understand(intent, 0.5, entities, text, context, [(intent, 0.5)])
    assert got.intent == expected


def test_a_long_story_ending_in_whether_it_is_still_good_asks():
    assert looks_like_question(
        "I got my NCMA from N C C T back in 2018 and I never did any of the continuing ed classes after that is it "
        "still good"
    )


def test_work_since_early_in_a_year_is_years_of_ma_work_up_to_now():
    today = dt.date(2026, 12, 4)
    heard = read("I've been working full time as an MA at an ortho clinic since early 2021", {}, None, today)
    assert heard.changes["experience_years"] == float(today.year - 2021)


@pytest.mark.parametrize(
    "spelled, key", [("c m a", "cma"), ("n c c t", "ncct"), ("a a m a", "aama"), ("buffalo", "new_york")]
)
def test_names_spelled_out_letter_by_letter_are_known(kb: KnowledgeBase, spelled, key):
    entity = kb.resolve(spelled)
    assert entity is not None and entity.key == key


def test_what_mycaa_pays_for_stays_on_mycaa():
    mycaa = Context("ask_military_benefits", (), "spouse")
    text = "Could it pay for an associate degree rather than a certificate?"
    entities = [("program_type", "associate degree"), ("program_type", "certificate")]
    got = understand("ask_program_type", 0.97, entities, text, mycaa, [("ask_program_type", 0.97)])
    assert got.intent == "ask_military_benefits" and ("aspect", "spouse") in got.entities


@pytest.mark.parametrize(
    "text, topic",
    [
        ("i heard theres a bill to change that", "ask_state_rules"),
        ("I am reading for Step 1 now but the bills are many, so please do I need to have passed USMLE", None),
        ("where can i report them", "ask_scam_check"),  # a school reported: where to complain, no lawyer
        (
            "my daughter let her medical assistant certificate go a while back can she get it back or she gotta start "
            "all over",
            "ask_renewal",
        ),
        ("How much does WES charge for the course by course report?", "ask_wes"),
    ],
)
def test_words_alike_keep_their_own_topic(text, topic):
    assert decisive_topic(text) == topic


def test_what_the_two_year_one_would_run_them_is_its_price():
    context = Context("ask_duration", (("role", "MA"),))
    text = "ok and the 2 year one, what would that run me ballpark"
    ranking = [("ask_program_cost", 0.84), ("roadmap_next", 0.03)]
    assert understand("ask_program_cost", 0.84, [], text, context, ranking).intent == "ask_program_cost"


@pytest.mark.parametrize(
    "context, intent, ranking, entities, text, expected",
    [
        # a program's price in hand, NLU sure of accommodations: no price is being picked
        (
            Context("ask_program_cost", (("credential", "CCMA"), ("us_state", "california"))),
            "ask_accommodations",
            [("ask_accommodations", 0.97)],
            [("credential", "RMA")],
            "He has ADHD. For the RMA test he can ask more time?",
            "ask_accommodations",
        ),
        # ECFMG named: its requirements, even with a USMLE step in the message
        (
            Context("ask_financial_aid", (("us_state", "Houston"),), "wioa"),
            "ask_ecfmg",
            [("ask_ecfmg", 0.99)],
            [],
            "Alright. Meanwhile I am still preparing USMLE. For ECFMG certification which exams are needed now that "
            "Step 2 CS is no more",
            "ask_ecfmg",
        ),
        # someone else "making it up" doubts no figure of ours: the state's law is asked
        (
            Context("ask_eligibility", (("credential", "cma"),)),
            "ask_state_rules",
            [("ask_state_rules", 0.99)],
            [("us_state", "arizona")],
            "is the arizona thing even real tho like legally do i need it or is she making it up",
            "ask_state_rules",
        ),
        # after a verdict, whether it is enough to work in a state is that state's law
        (
            Context("ask_eligibility", (("credential", "ccma"), ("role", "MA"))),
            "inform",
            [("inform", 0.8), ("ask_accredited_programs", 0.1)],
            [("us_state", "arizona"), ("credential", "ccma")],
            "in arizona will my non accredited program plus the ccma be enough to work",
            "ask_state_rules",
        ),
        (
            Context("ask_credential_evaluation", (("credential", "RMA"),)),
            "nlu_fallback",
            [("nlu_fallback", 0.4), ("ask_state_rules", 0.31), ("ask_which_credential", 0.29)],
            [("credential", "RMA"), ("us_state", "Florida"), ("credential", "CMA")],
            "and is the RMA enough in Florida or i need the CMA",
            "ask_state_rules",
        ),
        (
            Context("ask_learn_on_job"),
            "ask_advisor_info",
            [("ask_advisor_info", 0.5), ("ask_learn_on_job", 0.19)],
            [("us_state", "Ohio")],
            "ok so if some office hires me with no school what CANT they have me do in Ohio",
            "ask_state_rules",
        ),
        (
            Context("ask_foreign_nurse"),
            "out_of_scope",
            [("out_of_scope", 0.66), ("ask_state_rules", 0.09)],
            [("us_state", "california")],
            "what about here in california without any exam po",
            "ask_state_rules",
        ),
        # the question at the end of a story, not the story: "i did my MBBS" tells, it does not ask
        (
            Context(None),
            "ask_resume_interview",
            [("ask_resume_interview", 0.78), ("ask_eligibility", 0.13)],
            [("us_state", "NJ"), ("credential", "CMA exam")],
            "hi i did my MBBS in india, passed out 2018 and finished internship also. now living in edison NJ with my "
            "wife. i want to work in some clinic while i prepare for usmle. can i directly give the CMA exam with my "
            "mbbs degree??",
            "ask_eligibility",
        ),
        # "how much to pay" after an exam: its fee, never what MAs earn
        (
            Context("ask_exam_format", (("credential", "cma"),)),
            "ask_salary",
            [("ask_salary", 0.7)],
            [],
            "how much to pay",
            "ask_exam_fee",
        ),
        (
            Context("ask_eligibility", (("credential", "rma"),)),
            "nlu_fallback",
            FALLBACK,
            [],
            "where i do this evaluation",
            "ask_wes",
        ),
    ],
)
def test_a_confident_or_worded_topic_is_not_lost_to_the_conversation_so_far(
    context, intent, ranking, entities, text, expected
):
    assert understand(intent, ranking[0][1], entities, text, context, ranking).intent == expected


@pytest.mark.parametrize(
    "text, topic",
    [
        ("I have problem with back after injury in 2022. Is MA job too heavy for my back?", "ask_legal_or_medical"),
        (
            "the doc said no lifting over 20 lbs for now. can i even do MA work with my back like that",
            "ask_legal_or_medical",
        ),
        (
            "im a phlebotomist right now in baltimore. whats actually different about an MA, worth switching?",
            "ask_compare_roles",
        ),
        ("what does school run anyway", "ask_program_cost"),
        ("so whats the quickest way to the actual CMA then", "ask_eligibility"),
        ("whats the quickest way to become an MA", "ask_duration"),
        # a severance that won't last forever is no credential's renewal: help paying for the laid off is aid
        (
            "Problem is I have a severance that won't last forever and I really can't pay for school out of pocket. "
            "Is there any program that helps people who got laid off pay for training?",
            "ask_financial_aid",
        ),
        ("does the cma last forever", "ask_renewal"),
        ("figures. so back to school then", "ask_duration"),
        ("ok then which cert i fit for with no school", "ask_eligibility"),
        (
            "my clinic manager says the RMA is a 'lesser' cert and only the CMA counts. true or is she just biased",
            "ask_which_credential",
        ),
        ("Do these programs have to report any results, or do they just keep the stamp forever?", "ask_pass_rate"),
        # tuition help from a job or a district is aid; the army's tuition assistance is not decided here
        ("starbucks has tuition stuff does that work for this", "ask_financial_aid"),
        ("My school district offers some tuition assistance. Could that be used?", "ask_financial_aid"),
        ("is my tuition assistance from the army usable", None),
        ("I already used my GI Bill on a bachelor's in business. Is there other help paying?", "ask_financial_aid"),
        ("any way to not pay all that", "ask_financial_aid"),
        ("cheapest way to get the whole thing done?", "ask_program_cost"),
        ("is the rma exam the cheaper option", None),  # an exam's fee, not a program's price
        ("is the associate degree actually worth the extra time", "ask_program_type"),
        ("do schools have to post their results", "ask_pass_rate"),
        ("whats the minimum they need to keep accreditation", "ask_pass_rate"),
        ("Is there any way I can earn some money while I am training?", "ask_learn_on_job"),
        ("What does the experience route require exactly?", "ask_eligibility"),
        ("I am doctor from Havana. I can take the CMA with my diploma from Cuba?", "ask_eligibility"),
        ("and if i want to be a cma later, is there a way w/o school", "ask_eligibility"),
        ("what do they do in the back anyway", "ask_what_is_cma"),
        ("can i take it at my own clinic or do i have to drive somewhere", "ask_exam_format"),
        ("is it online or do i have to go somewhere", "ask_exam_format"),
        ("if they pay for an online one will it be legit or do i have to go somewhere", None),
        ("what happens if i just skip the ce and retake the test later", "ask_renewal"),
        ("got my RMA last yr. where can i go from here career wise", "ask_career_advancement"),
        ("Could I skip the MA part and go straight to managing a clinic?", "ask_career_advancement"),
        ("my office manager says I can't give flu shots. is that true?", None),
        ("Is the CCMA itself recognized or accredited by anyone?", "ask_credential_info"),
        ("i dont graduate hs till may can i still take it before that", "ask_diploma_requirement"),
        ("wait i dont have my diploma yet we graduate in june. is my cert still ok", "ask_diploma_requirement"),
        ("i am not graduate recent, my school finish 2019", None),
        ("what if i dont have all the points can i just retake the test", "ask_renewal"),
        ("y puedo volver a tomar el examen en vez de los puntos?", "ask_renewal"),
        ("failed the rma by like 3 points when can i retake", "ask_exam_retake"),  # a failed attempt
        ("is it online or do i go somewhere", "ask_exam_format"),
        ("His program was ABHES accredited. Is he too late for the CMA now?", "ask_eligibility"),
        (
            "and gi bill for a certificate program, is part time ok or does it have to be full time",
            "ask_military_benefits",
        ),
        ("milspouse here, hubby just made E6. do i qualify for mycaa for an MA cert?", "ask_military_benefits"),
        ("I have a cosmetology license, does that count for anything in the program?", "ask_course_transfer"),
        ("my phlebotomy certificate, would it count towards the school at all", "ask_course_transfer"),
        ("my school say we take the NCMA at the end, not the CMA. NCMA is a real one or fake?", "ask_credential_info"),
        ("wait what does ccma stand for, my friend said its a california thing", "ask_credential_info"),
        ("and how much is the rma every year after", "ask_renewal"),
        ("Does she need to attend college for this, or can she be trained on the job", "ask_learn_on_job"),
        (
            "hey so i been a line cook 10 yrs n im over it ngl. thinking MA. r there programs at nite? i work 6am-2pm",
            "ask_online_program",
        ),
        ("ok so what does a REAL online program look like then", "ask_online_program"),
        ("Is each section timed separately?", "ask_exam_format"),
        ("can i do the ce online", "ask_renewal"),
        ("can i go from ma into something that pays more later?", "ask_career_advancement"),
        (
            "if i do 6 months of skillbridge at a clinic as an MA does that count as experience for the nha one",
            "ask_eligibility",
        ),
        ("honestly tho is full time MA + studying for ck doable", "ask_residency_path"),
        ("is it a lot of school", "ask_duration"),
        (
            "ok so my school got a medical assistant class and my teacher said we can take some test before we even "
            "graduate?? is that fr",
            "ask_diploma_requirement",
        ),
        ("how do i know the next school wont do this to me", "ask_scam_check"),
        ("but they say i'll be a nationally certified medical assistant when i finish", "ask_scam_check"),
        ("which cert do the fully online ones usually get you ready for", "ask_online_program"),
        ("Would I have to do the externship in person if I pick an online program?", "ask_online_program"),
        ("What from my medical training should I mention exactly?", "ask_resume_interview"),
        ("idk where to start studying pls help", "ask_exam_study"),
        ("is it legit like the cma", "ask_credential_info"),
        ("Thanks! Will US clinics think my MD is a red flag?", "ask_degree_perception"),
        ("Is it a stable job for the long term?", "ask_salary"),
        ("what about adding phlebotomy later does that pay more", "ask_career_advancement"),
        ("How long before my graduation can I write it?", "ask_eligibility"),
        ("wait can i sit it before my externship is totally done", "ask_eligibility"),
        (
            "For joining the medical assistant course do I need my 12th standard certificate or MBBS is enough",
            "ask_diploma_requirement",
        ),
        ("which exam fits someone with a medical degree like me", "ask_which_credential"),
        ("is it worth it for residency later tho", "ask_residency_path"),
        ("should i switch to rma instead how many tries there", "ask_exam_retake"),
        (
            "I earned my RMA last year through the work experience route. I'd like to understand my obligations going "
            "forward regarding fees and continuing education.",
            "ask_renewal",
        ),
        ("I want be medical assistant after graduate. The test have Vietnamese language?", "ask_accommodations"),
        ("where do they work", "ask_what_is_cma"),
        (
            "Hello. I am doctor from Egypt, my husband is US Army soldier and I have green card since 2 years. Can I "
            "work as medical assistant with my medical degree?",
            "ask_eligibility",
        ),
        (
            "I used my GI Bill at a school in Killeen that told me I'd be able to sit for the CMA. Now I find out their "
            "program isn't accredited by CAAHEP or ABHES. Can I still take the CMA?",
            "ask_eligibility",
        ),
        (
            "And my medical diploma from Colombia, is it sufficient to sit the CMA examination, or must I study again here?",
            "ask_eligibility",
        ),
        (
            "I am a Filipino MD. I will take USMLE next year and want to work in the meantime. Is working as medical "
            "assistant a good idea for me?",
            "ask_residency_path",
        ),
        ("my mom says ABHES is basically fake??", "ask_accredited_programs"),
        ("ok fair. which test would u go for in my spot", "ask_which_credential"),
        ("do u need college", "ask_learn_on_job"),
        ("I see. Is there another certification that high school students are able to take?", "ask_eligibility"),
        ("my program says we take the ncma at the end. whats that", "ask_credential_info"),
        ("what other certs can i take with what i have", "ask_eligibility"),
        ("ok thank you. you are robot or real person?", "help"),
        ("ok last q, can you take the test on a weekend? I work 8-5", "ask_exam_format"),
        ("if i enlist as a 68W instead could i get an MA cert after", "ask_eligibility"),
        ("Does my MBBS by itself let me sit any of the MA exams directly?", "ask_eligibility"),
        ("when can i take it, i finish in june", "ask_eligibility"),
        (
            "Also my doctor just switched my ADHD medication. Should I take the new one the morning of the exam or stick with the old one?",
            "ask_legal_or_medical",
        ),
        ("ok and the ccma how long is it good", "ask_renewal"),
        ("wats on it", "ask_exam_format"),
        ("do u get paid more if u specialize", "ask_career_advancement"),
        ("I worked with children all my life. Can an MA work in pediatrics?", "ask_career_advancement"),
        ("eventually i want to do derm, is that a thing for MAs", "ask_career_advancement"),
        ("how fast can u get thru a program if u go full time theres those quick ones right", "ask_duration"),
        ("is it hard to juggle tho, full time + step 2?", "ask_residency_path"),
        ("what about travel or temp MA jobs", "ask_locum_tenens"),
        ("the office manager route, need extra school?", "ask_career_advancement"),
        ("whats the nha one vs the amt one", "ask_which_credential"),
        (
            "I work 40 hrs a week at the front desk, is there a real program I could do around that?",
            "ask_online_program",
        ),
        (
            "hey im active duty AF, 4N0, stationed overseas rn. can i take the rma from here? like remote",
            "ask_exam_format",
        ),
        (
            "got my ncma thru the army route in 2022. says valid 5 yrs but someone told me i have to do CE every year?? which is it",
            "ask_renewal",
        ),
        (
            "every job posting near me says 'CMA or RMA required'. does that mean an NHA cert wont count??",
            "ask_which_credential",
        ),
        ("What other warning signs should we look for in a school?", "ask_scam_check"),
        ("english is my second language, does that count too", "ask_accommodations"),
        (
            "last thing and be honest, im 44. are they even gonna let me in or am i gonna be the old lady in class haha",
            "ask_diploma_requirement",
        ),
        ("what about the ccma with military", "ask_eligibility"),
        ("can she skip the program since shes literally a doctor", "ask_course_transfer"),
        (
            "not going for residency anymore, too old lol. long term as MA, what growth is there",
            "ask_career_advancement",
        ),
        ("My MBBS will help for RMA?", "ask_eligibility"),
        ("What is the difference between that one and the document one, kindly explain.", "ask_credential_evaluation"),
        ("Can I send my own attested photocopies or the university has to send them?", "ask_credential_evaluation"),
        ("how do I tell if the school itself is accredited at all", "ask_scam_check"),
        ("ok rma then. how many q", "ask_exam_format"),
        # from blind_bs
        ("is it smarter to do the 1-year certificate or the associate, and what does each run", "ask_program_cost"),
        ("So I should put MBBS on my CV or better to hide it", "ask_resume_interview"),
        (
            "On the resume, do I hide the MD? A friend says hide it or nobody will call you back.",
            "ask_resume_interview",
        ),
        (
            "Let me guess, the CMA exam is designed so half the people fail and pay again. What's the actual pass rate",
            "ask_pass_rate",
        ),
        ("like the test, do ppl fail it a lot", "ask_pass_rate"),
        ("My brother-in-law says MAs top out at like 35k and it's a dead end.", "ask_salary"),
        (
            "I have humanitarian parole. I want ask if my parole status allow me to study MA program and get federal money",
            "ask_work_authorization",
        ),
        (
            "Currently I am on H-4 with my husband in Edison NJ. Can I become medical assistant?",
            "ask_work_authorization",
        ),
        (
            "I'm also trying to figure out whether I should do CNA instead, my neighbor did hers in like 6 weeks",
            "ask_compare_roles",
        ),
        ("to get certified. like whats required if u already work as an MA", "ask_eligibility"),
        (
            "I would appreciate guidance on which subjects I should concentrate on for the certification exam",
            "ask_exam_study",
        ),
        (
            "With my legal background I assume I'd breeze through the law part, what else should I actually be studying?",
            "ask_exam_study",
        ),
        ("Is there any money out there to help with it?", "ask_financial_aid"),
        ("fine. whats the quickest cert for me then, ive been doing this 2 yrs", "ask_which_credential"),
        ("Do they let you keep that one by retaking the test?", "ask_renewal"),
        ("my daughter have ADHD. how she ask for more time on the rma", "ask_accommodations"),
        ("On the exam itself, can I get breaks or a chair because of the knee?", "ask_accommodations"),
        ("cousin also says the RMA needs 5 years of experience and costs like 300 bucks, true?", "ask_eligibility"),
        ("acha. what all comes in the MA exam, any billing?", "ask_exam_format"),
        ("The NHA one. What does it actually ask about?", "ask_exam_format"),
        ("Has the test changed since I took it?", "ask_exam_format"),
        ("wait so what happens if i take it and then somehow dont graduate lol", "ask_diploma_requirement"),
        ("whats the difference between that and the cma tho", "ask_which_credential"),
        ("is the rma worse than the cma tho, like would i be better off going the cma way", "ask_which_credential"),
        (
            "my buddy says the CMA is the only one that matters, the rest are junk. true or can I go for a cheaper one",
            "ask_which_credential",
        ),
        ("then why would i pay for school lol", "ask_learn_on_job"),
        ("ugh. is there anything where i get paid while doing that tho", "ask_learn_on_job"),
        ("ok i try english. so the test is only english?", "ask_accommodations"),
        ("sorry what's the state one called again, the one I'd get after passing the exam", "ask_state_rules"),
        ("I keep finding two different NCMA websites. Which one is the real national one?", "ask_credential_info"),
        (
            "whether to go back into nursing. What's the real difference in what I'd be allowed to do?",
            "ask_compare_roles",
        ),
        ("If she does MA first, does that count toward nursing later?", "ask_career_advancement"),
        # from blind_br
        ("and every 5 yrs u pay again?", "ask_renewal"),
        (
            "my tia wants to do it too but she dont have papers, can she still go to MA school and work after",
            "ask_work_authorization",
        ),
        ("is there any way to learn the back office stuff while getting paid", "ask_learn_on_job"),
        ("How long is the clinical placement, roughly?", "ask_externship"),
        ("how long r externships usually", "ask_externship"),
        ("ok and the externship, do they pay you for that?", "ask_externship"),
        ("And does the externship at least pay something?", "ask_externship"),
        ("Honestly after 10 years in a doctor's office, can't I skip school and just test?", "ask_eligibility"),
        ("What does Ohio actually allow medical assistants to do?", "ask_state_rules"),
        ("fair enuf. are there any rules for MAs in pennsylvania specifically", "ask_state_rules"),
        (
            "lol every school here in sacramento wants to sell me a 2 year associate degree for MA. is that just a scam "
            "to get more money out of me or is there a real reason",
            "ask_program_type",
        ),
        (
            "Is there any real data on how many of a program's graduates pass, or do schools just make that up?",
            "ask_pass_rate",
        ),
        ("Do you actually NEED school to be a medical assistant or is it a racket?", "ask_learn_on_job"),
        ("Do I even need school for this?", "ask_learn_on_job"),
        ("LPN vs MA, what's the real difference in schooling and the license", "ask_compare_roles"),
        ("wait do i need to go to a special school to take that", "ask_accredited_programs"),
        ("and is it one and done or do u pay forever", "ask_renewal"),
        ("And they accept the copy I have at home or it must come from college?", "ask_credential_evaluation"),
        ("n is there even jobs", "ask_salary"),
        (
            "who even checks these cert companies. is the NHA legit or just a business selling tests",
            "ask_credential_info",
        ),
        ("20 years and it doesnt count?? someone at work mentioned some pilot thing", "ask_accredited_programs"),
        (
            "If the program is 18 hours a week, mostly hands-on labs, would the VA count that as full time?",
            "ask_military_benefits",
        ),
        ("What if I go with ECE instead, how much time they take?", "ask_credential_evaluation"),
        (
            "I burned through most of my Post-9/11 GI Bill on an associate degree I never finished. How many months "
            "of benefits do I have left?",
            "ask_military_benefits",
        ),
        # from blind_bt and blind_bs
        (
            "Can my anatomy, physiology and pharmacology courses from Cairo count so I skip those parts?",
            "ask_course_transfer",
        ),
        ("Could some of my dental school courses be credited so the MA program is shorter?", "ask_course_transfer"),
        (
            "A friend from my batch told me that no clinic will let me work even as an assistant until I have cleared "
            "Step 1. Is that correct?",
            "ask_usmle",
        ),
        ("can i work in a clinic before step 1", "ask_usmle"),
        ("wait theres extra stuff too? like uniforms n stuff", "ask_program_cost"),
        ("do they make u buy scrubs and stuff on top", "ask_program_cost"),
        ("honestly do i even need the school? i did way more than an MA does in the army", "ask_eligibility"),
        ("my boss said the practice would cover it but does that count as income for me or", "ask_financial_aid"),
        ("my lab work in Kabul it count for the test?", "ask_foreign_nurse"),
        ("and what about the RMA, how does AMT handle accommodations", "ask_accommodations"),
        ("can i do the retake online from home", "ask_exam_format"),
        ("is it on a computer? havent used one much", "ask_exam_format"),
        ("and for those do u need a program at all", "ask_eligibility"),
        (
            "Later, to sit for the RMA with my medical degree, what will AMT need from my documents?",
            "ask_credential_evaluation",
        ),
        ("how long does the state take to process it", "ask_state_rules"),
        ("ok so what would I even be doing up there", "ask_what_is_cma"),
        ("Then what MA do in NY office, if no shot", "ask_what_is_cma"),
        ("can i do it full time while studying step 2 or too hard", "ask_residency_path"),
        ("which one is better WES or ECE", "ask_wes"),
        ("bet. is it hard to get hired tho like r there jobs", "ask_salary"),
        ("does billing and coding actually pay more or is that also brochure talk", "ask_career_advancement"),
        ("if i keep phlebotomy AND do MA does that help me pay wise", "ask_career_advancement"),
        ("once im certified again is there any way to move up and make more", "ask_career_advancement"),
        ("Would this path interfere with an eventual application to residency?", "ask_residency_path"),
        ("Once I have it, what must I do each year?", "ask_renewal"),
        (
            "What I want to know now is about the CMA exam: how is it scored, does every question count?",
            "ask_exam_format",
        ),
        ("I'm nervous about everything else. What should I focus on for the CMA exam?", "ask_exam_study"),
        ("no ok, I stay with MA, it is faster. For the exam, what should someone like me focus on", "ask_exam_study"),
        ("Like how does the RN job actually differ from what I do, scope wise?", "ask_compare_roles"),
        ("ok. the exam for assistant, what is inside? which subjects", "ask_exam_format"),
        ("Ok what would you recommend studying, I haven't been in school for 15 years lol", "ask_exam_study"),
        ("would i be able to take a travel contract in washington with just the ccma", "ask_state_rules"),
        ("actually one thing, after im certified could i work in a dermatology office", "ask_career_advancement"),
        ("Would getting certified help me move on?", "ask_career_advancement"),
        ("And can I upload my own scanned mark sheets or the college has to send them?", "ask_credential_evaluation"),
        # from blind_bu
        ("wait so if i pass b4 graduating is it a real cert or what", "ask_diploma_requirement"),
        ("I have the bachillerato from Colombia. It counts?", "ask_diploma_requirement"),
        ("ok but can i at least take the ccma test", "ask_eligibility"),
        ("my medicine classes can skip part of the program?", "ask_course_transfer"),
        ("So I must do the full program again, nothing is counted?", "ask_course_transfer"),
        ("my school in louisville preps for the ncma not the cma is that bad??", "ask_which_credential"),
        (
            "my school in sioux falls preps us for the ncma not the cma. is ncma legit or should i be worried",
            "ask_which_credential",
        ),
        ("is ncma legit or should i be worried", "ask_credential_info"),
        ("MBBS pakistan 2020, now in chicago. everyone keeps telling me get WES done, what even is that", "ask_wes"),
        (
            "Also I take medicine for my ADHD, is it ok to take it before the exam or it can be a problem?",
            "ask_legal_or_medical",
        ),
        ("so for 5 years I don't need to do anything?", "ask_renewal"),
        ("lpn needs a license tho right", "ask_compare_roles"),
        ("my school wasnt accredited tho", "ask_eligibility"),
        ("if clinic hire me they pay school?", "ask_financial_aid"),
        ("and doing MA while i study for step 1, is that practical?", "ask_residency_path"),
        ("can i take the ccma while im still in hs? im a junior", "ask_diploma_requirement"),
        ("can i take the ccma at my school or only at a test center", "ask_exam_format"),
        ("And after I pass, how long is CMA valid?", "ask_renewal"),
        ("Then what other help is there for someone in my position?", None),
        ("how long until I get certified if I start in January", None),
        ("ngl whats the point of MA if RN makes way more", None),
        # from blind_bd, once the test set
        ("how long do u stay certified", "ask_renewal"),
        ("if i get the ccma now and apply to med school in 3 yrs will it still be valid", "ask_renewal"),
        ("is there even gonna be jobs in 5 yrs or is this another dead end like my last one", "ask_salary"),
        ("ok which states actually require it then", "ask_state_rules"),
        ("is that test long", "ask_exam_format"),
        ("What she do every day in this job", "ask_what_is_cma"),
        (
            "What I really want to know is whether being laid off helps me get the training paid for somehow?",
            ("ask_financial_aid"),
        ),
        ("whatever. another site said CMA gives you 4 tries", "ask_exam_retake"),
        ("By the way someone told me step 1 is now pass or fail only, is that true", "ask_usmle"),
        ("ok. later, to go back to be doctor here, what is the first thing?", "ask_ecfmg"),
        ("cma or ccma lol. i just wanna do the patient stuff not paperwork", "ask_which_credential"),
        ("but they said at the end I'd be 'certified'", "ask_scam_check"),
        (
            "my school was about 600 hours but the externship was only 120 hrs. does my work since then help",
            ("ask_eligibility"),
        ),
        ("i let my cpr lapse in 2023, is that a big deal", "ask_eligibility"),
        ("ok paying myself then. how many hours is a typical program", "ask_duration"),
        ("So why would I bother paying for it", "ask_state_rules"),
        ("i mostly do vitals and shots, barely touch the front desk. is that a problem", "ask_eligibility"),
        ("my evaluation was done by CGFNS, will AMT take that or they need WES", "ask_credential_evaluation"),
        ("ok and for RN license what is the path", "ask_foreign_nurse"),
        ("can u take the cma while still in high school", "ask_eligibility"),
        # from blind_bw, measured blind once
        (
            "lol random but i stuck myself w a used needle yesterday at work do i need to take something??",
            ("ask_legal_or_medical"),
        ),
        ("would the MA associate degree help if i go nursing later", "ask_program_type"),
        ("what should I study, my medicine is fine but US system stuff I don't know", "ask_exam_study"),
        ("last thing do travel/agency MA jobs pay better", "ask_locum_tenens"),
        ("so why would anyone pay a private school 18 grand when theres community college", "ask_program_cost"),
        ("did the government ever go after these schools", "ask_scam_check"),
        ("if she can't pass is there another exam she could take so her school wasnt a waste", "ask_which_credential"),
        ("ok what should she look for next time so it doesnt happen again", "ask_choose_program"),
        ("how many years she need the school after high school", "ask_duration"),
        ("what if its accredited by something i never heard of", "ask_scam_check"),
        (
            "phlebotomist 3 yrs at an outpatient lab, want to cross train to MA. whats different day to day from what i do "
            "now",
            "ask_what_is_cma",
        ),
        (
            "Is MA a proper clinical job here or more like receptionist? What do they actually do the whole day?",
            ("ask_what_is_cma"),
        ),
        ("What she does in the job exactly? She does not like blood", "ask_what_is_cma"),
        ("where i can work after, hospital or clinic?", "ask_what_is_cma"),
        # what those words leave to others
        ("what should i look for in a job", None),
        (
            "I looked at a private school by us that wants 16 grand and theres also the community college. Before I "
            "spend anything though, in Arizona do I even need school",
            None,
        ),
        ("I see. Is there another certification that high school students are able to take?", "ask_eligibility"),
        ("cma or rma which is cheaper", None),
        ("my cpr expired do i need a new one to renew", None),
        ("i got laid off, how long is the program", "ask_duration"),
        ("how many hours is the externship", "ask_externship"),
        ("can my job help pay for school", "ask_financial_aid"),
        ("how many hours does the program have to be for that", None),
        ("ok and after i send RMA application how long it is valid", "ask_exam_fee"),
    ],
)
def test_plain_words_name_their_topic_whatever_nlu_heard(text, topic):
    assert decisive_topic(text) == topic


def test_today_s_words_leave_alone_what_they_do_not_decide():
    """The readings from blind_bt, each beside a development turn it first broke: the WES or ECE asked by speed is
    the evaluation's turnaround; a nursing degree asked for a state is the state's; a residency wish without a
    question of managing both is no residency question; a school that sends something for an accommodation is the
    accommodation; a peds office worked at is their story; a pay difference they do not care about is no pay."""
    assert decisive_topic("WES or ECE, which one is faster") != "ask_wes"
    assert decisive_topic("Who decide if my nursing diploma from Haiti is valid here in the US?") != "ask_foreign_nurse"
    assert decisive_topic("Can my nursing experience from India count for the RMA work experience route?") != (
        "ask_foreign_nurse"
    )
    assert decisive_topic("I want work as MA while prepare USMLE. In Washington what I need?") != "ask_residency_path"
    assert (
        decisive_topic("does his school have to send something for the accommodation or just us?")
        != "ask_credential_evaluation"
    )
    assert decisive_topic("ok so we just got PCS orders. im a CCMA in georgia rn working at a peds office.") is None
    assert decisive_topic(
        "I don't care much about the pay difference at first, I just want to get into healthcare."
    ) != ("ask_salary")
    assert decisive_topic("Given my age, would a certificate or an associate degree make more sense?") != (
        "ask_career_advancement"
    )


def test_words_beside_a_topic_s_own_do_not_take_it_elsewhere():
    """Typing through a translator is no translation question; a citizen telling their parents' status asks no
    status question; a pay difference between two roles stays pay; a school named in a longer question about a
    state is that state's; a spouse's MyCAA question beside her old 68W training is MyCAA."""
    assert (
        decisive_topic(
            "Understood. I write in English with translator. Is necessary the USMLE for work as medical assistant?"
        )
        != "ask_credential_evaluation"
    )
    citizen = "is there any help to pay? my parents are undocumented but i was born here so im a citizen"
    assert decisive_topic(citizen) != "ask_work_authorization"
    assert decisive_topic("whats the pay difference between cna and ma") != "ask_compare_roles"
    assert decisive_topic("do i need to go to school for it in arizona or can i just learn at a job") is None
    spouse = (
        "I was a 68W from 2008 to 2014, then got out and stayed home with the kids. My husband is an E-6 and the kids "
        "are finally in school. I read something about MyCAA for spouses. Do spouses of an E-6 qualify now"
    )
    assert decisive_topic(spouse) == "ask_military_benefits"
    assert (
        cued_intent("my 5 years in the office in mexico, it count for the RMA experience?", None) == "ask_eligibility"
    )
    # blind_bs: someone else calling certs a scam, their doctor as their employer, CMA put after a name, money wise
    # for the test, pay beside another role, the state's credential set aside, the cheapest cert, free ones
    scam_said = "coworker says certs are a scam anyway but can i sit for the nha one without school"
    assert decisive_topic(scam_said) != "ask_scam_check"
    doctor = "ive been working as MA for 6 yrs, my doctor says its time to get certified which one can i take"
    assert decisive_topic(doctor) != "ask_legal_or_medical"
    assert decisive_topic("can i put CMA after my name on my resume?") != "ask_resume_interview"
    assert decisive_topic("ok and money wise what am i looking at for the test") != "ask_salary"
    assert (
        decisive_topic("money wise is MA worth it or should I just do LPN, what does each one make")
        != "ask_compare_roles"
    )
    assert (
        decisive_topic("ok forget the state one. which national cert takes my corpsman training") != "ask_state_rules"
    )
    assert decisive_topic("ive done 2 yrs full time. cheapest cert i can get?") != "ask_which_credential"
    assert decisive_topic("is there free ones") != "ask_renewal"
    assert decisive_topic("can i use the free ones my job gives") == "ask_renewal"
    # a medical degree on a resume is the IMG guide's resume section; why a doctor wants the job, its interview advice
    assert cued_aspect("ask_resume_interview", "Then how I write this on resume. I hide MD or no") == "img"
    why = "So when they ask me why a doctor wants this job, what do I say"
    assert cued_aspect("ask_resume_interview", why) == "img_interview"


def test_a_story_s_words_do_not_decide_its_question():
    """Told, not asked: "she says its good steady work. how long does it take"; "which one is better for me"
    between a certificate and an associate; a medical degree beside the USMLE asks about the USMLE."""
    assert decisive_topic("my sister says its good steady work. how long does it take to become one") is None
    assert decisive_topic("certificate or associate, which one is better for me") != "ask_which_credential"
    usmle = "can i work as medical assistant with my mbbs only or do i need to clear usmle first?"
    assert decisive_topic(usmle) != "ask_eligibility"
    # their medicine degree is no medication; learning on the job is no transfer; a travel job's state is its rules
    assert decisive_topic("my medicine degree from mexico is enough for the cma exam?") != "ask_legal_or_medical"
    assert (
        decisive_topic("can i skip school and just learn on the job since i already work in a office")
        != "ask_course_transfer"
    )
    assert decisive_topic("if i take a travel job in washington state does my CMA work there?") is None
    posting = "I saw a job posting that says the MA will give flu shots, is that even allowed in NY"
    assert decisive_topic(posting) != "ask_which_credential"
    assert decisive_topic("yay. how fast do i need to finish it?") != "ask_duration"
    # an MA program's teacher is no high-school class; a USMLE out of reach is no question about juggling it
    program = (
        "my daughter is in the medical assistant program at sinclair and she finishes in may. her teacher told the "
        "class they can take the CMA test before they even graduate?? is that right"
    )
    assert decisive_topic(program) != "ask_diploma_requirement"
    assert decisive_topic("right now USMLE is not possible for me financially. can i directly write the CMA exam") != (
        "ask_residency_path"
    )


def test_an_asylum_case_pending_is_still_a_question_of_status_but_asylum_granted_is_their_story():
    from bot.understanding.cues import about_immigration_status

    assert about_immigration_status("I have asylum case pending. I can work as medical assistant now?")
    granted = "I was granted asylum in 2024 and I have my work permit already. For the RMA, which evaluation do I need?"
    assert not about_immigration_status(granted)


def test_which_credential_online_courses_prepare_for_is_the_online_ccma_answer():
    said = "which cert do the fully online ones usually get you ready for"
    understood = understand(
        "ask_online_program", 0.9, [], said, Context("ask_online_program"), [("ask_online_program", 0.9)]
    )
    assert understood.intent == "ask_online_program" and ("aspect", "ccma") in understood.entities


def test_words_of_another_topic_inside_a_question_do_not_decide_it():
    """ "any military thing that pays for MA school for spouses" asks for a benefit, not a military route in;
    "still active duty" is their service, not a credential still current."""
    spouse = (
        "hi im 19 and my husband is in the navy, is there any military thing that pays for MA school for spouses lol"
    )
    assert decisive_topic(spouse) is None and cued_intent(spouse, None) == "ask_military_benefits"
    assert decisive_topic("is there a military route for the rma") == "ask_eligibility"
    active = "like can i take the rma while im still active duty, did AIT last yr"
    assert cued_intent(active, None) == "ask_eligibility"
    assert cued_intent("am i still active", None) == "ask_renewal"


@pytest.mark.parametrize(
    "context, text, topic, aspect",
    [
        (
            Context("ask_salary", (("us_state", "illinois"),)),
            "will there even be jobs tho like long term",
            "ask_salary",
            "outlook",
        ),
        (Context("ask_state_rules"), "then why would anyone bother", "ask_state_rules", "why_certify"),
        (Context("ask_state_rules"), "then why would an employer care", "ask_state_rules", "why_certify"),
        (
            Context(None),
            "be honest. do i actually NEED a certification to work as an MA or is that just schools trying to sell me stuff",
            "ask_state_rules",
            None,
        ),
        (
            Context(None),
            "is certification actually required anywhere or is it just something schools push",
            "ask_state_rules",
            None,
        ),
        (
            Context("ask_state_rules", (("us_state", "new york"),)),
            "seriously? every other state lets them?",
            "ask_state_rules",
            None,
        ),
        (
            Context("ask_diploma_requirement", (("credential", "ccma"),)),
            "wait do i need a program too or just the diploma",
            "ask_eligibility",
            None,
        ),
        (
            Context("ask_eligibility", (("credential", "cma"),)),
            "copy. for the RMA is there a limit on how old my training can be",
            "ask_eligibility",
            None,
        ),
        (Context("ask_residency_path"), "Is it 4 years of school again?", "ask_duration", None),
    ],
)
def test_unsure_readings_take_the_topic_and_part_their_words_name(context, text, topic, aspect):
    got = understand("nlu_fallback", 0.4, [], text, context, FALLBACK)
    assert (got.intent, _aspect(got)) == (topic, aspect)


def test_which_one_i_can_take_asks_about_every_credential_not_the_one_in_hand():
    context = Context("ask_resume_interview", (("us_state", "NJ"), ("credential", "cma")))
    text = "ok so which one i can take without doing full course again"
    got = understand("ask_eligibility", 0.8, [], text, context, [("ask_eligibility", 0.8)])
    assert got.intent == "ask_eligibility" and ("credential", "cma") not in got.entities


def test_other_ways_to_pay_after_one_way_is_the_whole_answer():
    context = Context("ask_financial_aid", (("us_state", "Houston"),), "noncitizen")
    text = "Ok. What other way can I fund it then"
    got = understand("ask_financial_aid", 0.9, [], text, context, [("ask_financial_aid", 0.9)])
    assert got.intent == "ask_financial_aid" and _aspect(got) is None


@pytest.mark.parametrize(
    "intent, text, expected",
    [
        ("ask_accredited_programs", "who signs off on the program being approved", "ask_military_benefits"),
        ("ask_scam_check", "how do i check a school is approved for it", "ask_military_benefits"),
        ("ask_accredited_programs", "does the program need to be CAAHEP approved", "ask_accredited_programs"),
    ],
)
def test_a_program_approved_after_the_gi_bill_is_the_va_s_approval_unless_accreditation_is_named(
    intent, text, expected
):
    got = understand(intent, 0.9, [], text, Context("ask_military_benefits"), [(intent, 0.9)])
    assert got.intent == expected


@pytest.mark.parametrize(
    "intent, text",
    [
        # from the development sets: health training abroad asked whether it counts, whatever the story reads as
        (
            "ask_foreign_nurse",
            "hi po, im a registered nurse from the philippines (bsn, 12 yrs), i have my green card already and live "
            "in jersey city. can my nursing count to become a medical assistant here?",
        ),
        (
            "ask_foreign_nurse",
            "hi i was enfermero in Mexico 10 years, does that count for the medical assistant certification or i "
            "start from zero?",
        ),
        ("ask_eligibility", "ok. and my phlebotomy from venezuela, count for something for the exam?"),
        (
            "ask_eligibility",
            "ok i will ask a lawyer. separate question, does my phlebotomy training from india count for any of the "
            "ma certs",
        ),
        ("ask_eligibility", "Sorry. I was lab technician in Haiti 8 years. It count for the certification?"),
        ("ask_eligibility", "I was nurse in Korea 5 year. that count for CMA?"),
    ],
)
def test_health_training_abroad_asked_whether_it_counts_is_the_answer_for_health_workers_trained_abroad(intent, text):
    got = understand(intent, 0.9, [], text, Context(), [(intent, 0.9)])
    assert got.intent == "ask_foreign_nurse"


@pytest.mark.parametrize(
    "text, expected",
    [
        # US work, or MA work here, is their own verdict
        ("im a phlebotomist in ohio, does that count", "ask_eligibility"),
        ("I was nurse in Kenya. does my 2 years as MA here count?", "ask_eligibility"),
        ("im a cna in a nursing home 3 yrs, does that count for the ccma", "ask_eligibility"),
    ],
)
def test_work_here_asked_whether_it_counts_stays_their_verdict(text, expected):
    got = understand("ask_eligibility", 0.9, [], text, Context(), [("ask_eligibility", 0.9)])
    assert got.intent == expected


@pytest.mark.parametrize(
    "text, context",
    [
        # a state's own credential named, or in hand: its own routes, not the answer for training abroad
        ("my Ukrainian lab work count for this CACMA?", Context("ask_state_rules", (("us_state", "California"),))),
        ("which pathway for MA-C? my korea nursing school count?", Context("ask_state_rules")),
        (
            "my pharmacy degree from Vietnam can count for that one?",
            Context("ask_state_rules", (("us_state", "California"),), "cacma"),
        ),
    ],
)
def test_training_abroad_asked_of_a_state_s_own_credential_is_that_state_s_rules(text, context):
    got = understand("ask_foreign_nurse", 0.9, [], text, context, [("ask_foreign_nurse", 0.9)])
    assert got.intent == "ask_state_rules"


def test_training_abroad_after_washington_s_rules_is_that_state_s_only_in_the_same_message():
    washington = Context("ask_state_rules", (("us_state", "Washington"),))
    text = "my phlebotomy from Brazil counts for anything?"
    ranking = [("ask_eligibility", 0.9)]
    assert understand("ask_eligibility", 0.9, [], text, washington, ranking).intent == "ask_foreign_nurse"
    same = replace(washington, same_message=True)
    assert understand("ask_eligibility", 0.9, [], text, same, ranking).intent == "ask_state_rules"
    # a route of a credential named: that route's own answer, not the answer for training abroad
    route = "Can my nursing experience from India count for the RMA work experience route?"
    assert understand("ask_eligibility", 0.9, [], route, Context(), ranking).intent != "ask_foreign_nurse"


@pytest.mark.parametrize(
    "intent, text, context, expected",
    [
        # a state's own credential in hand, asked of in a dozen words, or named as "the cali one"
        (
            "ask_eligibility",
            "can i qualify with my job, i work for a doctor",
            Context("ask_state_rules", (("us_state", "California"),), "cacma"),
            "ask_state_rules",
        ),
        ("ask_eligibility", "can my mbbs count for the cali one", Context("ask_salary"), "ask_state_rules"),
        # "even with" the credential in hand: the same question again, doubting it
        (
            "ask_eligibility",
            "wait so even with the ccma??",
            Context("ask_state_rules", (("us_state", "NY"), ("credential", "CCMA"))),
            "ask_state_rules",
        ),
        # a bare "how much" after what MAs do: what the job pays
        ("nlu_fallback", "how much tho", Context("ask_what_is_cma"), "ask_salary"),
        ("ask_program_cost", "how much is school", Context("ask_what_is_cma"), "ask_program_cost"),
        # more of the answer in hand: credits after renewal, a failed test after the GI Bill, procedures counted
        ("nlu_fallback", "how many do i need again", Context("ask_renewal"), "ask_renewal"),
        ("ask_financial_aid", "is there free ce anywhere", Context("ask_renewal"), "ask_renewal"),
        ("ask_exam_retake", "still pays if i fail?", Context("ask_military_benefits"), "ask_military_benefits"),
        ("ask_exam_retake", "even if i fail it?", Context("ask_military_benefits"), "ask_military_benefits"),
        ("ask_state_rules", "how many injections they want", Context("ask_exam_fee"), "ask_eligibility"),
        (
            "ask_exam_study",
            "ok english. how many shots i must practice before",
            Context("ask_state_rules", (("us_state", "CA"),)),
            "ask_state_rules",
        ),
        # "how many shots do i get" is still the number of tries, and shots a doctor may allow a state's rule
        ("ask_exam_retake", "how many shots do i get", Context("ask_eligibility"), "ask_exam_retake"),
        ("ask_exam_retake", "how many shots at it do i get", Context("ask_eligibility"), "ask_exam_retake"),
        (
            "ask_state_rules",
            "After I pass, how many injections I must do so the doctor can allow me",
            Context("ask_eligibility", (("us_state", "NJ"),)),
            "ask_state_rules",
        ),
        # with a credential in hand, a bare price is its fee
        ("ask_exam_fee", "how much is it", Context("ask_what_is_cma", (("credential", "RMA"),)), "ask_exam_fee"),
        # twelve words on renewal with Washington in hand are no question of its own credential
        (
            "ask_renewal",
            "Once I'm current again, how many continuing education points will I need?",
            Context("ask_state_rules", (("us_state", "Washington"), ("credential", "CMA"))),
            "ask_renewal",
        ),
        # the credits' own rules after renewal, and keeping a credential after its routes
        ("ask_exam_format", "how many admin ones", Context("ask_renewal"), "ask_renewal"),
        ("ask_exam_format", "can they all be from anywhere", Context("ask_renewal"), "ask_renewal"),
        ("ask_accommodations", "can i carry extra ones over", Context("ask_renewal"), "ask_renewal"),
        ("ask_eligibility", "and to keep it after", Context("ask_eligibility"), "ask_renewal"),
        ("ask_exam_format", "how many clinical questions", Context("ask_exam_format"), "ask_exam_format"),
        # a ballpark for the school after the exam's fee: the program's price
        ("ask_program_cost", "and the school part, ballpark?", Context("ask_exam_fee"), "ask_program_cost"),
    ],
)
def test_the_answer_in_hand_decides_what_these_follow_ups_ask(intent, text, context, expected):
    named = [("us_state", "cali")] if "cali" in text else [("credential", "ccma")] if "ccma" in text else []
    got = understand(intent, 0.6, named, text, context, [(intent, 0.6)])
    assert got.intent == expected


def test_being_able_to_work_on_a_status_asks_leave_to_work():
    text = (
        "hii so im a bilingual rep at a call center in LA and im so over it lol. i want to do medical assistant. "
        "im DACA tho, would i be able to work as an MA when i finish?"
    )
    ranking = [("ask_what_is_cma", 0.39), ("ask_state_rules", 0.26), ("ask_work_authorization", 0.26)]
    assert understand("ask_what_is_cma", 0.39, [], text, Context(), ranking).intent == "ask_work_authorization"
    # no status named: being able to work is no question of leave
    plain = "i want to do medical assistant. would i be able to work as an MA when i finish?"
    assert understand("ask_what_is_cma", 0.39, [], plain, Context(), ranking).intent != "ask_work_authorization"


@pytest.mark.parametrize(
    "text, topic",
    [
        # their own medicine or a health choice of their own, whatever exam the message names: a clinician's
        ("He gets panic attacks before exams. Should he take something for it on the day?", "ask_legal_or_medical"),
        ("Should he go back on his ADHD medication before the test? He stopped it last year.", "ask_legal_or_medical"),
        ("is it ok to get the hep b shots while im still breastfeeding my youngest", "ask_legal_or_medical"),
        (
            "she gets chest pains and her heart races before tests, what should she take for that?",
            "ask_legal_or_medical",
        ),
        # what to take first, or when, is no health choice
        ("what should i take first, the cma or rma", None),
        ("should i take the ccma while im still in the program", None),
    ],
)
def test_their_own_medicine_is_a_clinician_s_question(text, topic):
    if topic:
        assert decisive_topic(text) == topic
    else:
        assert decisive_topic(text) != "ask_legal_or_medical"


@pytest.mark.parametrize(
    "text, asks",
    [
        # a card held, told in passing without "I" or "my": their story, the question is another
        (
            "hi po, im nurse from philippines BSN, here in jersey city now w/ green card. can i just work as RN here",
            False,
        ),
        (
            "I am doctor from India (MBBS), have green card, working as MA 1.5 years. Which exam I can take with this?",
            False,
        ),
        ("I trained as a midwife in Ghana and I have a US green card. Which of the MA exams could I sit for?", False),
        (
            "Hello, I am Egyptian doctor, living in Chicago with green card. I want work as MA, is it a good start?",
            False,
        ),
        # leave itself asked of the card: a question of status still
        ("i have green card now, so i can work as MA yes?", True),
        ("have green card, can i work as MA?", True),
        ("can i work as MA with green card?", True),
        ("i have green card interview next month, can i work as MA before it?", True),
    ],
)
def test_a_card_held_in_passing_is_no_question_of_leave_unless_leave_is_asked(text, asks):
    from bot.understanding.cues import about_immigration_status

    assert about_immigration_status(text) is asks


#: What NLU tags in the follow-ups below, as it tagged them.
NAMED_IN_ARIZONA = (("us_state", "az"), ("certifying_body", "nha"), ("credential", "rma"), ("credential", "cma"))


@pytest.mark.parametrize(
    "text, expected",
    [
        # whether what they have counts, right after a state's rules: that state's answer
        ("does my az experience count for that or do i have to redo training", "ask_state_rules"),
        ("my clinic gave me their own in house certificate, does that count", "ask_state_rules"),
        ("wait so if i get certified then i can?", "ask_state_rules"),
        ("does az take the nha one", "ask_state_rules"),
        # asked of an exam itself: the routes to it
        ("does my 3 years count toward the RMA?", "ask_eligibility"),
        ("can i take the cma with that?", "ask_eligibility"),
        ("am i eligible for the ccma then", "ask_eligibility"),
        ("does front desk experience count for the rma tho", "ask_eligibility"),
        ("Can my BSN count for the CMA exam?", "ask_eligibility"),
        ("Does he still count as a recent graduate?", "ask_eligibility"),
    ],
)
def test_whether_it_counts_after_a_state_s_rules_is_that_state_s_answer(text, expected):
    words = text.lower().replace("?", "").split()
    named = [(kind, name) for kind, name in NAMED_IN_ARIZONA if name in words]
    arizona = Context("ask_state_rules", (("us_state", "Arizona"),))
    got = understand("ask_eligibility", 0.93, named, text, arizona, [("ask_eligibility", 0.93)])
    assert got.intent == expected


def test_still_sitting_the_exam_after_a_wait_asks_the_routes_not_the_fee():
    fee = Context("ask_exam_fee", (("credential", "CMA"),))
    ranking = [("ask_exam_fee", 0.7)]
    for text in (
        "what if i wait like a year and a half after graduating, can i still take it",
        "can i even still take it that long after",
        "what if i dont test til like 2 yrs after",
    ):
        assert understand("ask_exam_fee", 0.7, [], text, fee, ranking).intent == "ask_eligibility", text
    # a wait asked of the fee in hand is the fee then (non-recent graduates pay another)
    wait = "And if I wait more than one year after graduation?"
    assert understand("ask_exam_fee", 0.7, [], wait, fee, ranking).intent == "ask_exam_fee"


def test_time_still_ahead_is_no_years_of_ma_work():
    working = Profile(background="working_ma")
    for text in ("what if i dont test til like 2 yrs after", "if i take it 3 years later is that ok"):
        heard = read(text, profile=working)
        assert "experience_years" not in heard.changes, text
        assert heard.not_ma_years, text  # the years NLU tagged are not taken as work either
    # the same amount told as work as well stays work
    both = read("been an MA 2 yrs, in 2 years i want to be RN", profile=working)
    assert both.changes.get("experience_years") == 2.0


def test_which_one_is_faster_after_two_questions_compares_the_program_kinds_asked_first():
    # "whats the difference between a certificate and an associate degree and can i get fafsa for it"
    asked_both = Context("ask_financial_aid", earlier="ask_program_type")
    ranking = [("nlu_fallback", 0.4), ("inform", 0.26)]
    assert understand("nlu_fallback", 0.4, [], "which one is faster", asked_both, ranking).intent == "ask_program_type"
    # after aid alone there is nothing to compare
    aid = Context("ask_financial_aid")
    assert understand("nlu_fallback", 0.4, [], "which one is faster", aid, ranking).intent != "ask_program_type"


def test_aid_asked_without_papers_is_aid_for_non_citizens_and_work_still_asks_leave():
    for text in ("i dont have papers here. i can get financial aid or no?", "i dont have papers yet, i can get fafsa?"):
        got = understand(
            "ask_financial_aid", 0.99, [], text, Context("ask_program_cost"), [("ask_financial_aid", 0.99)]
        )
        assert got.intent == "ask_financial_aid" and ("aspect", "noncitizen") in got.entities, text
    work = "she dont have papers, can she still go to MA school and work after"
    assert understand("ask_financial_aid", 0.9, [], work, Context(), [("ask_financial_aid", 0.9)]).intent == (
        "ask_work_authorization"
    )


def test_a_status_told_with_what_she_wants_then_asked_of_the_aid_in_hand_is_the_aid():
    text = "my daughter is here with F-1 student visa, she want study too. she can get it?"
    aid = Context("ask_financial_aid")
    got = understand("ask_work_authorization", 1.0, [], text, aid, [("ask_work_authorization", 1.0)])
    assert got.intent == "ask_financial_aid" and ("aspect", "noncitizen") in got.entities
    # a job asked of the status is still leave to work
    job = "she is on F-1, can she get a job with it?"
    assert understand("ask_work_authorization", 1.0, [], job, aid, []).intent == "ask_work_authorization"


def test_how_to_check_a_school_themselves_is_where_the_accredited_lists_are():
    ranking = [("ask_accredited_programs", 0.79), ("ask_scam_check", 0.07)]
    text = "how i can check the school have this"
    got = understand("ask_accredited_programs", 0.79, [], text, Context("ask_eligibility"), ranking)
    assert got.intent == "ask_accredited_programs"
    # whether a school takes the benefit in hand is still that benefit
    takes = "how do i know if a school takes it"
    benefit = understand("ask_choose_program", 0.5, [], takes, Context("ask_military_benefits"), [])
    assert benefit.intent == "ask_military_benefits"


@pytest.mark.parametrize(
    "text",
    [
        "What would it cost me to get it back, including the test?",
        "So what's the total damage, cost-wise?",
        "Is there any additional charge beyond the exam fee itself?",
    ],
)
def test_the_whole_cost_of_a_lapsed_credential_after_renewal_is_renewal_s_answer(text, kb):
    cma = Context("ask_renewal", (("credential", "CMA"),))
    assert understand("ask_exam_fee", 0.9, [], text, cma, [("ask_exam_fee", 0.9)]).intent == "ask_renewal"
    # which has the reactivation fee beside the exam's
    answer = reply_for(kb, "ask_renewal", [("credential", "CMA")]).text
    assert kb.facts(["cma_lapse_rule"])["cma_lapse_rule"].value in answer


def test_another_topic_s_fee_after_renewal_is_that_topic():
    cma = Context("ask_renewal", (("credential", "CMA"),))
    text = "is there an extra fee if i take the test in spanish"
    assert understand("ask_exam_fee", 0.9, [], text, cma, [("ask_exam_fee", 0.9)]).intent == "ask_accommodations"


def test_a_program_s_price_with_aid_as_its_condition_is_the_price():
    text = "how much would the program cost if wioa dont cover all of it"
    got = understand("ask_program_cost", 0.93, [], text, Context("ask_financial_aid"), [("ask_program_cost", 0.93)])
    assert got.intent == "ask_program_cost"


def test_tagalog_how_much_starts_a_question_of_its_own():
    parts = split_questions("ok magkano usually a real program and is there free training? i cant afford po")
    assert len(parts) == 2 and parts[0].endswith("real program")


def test_what_about_a_name_nlu_does_not_know_asks_the_question_in_hand_of_it():
    ranking = [("ask_credential_info", 0.44), ("ask_state_rules", 0.17), ("ask_renewal", 0.11)]
    text = "what about the amca one, someone said theyre easier about it"
    got = understand("ask_credential_info", 0.44, [], text, Context("ask_accommodations"), ranking)
    assert got.intent == "ask_accommodations"
    # with nothing in hand, NLU's reading stands
    assert understand("ask_credential_info", 0.44, [], text, Context(), ranking).intent != "ask_accommodations"


def test_how_an_exam_is_structured_after_a_short_story_is_its_format():
    assert cued_intent("How is the CMA exam structured?", None) == "ask_exam_format"


def test_the_earlier_of_two_questions_in_one_message_stays_in_hand_for_the_next():
    # "whats the cma test fee right after i graduate and how many questions is it", then a wait: the fee then
    fee_first = Context("ask_exam_format", (("credential", "CMA"),), earlier="ask_exam_fee")
    wait = "and if i wait more than a year to test?"
    assert understand("ask_exam_retake", 0.5, [], wait, fee_first, [("ask_exam_retake", 0.5)]).intent == (
        "ask_exam_fee"
    )
    # "that apprenticeship, is it paid and how long", then what it leads to: the apprenticeship's answer
    program_first = Context("ask_duration", earlier="ask_learn_on_job")
    prepares = "which cert does it prepare you for"
    assert understand("ask_which_credential", 0.6, [], prepares, program_first, []).intent == "ask_learn_on_job"
    # "can i take the rma w that and how much is it", then a detail of the routes, as NLU read it
    routes_first = Context("ask_exam_fee", (("credential", "RMA"),), earlier="ask_eligibility")
    both = "does it have to be front and back office both"
    ranking = [("ask_eligibility", 0.68), ("ask_what_is_cma", 0.09)]
    assert understand("ask_eligibility", 0.68, [], both, routes_first, ranking).intent == "ask_eligibility"


def test_what_they_tell_after_two_questions_asks_again_the_one_worked_out_for_them():
    # "after i finish can i take the cma right away and how much is it", then "my program is abhes"
    c = Context("ask_exam_fee", (("credential", "cma"),), earlier="ask_eligibility")
    assert answered_for_them(c, "my program is abhes")
    again = asked_again(Understood("ask_program_cost", [], ()), c, told=True)
    assert again is not None and again.intent == "ask_eligibility"
    # a correction asks the last question again
    corrected = asked_again(Understood("ask_program_cost", [], ()), c, told=False)
    assert corrected is None or corrected.intent == "ask_exam_fee"


@pytest.mark.parametrize(
    "intent, text, context, expected",
    [
        # what an exam covers after a benefit that "covers" things: the exam's content
        ("ask_exam_format", "what areas does it cover", Context("ask_military_benefits"), "ask_exam_format"),
        # a bare price after a program's length, whatever "that" points back at
        ("ask_program_cost", "what does that run roughly", Context("ask_duration"), "ask_program_cost"),
        # a time limit on the steps after their attempts: ECFMG's rule
        (
            "nlu_fallback",
            "is there a time limit to pass all of them",
            Context("ask_usmle", aspect="attempts"),
            "ask_ecfmg",
        ),
    ],
)
def test_follow_ups_whose_words_another_topic_would_claim(intent, text, context, expected):
    got = understand(intent, 0.8 if intent != "nlu_fallback" else 0.4, [], text, context, [(intent, 0.8)])
    assert got.intent == expected


def test_a_state_s_figure_after_pay_and_a_new_exam_day_after_where_it_is_taken():
    dallas = Context("ask_salary", (("us_state", "Dallas"),), earlier="ask_program_cost")
    figure = "Is there a Texas figure for the whole state?"
    ranking = [("ask_state_rules", 0.8), ("ask_financial_aid", 0.05)]
    assert understand("ask_state_rules", 0.8, [("us_state", "Texas")], figure, dallas, ranking).intent == "ask_salary"
    reschedule = "if i need change the day, is problem?"
    ranking = [("nlu_fallback", 0.4), ("ask_state_rules", 0.25), ("ask_legal_or_medical", 0.17)]
    assert understand("nlu_fallback", 0.4, [], reschedule, Context("ask_exam_format"), ranking).intent == (
        "ask_exam_format"
    )


#: A story whose question is asked of a degree abroad, with a loan told in passing.
NURSE_WITH_A_LOAN = (
    "Good evening po. I am BSN graduate from Philippines (2010), I worked as staff nurse 5 years in a hospital in "
    "Manila then 4 years in Riyadh in the ICU. I came here in Houston 2024 with my husband, I have green card already. "
    "I am reviewing for NCLEX but it takes long and I need to work now, we have loan for the house. My friend said I "
    "can work as medical assistant while waiting. Will my BSN count so I can take the MA certification exam right away?"
)
#: A parent's story that names an IEP in passing, then asks how long a program takes.
IEP_IN_PASSING = (
    "Hello, I'm writing for my son Jacob. He's 22 and lives with us here in Tucson. He graduated high school in 2022 "
    "with an IEP (ADHD and some anxiety with tests) and has been bouncing between part time jobs since. I want to "
    "support him. How long would a program take him"
)


@pytest.mark.parametrize(
    "intent, confidence, text, context, expected",
    [
        # NLU's readings of blind_bx's messages, as the trained model gave them
        (
            "nlu_fallback",
            0.4,
            "same for the cma?",
            Context("ask_exam_format", (("credential", "RMA"),)),
            "ask_exam_format",
        ),
        ("ask_exam_fee", 0.48, "and the other one the ccma, same?", Context("ask_exam_retake"), "ask_exam_retake"),
        (
            "ask_salary",
            0.92,
            "ok and how fast could i actually be working. i need a paycheck by january",
            Context(),
            "ask_duration",
        ),
        (
            "ask_state_rules",
            1.0,
            "also does arizona even require this or is HR making it up lol",
            Context("ask_eligibility"),
            "ask_state_rules",
        ),
        (
            "ask_salary",
            0.98,
            "160 hours of what tho. and do they pay u for that",
            Context("ask_online_program"),
            "ask_externship",
        ),
        (
            "ask_eligibility",
            0.59,
            "my 10 years in Honduras hospital count for something?",
            Context("ask_online_program"),
            "ask_foreign_nurse",
        ),
        (
            "ask_exam_fee",
            0.67,
            "and after the cheap one i can sit CMA or no",
            Context("ask_program_cost"),
            "ask_eligibility",
        ),
        (
            "ask_duration",
            0.65,
            "the cheap school how long?",
            Context("ask_duration", earlier="ask_program_cost"),
            "ask_duration",
        ),
        ("ask_exam_retake", 0.77, "wait the full 200 questions again??", Context("ask_renewal"), "ask_exam_format"),
        (
            "nlu_fallback",
            0.4,
            "ok but would an 8 week one even get me hired or is it junk",
            Context("ask_financial_aid"),
            "ask_scam_check",
        ),
        (
            "ask_program_cost",
            0.43,
            "the school. the one on the tv ads says 16 grand thats crazy right?",
            Context("ask_exam_fee"),
            "ask_program_cost",
        ),
        (
            "ask_wes",
            0.68,
            "WES already did my evaluation before for CGFNS, can i use that or i need a new one?",
            Context("ask_foreign_nurse"),
            "ask_credential_evaluation",
        ),
        (
            "ask_eligibility",
            0.9,
            "I operated on people for 12 years and I must sit in anatomy class with 18 year olds?",
            Context("ask_duration"),
            "ask_course_transfer",
        ),
        ("ask_eligibility", 0.99, NURSE_WITH_A_LOAN, Context(), "ask_foreign_nurse"),
        ("ask_duration", 0.49, IEP_IN_PASSING, Context(), "ask_duration"),
        (
            "ask_online_program",
            0.33,
            "is there a faster way for me to become an MA or do I have to do the whole program like everybody else?",
            Context(),
            "ask_eligibility",
        ),
        (
            "ask_exam_study",
            0.94,
            "cant i just study a book and take the test",
            Context("ask_exam_fee"),
            "ask_eligibility",
        ),
        (
            "ask_exam_retake",
            0.6,
            "Is it still the same test I took in 2011?",
            Context("ask_exam_retake"),
            "ask_exam_format",
        ),
        (
            "nlu_fallback",
            0.4,
            "so basically school is a waste of money",
            Context("ask_learn_on_job"),
            "ask_learn_on_job",
        ),
        # their coursework asked to shorten the program, and the diploma before the exam, keep their own topics
        (
            "ask_course_transfer",
            0.9,
            "I hold a bachelor's degree in biology. Would any of my coursework shorten the training, or would I need "
            "to complete the full program?",
            Context(),
            "ask_course_transfer",
        ),
        (
            "ask_diploma_requirement",
            0.9,
            "do i need my diploma b4 i can take the ccma? im a junior",
            Context(),
            "ask_diploma_requirement",
        ),
    ],
)
def test_readings_from_blind_bx_read_after_it_was_measured(intent, confidence, text, context, expected):
    assert _read_with_its_credentials(intent, confidence, text, context) == expected


def _read_with_its_credentials(intent: str, confidence: float, text: str, context: Context) -> str | None:
    """The topic understood from NLU's reading, with the CMA or CCMA the message names as its entities."""
    words = re.findall(r"[a-z]+", text.lower())
    named = [("credential", name) for name in ("cma", "ccma") if name in words]
    return understand(intent, confidence, named, text, context, [(intent, confidence)]).intent


def test_where_they_are_told_after_pay_asks_the_pay_there_and_a_surgeon_s_years_are_no_ma_work():
    texas = Context("ask_salary", (("us_state", "Texas"),))
    assert answered_for_them(texas, "im in houston")
    assert not answered_for_them(texas, "im in houston, can i work there without a cert")
    told = read(
        "Good afternoon. I qualified in Lagos in 2008 and practised general surgery for 12 years before we moved."
    )
    assert told.changes.get("background") == "img" and 12.0 in told.not_ma_years
    assert "experience_years" not in read("I operated on people for 12 years, must I sit in class?").changes


@pytest.mark.parametrize(
    "text",
    ["is ma the same as cna", "which better for me, MA or the CNA"],
)
def test_the_roles_themselves_asked_after_pay_are_the_roles_compared(text):
    named = [("role", "MA"), ("role", "CNA")]
    got = understand("ask_compare_roles", 0.96, named, text, Context("ask_salary"), [("ask_compare_roles", 0.96)])
    assert got.intent == "ask_compare_roles"


def test_pay_of_another_role_asked_after_pay_is_still_pay():
    named = [("role", "MA"), ("role", "CNA")]
    text = "which pays better, MA or the CNA"
    got = understand("ask_compare_roles", 0.9, named, text, Context("ask_salary"), [("ask_compare_roles", 0.9)])
    assert got.intent == "ask_salary"


@pytest.mark.parametrize("text", ["What's the catch though", "what is downside then"])
def test_a_part_of_the_earlier_of_two_answers_asks_that_one(text):
    context = Context("ask_degree_perception", earlier="ask_residency_path")
    got = understand("out_of_scope", 0.6, [], text, context, [("out_of_scope", 0.6), ("ask_residency_path", 0.1)])
    assert got.intent == "ask_residency_path"


def test_money_asked_after_another_answer_tells_nothing_about_them():
    heard = read("And the pay, MA here in Dallas versus if I pass the NCLEX", {"us_state": "texas"})
    assert not heard.statement and "state" not in heard.changes


@pytest.mark.parametrize(
    "intent, confidence, text, context, expected",
    [
        # NLU's readings of blind_bz's messages, as the trained model gave them
        (
            "ask_foreign_nurse",
            0.8,
            "n if i do MA first n nursing later does it help or is it a waste",
            Context("ask_state_rules", (("us_state", "Maryland"),)),
            "ask_career_advancement",
        ),
        (
            "nlu_fallback",
            0.4,
            "later i wanna be LPN, MA help with that or i start from zero",
            Context(),
            "ask_career_advancement",
        ),
        (
            "ask_eligibility",
            0.8,
            "so my phlebotomy doesn't really count lol. for the CCMA what would i actually have to learn that i don't "
            "already know",
            Context("ask_eligibility"),
            "ask_exam_study",
        ),
        (
            "ask_program_type",
            0.88,
            "Are you sure? I did 6 years of medical school, that is more than any 1 year program",
            Context("ask_eligibility", (("credential", "CMA"),)),
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            0.4,
            "how much is that evaluation",
            Context("ask_eligibility", (("credential", "RMA"),)),
            "ask_credential_evaluation",
        ),
        (
            "ask_exam_fee",
            0.4,
            "Could she use it for one of the other exams?",
            Context("ask_scam_check"),
            "ask_eligibility",
        ),
        (
            "ask_duration",
            0.83,
            "hello. i was surgeon 12 year in kabul. now in sacramento. i want be medical asistant. my medicine courses "
            "can transfer so i finish fast?",
            Context(),
            "ask_course_transfer",
        ),
        (
            "ask_what_is_cma",
            0.89,
            "but do hospitals even allow drs to work as MA?",
            Context("ask_degree_perception"),
            "ask_degree_perception",
        ),
        (
            "ask_program_cost",
            0.61,
            "ok. school need hep b shots and physical right? im 4 months pregnant is hep b vaccine safe for the baby",
            Context("ask_accommodations"),
            "ask_legal_or_medical",
        ),
        (
            "nlu_fallback",
            0.4,
            "how much difference",
            Context("ask_compare_roles", (("role", "RN"), ("role", "LPN"), ("role", "MA"))),
            "ask_salary",
        ),
    ],
)
def test_readings_from_blind_bz_read_after_it_was_measured(intent, confidence, text, context, expected):
    assert _read_with_its_credentials(intent, confidence, text, context) == expected


def test_an_earlier_question_doubted_with_a_new_question_is_that_question():
    """ "are u sure about usmle? then what is the ECFMG certificate for" asks of the ECFMG, not the USMLE again."""
    text = "are u sure about usmle? then what is the ECFMG certificate for, do i need that one atleast"
    got = understand("ask_ecfmg", 0.9, [], text, Context("ask_usmle"), [("ask_ecfmg", 0.9)])
    assert got.intent == "ask_ecfmg"


def test_a_doctors_work_as_an_ma_toward_residency_is_not_a_verdict_on_their_years():
    assert decisive_topic("if i work as MA a year or two, does it actually help me get residency later or no") is None
    assert decisive_topic("if i work 2 years as MA can i take the rma") == "ask_eligibility"


def test_other_exams_asked_of_a_certificate_are_every_credential_not_the_one_in_hand():
    text = "so the 14k is trash rn? is there other cert i can take w this diploma"
    got = understand("ask_eligibility", 0.42, [], text, Context("ask_eligibility", (("credential", "CMA"),)))
    assert got.intent == "ask_eligibility" and ("credential", "CMA") not in got.entities


@pytest.mark.parametrize(
    "text",
    [
        "for a job that pays what, here in florida",
        "ok thank God. so i fit use my mbbs to sit for the cma exam straight or i must still go school again",
        "the ma school here gonna accept my haiti diploma or i need do the ged first",
    ],
)
def test_questions_without_a_question_mark_or_question_words_first(text):
    assert looks_like_question(text)


def test_a_choice_told_is_still_a_statement():
    assert not looks_like_question("I worked as a medic or an EMT for 6 years")


@pytest.mark.parametrize(
    "text, not_this",
    [
        # decisive words the second reading used to overrule, now that it no longer reads them again
        (
            "OK, scratch LPN, the MA route is faster. Here in Maryland, does an MA need to be certified to give "
            "injections?",
            "ask_duration",
        ),
        (
            "should i do the associate degree instead since the gi bill is paying anyway, whats the difference",
            "ask_military_benefits",
        ),
        (
            "saw an ad on fb that says 'MyCAA approved! Become a CMA in 4 weeks' is that legit??",
            "ask_military_benefits",
        ),
        ("is there actually demand for medical assistants or is it a dead end job", "ask_career_advancement"),
        ("While I prepare, can I skip part of an MA program because of my medical school courses?", "ask_exam_study"),
        ("in maryland do i need it to give shots", "ask_what_is_cma"),
        ("that doesnt help me. which one do i need to give shots", "ask_what_is_cma"),
        ("Where do I get that report, and how long does it take?", "ask_scam_check"),
        (
            "I used up my GI Bill on a business degree years ago. What's the cheapest way to get trained as an MA?",
            "ask_financial_aid",
        ),
    ],
)
def test_decisive_words_that_are_only_part_of_another_question(text, not_this):
    assert decisive_topic(text) != not_this


@pytest.mark.parametrize(
    "text, topic",
    [
        ("i have a bio degree, will my a&p classes carry over into an MA program", "ask_course_transfer"),
        ("will they count my MBBS courses so i finish faster", "ask_course_transfer"),
        ("If I work like this, after how much time I can take the NHA exam?", "ask_eligibility"),
        ("hm. is the ccma test mostly clinical stuff", "ask_exam_format"),
        ("I'd prefer the office side. Is the CCMA mostly clinical?", "ask_credential_info"),
        ("does my CE carry over", "ask_renewal"),
        ("where do i report them", "ask_scam_check"),
    ],
)
def test_decisive_words_of_blind_bz_and_the_sets_they_were_checked_on(text, topic):
    assert decisive_topic(text) == topic


@pytest.mark.parametrize(
    "intent, confidence, text, context, expected",
    [
        # a place alone after pay and another topic keeps to pay (see test_actions for the order of the two rules)
        (
            "nlu_fallback",
            0.4,
            "so if my program isnt approved then what",
            Context("ask_what_is_cma", (("state", "Arizona"),), earlier="ask_state_rules"),
            "ask_state_rules",
        ),
        (
            "nlu_fallback",
            0.4,
            "is the ccma ok for that",
            Context("ask_what_is_cma", (("state", "Arizona"),), earlier="ask_state_rules"),
            "ask_state_rules",
        ),
        (
            "ask_compare_roles",
            1.0,
            "whats better ma or cna for someone my age my mom says cna is faster",
            Context("ask_salary", (("state", "Texas"),)),
            "ask_compare_roles",
        ),
        (
            "nlu_fallback",
            0.4,
            "and my moms credit is bad and she cant cosign nothing, can i still get money for school",
            Context("ask_salary"),
            "ask_financial_aid",
        ),
        (
            "ask_which_credential",
            0.65,
            "so which exam should i take so i'm covered in both",
            Context("ask_state_rules", (("state", "Washington"),)),
            "ask_which_credential",
        ),
        (
            "nlu_fallback",
            0.4,
            "hm thats less than i thought. are you sure thats current?",
            Context("ask_salary", (("state", "Florida"),), earlier="ask_eligibility"),
            "ask_salary",
        ),
        (
            "ask_scam_check",
            0.74,
            "that is not what the website allcma says, they say 4 times and each 30 days. who is right",
            Context("ask_exam_retake"),
            "ask_exam_retake",
        ),
        (
            "nlu_fallback",
            0.4,
            "what about the one where you need 1 year working?",
            Context("ask_foreign_nurse"),
            "ask_eligibility",
        ),
        ("nlu_fallback", 0.4, "my caregiver job is counted?", Context("ask_eligibility"), "ask_eligibility"),
        (
            "ask_exam_fee",
            0.93,
            "so the test fee is in there or separate",
            Context("ask_program_cost"),
            "ask_program_cost",
        ),
        (
            "ask_resume_interview",
            0.87,
            "can i keep CMA on my resume while im retesting? ive kinda been leaving it on there",
            Context("ask_renewal"),
            "ask_credential_info",
        ),
    ],
)
def test_readings_from_blind_ca_read_after_it_was_measured(intent, confidence, text, context, expected):
    assert _read_with_its_credentials(intent, confidence, text, context) == expected


def test_another_role_s_length_and_a_guessed_no_read_as_the_model_read_them():
    lpn = [("role", "LPN")]
    ranking = [("ask_duration", 0.44), ("ask_exam_format", 0.18), ("ask_compare_roles", 0.15)]
    got = understand("ask_duration", 0.44, lpn, "and LPN how long is that one", Context("ask_state_rules"), ranking)
    assert got.intent == "ask_compare_roles"
    own = understand("ask_duration", 0.5, [("role", "cna")], "im a cna how long does it take", Context(), ranking)
    assert own.intent == "ask_duration"
    ranking = [("inform", 0.53), ("goodbye", 0.14), ("ask_accommodations", 0.1), ("roadmap_where", 0.09)]
    text = "so also no farsi version i guess"
    got = understand("inform", 0.53, [], text, Context("ask_accommodations"), ranking)
    assert got.intent == "ask_accommodations" and cued_aspect(got.intent, text) == "language"


def test_how_long_to_wait_asked_beside_retakes_is_the_retake_wait():
    """ "how many times i can retake it and how long i must wait??": the second part is the retakes' wait, not how long
    a program takes, though NLU reads it so."""
    same = Context("ask_exam_retake", same_message=True)
    assert understand("ask_duration", 0.79, [], "how long i must wait??", same).intent == "ask_exam_retake"
    assert understand("ask_duration", 0.79, [], "how long is the program", same).intent == "ask_duration"


def test_a_program_asked_only_for_its_office_side_is_its_routes_and_a_skipped_part_its_courses():
    assert decisive_topic("Is there a program that's only the office side") == "ask_eligibility"
    assert decisive_topic("would a school at least let me skip the phlebotomy part since I've done draws") == (
        "ask_course_transfer"
    )
    assert decisive_topic("can i call myself certified if i just do a course") == "ask_scam_check"
    assert decisive_topic("and to call myself certified in FL, what counts") is None


@pytest.mark.parametrize(
    "text, asks",
    [
        ("since we're moving to washington will a cert i get here in tennessee even work there", True),
        ("so also no farsi version i guess", True),
        ("and my documents are already in english so I dont need translation abi", True),
        ("so with my mbbs i can go straight for the cma exam abi i must still do school", True),
        ("no i guess", False),
        ("not really i guess", False),
        ("ok yeah", False),
        ("my training will be done in may", False),
    ],
)
def test_questions_told_as_guesses_or_with_a_tag(text, asks):
    assert looks_like_question(text) is asks


@pytest.mark.parametrize(
    "text, not_ma",
    [
        ("Hello. I'm 52 and have been with the same bank since 1998, the last 9 years as branch manager.", 9.0),
        (
            "hey so i got laid off from my store manager job after 15 yrs in retail and im thinking medical assistant",
            15.0,
        ),
    ],
)
def test_years_in_another_job_are_no_medical_assisting_work(text, not_ma):
    heard = read(text)
    assert not_ma in heard.not_ma_years and "experience_years" not in heard.changes
    assert read("i worked 4 years as an MA").changes["experience_years"] == 4.0


def test_whether_a_program_s_price_includes_the_exam_fee_is_answered_from_its_source(kb: KnowledgeBase):
    reply = reply_for(kb, "ask_program_cost", [("aspect", "exam_fee_included")], Profile())
    assert reply.variant == "exam_fee_included"
    value = kb.facts(["exam_fee_included_example"])["exam_fee_included_example"].value
    assert " ".join(value.split()) in " ".join(reply.text.split())


@pytest.mark.parametrize(
    "text, asked_for_them",
    [
        ("same for my husband po?", True),
        ("and for my sister?", True),
        ("what about my daughter", True),
        ("and him?", True),
        ("what about my sister in law", True),
        ("what about the cma", False),
        ("what about my degree", False),
        ("whats the pay", False),
    ],
)
def test_the_question_in_hand_asked_again_for_someone_else(text, asked_for_them):
    got = understand("nlu_fallback", 0.4, [], text, Context("ask_work_authorization"), FALLBACK)
    assert (got.intent == "ask_work_authorization") is asked_for_them


@pytest.mark.parametrize(
    "intent, confidence, text, context, expected",
    [
        (
            "ask_exam_format",
            0.65,
            "my MBBS itself is not enough for sitting the CMA exam?",
            Context(),
            "ask_eligibility",
        ),
        (
            "nlu_fallback",
            0.4,
            "is the cma even an option for me then",
            Context("ask_military_benefits"),
            "ask_eligibility",
        ),
        (
            "ask_state_rules",
            0.95,
            "I read in California there is special state exam, CCMA?",
            Context("ask_salary", (("state", "California"),)),
            "ask_state_rules",
        ),
        (
            "ask_locum_tenens",
            0.6,
            "Is medical assistant a good long career or only temporary job for people like me?",
            Context(),
            "ask_career_advancement",
        ),
        (
            "nlu_fallback",
            0.4,
            "And can medical assistant work in pediatric clinic?",
            Context(),
            "ask_career_advancement",
        ),
        (
            "ask_learn_on_job",
            0.68,
            "wait seriously?? my coworker let hers go like 2 years and just paid a fee and was fine",
            Context("ask_renewal"),
            "ask_renewal",
        ),
        (
            "ask_state_rules",
            0.7,
            "if I end up going to MA school here, can I take the exam in Vegas or only certain places?",
            Context("ask_salary"),
            "ask_exam_format",
        ),
        (
            "ask_wes",
            1.0,
            "and is wes legit or just some company that takes ur money",
            Context("ask_credential_evaluation"),
            "ask_wes",
        ),
        ("ask_eligibility", 0.51, "does RMA make you do CE too", Context("ask_eligibility"), "ask_renewal"),
        ("nlu_fallback", 0.4, "and the other ones?", Context("ask_pass_rate"), "ask_pass_rate"),
        ("nlu_fallback", 0.4, "so basically no? lol", Context("ask_eligibility"), "ask_eligibility"),
        (
            "nlu_fallback",
            0.4,
            "16% or 12%?? every site says something different",
            Context("ask_salary"),
            "ask_salary",
        ),
        ("nlu_fallback", 0.4, "my prepa from mexico is ok for the school or no?", Context(), "ask_diploma_requirement"),
        (
            "ask_which_credential",
            0.9,
            "which one do i want then? id like to be able to change clinics later",
            Context("ask_state_rules", (("us_state", "Washington"),)),
            "ask_state_rules",
        ),
        (
            "ask_credential_info",
            0.42,
            "from who exactly?",
            Context("ask_credential_evaluation"),
            "ask_credential_evaluation",
        ),
        (
            "ask_scam_check",
            0.89,
            "So my question is: is medical assistant even a real career, or is it just a way for these schools to make"
            " money off people like me?",
            Context(),
            "ask_salary",
        ),
    ],
)
def test_readings_from_blind_cb_read_after_it_was_measured(intent, confidence, text, context, expected):
    assert _read_with_its_credentials(intent, confidence, text, context) == expected


def test_how_long_a_report_stays_good_is_the_evaluation_s_not_a_credential_s_renewal():
    """ "is it valid forever or it expires" after which report to order: ECE's report validity, which the report
    types' answer gives; with a credential named it is that credential's renewal."""
    for in_hand in ("ask_credential_evaluation", "ask_wes"):
        got = understand("ask_renewal", 1.0, [], "is it valid forever or it expires", Context(in_hand), FALLBACK)
        assert (got.intent, _aspect(got)) == ("ask_credential_evaluation", "report_types")
    cma = [("credential", "cma")]
    got = understand("ask_renewal", 0.99, cma, "and is the cma valid forever", Context("ask_credential_evaluation"))
    assert got.intent == "ask_renewal"


@pytest.mark.parametrize(
    "text",
    [
        "it was never accredited by either of those i checked. so what CAN i take",
        "then which cert could i get later that way, not the cma right?",
        "1 year for which one?",
        "ok which of the other ones is cheapest to take",
    ],
)
def test_which_credentials_are_open_asked_of_all_drops_the_one_in_hand(text):
    """After the CMA's verdict, "what CAN i take" asks every credential's, and the CMA ruled out is not asked again."""
    named = [("credential", "cma")] if "cma" in text.lower().split() else []
    got = understand("ask_eligibility", 0.9, named, text, Context("ask_eligibility", (("credential", "CMA"),)))
    assert not any(kind == "credential" for kind, _ in got.entities)


def test_a_language_named_alone_after_the_exam_s_languages_asks_that_language():
    got = understand("nlu_fallback", 0.4, [], "and in ukrainian or russian?", Context("ask_accommodations"), FALLBACK)
    assert (got.intent, _aspect(got)) == ("ask_accommodations", "language")


def test_a_school_diploma_from_abroad_is_answered_with_who_decides(kb: KnowledgeBase):
    """ "My bac from Haiti is ok or I need to do the GED here?": the school decides, and an evaluation may be asked;
    the answer comes from the sheets' sources (ENIC-NARIC, WES)."""
    text = "For the school, they ask high school diploma. My bac from Haiti is ok or I need to do the GED here?"
    assert cued_aspect("ask_diploma_requirement", text) == "abroad"
    reply = reply_for(kb, "ask_diploma_requirement", [("aspect", "abroad")], Profile())
    assert reply.variant == "abroad" and "evaluation" in reply.text
    assert "ENIC-NARIC" in reply.text and "WES" in reply.text


def test_what_mas_do_in_a_state_with_a_task_named_is_that_state_s_rules():
    ny = [("us_state", "NY")]
    text = "in NY what do MAs actually do, can they give flu shots"
    assert understand("ask_what_is_cma", 0.6, ny, text, Context()).intent == "ask_state_rules"
    assert understand("ask_what_is_cma", 0.6, [], "what do MAs actually do", Context()).intent == "ask_what_is_cma"


def test_whether_a_benefit_still_pays_after_two_answers_asks_the_earlier_one():
    """ "even if i fail it?" after the GI Bill and the RMA's fee: whether the GI Bill still pays."""
    got = understand(
        "ask_exam_retake", 0.98, [], "even if i fail it?", Context("ask_exam_fee", earlier="ask_military_benefits")
    )
    assert got.intent == "ask_military_benefits"


def test_a_rank_asked_of_a_benefit_is_the_spouses_scholarship():
    text = "wait E-6 counts now?? I thought it was only up to E-5"
    assert cued_aspect("ask_military_benefits", text) == "spouse"


def test_another_role_asked_after_pay_with_an_aside_about_school_is_still_pay():
    cna = [("role", "cna")]
    text = "vs a cna? my friend is doing cna thru our school"
    got = understand("ask_compare_roles", 1.0, cna, text, Context("ask_salary"), [("ask_compare_roles", 1.0)])
    assert got.intent == "ask_salary"


def test_their_own_pay_now_set_against_ma_pay_is_the_role_they_hold():
    """A CNA asking "and pay compared to what i make now" after Maryland's rules: CNA pay beside MA pay."""
    pay = Understood("ask_salary", [("us_state", "Maryland")], (("us_state", "Maryland"),))
    got = with_their_role(pay, "and pay compared to what i make now", "CNA")
    assert ("role", "CNA") in got.entities
    assert with_their_role(pay, "and pay compared to what i make now", None) == pay
    assert with_their_role(pay, "and pay in baltimore", "CNA") == pay
    lpn = replace(pay, entities=[*pay.entities, ("role", "LPN")])
    assert with_their_role(lpn, "vs my current job as an lpn", "CNA") == lpn


def test_work_as_an_ma_wished_for_is_not_work_they_have():
    told = read(
        "been a cna in a nursing home 5 yrs and my back is done lol. want clinic work as an MA. how long is school"
    )
    assert told.changes.get("background") != "working_ma" and told.changes.get("other_healthcare_role") == "CNA"
    assert read("i work as an MA in a clinic, 3 years").changes.get("background") == "working_ma"


@pytest.mark.parametrize("text", ["banking, 20 yrs. zero healthcare", "sales 10 years, never any healthcare"])
def test_a_plan_s_background_told_as_another_trade_or_no_healthcare_is_a_career_change(text):
    assert roadmap_background(text, {}) == "career_changer"


def test_the_other_one_is_every_other_credential_unless_two_are_in_hand():
    cma = Context("ask_exam_fee", (("credential", "CMA"),))
    got = understand("nlu_fallback", 0.4, [], "and the other one?", cma, FALLBACK)
    assert got.intent == "ask_exam_fee" and not any(kind == "credential" for kind, _ in got.entities)
    two = Context("ask_exam_format", (("credential", "RMA"), ("credential", "CCMA")))
    got = understand("inform", 0.44, [], "and the other one", two, [("inform", 0.44), ("roadmap_next", 0.27)])
    assert ("credential", "CCMA") in got.entities


@pytest.mark.parametrize(
    "text", ["how long the aplication stays valid", "once i apply to AMT, can my application expire?"]
)
def test_an_application_s_validity_after_an_evaluation_is_not_the_report_s(text):
    got = understand("ask_renewal", 0.9, [], text, Context("ask_wes"), [("ask_renewal", 0.9)])
    assert _aspect(got) != "report_types"


def test_what_mas_do_with_a_task_set_aside_is_still_what_they_do():
    ny = [("us_state", "NY")]
    got = understand("ask_what_is_cma", 0.7, ny, "Then what MA do in NY office, if no shot", Context("ask_state_rules"))
    assert got.intent == "ask_what_is_cma"


def test_whether_ma_is_a_career_or_a_dead_end_is_career_growth():
    assert decisive_topic("whatever. is MA even a real career or a dead end") == "ask_career_advancement"


def test_the_ccma_s_answer_says_california_s_own_exam_had_the_same_name(kb: KnowledgeBase):
    reply = reply_for(kb, "ask_credential_info", [("credential", "ccma")], Profile())
    assert reply.variant == "ccma" and "CACMA" in reply.text and "CCBMA" in reply.text


# Readings from blind_cc (each with the reading the trained model gave).


def test_decisive_words_in_the_story_give_way_to_the_question_nlu_is_sure_of():
    """A medic's story holds "let it lapse" (renewal words), and its question is whether medics can sit the RMA."""
    text = (
        "I'm an Army 68W, 8 years in. I've kept my NREMT (let it lapse once, renewed). I'm looking at options that "
        "don't need 4 more years of school. My wife's cousin says medics can sit for the RMA straight up without "
        "going to MA school. Is that right?"
    )
    named = [("background", "Army"), ("credential", "RMA")]
    assert understand("ask_eligibility", 1.0, named, text, Context()).intent == "ask_eligibility"
    # outside brackets the same words are the question's
    assert decisive_topic(text.replace("(", "").replace(")", "")) == "ask_renewal"


def test_a_place_asked_in_one_message_stays_for_its_later_question():
    """ "in nj can i give injections...? and which cert do employers like most": "and blood draws same?" next is
    still New Jersey's."""
    first = Context("ask_state_rules", (("us_state", "NJ"),), same_message=True)
    after = remember(Understood("ask_which_credential", []), first)
    assert ("us_state", "NJ") in after.entities and after.earlier == "ask_state_rules"
    assert remember(Understood("ask_which_credential", []), replace(first, same_message=False)).entities == ()
    roles = Context("ask_compare_roles", (("us_state", "Newark"), ("role", "LPN"), ("role", "RN")), same_message=True)
    after = remember(Understood("ask_duration", [("role", "RN")]), roles)
    assert ("role", "LPN") not in after.entities and ("us_state", "Newark") in after.entities  # its own role stays


def test_once_certified_what_each_year_asks_is_renewal():
    ncma = Context("ask_exam_retake", (("credential", "NCMA"),))
    ranking = [("ask_renewal", 0.86), ("ask_ecfmg", 0.06)]
    got = understand("ask_renewal", 0.86, [], "Once certified, what is required of me each year?", ncma, ranking)
    assert got.intent == "ask_renewal"


def test_rejoining_the_association_after_its_fee_is_the_member_price():
    aama = Context("ask_exam_fee", (("certifying_body", "aama"),))
    ranking = [("roadmap_where", 0.64), ("ask_exam_retake", 0.2)]
    named = [("certifying_body", "aama")]
    assert understand("roadmap_where", 0.64, named, "what if i rejoin aama first", aama, ranking).intent == (
        "ask_exam_fee"
    )


def test_a_question_after_the_thing_it_is_about_is_no_statement():
    assert not read("for ECFMG what I still need after step 2").statement
    assert read("for 5 years I worked as an MA").statement


def test_cpr_asked_as_a_need_is_eligibility_not_renewal():
    rma = Context("ask_eligibility", (("credential", "RMA"),))
    got = understand("ask_renewal", 0.98, [], "And do I need CPR for it? Mine expired", rma)
    assert got.intent == "ask_eligibility"
    assert decisive_topic("do i need cpr to renew my cma") != "ask_eligibility"
    assert decisive_topic("do i still need CPR for recert") != "ask_eligibility"


def test_a_score_after_ecfmg_s_requirements_is_ecfmg_s_english_test():
    ranking = [("ask_exam_format", 0.61), ("roadmap_repeat", 0.14)]
    got = understand(
        "ask_exam_format", 0.61, [], "score for that one?", Context("ask_ecfmg", aspect="requirements"), ranking
    )
    assert got.intent == "ask_ecfmg"


@pytest.mark.parametrize(
    "text",
    ["what exam does that get me", "and at the end of that what cert do i have", "what cert would i end up with"],
)
def test_the_credential_a_route_ends_in_is_which_credential(text):
    assert decisive_topic(text) == "ask_which_credential"


def test_the_credential_an_apprenticeship_ends_in_is_that_answer_s():
    """ "what exam does that get me" after Washington's paid apprenticeship: that answer names the CCMA and MA-C."""
    wa = Context("ask_duration", (("us_state", "wa"),), earlier="ask_learn_on_job")
    got = understand("ask_duration", 0.9, [], "what exam does that get me", wa, [("ask_duration", 0.9)])
    assert got.intent == "ask_learn_on_job" and ("us_state", "wa") in got.entities


def test_which_kind_of_program_for_a_later_goal_is_the_program_type():
    assert decisive_topic("ok so if i want that later which program should i do") == "ask_program_type"
    assert decisive_topic("which program should i pick, there are 4 schools near me") != "ask_program_type"


def test_what_a_credential_guessed_easier_asks_is_its_eligibility():
    chicago = Context("ask_credential_evaluation", (("us_state", "Chicago"),), "translation")
    ncma = [("credential", "NCMA")]
    whole = understand("ask_salary", 0.75, ncma, "Maybe the NCMA is more easy? What they need", chicago)
    part = understand("ask_salary", 0.86, ncma, "Maybe the NCMA is more easy?", chicago)
    assert whole.intent == part.intent == "ask_eligibility"


def test_certification_for_temp_work_just_described_is_that_work_s_answer():
    context = Context("ask_salary", (("role", "MA"), ("us_state", "dallas")), earlier="ask_locum_tenens")
    ranking = [("nlu_fallback", 0.4), ("ask_eligibility", 0.47), ("ask_state_rules", 0.45)]
    got = understand("nlu_fallback", 0.4, [], "would they need me to be certified for that", context, ranking)
    assert got.intent == "ask_locum_tenens"


def test_which_certification_a_state_s_rule_means_is_that_state_s_rules():
    nj = Context("ask_state_rules", (("us_state", "NJ"), ("role", "MA")))
    named = [("program_type", "certificate"), ("credential", "CMA")]
    text = "Certified means which certificate exactly, CMA only or any of them?"
    got = understand("ask_credential_info", 0.95, named, text, nj)
    assert got.intent == "ask_state_rules" and ("us_state", "NJ") in got.entities
    assert understand("ask_credential_info", 0.95, named, text, Context("ask_salary")).intent == "ask_credential_info"


def test_a_figure_of_the_answer_named_first_asks_that_answer_again():
    nj = Context("ask_state_rules", (("us_state", "NJ"),))
    ranking = [("nlu_fallback", 0.4), ("ask_program_cost", 0.35), ("ask_eligibility", 0.16)]
    got = understand("nlu_fallback", 0.4, [], "And the 600 hours, my program must be 600 hours?", nj, ranking)
    assert got.intent == "ask_state_rules" and ("us_state", "NJ") in got.entities


def test_the_answer_in_hand_asked_of_other_schools_stays_on_its_topic():
    aid = Context("ask_financial_aid", (("us_state", "Pennsylvania"),))
    text = "Would that work at both the community college and a private career school?"
    ranking = [("ask_program_cost", 0.6), ("ask_choose_program", 0.29)]
    assert understand("ask_program_cost", 0.6, [], text, aid, ranking).intent == "ask_financial_aid"


def test_two_jobs_compared_beyond_their_pay_are_the_roles_compared():
    lpn = Context("ask_salary", (("role", "LPN"),))
    text = "whats the real difference between the two jobs then, besides money"
    ranking = [("nlu_fallback", 0.4), ("ask_salary", 0.25), ("ask_wes", 0.22), ("ask_compare_roles", 0.08)]
    got = understand("nlu_fallback", 0.4, [], text, lpn, ranking)
    assert got.intent == "ask_compare_roles" and ("role", "LPN") in got.entities


def test_where_they_are_told_in_case_it_matters_asks_the_answer_again_for_there():
    assert answered_for_them(Context("ask_learn_on_job"), "im in spokane wa if that matters")
    assert not answered_for_them(Context("ask_learn_on_job"), "im in spokane wa")


def test_a_place_after_another_role_s_pay_beside_an_ma_s_is_ma_pay_there():
    roles = Context("ask_salary", (("role", "MA"), ("role", "CNA")))
    ranking = [("nlu_fallback", 0.4), ("ask_salary", 0.34), ("inform", 0.34)]
    got = understand("nlu_fallback", 0.4, [("us_state", "dallas")], "ok and in dallas", roles, ranking)
    assert got.intent == "ask_salary" and ("us_state", "dallas") in got.entities
    assert ("role", "CNA") not in got.entities


def test_a_story_s_and_or_a_stressed_and_starts_no_question():
    parent = (
        "Hi, I'm asking for my son Tyler, he's 20 and has his GED. He left community college last year and is "
        "thinking about medical assisting. Does the GED count for getting into a program and for the "
        "certification? And how long would it take him?"
    )
    assert len(split_questions(parent)) == 2
    phleb = "the clinics here want people who can draw AND do MA stuff. which cert is the most clinical?"
    assert split_questions(phleb) == [phleb]
    # typed all in capitals, nothing is stressed
    assert len(split_questions("HOW MUCH DOES IT RUN AND CAN I GET THAT RETRAINING MONEY")) == 2
    assert split_questions("how much is the cma AND how long is it good for") == [
        "how much is the cma",
        "how long is it good for",
    ]


def test_an_alternative_after_a_question_mark_is_part_of_that_question():
    text = "medical assistant is only clinic work like take blood? or also office work? and which certificate i need"
    parts = split_questions(text)
    assert parts[0] == "medical assistant is only clinic work like take blood? or also office work?"
    assert decisive_topic(parts[0]) == "ask_what_is_cma"
    # another thing offered in place of the first is a question of its own
    assert split_questions("can I use my GI Bill for an MA program? or SkillBridge?") == [
        "can I use my GI Bill for an MA program?",
        "or SkillBridge?",
    ]


def test_hiding_a_medical_degree_is_how_the_degree_is_seen():
    assert decisive_topic("I hide that I am doctor?") == "ask_degree_perception"


def test_whether_an_evaluation_is_needed_at_all_is_the_evaluation():
    ranking = [("nlu_fallback", 0.4), ("ask_eligibility", 0.36), ("ask_wes", 0.35)]
    text = "wait before that, do i need WES for this or not"
    assert understand("nlu_fallback", 0.4, [], text, Context("ask_foreign_nurse"), ranking).intent == "ask_wes"
    text = "do i need an evaluation for this or not"
    assert understand("nlu_fallback", 0.4, [], text, Context("ask_foreign_nurse"), ranking).intent == (
        "ask_credential_evaluation"
    )


def test_the_others_asked_after_surprise_at_a_figure_are_every_other_credential():
    cma = Context("ask_pass_rate", (("credential", "CMA"),))
    ranking = [("nlu_fallback", 0.4), ("ask_exam_fee", 0.39), ("ask_wes", 0.12)]
    got = understand("nlu_fallback", 0.4, [], "60%?? thats it? and the other ones", cma, ranking)
    assert got.intent == "ask_pass_rate" and ("credential", "CMA") not in got.entities


def test_yes_or_no_asked_again_with_a_complaint_after_it_is_the_answer_in_hand():
    md = Context("ask_state_rules", (("us_state", "Maryland"),))
    text = "So is it yes or no?? The board website is so confusing"
    assert understand("ask_wes", 0.8, [], text, md, [("ask_wes", 0.8)]).intent == "ask_state_rules"


def test_a_doctor_who_leaves_out_the_article_is_an_international_medical_graduate():
    told = read("Good day. I am pediatrician from Kharkiv, Ukraine, 15 years of practice in city children hospital.")
    assert told.changes.get("background") == "img"


def test_the_school_s_own_pass_rate_is_not_in_the_sources_and_says_whom_to_ask(kb: KnowledgeBase):
    assert cued_aspect("ask_pass_rate", "whats YOUR schools pass rate and what do u charge") == "this_school"
    assert cued_aspect("ask_pass_rate", "whats the pass rate for the cma") != "this_school"
    reply = reply_for(kb, "ask_pass_rate", [("aspect", "this_school")], Profile())
    assert reply.variant == "this_school" and "admissions" in reply.text and "don't have" in reply.text


def test_how_long_they_must_work_in_a_learner_s_words_is_the_work_routes():
    assert cued_aspect("ask_eligibility", "and after with that i can take the test? how much time i need work") == (
        "working_ma"
    )


def test_cpr_asked_for_an_exam_gets_where_cpr_is_required_even_with_a_verdict_at_hand(kb: KnowledgeBase):
    """A phlebotomist asking "And do I need CPR for it? Mine expired" after the RMA's routes: the route that asks
    for CPR, with its figure from the knowledge base, not the verdict again without it."""
    assert cued_aspect("ask_eligibility", "And do I need CPR for it? Mine expired") == "cpr"
    who = Profile(other_healthcare_role="phlebotomist")
    reply = answer_person(kb, "ask_eligibility", [("credential", "RMA"), ("aspect", "cpr")], who, Heard())
    route = kb.facts(["rma_experience_route"])["rma_experience_route"]
    assert reply.variant == "cpr" and "CPR" in reply.text and route.value.split(",")[0] in reply.text


# Readings from blind_cd (each with the reading the trained model gave).


@pytest.mark.parametrize(
    "text",
    [
        "today in practice class i stuck finger with used needle from other student. what medicine i should take?",
        "Also since I come here I have headache every day. Which medicine I can take?",
    ],
)
def test_their_own_needle_stick_or_medicine_is_a_clinician_s_question(text):
    assert decisive_topic(text) == "ask_legal_or_medical"


@pytest.mark.parametrize(
    "text, background",
    [
        ("ok last one the ecfmg, i need it for the MA too or only for residency", "img"),
        ("i have only high school from vietnam is ok", None),
    ],
)
def test_a_question_without_its_question_mark_is_no_story(text, background):
    """Read as a statement, each was only noted ("Noted: …; Thanks for telling me!") and never answered."""
    assert looks_like_question(text)
    assert not read(text, {"role": "medical_assistant"}, Profile(background=background)).statement


def test_that_one_s_english_is_fine_still_tells():
    assert not looks_like_question("My English is fine")
    assert split_questions("Can I translate my transcripts myself? My English is fine") == [
        "Can I translate my transcripts myself? My English is fine"
    ]


@pytest.mark.parametrize(
    "text, topic",
    [
        ("i have only high school from vietnam is ok", "ask_diploma_requirement"),
        ("lowkey i wanna be a nurse eventually tho, can MA help with that or is it a waste", "ask_career_advancement"),
        ("tbh could i be like a phlebotomy-focused MA or is that dumb since i already do it", "ask_career_advancement"),
        ("My accounting skill can help? I like billing more than blood lol", "ask_career_advancement"),
        (
            "My sister-in-law is midwife, also from Philippines, same school. Same for her if she wants to be MA?",
            "ask_foreign_nurse",
        ),
        ("Then what I should ask the school before I register?", "ask_choose_program"),
        (
            "Hmm ok. But my friend said the RMA is different, that they accept a foreign degree. Is that true?",
            "ask_eligibility",
        ),
        (
            "teacher says i must do all classes. but i have lab diploma and experience, can i skip some?",
            "ask_course_transfer",
        ),
        ("Which evaluation company I should use, WES or ECE? Which one is the official one?", "ask_wes"),
    ],
)
def test_words_that_decide_the_question_whatever_the_story(text, topic):
    assert decisive_topic(text) == topic


@pytest.mark.parametrize(
    "text, not_topic",
    [
        ("whats better to do first MA or LPN i want to be a RN eventually", "ask_career_advancement"),
        (
            "Hello, I finished high school in Korea and moved to Honolulu. Does Hawaii require certification?",
            "ask_diploma_requirement",
        ),
        (
            "Hi, I'm a dentist from Hyderabad, moved to Seattle. Do i need any state license to work as MA?",
            "ask_foreign_nurse",
        ),
        ("can i skip some of the CE this year", "ask_course_transfer"),
    ],
)
def test_those_words_leave_other_questions_alone(text, not_topic):
    assert decisive_topic(text) != not_topic


def test_a_superlative_across_the_credentials_asks_of_all_of_them():
    """ "of the ones I can do which is cheapest?" after the CMA's verdict: every fee, not the CMA's again."""
    cma = Context("ask_eligibility", (("credential", "CMA"), ("us_state", "san antonio")))
    ranking = [("ask_exam_fee", 0.63), ("ask_program_cost", 0.17)]
    got = understand("ask_exam_fee", 0.63, [], "ok so of the ones I can do which is cheapest?", cma, ranking)
    assert got.intent == "ask_exam_fee" and not [e for e in got.entities if e[0] == "credential"]


def test_which_one_is_longer_after_two_fees_is_their_exams():
    fees = Context("ask_exam_fee", (("credential", "rma"), ("credential", "ccma"), ("us_state", "NY")))
    ranking = [("nlu_fallback", 0.4), ("ask_exam_format", 0.3)]
    got = understand("nlu_fallback", 0.4, [], "which one is longer", fees, ranking)
    assert got.intent == "ask_exam_format"
    assert {v for k, v in got.entities if k == "credential"} == {"rma", "ccma"}
    programs = Context("ask_program_type", (("program_type", "certificate"),))
    assert understand("nlu_fallback", 0.4, [], "which one is longer", programs, ranking).intent != "ask_exam_format"


def test_a_score_after_the_evaluators_asks_which_is_official():
    evaluation = Context(
        "ask_credential_evaluation", (("credential", "RMA"),), aspect="report_types", same_message=True
    )
    got = understand("nlu_fallback", 0.4, [], "Which one is the official one?", evaluation, [("nlu_fallback", 0.4)])
    assert got.intent == "ask_wes"


def test_someone_else_starting_opens_no_plan():
    parse = {"text": "could she start now", "intent": {"name": "start_roadmap", "confidence": 0.6}}
    assert without_misheard_person(parse)["intent"]["name"] != "start_roadmap"
    mine = {"text": "can we start my plan now", "intent": {"name": "start_roadmap", "confidence": 0.6}}
    assert without_misheard_person(mine)["intent"]["name"] == "start_roadmap"


def test_years_of_medical_billing_are_no_medical_assisting_work():
    heard = read("I'm 52 and did medical billing for 12 years. Is there a way for me without going back to school?")
    assert heard.changes.get("other_healthcare_role") == "medical biller" and 12.0 in heard.not_ma_years


def test_a_list_trailing_off_belongs_to_the_question_before_it():
    text = "and for me for residency, what does it need exactly? step 1, step 2 ck and?"
    assert split_questions(text) == [text]
    assert len(split_questions("how long is the program? and how much does it cost?")) == 2


@pytest.mark.parametrize(
    "text, topic, aspect",
    [
        ("And for the money, I can get FAFSA with my status?", "ask_financial_aid", "noncitizen"),
        (
            "My documents are in Arabic and some are lost from the war. How I do the evaluation?",
            "ask_credential_evaluation",
            "documents",
        ),
    ],
)
def test_the_part_of_the_topic_their_situation_asks(text, topic, aspect):
    assert cued_aspect(topic, text) == aspect


def test_a_nursing_degree_that_will_count_is_the_whole_answer_even_with_the_nclex_in_the_story():
    text = "My nursing degree will count for CMA or RMA exam directly? NCLEX process is taking too long for me."
    assert cued_aspect("ask_foreign_nurse", text) in (None, "", "overview")
    assert cued_aspect("ask_foreign_nurse", "NCLEX process is taking too long, what is CGFNS") == "us_nursing"


def test_another_job_s_years_between_two_years_are_no_medical_assisting_work():
    heard = read("before that i was a CNA at a nursing home from 2010-2014. i never finished high school tho")
    assert heard.changes.get("other_healthcare_role") == "CNA" and heard.changes.get("other_healthcare_years") == 4.0
    assert read("i worked as an MA 2015-2020").changes.get("experience_years") == 5.0


def test_questions_announced_are_each_asked():
    text = (
        "My questions: how long it takes to become medical assistant from zero, and my medical school courses, they "
        "will transfer so I can finish faster?"
    )
    assert split_questions(text) == [
        "My questions: how long it takes to become medical assistant from zero",
        "my medical school courses, they will transfer so I can finish faster?",
    ]
    one = "how long it takes to become medical assistant from zero, and my medical school courses will transfer?"
    assert split_questions(one) == [one]


def test_a_credential_after_courses_that_do_not_transfer_asks_its_routes():
    transfer = Context("ask_course_transfer")
    ranking = [("ask_eligibility", 0.47), ("ask_course_transfer", 0.3)]
    named = [("credential", "rma")]
    got = understand("ask_course_transfer", 0.47, named, "and for the rma one is it the same story", transfer, ranking)
    assert got.intent == "ask_eligibility"


def test_finding_one_nearby_is_the_kind_of_place_in_hand():
    apprenticeships = Context("ask_learn_on_job")
    ranking = [("out_of_scope", 0.61)]
    assert understand("out_of_scope", 0.61, [], "how do i find one near me", apprenticeships, ranking).intent == (
        "ask_learn_on_job"
    )
    costs = Context("ask_program_cost")
    assert understand("out_of_scope", 0.61, [], "how do i find one near me", costs, ranking).intent == (
        "ask_accredited_programs"
    )


@pytest.mark.parametrize("text", ["Does it matter which one for her?", "What's the difference between those two?"])
def test_one_of_the_two_accreditors_in_hand(text):
    ranking = [("ask_which_credential", 0.7)]
    got = understand("ask_which_credential", 0.7, [], text, Context("ask_accredited_programs"), ranking)
    assert got.intent == "ask_accredited_programs"


def test_how_long_after_the_program_to_test_is_when_they_may_test():
    assert cued_aspect("ask_eligibility", "and how long after I finish the program do I have to take it") == "timing"


def test_office_work_liked_better_leaves_its_question_alone():
    text = "I like office work more than blood. Can MA do only office part?"
    assert decisive_topic(text) != "ask_career_advancement"


def test_the_difference_between_those_two_after_choosing_a_program_is_the_accreditors():
    """How to choose a program names CAAHEP and ABHES side by side."""
    choose = Context("ask_choose_program", (("us_state", "Chicago"),))
    ranking = [("out_of_scope", 0.77)]
    got = understand("out_of_scope", 0.77, [], "What's the difference between those two?", choose, ranking)
    assert got.intent == "ask_accredited_programs"


def test_the_exam_at_the_end_of_a_route_is_which_credential():
    assert decisive_topic("which exam at the end of it") == "ask_which_credential"


def test_how_much_they_get_after_a_benefit_is_that_benefit():
    mycaa = Context("ask_military_benefits", (("us_state", "norfolk"),), aspect="spouse", same_message=True)
    ranking = [("ask_exam_fee", 0.66), ("ask_program_cost", 0.1)]
    got = understand("ask_exam_fee", 0.66, [], "and how much do i actually get", mycaa, ranking)
    assert got.intent == "ask_military_benefits"


def test_working_here_without_it_with_a_place_in_hand_is_that_state_s_rules():
    text = "and while im studying can i work as an MA here without it? theres a dermatology office hiring"
    tampa = Context("ask_learn_on_job", (("us_state", "Tampa"),))
    ranking = [("ask_learn_on_job", 0.62), ("ask_state_rules", 0.18)]
    named = [("background", "work as an MA")]
    assert understand("ask_learn_on_job", 0.62, named, text, tampa, ranking).intent == "ask_state_rules"
    assert understand("ask_learn_on_job", 0.62, named, text, Context("ask_learn_on_job"), ranking).intent == (
        "ask_learn_on_job"
    )


@pytest.mark.parametrize("text", ["what score on it", "which score"])
def test_a_score_asked_of_ecfmg_is_its_requirements(text):
    """ECFMG's requirements give the OET score it has asked for; its overview gives none."""
    assert cued_aspect("ask_ecfmg", text) == "requirements"


def test_a_route_to_school_priced_is_the_program_s_price():
    """ "route" is a word of the credentials' routes, but not a school route whose budget is asked."""
    text = "And if she goes the school route instead, roughly how much should we budget?"
    assert cued_intent(text, "ask_eligibility") == "ask_program_cost"


def test_years_before_renewing_are_renewal_not_experience():
    text = "last question na lang, if i get the CMA how many years before i need to renew it"
    assert decisive_topic(text) != "ask_eligibility"
    assert cued_intent(text, None) == "ask_renewal"


def test_a_switch_after_a_reaction_is_still_a_follow_up():
    """ "damn." before "and the ncct one?" leaves it a follow-up, so it can go back to the earlier question."""
    both = Context("ask_military_benefits", (("credential", "RMA"),), earlier="ask_eligibility")
    ranking = [("ask_credential_info", 0.53), ("ask_exam_fee", 0.33)]
    got = understand(
        "ask_credential_info", 0.53, [("certifying_body", "ncct")], "damn. and the ncct one?", both, ranking
    )
    assert got.follow_up and ("certifying_body", "ncct") in got.entities


def test_is_that_part_paid_after_the_externship_is_the_externship():
    text = "is that part paid at least? I really can't go a month without a paycheck"
    externship = Context("ask_externship")
    assert understand("ask_salary", 0.97, [], text, externship, [("ask_salary", 0.97)]).intent == "ask_externship"


def test_an_employer_s_tuition_program_is_aid_not_a_military_benefit():
    text = "Chase has a tuition assistance program, would that work for an MA certificate?"
    assert decisive_topic(text) == "ask_financial_aid"
    assert decisive_topic("my husband is army, can he use tuition assistance for this?") != "ask_financial_aid"


def test_help_for_paying_school_is_aid():
    assert cued_intent("there is help for pay the school?", "ask_salary") == "ask_financial_aid"


def test_the_school_s_price_chosen_then_worth_it_asked_is_the_program_s_price():
    text = (
        "the school part, the whole program. im at best buy in torrance rn making 17.50 an hour and i wanna know "
        "if its even worth it before i drop money on it"
    )
    fees = Context("ask_exam_fee")
    got = understand("ask_choose_program", 0.56, [], text, fees, [("ask_choose_program", 0.56)])
    assert got.intent == "ask_program_cost"
    # a question of its own after the choice is that question
    asked = understand("ask_duration", 0.9, [], "the school part. how long does it take", fees, [("ask_duration", 0.9)])
    assert asked.intent == "ask_duration"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "is there more money if i go into a certain type, like derm or something, or pick up billing on the side",
            "ask_career_advancement",
        ),
        ("wait what counts as an approved program tho", "ask_accredited_programs"),
        (
            "So for the RMA I just send my Lagos transcript for evaluation and I can sit the exam directly? No program "
            "needed?",
            "ask_eligibility",
        ),
        ("its not on there i checked. so the CMA is out for me?", "ask_eligibility"),
        ("wait what if the school got accredited later like after i left", "ask_eligibility"),
        ("I'm nervous about money. What exactly does a medical assistant do day to day?", "ask_what_is_cma"),
    ],
)
def test_words_that_decide_this_session_s_questions(text, expected):
    assert decisive_topic(text) == expected


def test_a_program_accredited_after_they_left_is_the_cma_s_later_graduates_route():
    assert cued_aspect("ask_eligibility", "what if the school got accredited later like after i left") == (
        "accredited_later"
    )


def test_the_reason_of_a_doubt_picks_which_of_two_answers_is_doubted():
    both = Context("ask_diploma_requirement", earlier="ask_eligibility")
    text = "Are you sure about that? I was under the impression all of these required a diploma first."
    got = understand("ask_diploma_requirement", 0.83, [], text, both, [("ask_diploma_requirement", 0.83)])
    assert got.intent == "ask_diploma_requirement"


def test_the_topic_in_hand_doubted_as_a_scam_is_answered_again():
    wioa = Context("ask_financial_aid", aspect="wioa")
    got = understand("ask_scam_check", 1.0, [], "are u sure this is real? sounds like a scam lol", wioa, [])
    assert got.intent == "ask_financial_aid"
    # an offer of their own, asked about, is the diploma-mill answer
    offer = "are you sure? my friend paid for a 4 week online cma course, is that a scam"
    assert understand("ask_scam_check", 1.0, [], offer, wioa, []).intent == "ask_scam_check"


@pytest.mark.parametrize(
    ("context", "intent", "text"),
    [
        (
            Context("ask_duration"),
            "out_of_scope",
            "wait thats way longer than i thought, my friend did hers in like 6 weeks",
        ),
        (
            Context("ask_eligibility", (("credential", "RMA"),)),
            "out_of_scope",
            "are you sure its 3? my coworker looked it up and she said you need 5 years",
        ),
        (
            Context("ask_salary", (("us_state", "miami"),)),
            "nlu_fallback",
            "hmm is less than i expected, you are sure this is for 2024?",
        ),
        (
            Context("ask_renewal", (("credential", "CMA"),)),
            "out_of_scope",
            "My coworker says it's 10 admin, 10 clinical, 30 general and 10 whatever. Who's right?",
        ),
    ],
)
def test_an_answer_contested_with_what_they_heard_is_answered_again(context, intent, text):
    assert understand(intent, 0.7, [], text, context, [(intent, 0.7)]).intent == context.intent


def test_a_pay_figure_doubted_after_the_outlook_asks_the_pay_not_the_growth():
    outlook = Context("ask_salary", (("us_state", "dallas"),), aspect="outlook")
    text = "40k?? i made more than that my first year driving. you sure about that number"
    assert _aspect(understand("ask_salary", 0.68, [], text, outlook, [("ask_salary", 0.68)])) is None


def test_the_same_answer_asked_for_a_relative_trained_abroad_is_the_answer_for_health_workers_abroad():
    pay = Context("ask_salary", (("us_state", "dallas"),))
    text = "my cousin is a pharmacist from kerala, same answer for her?"
    assert understand("out_of_scope", 0.57, [], text, pay, [("out_of_scope", 0.57)]).intent == "ask_foreign_nurse"
    husband = "and my husband was paramedic in Ukraine, 12 years on ambulance. for him same answer?"
    assert understand("nlu_fallback", 0.4, [], husband, Context("ask_wes"), FALLBACK).intent == "ask_foreign_nurse"


def test_a_pay_word_in_tagalog_among_english_is_pay():
    assert cued_intent("MA vs LVN here sino mas malaki sahod? LVN po ba?", None) == "ask_salary"


def test_an_aside_before_the_question_leaves_the_price_in_hand():
    costs = Context("ask_program_cost", (("us_state", "arizona"),))
    text = "lol sorry that was my mom 😅 but yeah how much does it cost"
    assert understand("ask_exam_fee", 0.84, [], text, costs, [("ask_exam_fee", 0.84)]).intent == "ask_program_cost"


def test_which_report_to_order_is_the_report_types_whatever_the_story_says_of_translation():
    text = "all in English already so no translation wahala. Which type of report am I supposed to order?"
    assert cued_aspect("ask_credential_evaluation", text) == "report_types"


def test_an_offer_told_back_and_doubted_is_the_whole_diploma_mill_answer():
    text = "ads saying get your CMA in 4 weeks, 100% online, $999, start today. Is that legit or is it a scam?"
    assert cued_aspect("ask_scam_check", text) == ""


def test_stuck_at_the_same_pay_forever_is_no_renewal():
    assert decisive_topic("is it a career with a future, or are you stuck at the same pay forever?") != "ask_renewal"
    assert decisive_topic("is it one and done or do u pay forever") == "ask_renewal"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Please I want to know if I must first pass the USMLE before they will allow me to become a medical "
            "assistant, and also from now till I start working how long will the whole thing take?",
            2,
        ),
        (
            "so how do I check a school is legit before I hand over money, and if one rips me off again where do I "
            "complain",
            2,
        ),
        ("I want to know if the exam is online, and also my cousin is coming with me", 1),
    ],
)
def test_and_also_or_if_then_a_question_starts_the_next_question(text, parts):
    assert len(split_questions(text)) == parts


def test_which_of_two_asked_without_a_question_mark_is_a_question():
    text = "she need to go to school for this or she can learn in the job here in new york"
    assert looks_like_question(text)
    assert not read(text, {"us_state": "new york"}).statement


def test_a_program_accredited_after_they_left_gets_the_cma_s_later_graduates_rule(kb: KnowledgeBase):
    later = kb.facts(["cma_category2"])["cma_category2"]
    reply = reply_for(kb, "ask_eligibility", [("aspect", "accredited_later")])
    assert reply.variant == "accredited_later"
    assert " ".join(later.value.split()) in " ".join(reply.text.split())
    assert "AAMA" in reply.text.split("\n\n")[-1]


def test_arizona_s_approved_program_is_said_as_reported(kb: KnowledgeBase):
    """The rule defines an "approved" program; only secondary sources say what it is, so it is said as reported."""
    reply = reply_for(kb, "ask_state_rules", [("us_state", "arizona")])
    assert reply.variant == "arizona"
    assert "secondary sources say" in reply.text and "CAAHEP" in reply.text and "ABHES" in reply.text
    assert "as reported, confirm with the Arizona Medical Board" in reply.text.split("\n\n")[-1]


def test_physiology_and_pharmacology_courses_from_abroad_are_course_transfer_not_health_work():
    text = (
        "I was a general surgeon in Cairo for 11 years. So the question: I want to finish MA training fast. Can my "
        "anatomy, physiology and pharmacology courses from Cairo count so I skip those parts?"
    )
    assert understand("ask_course_transfer", 0.7, [], text, Context(), [("ask_course_transfer", 0.7)]).intent == (
        "ask_course_transfer"
    )
    physio = "I was a physiotherapist in Cairo 6 years, does it count for the CMA?"
    assert understand("ask_eligibility", 0.6, [], physio, Context(), [("ask_eligibility", 0.6)]).intent == (
        "ask_foreign_nurse"
    )


# blind_cf, read: what its people wrote that the bot misread


def test_which_is_cheaper_a_certificate_or_an_associate_asks_prices_not_which_credential():
    text = "ok for me whats cheaper certificate or associate, and does fafsa help pay"
    kinds = [("program_type", "certificate"), ("program_type", "associate")]
    read_as = understand(
        "ask_financial_aid", 0.99, kinds, text, Context("ask_eligibility"), [("ask_financial_aid", 0.99)]
    )
    assert read_as.intent == "ask_program_cost"
    assert decisive_topic("my manager says the RMA is a lesser cert, true?") == "ask_which_credential"


def test_what_else_besides_the_steps_is_ecfmg_s_requirements():
    assert cued_aspect("ask_ecfmg", "Apart from the Steps what else do I need for ECFMG certification") == (
        "requirements"
    )


def test_a_medical_assistant_in_another_state_after_another_role_s_pay_is_the_pay_there():
    pharmacy = Context("ask_salary", (("role", "pharmacy tech"),))
    named = [("role", "MA"), ("us_state", "New York state")]
    read_as = understand("ask_state_rules", 0.79, named, "and MA in New York state?", pharmacy, [])
    assert read_as.intent == "ask_salary" and read_as.follow_up and ("role", "MA") in read_as.entities


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "the office manager said I am overqualified, and she did not call me back. Is this how employers see it?",
            False,
        ),
        ("they never call me back, what do i do", False),
        ("can u call me back tomorrow", True),
        ("please can i speak with one of your advisors, i want to know the evening schedule of your school", True),
    ],
)
def test_a_call_that_never_came_asks_for_no_person(text, person):
    heard = heard_person({"text": text, "intent": {"name": "ask_degree_perception", "confidence": 0.9}})
    assert (heard["intent"]["name"] == "request_human") is person


def test_the_last_answer_restated_in_disbelief_with_a_reason_is_that_answer_again():
    context = Context("ask_course_transfer", (("us_state", "new jersey"),), earlier="ask_credential_evaluation")
    text = "so no skipping at all?? i even taught anatomy to 1st yr students for 6 months"
    assert understand("ask_eligibility", 0.84, [], text, context, []).intent == "ask_course_transfer"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "hala. so i really need to go to school again? my tita said here in CA the clinic itself can train you",
            "ask_learn_on_job",
        ),
        ("wait so i dont even need school?? fr?", "ask_learn_on_job"),
        ("OK. WHAT ABOUT MY SON, HE QUIT SCHOOL IN 11TH GRADE. CAN HE DO THIS TOO", "ask_diploma_requirement"),
        ("But I am already RN, that is higher than MA right? Why I need to go to MA school pa?", "ask_eligibility"),
        ("If Step 1 goes wrong, how many times can I repeat it?", "ask_ecfmg"),
        ("and on these cert exams, what percent of people actually pass, or is it rigged so you pay to retake?", None),
    ],
)
def test_words_that_decide_the_topic_as_people_put_it(text, topic):
    assert decisive_topic(text) == topic


def test_the_price_of_a_retake_asked_alone_is_still_the_retake_s():
    assert decisive_topic("how much does it cost to retake") == "ask_exam_retake"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("ok ok in english. so the miami pay, and in florida can they give injections or only the nurses", 2),
        (
            "what i should study most for the exam, my english medical words is weak. and there is exam in vietnamese?",
            2,
        ),
        ("how much is it and in ohio is it the same", 1),
        ("i live in ohio and in ohio do i need it", 1),
    ],
)
def test_a_place_then_its_question_or_a_lower_case_and_after_a_full_stop_starts_the_next_question(text, parts):
    assert len(split_questions(text)) == parts


def test_the_places_of_the_question_s_own_sentence_leave_out_the_story_s():
    text = (
        "i been driving truck 26 years out of phoenix instead of sleeping at a loves in amarillo. so first thing is "
        "arizona one of them states where you need a state license for it and second i graduated high school up in "
        "flagstaff do i gotta go dig up that diploma or what"
    )
    named = [("us_state", "phoenix"), ("us_state", "amarillo"), ("us_state", "arizona"), ("us_state", "flagstaff")]
    read_as = understand("ask_state_rules", 0.54, named, text, Context(), [])
    assert [v for k, v in read_as.entities if k == "us_state"] == ["arizona", "flagstaff"]


def test_a_promotion_to_e6_asks_about_the_spouse_s_mycaa():
    context = Context("ask_state_rules", (("us_state", "San Diego"),), earlier="ask_military_benefits")
    text = "oh wait he just got selected for E-6, he pins next month lol, does that change anything for me"
    read_as = understand("nlu_fallback", 0.4, [], text, context, [("ask_military_benefits", 0.28)])
    assert read_as.intent == "ask_military_benefits" and _aspect(read_as) == "spouse"


def test_whether_one_role_earns_more_after_a_price_told_is_pay():
    context = Context("ask_state_rules", (("us_state", "pennsylvania"),))
    text = "so tell me why i'd bother paying for the cert. does an MA even make more than a CNA"
    named = [("role", "MA"), ("role", "CNA")]
    assert understand("ask_salary", 1.0, named, text, context, [("ask_salary", 1.0)]).intent == "ask_salary"


def test_two_roles_compared_by_their_day_is_the_comparison_not_what_an_ma_does():
    text = "whats the actual difference between cna and ma tho like what do they each do all day"
    assert decisive_topic(text) != "ask_what_is_cma"
    assert decisive_topic("so what do medical assistants do all day") == "ask_what_is_cma"


def test_duties_told_in_a_story_make_no_question_of_a_state_s_rules():
    text = (
        "I studied midwifery in Addis Ababa and I work 9 years as midwife, I do antenatal care, vaccination, family "
        "planning. I came to Minnesota 2021. My question, my midwife training, it can count for the medical "
        "assistant certificate?"
    )
    named = [("experience_years", "9 years"), ("us_state", "Minnesota")]
    read_as = understand("ask_foreign_nurse", 1.0, named, text, Context(), [("ask_foreign_nurse", 1.0)])
    assert read_as.intent == "ask_foreign_nurse"


def test_a_doubt_whose_reason_uses_the_earlier_answer_s_words_is_that_answer_again():
    context = Context("ask_duration", (("us_state", "NJ"),), earlier="ask_usmle")
    text = "Are you sure? One senior from my college said without Step 1 no one will even let you sit for the MA exam."
    assert understand("ask_usmle", 0.85, [("role", "MA")], text, context, []).intent == "ask_usmle"


def test_a_part_said_to_be_unanswered_is_asked_again():
    context = Context("ask_salary", (("us_state", "Ohio"),), earlier="ask_what_is_cma")
    text = "You didn't answer the Ohio pay part."
    read_as = understand("feedback_unhelpful", 0.83, [("us_state", "Ohio")], text, context, [])
    assert read_as.intent == "ask_salary" and ("us_state", "Ohio") in read_as.entities
    assert understand("feedback_unhelpful", 0.9, [], "that didnt help", context, []).intent == "feedback_unhelpful"


def test_a_credential_only_quoted_back_from_an_answer_is_not_asked_about():
    context = Context("ask_which_credential", (("credential", "CMA"), ("credential", "CCMA")))
    text = "u said the CMA needs a special program, is the CCMA like that too or can i skip school for it"
    named = [("credential", "CMA"), ("credential", "CCMA")]
    read_as = understand("ask_eligibility", 0.98, named, text, context, [])
    assert [v for k, v in read_as.entities if k == "credential"] == ["CCMA"]


def test_step_2_after_the_residency_path_is_the_usmle_s_not_the_plan_s():
    context = Context("ask_residency_path", (("us_state", "New York"),), earlier="ask_salary")
    assert usmle_step_in_hand("roadmap_jump", "About Step 2 part?", context) == "ask_residency_path"
    assert usmle_step_in_hand("roadmap_jump", "About Step 2 part?", Context("ask_salary")) is None
    assert understand("roadmap_jump", 0.93, [], "About Step 2 part?", context, []).intent == "ask_residency_path"


def test_the_fastest_way_to_keep_an_expiring_cma_is_renewal():
    text = "my cma expires in like 3 months and i havent done a single ceu whats the fastest way to keep it"
    assert understand("ask_renewal", 1.0, [("credential", "cma")], text, Context(), []).intent == "ask_renewal"


def test_still_ok_for_a_credential_asks_and_a_tense_dropped_year_is_when_training_ended():
    text = "my 68W school finish 2020 tho. still ok for RMA"
    assert looks_like_question(text)
    heard = read(text, {"credential": "RMA"}, today=dt.date(2026, 12, 7))
    assert not heard.statement and heard.changes["military_years_ago"] == 6.0


def test_a_check_set_aside_for_the_story_told_is_answered_as_the_question_it_asks():
    text = "good day! can u check wat exam i can take right now? i work as MA already 3 yrs in a chicago clinic"
    named = [("role", "MA"), ("experience_years", "3 yrs")]
    ranking = [("check_eligibility", 0.99), ("ask_eligibility", 0.01)]
    assert understand("nlu_fallback", 0.99, named, text, Context(), ranking).intent == "ask_eligibility"


def test_the_named_part_of_the_answer_in_hand_keeps_that_part():
    context = Context("ask_financial_aid", (("us_state", "brooklyn"),), "noncitizen", earlier="ask_work_authorization")
    read_as = understand("ask_financial_aid", 0.96, [], "ok just tell me the pell part then", context, [])
    assert _aspect(read_as) == "noncitizen"
    assert _aspect(understand("ask_financial_aid", 0.96, [], "what about pell grants", context, [])) != "noncitizen"


def test_more_in_other_states_after_a_state_s_pay_is_where_it_pays_more():
    context = Context("ask_salary", (("us_state", "florida"),))
    text = "that is less than i think. in other states is more? i can move"
    read_as = understand("ask_state_rules", 0.93, [], text, context, [])
    assert read_as.intent == "ask_salary" and _aspect(read_as) == "by_state"


def test_a_long_story_s_words_decide_nothing_against_a_question_nlu_and_its_own_words_agree_on():
    text = (
        "Alright I'll be honest, I think half of these \"certification\" things are a racket. I'm 44, I've run a "
        "shift at a distribution center for 11 years. My buddy's wife works at a family doctor, no school, the "
        "doctor just trained her. So why should I pay a school when people learn it on the job?"
    )
    assert understand("ask_learn_on_job", 0.99, [], text, Context(), []).intent == "ask_learn_on_job"


def test_a_nurse_from_abroad_asking_for_the_ccma_gets_the_ccma_s_own_routes(kb: KnowledgeBase):
    routes = kb.facts(["ccma_program_route", "ccma_experience_route"])
    reply = reply_for(kb, "ask_foreign_nurse", [("credential", "CCMA")])
    assert reply.variant == kb.resolve("CCMA").key
    text = " ".join(reply.text.split())
    assert all(" ".join(fact.value.split()) in text for fact in routes.values())
    assert reply_for(kb, "ask_foreign_nurse", []).variant != reply.variant


def test_college_left_is_no_missing_diploma():
    assert decisive_topic("i dropped out of UIC after 3 semesters (was pre nursing). can i still get a pell grant") != (
        "ask_diploma_requirement"
    )
    assert decisive_topic("she dropped out of high school, can she still do it") == "ask_diploma_requirement"


def test_another_career_instead_after_a_verdict_is_that_career_beside_medical_assisting():
    text = "How about LPN instead for me? maybe it is faster to be nurse again than MA"
    named = [("role", "LPN"), ("role", "nurse"), ("role", "MA")]
    read_as = understand("ask_compare_roles", 0.71, named, text, Context("ask_eligibility"), [])
    assert read_as.intent == "ask_compare_roles"


def test_places_named_after_the_question_are_asked_about_too():
    text = "what if we end up in miami for southcom instead? or san francisco lol"
    named = [("us_state", "miami"), ("us_state", "san francisco")]
    read_as = understand("ask_salary", 0.9, named, text, Context("ask_salary", (("us_state", "ohio"),)), [])
    assert [v for k, v in read_as.entities if k == "us_state"] == ["miami", "san francisco"]


def test_how_to_pass_it_after_the_retakes_is_how_to_prepare():
    context = Context("ask_exam_retake", (("credential", "nha ccma"),))
    text = "that doesnt help me, i need to know how to actually pass it."
    assert understand("feedback_unhelpful", 0.55, [], text, context, []).intent == "ask_exam_study"


def test_what_it_all_costs_after_the_externship_is_the_program_s_price():
    read_as = understand("ask_exam_fee", 0.66, [], "ok so how much does it all cost", Context("ask_externship"), [])
    assert read_as.intent == "ask_program_cost"


def test_a_credential_and_another_s_body_named_together_get_the_answer_for_both(kb: KnowledgeBase):
    """ "How about the RMA or the NHA one?": two credentials, the answer written for all; "the RMA from AMT" is one."""
    both = reply_for(kb, "ask_foreign_nurse", [("credential", "RMA"), ("certifying_body", "NHA")])
    assert both.variant == reply_for(kb, "ask_foreign_nurse", []).variant
    one = reply_for(kb, "ask_renewal", [("credential", "RMA"), ("certifying_body", "AMT")])
    assert one.variant == kb.resolve("RMA").key


# blind_cg, read: what its people wrote that the bot misread


def test_health_told_in_a_story_s_telling_sentence_is_why_they_change_careers_not_their_question():
    story = (
        "alright so heres my deal ive been driving OTR for 15 years out of phoenix and my back is shot, had a "
        "herniated disc last fall and doc says i cant keep doing 11 hour days in the seat. my wife works front desk "
        "at a dermatology office, does arizona make you get certified to work as a MA"
    )
    assert decisive_topic(story) != "ask_legal_or_medical"
    assert decisive_topic("with my herniated disc can i still lift patients as an MA?") == "ask_legal_or_medical"


def test_being_called_a_cma_is_no_phone_call_asked_for():
    parse = {"intent": {"name": "ask_credential_info", "confidence": 0.8}, "text": ""}
    text = 'and their "certificate" after 4 weeks, can they call me a CMA with it'
    assert heard_person({**parse, "text": text})["intent"]["name"] == "ask_credential_info"
    assert heard_person({**parse, "text": "please call me tomorrow"})["intent"]["name"] == "request_human"


@pytest.mark.parametrize(
    ("text", "context", "nlu"),
    [
        ("so compulsory or not compulsory? your answer is confusing me", Context("ask_state_rules"), "nlu_fallback"),
        (
            "so both no. thats a kick in the teeth. is that the official rule or some random website",
            Context("ask_eligibility"),
            "ask_state_rules",
        ),
        (
            "wait thats less than what keisha said. isnt the whole country avg higher",
            Context("ask_salary", (("us_state", "ohio"),)),
            "nlu_fallback",
        ),
        ("Really po? But I am RN, that is higher than MA, why not?", Context("ask_foreign_nurse"), "ask_compare_roles"),
    ],
)
def test_the_last_answer_questioned_in_other_words_is_that_answer_again(text, context, nlu):
    assert understand(nlu, 0.6, [], text, context, []).intent == context.intent


def test_the_earlier_answer_questioned_as_nlu_reads_it_is_that_answer():
    context = Context("ask_duration", (("us_state", "ohio"),), earlier="ask_salary")
    text = "thats less than i make now lol. is that from bls or some random site"
    assert understand("ask_salary", 0.92, [], text, context, []).intent == "ask_salary"


def test_words_of_the_bot_s_sources_and_worth_are_no_renewal():
    text = "You keep quoting BLS. What's the most recent hourly figure?"
    assert decisive_topic(text) != "ask_renewal" and cued_intent(text, None) == "ask_salary"
    text = "then why not just do the cma from the start, whats the ccma even good for if cma is the gold standard"
    assert cued_intent(text, None) != "ask_renewal"
    assert cued_intent("how long is the ccma good for", None) == "ask_renewal"


def test_what_an_ma_moves_into_later_is_advancement_whatever_the_story_says_of_their_feet():
    text = (
        "I may not want to be on my feet with patients forever at my age. What else can a medical assistant move "
        "into down the road?"
    )
    assert decisive_topic(text) == "ask_career_advancement"


def test_training_before_leaving_the_service_is_skillbridge_whatever_pay_is_asked():
    text = (
        "what about my buddy, hes still in, gets out in about 5 months. can he do MA training before he ETSs and "
        "still get paid"
    )
    assert decisive_topic(text) == "ask_military_benefits"
    assert cued_aspect("ask_military_benefits", text) == "skillbridge"


@pytest.mark.parametrize(
    ("intent", "text", "aspect"),
    [
        (
            "ask_financial_aid",
            "I have permanent residence. Can I get federal financial aid for an MA programme?",
            "noncitizen",
        ),
        (
            "ask_foreign_nurse",
            "Aww ok. And for the nursing route here, what will I need to be an RN again?",
            "us_nursing",
        ),
        (
            "ask_foreign_nurse",
            "I want to take the NCLEX eventually but I need to work now. My question is will my "
            "nursing degree and experience count for the medical assistant certification",
            OVERVIEW,
        ),
    ],
)
def test_the_part_asked_in_their_words(intent, text, aspect):
    assert cued_aspect(intent, text) == aspect


def test_what_they_did_in_the_service_is_no_question_of_its_own():
    text = (
        "Hey. Did 20 yrs in the Army as a 68W, retired in 2023 as an SFC. Went through the medic course at Fort Sam. "
        "Can you check which of these MA exams I could actually sit for right now?"
    )
    assert len(split_questions(text)) == 1
    assert not looks_like_question("Did 20 yrs in the Army as a 68W")


def test_another_health_job_at_the_plan_s_background_question_is_a_change_of_career():
    assert roadmap_background("foreign-trained nurse from the Philippines", {}) == "career_changer"
    assert roadmap_background("pharmacist in Aleppo for 20 years", {}) == "career_changer"
    assert roadmap_background("army medic", {}) == "military"


def test_nlu_torn_between_the_check_and_its_question_is_sure_of_the_question():
    text = (
        "Hey. Did 20 yrs in the Army as a 68W, retired in 2023 as an SFC. Been sitting around 2 years now doing "
        "security contracting. Can you check which of these MA exams I could actually sit for right now?"
    )
    torn = [("check_eligibility", 0.5), ("ask_eligibility", 0.5)]
    assert understand("nlu_fallback", 0.5, [], text, Context(), torn).intent == "ask_eligibility"


def test_a_job_moved_to_the_front_desk_is_no_administrative_program():
    text = (
        "hi so im kind of in a panic lol. ive been working as a MA at a pediatrics office in miami for 4 yrs full "
        "time. now the new office manager says everybody has to be certified by next summer or we might get moved to "
        "front desk only with less pay. is there any of the tests i can take with just my work experience and no school?"
    )
    assert _aspect(understand("ask_eligibility", 0.95, [], text, Context(), [])) != "admin_only"
    program = "I did an online medical assisting course last year but it was admin only, front desk, scheduling."
    assert cued_aspect("ask_eligibility", program) == "admin_only"


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "so if i do a cheap school that is not accredited i gotta pass the test?",
            Context("ask_state_rules", (("us_state", "arizona"),)),
        ),
        (
            "so if i did one of them cheap non accredited courses id have to pass a test on top of it",
            Context("ask_duration", (("us_state", "arizona"),), earlier="ask_state_rules"),
        ),
        (
            "which test they take there, the NHA one is ok? and i need it before they hire me",
            Context("ask_state_rules", (("us_state", "arizona"),)),
        ),
    ],
)
def test_the_training_or_exam_a_state_s_rules_ask_for_is_those_rules_again(text, context):
    assert understand("ask_exam_fee", 0.7, [], text, context, []).intent == "ask_state_rules"


def test_what_aid_asks_of_a_program_s_length_is_the_aid_s_rule():
    context = Context("ask_financial_aid", (("us_state", "miami"),))
    text = "and the program need to be how long for she get the grant"
    assert understand("ask_duration", 0.97, [], text, context, []).intent == "ask_financial_aid"
    short = understand(
        "ask_program_cost", 0.49, [], "what if the program is short like 10 wks", Context("ask_financial_aid"), []
    )
    assert short.intent == "ask_financial_aid" and _aspect(short) == "workforce_pell"


def test_their_status_told_after_whether_it_lets_them_work_is_still_that_question():
    context = Context("ask_work_authorization", (("us_state", "New Jersey"),))
    text = "but my H4 EAD I have already applied. once it comes then it is ok or not ok, just tell yes or no"
    assert understand("ask_exam_fee", 0.88, [], text, context, []).intent == "ask_work_authorization"
    set_aside = (
        "ok leave the visa part. in New Jersey can a medical assistant give injections or only nurses can? and is "
        "certification compulsory for all MAs here"
    )
    assert understand("ask_state_rules", 0.9, [], set_aside, context, []).intent == "ask_state_rules"
    text = (
        "ok understood. keeping visa aside, will my mbbs subjects get counted or i have to do the full MA course again"
    )
    assert understand("ask_course_transfer", 0.9, [], text, context, []).intent == "ask_course_transfer"
    text = "ok fair. say later i get my green card, do i need usmle to be an MA"
    assert understand("ask_usmle", 0.98, [], text, context, []).intent == "ask_usmle"
    text = "ok thank you po. who will do the evaluation of my school papers?"
    assert understand("ask_credential_evaluation", 0.96, [], text, context, []).intent == "ask_credential_evaluation"


def test_where_to_report_a_school_is_the_diploma_mill_answer():
    assert decisive_topic("who else can i report them to besides a lawyer") == "ask_scam_check"


# blind_ch, read: what its people wrote that the bot misread


def test_the_same_question_asked_again_of_a_credential_named_before_it():
    context = Context("ask_exam_format", (("credential", "rma"),))
    ranking = [("nlu_fallback", 0.4), ("ask_credential_info", 0.33), ("inform", 0.16)]
    understood = understand("nlu_fallback", 0.4, [("credential", "ccma")], "ccma same q", context, ranking)
    assert understood.intent == "ask_exam_format" and ("credential", "ccma") in understood.entities
    # "same question" asks, whatever else the message tells
    assert looks_like_question("my coworker been doing it 1 yr, same question for rma")
    assert not looks_like_question("my coworker been doing it 1 yr at the same clinic")


def test_a_city_compared_after_a_state_s_pay_is_that_city_s_pay():
    context = Context("ask_salary", (("us_state", "florida"),))
    text = "Miami any better? my sister keeps telling us to move down there"
    ranking = [("out_of_scope", 0.73), ("ask_resume_interview", 0.19)]
    assert understand("out_of_scope", 0.73, [("us_state", "Miami")], text, context, ranking).intent == "ask_salary"
    weather = "is the weather any good in Miami"
    assert understand("out_of_scope", 0.9, [("us_state", "Miami")], weather, context, ranking).intent != "ask_salary"


def test_earning_while_he_learns_is_learning_on_the_job_however_sure_nlu_is_of_pay():
    context = Context("ask_state_rules", (("us_state", "washington"),))
    text = "Honestly he'd do so much better if he could earn money while he learns... is there anything like that out here?"
    assert understand("ask_salary", 0.69, [], text, context, []).intent == "ask_learn_on_job"


def test_testing_while_still_a_senior_is_nha_s_student_rule_even_in_a_state_with_its_own_credential():
    context = Context("ask_state_rules", (("us_state", "washington"),))
    text = "His counselor mentioned the NHA test... could he take that while he's still a senior?"
    ranking = [("ask_diploma_requirement", 0.55), ("ask_eligibility", 0.42)]
    understood = understand("ask_diploma_requirement", 0.55, [("certifying_body", "NHA")], text, context, ranking)
    assert understood.intent == "ask_diploma_requirement" and _aspect(understood) == "in_high_school"


def test_what_others_do_in_a_state_is_no_office_only_work_of_their_own():
    context = Context("ask_duration", (("us_state", "Edison"),))
    text = (
        "My husband's colleague's wife is working in a clinic in Woodbridge and she said in New Jersey only the "
        "certified ones are allowed to give injections, others only do front desk and vitals. Is it true? Because "
        "injections I have given thousands, that is the part I like"
    )
    named = [("us_state", "New Jersey")]
    assert understand("ask_state_rules", 1.0, named, text, context, []).intent == "ask_state_rules"
    assert decisive_topic("the last 5 years i only did front desk, does that count") == "ask_eligibility"


def test_their_own_case_put_against_the_first_of_two_answers_is_that_answer_again():
    context = Context("ask_salary", (("us_state", "New York"),), earlier="ask_state_rules")
    text = "Really?? Even if I am a doctor with ER experience?"
    assert understand("ask_eligibility", 0.88, [], text, context, []).intent == "ask_state_rules"


def test_yes_or_no_demanded_after_a_visa_question_is_that_question_again():
    context = Context("ask_work_authorization")
    text = "Just tell me yes or no. Everyone in my Facebook group says H-4 with EAD is fine."
    assert understand("nlu_fallback", 0.4, [], text, context, FALLBACK).intent == "ask_work_authorization"


@pytest.mark.parametrize(
    ("text", "nlu", "topic"),
    [
        (
            "Namaste. My son has just completed his 12th standard here in Naperville and he is wanting to become "
            "medical assistant. Kindly tell which is better for him, certificate or associate degree",
            "ask_program_type",
            "ask_program_type",
        ),
        (
            "Namaste. I am writing for my son Rohan, he is 26. He did his MBBS in Kharkiv, Ukraine, the war came in "
            "his fifth year and he finished with online classes and a transfer, so it has been very stressful for him "
            "and all. But my husband says no, the hospitals will think he is too much qualified. Is that true?",
            "ask_degree_perception",
            "ask_degree_perception",
        ),
    ],
)
def test_words_told_in_passing_in_a_long_story_decide_nothing(text, nlu, topic):
    """A story's telling sentences name things ("completed his 12th standard", "online classes and a transfer") that
    would decide a short question; the question, asked in another sentence, is what NLU read."""
    assert decisive_topic(text) in (None, topic)
    assert understand(nlu, 1.0, [], text, Context(), []).intent == topic


def test_a_shortcut_for_years_of_practice_is_whether_they_count_toward_the_program():
    context = Context("ask_credential_evaluation", earlier="ask_wes")
    text = (
        "Is there truly no shortcut for someone with six years of clinical practice? It feels like starting from zero."
    )
    assert understand("ask_duration", 0.6, [], text, context, []).intent == "ask_course_transfer"


def test_employers_said_to_turn_doctors_away_is_that_caution(kb: KnowledgeBase):
    text = "i heard some hospital dont allow doctors to work as MA, is it true?"
    understood = understand("ask_degree_perception", 0.53, [], text, Context("ask_residency_path"), [])
    assert understood.intent == "ask_degree_perception" and _aspect(understood) == "not_allowed"
    caution = reply_for(kb, "ask_degree_perception", understood.entities).text
    general = reply_for(kb, "ask_degree_perception", []).text
    assert caution != general and caution.index("physicians") < len(caution) // 3  # the caution leads


def test_pay_compared_with_other_roles_stays_pay():
    context = Context("ask_salary", (("role", "MA"),))
    text = "compare that to CNA and LPN, and which one of the three is quicker to get into"
    named = [("role", "CNA"), ("role", "LPN")]
    assert understand("ask_compare_roles", 1.0, named, text, context, []).intent == "ask_salary"
    after_length = Context("ask_duration", (("role", "MA"),))
    assert understand("ask_compare_roles", 1.0, named, text, after_length, []).intent == "ask_compare_roles"


def test_what_they_can_take_with_an_unaccredited_program_asks_every_credential():
    context = Context("ask_legal_or_medical", (("us_state", "tampa"), ("credential", "cma")))
    text = "fine. so what CAN i take with a non accredited program"
    understood = understand("ask_accredited_programs", 0.93, [], text, context, [])
    assert understood.intent == "ask_eligibility" and ("credential", "cma") not in understood.entities


def test_a_credential_s_hours_asked_again_are_its_own_not_a_state_s_or_the_plan_s():
    text = "rma hours requirement again?"
    assert decisive_topic(text) != "ask_state_rules"
    assert decisive_topic("and back in jersey whats the education hours rule again") == "ask_state_rules"
    heard = without_misheard_person({"text": text, "intent": {"name": "roadmap_repeat", "confidence": 0.68}})
    assert heard["intent"]["name"] == "nlu_fallback"
    plain = without_misheard_person({"text": "say that again", "intent": {"name": "roadmap_repeat", "confidence": 0.9}})
    assert plain["intent"]["name"] == "roadmap_repeat"
    context = Context("ask_eligibility", (("us_state", "tampa"), ("credential", "cma")))
    ranking = [("nlu_fallback", 0.68), ("ask_renewal", 0.12), ("ask_eligibility", 0.09)]
    understood = understand("nlu_fallback", 0.68, [("credential", "rma")], text, context, ranking)
    assert understood.intent == "ask_eligibility" and ("credential", "rma") in understood.entities


def test_a_newer_nursing_assistant_figure_is_given_beside_the_guides_older_one(kb: KnowledgeBase):
    """ "that cna number is from 2021 tho, u got anything newer": the newer mean, said to be a mean."""
    newer = kb.facts(["na_mean_wage_2023"])["na_mean_wage_2023"].value.split()[0]
    older = kb.facts(["na_median_wage_2021"])["na_median_wage_2021"].value.split()[0]
    text = reply_for(kb, "ask_salary", [("role", "cna")]).text
    assert newer in text and older in text and "mean" in text


def test_training_paid_for_someone_whose_job_is_going_away_is_aid_for_dislocated_workers():
    text = (
        "Hi there. I've been in grocery retail for almost 20 years, and last month corporate told us our location on "
        "the east side is closing in the spring. I'm 44, I have two teenagers. Money is tight though. Is there "
        "anything that pays for training for someone whose job is going away like mine?"
    )
    ranking = [("ask_learn_on_job", 0.51), ("ask_financial_aid", 0.47)]
    understood = understand("ask_learn_on_job", 0.51, [], text, Context(), ranking)
    assert understood.intent == "ask_financial_aid" and _aspect(understood) == "wioa"


def test_a_notario_offering_to_do_their_papers_is_the_visa_answer():
    context = Context("ask_work_authorization", (("us_state", "Florida"),))
    text = "a notario in hialeah offer to fill my papers for $400 is good idea?"
    ranking = [("out_of_scope", 0.73), ("ask_financial_aid", 0.05)]
    understood = understand("out_of_scope", 0.73, [("us_state", "hialeah")], text, context, ranking)
    assert understood.intent == "ask_work_authorization"


# blind_ci, read: what its people wrote that the bot misread


def test_a_retake_asked_of_the_state_s_own_credential_in_hand_is_that_credential_s():
    context = Context("ask_state_rules", (("us_state", "california"), ("credential", "CMA")), aspect="cacma")
    understood = understand("ask_exam_retake", 0.98, [], "retake rules on that one", context, [])
    assert understood.intent == "ask_state_rules" and _aspect(understood) == "cacma"
    # a reading of the topic alone (the second reading) cannot see that part, so it is not asked to
    assert state_credential_asked_again(understood, context)
    national = understand("ask_exam_retake", 0.98, [("credential", "CCMA")], "retake rules for NHA's", context, [])
    assert national.intent == "ask_exam_retake" and not state_credential_asked_again(national, context)


def test_a_degree_to_have_evaluated_after_a_long_story_is_the_evaluation_not_the_state_named():
    text = (
        "Hi! I'm a physician from Venezuela and I worked in a public hospital in Caracas for three years. I've been "
        "in Albuquerque for 18 months. I want to start an MA program this fall. Two things I'm trying to sort out: "
        "how do I get my Venezuelan medical degree evaluated for the program"
    )
    named = [("us_state", "Albuquerque"), ("role", "MA")]
    assert understand("inform", 1.0, named, text, Context(), []).intent == "ask_credential_evaluation"
    assert cued_intent("where can i get my nursing diploma evaluated", None) == "ask_credential_evaluation"


def test_what_they_make_someone_do_is_its_work_not_pay():
    text = "And what will they make me do there?"
    assert understand("ask_salary", 0.97, [], text, Context("ask_externship"), []).intent == "ask_externship"
    assert understand("ask_salary", 0.97, [], "what do they make you do", Context(), []).intent == "ask_what_is_cma"
    assert understand("ask_salary", 0.97, [], "what do they make", Context("ask_externship"), []).intent == "ask_salary"


def test_a_doubt_put_as_what_it_is_is_the_answer_again():
    text = "Really? Even though it's a certificate and not a second degree?"
    named = [("program_type", "certificate")]
    assert understand("nlu_fallback", 0.4, named, text, Context("ask_financial_aid"), []).intent == "ask_financial_aid"


def test_testing_before_graduation_after_the_diploma_question_is_nha_s_student_rule_and_which_test_names_it():
    context = Context("ask_diploma_requirement", (("role", "medical assistant"),))
    text = (
        "Someone at her school said she can take a certification test even before graduation, is this true or not true?"
    )
    understood = understand("ask_scam_check", 0.99, [], text, context, [])
    assert understood.intent == "ask_diploma_requirement" and _aspect(understood) == "in_high_school"
    after = Context("ask_diploma_requirement", aspect="in_high_school")
    which = understand(
        "ask_exam_fee", 0.53, [("credential", "CMA")], "And which test is that one? The CMA also?", after, []
    )
    assert which.intent == "ask_diploma_requirement" and _aspect(which) == "in_high_school"
    cheapest = "my boss wants me certified and theyll pay for the cheapest one, which one is that"
    assert understand("ask_exam_fee", 0.6, [], cheapest, after, []).intent == "ask_exam_fee"
    # with no diploma question in hand, testing before finishing is when a program's students may test
    elsewhere = understand("ask_scam_check", 0.99, [], text, Context("ask_salary"), [])
    assert elsewhere.intent == "ask_eligibility"


def test_another_credential_easier_with_their_years_is_whether_those_years_qualify():
    text = "Honestly would the RMA be easier since I already got 8 years under my belt?"
    named = [("credential", "RMA"), ("experience_years", "8 years")]
    ranking = [("nlu_fallback", 0.4), ("ask_renewal", 0.34), ("ask_which_credential", 0.3)]
    context = Context("ask_renewal", (("certifying_body", "AAMA"),))
    assert understand("nlu_fallback", 0.4, named, text, context, ranking).intent == "ask_eligibility"


def test_a_test_asked_of_an_unaccredited_school_after_a_state_s_rules_is_those_rules():
    context = Context("ask_state_rules", (("us_state", "arizona"),))
    text = "ok so if i go to one of them cheaper schools that aint accredited i gotta pass a test on top of it?"
    assert understand("ask_exam_fee", 0.59, [], text, context, []).intent == "ask_state_rules"
    assert understand("ask_exam_fee", 0.9, [], "how much is the test", context, []).intent == "ask_exam_fee"


def test_only_the_office_side_and_still_the_cma_is_the_admin_only_answer():
    text = "I'm great with billing and admin stuff, not so sure about needles lol. Could I do just the admin side of MA and still get the CMA?"
    understood = understand("ask_eligibility", 0.8, [("credential", "CMA")], text, Context(), [])
    assert understood.intent == "ask_eligibility" and _aspect(understood) == "admin_only"


def test_the_cma_fee_answer_says_what_a_lapse_adds(kb: KnowledgeBase):
    """ "ok so how much would it be total" after a lapsed CMA, read as the exam's fee: the reactivation fee too."""
    lapse = kb.facts(["cma_lapse_rule"])["cma_lapse_rule"].value
    assert lapse in reply_for(kb, "ask_exam_fee", [("credential", "CMA")]).text


def test_only_the_cma_requires_an_accredited_program_in_so_many_words(kb: KnowledgeBase):
    """ "do i gotta go to an accredited school for all the certs or just the CMA one": said plainly."""
    text = reply_for(kb, "ask_accredited_programs", [("credential", "CMA")]).text
    assert "only the CMA (AAMA) requires" in text and "RMA, CCMA and NCMA do not" in text
