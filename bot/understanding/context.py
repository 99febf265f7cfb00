"""What the conversation is about, carried from one question to the next.

People ask "How often do I renew the CMA?" and then "and for the RMA?", "how much is
the exam?" or "what about California?". NLU reads each message alone: the short
follow-up has no topic of its own (it comes back unsure, out of scope, or as an
answer about themselves), and the later question names no credential. Here the last
question's intent and the things it named (credential, certifying body, state,
role, program type) are remembered, so that:

- a follow-up that only names something new answers the remembered topic for it;
- a question that names no credential (or state) is about the one in context.

Only what NLU found in the person's own words is used; nothing is guessed from
general knowledge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.understanding.cues import (
    ASIDE_ENDS,
    EXAM,
    LICENCE_ASKED,
    OPENER_QUESTION,
    OVERVIEW,
    PAID_WHILE,
    PRICE,
    PRICE_AFTER,
    SCHOOL,
    STATUS,
    TOPIC_WORDS,
    WORK_AUTHORIZATION,
    about_a_state_credential,
    about_immigration_status,
    aid_with_status,
    asking_clause,
    asks_leave_to_work,
    best_question,
    cued_aspect,
    cued_intent,
    decisive_topic,
    facet_of_topic_in_hand,
    lacks_broad_topic_words,
    looks_like_question,
    off_topic_words,
    status_asks_for_it,
    without_facet,
)
from bot.understanding.echo import topic_quoted
from bot.understanding.families import neighbours
from bot.understanding.shorthand import spelled_out
from bot.understanding.story import STORY_RATIO, STORY_WORDS

#: The slot that keeps the context between turns (domain.yml).
CONTEXT_SLOT = "conversation_context"
#: Kinds of thing a follow-up can switch and a later question can inherit.
CARRIED_KINDS = ("credential", "certifying_body", "us_state", "role", "program_type")
#: The kinds that name a credential: a certifying body stands for the credential it awards.
CREDENTIAL_KINDS = frozenset({"credential", "certifying_body"})
#: The kind that names a place: a state, or a city standing for its state.
PLACE_KINDS = frozenset({"us_state"})
#: Topics whose answers give cities' own figures (metro pay): a city in the state in hand asks them again.
CITY_FIGURES = frozenset({"ask_salary"})
#: A credential and the body that awards it stand for each other: naming one replaces both.
SAME_SLOT = {"credential": "credential", "certifying_body": "credential"}
#: What NLU calls a message without a topic of its own.
NO_TOPIC = ("nlu_fallback", "inform", "out_of_scope")
#: Questions about choosing or comparing: a remembered credential would narrow them wrongly.
NOT_CARRIED_INTO = ("ask_which_credential", "ask_compare_roles", "ask_credential_info")
#: "who gives it" after the CCMA: the one in hand, whatever the question would cover on its own.
POINTS_AT_ONE = re.compile(r"\b(it|its|that one|this one|that (cert\w*|credential|exam|test))\b", re.IGNORECASE)
#: "What about the RMA?": only a new thing for the same question, however NLU read it.
_FILLERS = r"ok(ay)?|k|so|ugh|hmm+|oh|ah|um|uh|well|wait|damn|dang|ngl|lol|cool|alright|yeah|nah|wow|sorry|thanks|thx"
#: A credential named alone ("cma", "the rma one").
CREDENTIAL_ALONE = re.compile(r"^\W*(the\W+)?(c?cma|rma|ncma)(\W+(one|test|exam))?\W*$", re.IGNORECASE)
SWITCH = re.compile(
    rf"^\W*((and|n|but|{_FILLERS})\W+)*((what|how|wat|wut|wht) ?(about|bout|abt)|wbu|hbu|(and|n) (for|in|with)\b|y (en|con|para (el|la|los|las|un|una))\b)|"
    # "whats it like for the whole country" after a state's pay, "how's it in ohio"
    rf"^\W*((and|n|but|{_FILLERS})\W+)*(what'?s|whats|how'?s|hows) (it|that|the pay|pay) (like |looking )?(in|for)\b|"
    rf"^\W*(({_FILLERS})\W+)*(and|n|&)\W+(the\W+|for the\W+|for (an?\W+)?|an?\W+)?"
    r"(?!(how|what|when|where|why|who|which|is|are|do|does|did|can|could|will|would|should)\b)[\w-]+(\W+[\w-]+){0,2}\W*$|"
    # "and MA in New York state?" after a pharmacy tech's pay: the same question, for MAs there
    rf"^\W*(({_FILLERS})\W+)*(and|n|&)\W+(for\W+)?(an?\W+)?(mas?|medical assist\w*|cmas?)\W+(in|at)\W+[\w-]+(\W+[\w-]+){{0,2}}\W*$|"
    # "same for the cma?", "is it the same in texas": the same question, for what comes after "same"
    rf"^\W*((and|n|but|so|{_FILLERS})\W+)*((is it|its|it'?s|is that)\W+)?(the\W+)?same(\W+(thing|deal|rule|rules))?\W+"
    r"(for|with|in|at|on)\W+(the\W+|an?\W+)?[\w-]+(\W+[\w-]+)?\W*$|"
    # "ccma?" alone, after the RMA's answer: the same question for it; "in california specifically?"
    # "rma no?" after a verdict on the CMA: the same question, for it
    r"^\W*(the\W+)?(c?cma|rma|ncma)(\W+(one|then|instead|too|no|right|tho|though|also|as well))?\W*$|"
    # "the classes" after online study, "the program i mean" after how long it takes: that part, asked again
    r"^\W*(the|those|these)\W+(?!(c?cma|rma|ncma|aama|amt|nha|ncct)\b)[\w-]+(\W+(part|parts|itself|themselves|i mean|u mean|you mean))?\W*$|"
    # "the ncma from ncct" after renewal: the same question, for the credential and its body
    r"^\W*(the\W+)?(c?cma|rma|ncma)\W+(one\W+)?(from|by|of)\W+(the\W+)?(aama|amt|nha|ncct)\W*$|"
    # "so no RMA yet?" after the CMA's verdict: the same question, for the RMA
    rf"^\W*(({_FILLERS})\W+)*(so\W+)?(no|not|still no|not even)\W+(the\W+)?(c?cma|rma|ncma)(\W+(yet|either|then|too))?\W*$|"
    r"^\W*(in|for)\W+[\w-]+(\W+[\w-]+)?\W+(specifically|then|instead|too|though|tho|only)\W*$|"
    # "All California?" after LA's pay, "national then"
    r"^\W*(all|all of|the whole|whole|entire)\W+[\w-]+(\W+[\w-]+)?\W*$|"
    r"^\W*(national(ly)?|nationwide|overall)(\W+(then|instead|too|pls|please))?\W*$|"
    # "wait sorry i meant rma" after the CMA's retakes: the same question, for the one meant
    rf"^\W*(({_FILLERS}|no|oops)\W+)*(i\W+)?(meant|mean)\W+(the\W+|for\W+(the\W+)?)?[\w-]+(\W+[\w-]+)?\W*$|"
    # "vs dallas" after Houston's pay, "compared to an LPN?" after NYC's: the same question, for that
    r"^\W*(vs\.?|versus|compared (to|with)|comparing (to|with)|against)\W+(the\W+|an?\W+)?"
    r"(?!.*\b(lpn|lvn|rn|cna|nurse|nursing|pharm\w*|dental|phleb\w*|emt)s?\b)[\w-]+(\W+[\w-]+){0,2}\W*$",
    re.IGNORECASE,
)
MAX_SWITCH_WORDS = 8
#: "ncct?" alone after the RMA's eligibility: the same question for that body's credential (named inside a
#: longer reply, "the national one, NHA", a body only says which one was meant).
BODY_ALONE = re.compile(
    r"^\W*((damn|ok|okay|ugh|hmm|so|and|what about|how about)\W+)*(the\W+)?(aama|amt|nha|ncct)('?s)?"
    r"(\W+(one|exam|test|cert\w*|credential))?\W*$",  # "damn. the ncct one?"
    re.IGNORECASE,
)
#: What a switch says again in other words: "like the whole state", "i mean overall".
#: At most this many words before such a tail: "and the rma, also can?", never a question of its own.
MAX_TAIL_SWITCH_WORDS = 4
#: A few words after a thing named that ask the same question of it: "also can?", "too?", "is out?", "no?".
SAME_QUESTION_TAIL = re.compile(
    r"[\s,]+((is |are )?(also|too|as well|aswell|also can|can too|can also|no|right|or not|out|out too|"
    r"either|possible|ok too|okay too|same|same ?(q|qs|qn|ques|question|questions|answer|thing)|"  # "ccma same q"
    # "And the RMA in the same scenario?" after the CMA's retakes
    r"(in|under|for) (the |that |this )?same (scenario|situation|case|circumstances?)|in (that|this) (case|scenario|situation)))\W*$",
    re.I,
)
#: A credential (and its body) named, after a lead-in word: "so the ccma", "and the NCMA from NCCT", "and the other
#: one the ccma".
CREDENTIAL_NAMED = re.compile(
    # ("wait so even with the ccma??" after a state's rules: the same question, for it)
    rf"^\W*((and|n|&|so|but|{_FILLERS})\W+)*((even|also|only|just)\W+)?(with\W+)?(the\W+other\W+one\W+)?(the\W+)?"
    r"(c?cma|rma|ncma)"
    r"(\W+(one|(from|by|of)\W+(the\W+)?(aama|amt|nha|ncct)))?\W*$",
    re.I,
)
#: "the ccma i mean": the switch alone; not "like a nurse" ("and to work like a nurse here"), which says what.
ELABORATION = re.compile(r"\W+(like(?!\s+an?\s)|i mean|as in|meaning)(\W.*)?$", re.I)
#: "my coworker has the ccma, is hers the same deal?": the same question again, for what the message
#: names (never "the same as", which compares).
SAME_AGAIN = re.compile(
    r"\b(c?cma|rma|ncma)\W+(the )?same\W*$|"
    r"\b(the )?same ((\w+ )?(deal|thing|rules?|limits?|story|process)|way|for (it|her|him|them|that one|hers|his|theirs))\b"
    r"(?!\W+as\b)"
    r"|\b(is|are|does|do) (it|that|this|hers|his|theirs|hers|that one) (the )?same\W*$",
    re.IGNORECASE,
)
#: A follow-up is short, or starts the way follow-ups do.
MAX_FOLLOW_UP_WORDS = 8
FOLLOW_UP_START = re.compile(
    r"^\W*(and|n|&|also|same|plus|so|ok(ay)?|what about|how about|and for|for the|for|in|y|e|"
    r"wait|sorry|actually|oops|i meant|no|not|why|how come|the (one|exam|test|cert\w*) (from|by|for|of))\b",
    re.IGNORECASE,
)
#: "how much does it cost?" right after an exam, renewal or credential question is the exam's fee,
#: not a program's tuition, unless it names the school, program or course.
EXAM_TOPICS = frozenset(
    {
        "ask_exam_format",
        "ask_exam_fee",
        "ask_exam_retake",
        "ask_exam_study",
        "ask_renewal",
        "ask_credential_info",
        "ask_eligibility",
        "ask_pass_rate",
        "ask_accommodations",
    }
)
COST_OF_EXAM = {"ask_program_cost": "ask_exam_fee"}
#: What a program costs beside its tuition, which no exam asks for.
SCHOOL_EXTRAS = re.compile(
    r"\b(background checks?|scrubs|drug (tests?|screens?)|immuniz\w*|vaccin\w*|uniforms?|supplies|textbooks?|stethoscopes?)\b",
    re.I,
)
#: Topics about the training itself, after which a price with no name asks the training's.
TRAINING_TOPICS = frozenset(
    {"ask_duration", "ask_program_type", "ask_choose_program", "ask_online_program", "ask_externship"}
)
#: Topics that set kinds of program side by side, where "that one" is one of them.
KINDS_COMPARED = frozenset({"ask_program_type", "ask_duration"})
#: A price of one of the options in hand ("ok how much is that one").
ONE_PRICED = re.compile(r"^\W*((ok|okay|and|so)\W+)*how much (is|would be|'?s) (that|this|the \w+) one\W*$", re.I)
EXAM_WORDS = re.compile(r"(?<!\bdrug )\b(exam|test|boards?)\b", re.I)  # not "drug test"
SCHOOLING = re.compile(
    r"\b(schools?|programs?|courses?|class|classes|tuition|train|trained|training|college|degree|certificate|"
    r"associate'?s?)\b|\b(2|two|4|four)[- ]?(yr|year) (version|option|one|route|path)\b",  # "and the two year version?"
    re.I,
)
#: "cheapest way do all this" after the exam's format: the whole path's price, not the exam's.
WHOLE_PATH = re.compile(
    r"\b(do|doing|get through|go through) all (of )?(this|that|it)\b|\bthe whole (thing|path|process)\b|\bstart to finish\b|"
    # "whats the cheapest way to get certified": the path's price, school and all (a cheaper way to get CE is renewal's)
    r"\bcheapest (way|route|path|option)\b(?![^.?!]*\b(ce|ceus?|renew\w*|recert\w*)\b)",
    re.I,
)
#: "make" as in earn, not as in "do schools make u pay for scrubs", "does AZ make MAs get certified".
_MAKE = r"make(?! (u|you|me|us|them|him|her|mas|ma'?s|medical assistants|people|someone|students|everyone)\b)"
PAY_WORDS = re.compile(
    rf"\b(per hour|an hour|by (the )?hour|hourly|/hr|per year|a year|salary|wages?|paid|{_MAKE}|earn)\b", re.I
)
#: "do i have to pay every year?": the person pays, so it is a cost, never what MAs earn.
#: Who earns more, asked in so many words: "does an MA even make more than a CNA".
EARNS_MORE = re.compile(rf"\b({_MAKE}s?|earns?|paid|get paid) (\w+ )?(more|less|better)\b", re.I)
THEY_PAY = re.compile(
    r"\b(?:i|we) (?:have|need|got) to pay\b|\bgotta pay\b|\bhow much (?:to|should i|must i) pay\b|\b(?:do|will|would|should|must) (?:i|we) (?:have to |need to )?pay\b|"
    # (not the noun: "what is the median pay for the state")
    r"(?<!median )(?<!average )(?<!avg )(?<!typical )(?<!mean )(?<!the )(?<!is )"
    r"\bpay(?:ing)? (?:for (?:it|the|my|that|this)|again|a fee|the fee|every|each|yearly|annually)\b|"
    r"\b(?:anyone|anybody|people|i|we|you|u) (?:pay|paying) \$?\d|"
    # "is it 125 for all of us or do some ppl pay more": some pay a higher price, not a higher wage
    r"\b(?:some|other|some other|certain) (?:people|ppl|folks|students|of us|ones?) (?:pay|paying|have to pay) (?:more|less|extra|different)\b",
    re.I,
)
#: Money for training: "could that pay for medical assistant school", "money to pay for the course".
PAYS_FOR_TRAINING = re.compile(
    r"\bpay(s|ing)? for (\w+ ){0,3}(school|program|course|training|classes|tuition)\b|"
    r"\b(money|funds?|funding|help) (for|to pay for) (\w+ ){0,3}(school|program|course|training|classes)\b",
    re.I,
)
#: "does it cover the exam fee too": the aid in hand pays, so the question is about that aid.
PAYERS = frozenset({"ask_military_benefits", "ask_financial_aid"})
#: "Does it cover an associate degree too or only certificates?" after MyCAA: what MyCAA pays for, not the
#: kinds of program.
PAID_FOR = frozenset(
    {"ask_exam_fee", "ask_program_cost", "ask_salary", "ask_renewal", "ask_exam_retake", "ask_program_type"}
)
IT_PAYS = re.compile(
    r"\b(does|do|will|would|can|could)\s+(it|that|this|they|the gi bill|gi bill|va|mycaa|ta|wioa|pell)\s+"
    r"(also\s+|even\s+|still\s+)?(pay|cover|reimburs)(?!\w*\s+(in|an hour|per|a year|hourly|well|good|better|more|less)\b)|"
    # "what if i fail, they still pay?": the question's verb dropped
    r"\b(fail|failed|don'?t pass|do not pass)\b[^.?!]*\b(they|it|va|the gi bill|gi bill)\s+((still|even|also)\s+)?(pay|cover)\w*"
    r"(\s+(again|anyway|still))?\b",
    re.IGNORECASE,
)
#: The payer in hand pointed at: "does that pay for MA school", "would it cover the whole program".
THAT_PAYS = re.compile(
    r"\b(does|do|will|would|can|could)\s+(it|that|this|they)\s+(also\s+|even\s+|still\s+)?(pay|cover)\b", re.I
)
#: What a person pays: the topic in hand, when it is one of these, is what "do I have to pay" asks about.
COSTS = frozenset({"ask_exam_fee", "ask_renewal", "ask_program_cost", "ask_exam_retake", "ask_financial_aid"})
#: "how much is it?" answered, then "the cma test" or "the school part": which price they meant.
PRICES = {"exam": "ask_exam_fee", "school": "ask_program_cost"}
#: "what about the test after": a lead that only points at the thing named after it.
WHAT_ABOUT = re.compile(r"^\W*((and|so|ok|okay|but)\W+)*(what|how|wat|wht) (about|bout|abt)\b\W*", re.IGNORECASE)
#: A message this short that asks nothing only says which of the prices in hand it meant.
MAX_PRICE_CHOICE_WORDS = 8
#: Where a reply's first part ends: "the test lol. the cma one, i finish my program in may".
FIRST_PART = re.compile(r"(?<=\w)[.!;]\s+")
#: "and the fee?" with a credential in hand is that credential's exam fee; tuition is not a fee.
FEE = re.compile(r"\bfees?\b", re.I)
#: An out-of-scope reading this sure is kept even when the message names a state.
CONFIDENT_OUT_OF_SCOPE = 0.6
#: Something named set against what is in hand ("is chicago better" after Illinois pay): the same question again
#: for it, however sure NLU is that a bare comparison is out of scope.
SET_AGAINST = re.compile(
    r"^\W*((and|so|ok|okay|but)\W+)*(is|are|would|does|do|r) (\w+ ){1,2}(better|worse|higher|lower|more|less|cheaper|"
    r"different|any different|the same)( (there|then|pay|money))?\W*$",
    re.IGNORECASE,
)
#: Readings that have nothing to do with a state: a state named with what it requires is its rules.
STATELESS_READINGS = frozenset(
    {*NO_TOPIC, "nlu_fallback", "ask_usmle", "ask_ecfmg", "ask_what_is_cma", "ask_foreign_nurse"}
)
#: A question about which states, never the one in hand.
WHICH_STATE = re.compile(
    r"\b(which|what|wich) states?\b|\bany states?\b(?! (registration|licen[cs]\w*|requirements?|rules?|laws?|credentials?|certification|exams?|board))|\bevery state\b|\ball (the )?states\b|\bother states\b|"
    r"\bonly state\b|\bnation(wide|ally)\b|\b(in )?all (the )?(usa|us|u\.s\.?|country|states)\b|^\W*national(\W+(then|instead|too|pls|please))?\W*$|\bnational (median|average|pay|salary|wages?|figures?|numbers?)\b|\b(in )?(the )?whole (country|us|usa|nation)\b|\bacross the (country|us)\b|\b(in )?(the )?(whole )?(us|usa|country) (overall|wide)\b",
    re.I,
)
#: What an MA may do is a state's rule: injections, blood draws, X-rays, IVs.
MA_TASKS = re.compile(
    r"\b(inject\w*|shots?|vaccin\w*|immuniz\w*|(draw|tak|took|extract)\w* blood|blood (draws?|extraction)|venipuncture|"
    r"phlebotom\w*|finger ?sticks?|skin punctures?|x-?rays?|ivs?|"
    r"(give|giving|administer\w*|pass\w*) (out )?(meds|medications?|medicines?)|"
    # "Which duties may a medical assistant perform in the state of Florida?": what they may do there
    r"duties|tasks|scope of practice|(allowed|permitted) to (do|perform)|"
    # "if some office hires me with no school what CANT they have me do in Ohio"
    r"what (can'?t|cant|cannot|can ?not|can) (they|you|u|i|we|an? (ma|medical assistant)) (\w+ ){0,2}do)\b",
    re.I,
)
#: Below this, NLU's reading gives way to a task asked of the state in hand.
SURE_OF_ANOTHER_TOPIC = 0.9
#: Surprise at the answer in hand ("even after 5.5 years of medicine??", "still? with my degree"): it again.
EVEN_THEN = re.compile(
    r"^\W*((so|but|wait|what|really)\W+)*(even|still)\b(\W+(after|with|if|though|tho|when)\b|\W*\?)", re.I
)
#: Below this NLU only half-heard a legal or medical question: without its cue words, surprise at the
#: answer in hand ("even after 5.5 years of medicine??") asks that answer again.
UNSURE_DECLINE = 0.5
#: Readings NLU gives a state's requirement in other words ("do you even need to be certified in Texas or
#: can the doctor just train you", "if i take one in washington does my ccma work there").
READ_FOR_STATE_RULES = frozenset(
    {
        "ask_which_credential",
        "ask_learn_on_job",
        "ask_foreign_nurse",
        "ask_eligibility",
        "ask_credential_info",
        "ask_renewal",  # "does my CCMA carry over or do I need a New York one": New York's rules
        "ask_locum_tenens",
        "ask_compare_roles",  # "I assume Texas itself doesn't mandate one or the other": Texas's rules
        "ask_legal_or_medical",  # "if i take a contract in seattle do i need anything extra": no legal question
        "nlu_fallback",
        "inform",
        "ask_accredited_programs",  # "does the national exam have to be NCCA accredited for WA?": Washington's
        "ask_work_authorization",  # "and for our Tucson clinic, what does an MA need before I hire them"
        "ask_exam_study",  # "is the ccma good enough for the washington exam part"
    }
)
STATE_NEEDS = re.compile(
    r"\b(is|are) (ok|okay|fine|cool|good) with (that|this|it)\b|"  # "texas is ok with that?" after on-the-job training
    r"\b(have|has|need|needs) to be (\w+ ){0,2}(accredited|approved|recogni[sz]ed) (for|in|by) (?!the (c?cma|rma|ncma|exam|test)\b)|"
    r"\b(must|need to|needs to|have to|has to|gotta|required to|must (i|we|you|one)) (have|be|get|hold|pass) (a |an |my |the )?"
    r"(cert\w*|licen[sc]\w*|registered|credential\w*)\b|\bneed (a |an )?(cert\w*|licen[sc]e\w*|credential)\b|"
    r"\b(rules?|laws?|regulations?|requirements?) (for|of) (an? )?(ma|mas|medical assistants?)\b|"
    # "in arizona will my non accredited program plus the ccma be enough to work", "is the arizona thing even real
    # tho like legally do i need it", "which one makes sense for arizona": that state's rules
    r"\benough to (work|get hired|practice)\b|\b(here|there) in [a-z ]{4,20}\bwithout (any |a |an |the )?(exam|test|cert\w*|licen[sc]e|credential)\b|\b(is|are) (the )?(c?cma|rma|ncma|ma-?[cr]|cert\w*|credential)s? (\w+ )?enough (in|for)\b|\blegally\b[^.?!]{0,30}\b(need|required|require|have to)\b|"
    r"\bwhich (one|cert\w*|credential)s?\b[^.?!]{0,20}\b(makes? sense|is best|is better|works?|counts?) (for|in) (?!(me|you|u|him|her|them|us|someone|my|a|an|the|people)\b)|"
    r"\b(satisfy|satisfies|meet|meets|fulfil|fulfill|fulfills|count for) (that|the|this|their|its) (rule|requirement|law)s?\b|"
    r"\b(work|valid|good|ok|okay|fine|enough|count|counts|accepted|acceptable|recogni[sz]ed|good enough) (there|here)\b|"
    r"\bwork (as an? [\w-]+ )there\b|\b(is|are) (good|ok|okay|fine|valid) (for|in) (?!(\d|life|ever|before|until|till|after|how|long|now|the|a|an|me|you|u|them|it|that|this|renewal|work|jobs?)\b)[a-z]{3,}\b(?! (years?|months?))|\b(accepted|acceptable|recogni[sz]ed|good enough) (for|in|by)\b(?! (the |an? )?(c?cma|rma|ncma|aama|amt|nha|ncct|exams?|tests?)\b)|"
    r"\b(doctors?|physicians?|nurses?|docs?) (can |could |will )?(just )?train\b|\btrained (in|at|on) the (clinic|job)\b|"
    r"\b(travel|follow|go|transfer|move)s? with (me|her|him|them|you|u)\b|\bfollows? (me|her|him|them|you|u)\b|"
    r"\bmandat(e|es|ed|ory)\b|\bdelegat\w*\b|\bresponsib\w*\b|"
    # "would the CCMA count in AZ": whether that state takes it
    r"\bcounts? in (?!(the|a|an|my|your|total|all|hours?|years?)\b)|"
    # "In Texas can I work as MA without certificate first?", "texas clinics can hire MA without certificate?"
    r"\b(work|working|hire|hired|hiring|practice)\b[^.?!]{0,40}\b(without|w/o|with no|sin) (a |an |any |the |una |un )?"
    r"(cert\w*|licen[sc]\w*|credential\w*|registration|certificad\w*|certificaci\w*)\b|"
    # "...plan to stay in Washington. Can I start working as a medical assistant right away on my military training?"
    r"\b(can|could|may)\s+(i|we|she|he)\s+(start|begin)\s+work(ing)?\b|"
    # "in arizona do i have to do a program to work as a MA"
    r"\b(have|need|must|has|needs|gotta) (to )?(do|take|finish|complete|go to|attend) (a |an |the )?(program|school|course|"
    r"training|class\w*)\b[^.?!]{0,15}\bto work\b|"
    # "What must an MA complete before the doctor can hire them there?", "what does an MA need before I hire them"
    r"\b(complete|finish|do|have|need|pass)\b[^.?!]{0,25}\bbefore (an? |the )?(doctor|physician|employer|clinic|office|"
    r"practice|they|someone|anyone|i|we|you)\w* (can |could |will |may )?(hire|employ)\b|"
    r"\bdoes (my|a|the|her|his) \w+ (work|count|transfer|carry over)\b(?![^.?!]*\b(c?cma|rma|ncma|exams?|tests?|certif\w*|credential\w*)\b)|\b(is|are) (that|it|this) (even )?(allowed|legal|permitted)\b|\bneed an? (\w+ ){1,2}one\b|\b(does|do|will|would) (the state|[a-z]{2}) (want|expect|ask for)\b|\b(need|needs) anything (extra|else|special|more)\b|"
    # "we might move to Seattle next year. does that change the picture": the new state's rules
    r"\b(change|changes) (the picture|anything|things|much)\b|\banything different\b|"
    # "we'll probably PCS to Texas in like 2 yrs, will i need something like that there too"
    r"\bneed (something|anything) (like that|like it|similar)\b|\b(anything|something) special\b|"
    r"\b(picky|strict|tough|hard) (about|with|on) (mas?|medical assistants?)\b|"
    # "wait does az even take the ccma": whether that state accepts it
    r"\b(does|do|will|would) (\w+ ){1,2}(even |still |actually )?(take|accept|recogni[sz]e|allow) (the |an? |my )?"
    r"(c?cma|rma|ncma|cert\w*|credential)\b|"
    # "in Arizona do I even need school or can a doctor just hire me and train me on the job?"
    r"\b(do|does) (i|we|you|u|she|he|one) (even |really |actually |still )?need (to go to )?(school|a program|training|classes)\b",
    re.IGNORECASE,
)
STATE_REQUIRES = re.compile(
    r"\b(requires?|required|requirements?|laws?|legal(ly)?|regulations?|licen[cs]e[ds]?|counts? as|considers?|"
    r"consider(ed)?|defin\w*|accept(s|ed)?|approv(e|es|ed))\b|"
    r"\bneed (one|it|that)\b|\b(be|get|being|getting) (certified|registered)\b",  # "do i even need one in texas??"
    re.I,
)

Entities = list[tuple[str, str]]


@dataclass(frozen=True)
class Context:
    """The last question answered: its intent and the things it was about."""

    intent: str | None = None
    entities: tuple[tuple[str, str], ...] = ()
    #: The part of the topic answered (MyCAA of military benefits): "is there a yearly limit?" asks it again.
    aspect: str | None = None
    #: The last question was asked in the same message as this one ("how many CEUs do i need and how many
    #: have to be AAMA approved"): a later question there follows on from it. Never stored in the slot.
    same_message: bool = False
    #: The question on another topic asked before the last one in the same message ("can I sit for the RMA
    #: off my army training, and will the GI Bill cover the fee?"): "what about the CMA" next asks it again.
    earlier: str | None = None
    #: The last reply's answers, as (topic, text): a figure quoted back points at the one printing it
    #: (`bot.understanding.echo`). Read from the conversation's events, never stored in the slot.
    said: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_slot(cls, value: Any) -> Context:
        """Read the slot back; anything unexpected is an empty context, never an error."""
        if not isinstance(value, dict):
            return cls()
        intent = value.get("intent") if isinstance(value.get("intent"), str) else None
        raw = value.get("entities")
        pairs: list[Any] = raw if isinstance(raw, list) else []
        entities = tuple(
            (str(p[0]), str(p[1]))
            for p in pairs
            if isinstance(p, (list, tuple)) and len(p) == 2 and p[0] in CARRIED_KINDS
        )
        aspect = value.get("aspect") if isinstance(value.get("aspect"), str) else None
        earlier = value.get("earlier") if isinstance(value.get("earlier"), str) else None
        return cls(intent, entities, aspect, earlier=earlier)

    def to_slot(self) -> dict[str, Any]:
        slot: dict[str, Any] = {"intent": self.intent, "entities": [list(p) for p in self.entities]}
        if self.aspect:
            slot["aspect"] = self.aspect
        return {**slot, "earlier": self.earlier} if self.earlier else slot


@dataclass(frozen=True)
class Understood:
    """The question to answer after context: its intent and entities, and what came from context."""

    intent: str | None
    entities: Entities
    #: Entities taken from the conversation rather than from this message (said in the reply).
    from_context: tuple[tuple[str, str], ...] = ()
    #: True when this message only switched the thing asked about ("and for the RMA?").
    follow_up: bool = False


def told_at_a_form(understood: Understood, nlu_intent: str | None, text: str, form_waits: bool) -> Understood:
    """What a form's answer tells, not a follow-up: "army medic, getting out in 5 months, hs diploma" at the
    plan's question, after RMA vs CMA, is their story (NLU: inform) for the form, never the comparison again."""
    if form_waits and nlu_intent == "inform" and not looks_like_question(text):
        return replace(understood, intent="inform")
    return understood


def is_question(intent: str | None) -> bool:
    """An intent the knowledge base answers as a question (not small talk or navigation)."""
    return intent is not None and intent.startswith("ask_")


def _slot(kind: str) -> str:
    return SAME_SLOT.get(kind, kind)


def _carried(entities: Iterable[tuple[str, str]]) -> Entities:
    return [(k, v) for k, v in entities if k in CARRIED_KINDS]


def _looks_like_follow_up(text: str) -> bool:
    words = text.split()
    return len(words) <= MAX_FOLLOW_UP_WORDS or bool(FOLLOW_UP_START.match(text))


def only_switches(text: str) -> bool:
    """ "What about the RMA?", "and in California?": a message that only names the next thing to ask
    the same question about, whatever topic NLU read into the name; "what about south dakota, my
    sister is moving there" (the switch, then why); "my coworker has the ccma, is hers the same deal?"."""
    clauses = re.split(r"[,.;:!?]\s+", text.strip())
    first, rest = clauses[0], " ".join(clauses[1:])
    if (len(text.split()) <= MAX_SWITCH_WORDS and SWITCH.match(text)) or BODY_ALONE.match(text):
        return True
    if len(text.split()) <= MAX_SWITCH_WORDS and CREDENTIAL_NAMED.match(text):
        return True  # "wait so even with the ccma??"
    said = ELABORATION.sub("", text)  # "ok and texas overall like the whole state": the switch, then its gloss
    if said != text and len(said.split()) <= MAX_SWITCH_WORDS and SWITCH.match(said):
        return True
    # "and the NCMA from NCCT, also can?", "so the ccma is out?": the switch, then a word that asks it again
    said = SAME_QUESTION_TAIL.sub("", text)
    if said != text and (
        CREDENTIAL_NAMED.match(said) or (len(said.split()) <= MAX_TAIL_SWITCH_WORDS and SWITCH.match(said))
    ):
        return True
    if len(clauses) > 1 and CREDENTIAL_ALONE.match(first) and "?" not in rest and not looks_like_question(rest):
        return True  # "the CMA test. I'm 53 and haven't taken a test since the 80s lol": which one, then an aside
    if len(clauses) > 1 and len(first.split()) <= MAX_SWITCH_WORDS and SWITCH.match(first):
        # "cma. been an EMT 10 yrs trying to figure out if its even worth it": the pick, then an aside
        return "?" not in rest and (not looks_like_question(rest) or bool(CREDENTIAL_ALONE.match(first)))
    # "i don't do any clinical stuff tho, just the front. what about the CMA then": the reason, then the switch
    before, last = " ".join(clauses[:-1]), clauses[-1]
    if len(clauses) > 1 and len(last.split()) <= MAX_SWITCH_WORDS and SWITCH.match(last):
        return not looks_like_question(before)
    return _ends_same_again(text)


def _a_test_switched(intent: str | None, text: str, context: Context) -> bool:
    """ "what about the test fee itself" after the GI Bill: whether it pays for the test too (VA pays
    for certification tests; after other aid, "and the exam fee?" asks the fee itself)."""
    return (
        context.intent == "ask_military_benefits"
        and intent in ("ask_exam_fee", "ask_exam_retake")
        and len(text.split()) <= MAX_SWITCH_WORDS
        and bool(SWITCH.match(text) or ALSO_AT_END.search(text))  # "exam fee too?"
    )


#: A short message ending on "too" adds a thing to what was just said ("exam fee too?").
ALSO_AT_END = re.compile(r"\b(too|also|as well|aswell)\W*$", re.I)


def _ends_same_again(text: str) -> bool:
    """ "could I do the RMA instead, does it have the same strike rule?": whatever the words before it
    point to, a message ending on "the same…?" asks the question in hand again, for what it names."""
    last = re.split(r"[,.;:!]\s+", text.strip())[-1]
    return len(last.split()) <= MAX_SWITCH_WORDS and bool(SAME_AGAIN.search(last))


def _merge(named: Entities, context: Context, skip: Sequence[str] = ()) -> tuple[Entities, tuple[tuple[str, str], ...]]:
    """The message's entities plus those of context whose slot the message left empty."""
    taken = {_slot(k) for k, _ in named}
    inherited = tuple((k, v) for k, v in context.entities if _slot(k) not in taken and k not in skip)
    return named + list(inherited), inherited


#: A question-worded message NLU read as "about themselves" takes its next-best question above this.
MIN_QUESTION_LEAN = 0.15
#: Readings a status does not change: aid for non-citizens has its own answer, and a person is a person.
KEEP_WITH_STATUS = ("ask_financial_aid", "request_human")
#: "I hold a green card now. Do I need to pass the USMLE before I can work as an MA?": the USMLE is asked.
USMLE_ASKED = re.compile(
    r"\b(need|have|got) to (pass|take|do|finish) (the |my )?usmle\b|\busmle (first|before)\b", re.I
)
#: A topic read without its words gives way to NLU's next question from this confidence.
MIN_OTHER_LEAN = 0.15
#: "the california one": a message this short that only names a state's own credential asks about it.
SHORT_NAMING = 5
#: A follow-up this short that starts like one ("and nationally?") asks the same question again.
SHORT_FOLLOW_UP = 3
#: "what if i wait a year after i graduate", "and if i fail": the topic in hand, asked of a case.
WHAT_IF = re.compile(
    r"^\W*((and|so|but|ok(ay)?|hmm|um)\W+)*((what|wut|wat|wht) if|what happens if|if)\b", re.IGNORECASE
)
#: "source?", "says who", "is that from the aama itself": the answer again, which ends with its sources.
SOURCE_ASKED = re.compile(
    r"^\W*((ok(ay)?|so|and|but|um|hmm|that sounds (made up|fake|wrong|off))\W+)*(sources?|src|citations?|says who|"
    r"proof|where (did you get|do you get|does (that|this|it) come from|('?s|is) (that|this|it) from)( (that|this|it))?|"
    r"what('?s| is) (the|your) sources?|"
    r"is (that|this) from (the )?\w+( itself)?|who says( so)?)\W*$",
    re.IGNORECASE,
)
#: "where do i double check", "who can confirm that": where to check the answer just given.
WHERE_TO_CONFIRM = re.compile(
    r"^\W*((ok(ay)?|so|and|but|thanks?)\W+)?(where|who|how) (do|can|should|would|could) (i|we|u|you) "
    r"(double[- ]?check|check|confirm|verify|find out|ask)( (that|this|it|for sure|on (that|this|it)|with))?\W*$|"
    r"\b(who|where) (can|could|should|do) (i|we|u|you) (double[- ]?check|check|confirm|verify) (that |this |it )?with\W*$|"
    r"^\W*((ok(ay)?|so|and|but)\W+)?who (can|could|would) confirm( (that|this|it))?\W*$",
    re.IGNORECASE,
)
#: "and that one?" points at something it does not name: not the same question again.
POINTS_ELSEWHERE = re.compile(r"\b(that|this|those|these|other|another)\b", re.IGNORECASE)
#: How much more a follow-up's reading counts when it is the topic in hand, or one of its neighbours.
SAME_TOPIC_WEIGHT = 4.0
#: ... and when the topic in hand was asked earlier in the same message.
SAME_MESSAGE_WEIGHT = 8.0
NEIGHBOUR_WEIGHT = 1.5
#: "who has to approve it?": a follow-up that points back is about the topic in hand at least this likely.
#: (Raised from 0.15 when NLU learned the development sets' wording and grew surer of other topics.)
POINTING_BACK_FLOOR = 0.2
#: Topics a pointing word never pulls a follow-up back to: after "can they legally fire me", "ok RMA
#: then. how much" is a price, not another legal question.
DECLINED = frozenset({"ask_legal_or_medical"})
POINTS_BACK = re.compile(
    r"\b(it|its|it's|that|this|they|them|those|these|one|then|comparable|similar|equivalent|likewise)\b", re.IGNORECASE
)  # "Does the CMA have anything comparable?": the same question, of the CMA
#: Aspects a state's own answer already covers: with a state named, its answer is the one to give.
PLACE_HAS_ITS_OWN = frozenset({"hourly"})
#: "and nationally per hour?": the whole country's figures, not the state's in hand.
NATIONALLY = re.compile(r"\bnational(ly)?\b|\bnationwide\b|\b(whole|entire|across the) (country|us|usa|u\.s\.)\b", re.I)
#: "the most an MA can make": the national percentiles, which no state's answer has.
PERCENTILES = re.compile(r"\b(most|top|highest|max(imum)?|lowest|bottom|least)\b|percentile", re.I)
#: In a longer question the words that decide between neighbours are too often part of the story.
MAX_NEIGHBOUR_WORDS = 15
#: "is it all at once or is there a yearly limit": a follow-up this short may ask a facet of the topic in hand.
MAX_FACET_WORDS = 14
#: Longer messages carry their own topic; the conversation's does not outweigh it.
MAX_CONTINUED_WORDS = 10
#: "and that one?", "the other one": a thing the message does not name, so no reading is safe.
ANOTHER_THING = re.compile(r"\b(that|this|the other|another) ones?\b|\bother\b|\banother\b", re.IGNORECASE)
#: A follow-up's weighed reading below this is no reading: the guesses are offered instead.
MIN_CONTINUED = 0.3
#: The cue words pick between topics NLU ranked this high.
TOP_GUESSES = 4
#: Below this, a topic NLU chose gives way to the one the message's own words point to, if NLU
#: ranked that one too.
SURE = 0.6
#: "is there like a yearly limit on it" after MyCAA: a facet of the topic in hand that points back at
#: it outweighs an NLU reading this unsure (the exam's format, from "on it").
POINTED_FACET_SURE = 0.75
#: ... and one that says it goes on with the topic in hand ("too", "even if").
CONTINUED_FACET_SURE = 0.85
CONTINUES = re.compile(r"\b(too|also|as well|even if|even when)\b", re.IGNORECASE)
#: "How long do I get to take it?": the exam's own time, not the path's.
TAKING_IT = re.compile(
    r"\b(take|sit|finish|complete)\s+(it|the (exam|test))\b|\b(exam|test)\b|\bhow (long|much time) do (i|you|u|we) (get|have)\b",
    re.IGNORECASE,
)
#: Topics whose "it" is the exam itself: "how much does the NCMA test cost and how long is it" asks the
#: test's length (after renewal or eligibility, "how long is it" may be the credential's or the path's).
THE_EXAM_ITSELF = frozenset(
    {"ask_exam_format", "ask_exam_fee", "ask_exam_study", "ask_pass_rate", "ask_accommodations"}
)
#: "how long is that one" right after an exam's format: that exam's length.
HOW_LONG_IS_IT = re.compile(
    r"^\W*(and |ok |so )?how long (is|'?s) (it|that|that one|this one|the other( one)?|each( one)?|the [a-z]+ one)"
    r"( (normally|usually|typically|exactly|roughly|in total|total|overall))?\W*$"
    r"|^\W*(and |ok |so )?how long (does|do|will) (it|that|that one|this one|each( one)?|they|both|the [a-z]+ one) (take|last)\W*$"
    # "how long will i be there" after the exam's format: the exam's length, not a program's
    r"|^\W*(and |ok |so )?how long (will|would|do|am) (i|we|u|you) (be|sit|sitting|stay) (there|in there)\W*$",
    re.IGNORECASE,
)


#: The eligibility question asked of themselves (a form); NLU half-leaning there supports the question.
PERSONAL_CHECK = "check_eligibility"
#: "That didn't help": a complaint about the last answer, not a question.
UNHELPFUL = "feedback_unhelpful"
#: Small talk that can carry a question ("ok thank you. salary chicago?").
COURTESIES = ("thank", "greet", "goodbye")
#: Below this, a courtesy whose message holds a topic's cue words is read by those words.
SURE_COURTESY = 0.6


def _without_topic(
    intent: str | None, confidence: float, text: str, named: Sequence[tuple[str, str]], context: Context
) -> bool:
    """NLU found no topic: unsure, out of scope though it names our things (a state, a credential),
    comes in the middle of a conversation about them, or NLU is not sure of it, or a "statement" or
    courtesy worded as a question."""
    return (
        intent == "nlu_fallback"
        or (
            intent == "out_of_scope"
            and (confidence < CONFIDENT_OUT_OF_SCOPE or bool(named) or is_question(context.intent))
        )
        or (intent in ("inform", UNHELPFUL, *COURTESIES) and looks_like_question(text))
        # "that doesnt help me much, i want hourly not yearly": a complaint that says what it wants instead
        or (
            intent == UNHELPFUL
            and is_question(context.intent)
            and (cued_intent(text, context.intent) is not None or cued_aspect(context.intent, text) is not None)
        )
        # "miami salary", read as a greeting at 0.40: a courtesy NLU was unsure of, with a topic's words
        or (intent in COURTESIES and confidence < SURE_COURTESY and cued_intent(text, context.intent) is not None)
    )


#: Comparing another career with medical assisting is in scope (docs/intents.md).
COMPARES = re.compile(
    r"\b(better|worse|easier|harder|vs\.?|versus|compared?|instead|or an? ma|than|diff|difference|"
    r"(makes|earns|paid|pays) more|quicker|faster|shorter|longer|cheaper)\b",
    re.IGNORECASE,
)
MEDICAL_ASSISTANT = re.compile(r"(an? )?(ma|mas|cmas?|rmas?|medical assist\w*|med assistants?)", re.IGNORECASE)


def is_medical_assistant(role: str) -> bool:
    """ "MA", "medical assistants", "a CMA": the role every answer is about."""
    return bool(MEDICAL_ASSISTANT.fullmatch(role.strip()))


def _another_role(named: Sequence[tuple[str, str]]) -> bool:
    """The message names a role other than medical assistant (a CNA, an LPN, a dental assistant)."""
    return any(kind == "role" and not is_medical_assistant(value) for kind, value in named)


#: Pay named in so many words, beside whatever else is asked ("on pay and job growth").
PAY_NAMED = re.compile(r"\b(pay|salary|salaries|wages?|earn\w*)\b", re.IGNORECASE)
#: Topics that set another role beside medical assisting; asked with pay words, they ask each role's pay.
ROLES_SET_BESIDE = frozenset({"ask_compare_roles", "ask_career_advancement"})
ROLES_PAY = re.compile(
    rf"\b(salary|salaries|wages?|earn\w*|{_MAKE}s?|paid|pays? (better|more|less|the same)|"
    rf"(mas?|cnas?|lpns?|lvns?|rns?|nurses?|assistants?|techs?|aides?) pay|pay (wise|difference|gap))\b",
    re.IGNORECASE,
)
#: "the actual difference between a CNA and an MA besides the pay": everything but the pay.
PAY_SET_ASIDE = re.compile(
    r"\b(besides|other than|apart from|aside from|except|not counting)\b[^.?!]*\b(pay|money|salary|wages?)\b", re.I
)
#: Another career in place of this one: "How about LPN instead for me?".
INSTEAD = re.compile(r"\b(instead|rather)\b", re.I)
#: Topics asked of one role after another: pay, and a role set beside medical assisting.
ROLE_TOPICS = frozenset({"ask_salary", "ask_compare_roles"})
#: A message that says what the last question meant ("like school to become a medical assistant", "i mean the
#: program"): that question again.
CLARIFIES = re.compile(r"^\W*(like|i mean|i meant|meaning|as in)\W+(the |a |an |for |to |in )?\w+", re.IGNORECASE)
#: A few words asked back of the answer in hand, doubting it ("so no skipping nothing?", "not even one part?").
SHORT_ASKED_BACK = re.compile(
    r"^(?=.*\b(no|not|nothing|none|never|nobody|only|even|really|still)\b)(?!\W*(and|&|n)\b)(?!\W*((so|but|ok|okay)\W+)?(what|how|when|where|who|which|why)\b)"
    r"(?!.*\b(that|this|which|other|the) ones?\b)\W*(\w+\W+){2,4}\w+\W*\?+(\W*\b(lol|lmao|haha|ha|smh|huh|ugh)\b)*\W*$",
    re.I,
)
#: A role other than medical assisting named ("cna", "nurse", "lpn"); "rn" as "right now" is spelled out first.
OTHER_ROLE_NAMED = re.compile(
    r"\b(cna|lpn|lvn|rn|nurses?|nursing|phlebotom\w*|dental|pharmacy|pharm tech|emt)\b", re.IGNORECASE
)
#: Words around a bare name that ask nothing of their own ("and the pharmacy tech?", "what about LPNs").
BARE_FILLER = re.compile(
    r"\b(and|or|what|how|about|bout|abt|the|a|an|then|for|vs|versus|ok|so|one|ones)\b|[^\w\s]", re.I
)


#: Their own role told ("im a cna, how long is it"): the background, not the role asked about.
THEIR_ROLE = re.compile(r"\b(i'?m|im|i am|i was|i've been|ive been|been|as|work as|working as) (an? )?(\w+ )?$", re.I)


def _asked_of_another_role(intent: str | None, asked: str, named: Sequence[tuple[str, str]]) -> str | None:
    """Pay or training asked of another role: "CNA vs MA pay", "what they make compared to a registered nurse"
    (each role's pay); "and LPN how long is that one" (that role's training, beside an MA's)."""
    if (
        intent in ROLES_SET_BESIDE
        and _another_role(named)
        and ROLES_PAY.search(asked)
        and not PAY_SET_ASIDE.search(asked)
    ):
        return "ask_salary"
    if intent == "ask_duration" and _another_role_s_training(asked, named):
        return "ask_compare_roles"
    return None


def _another_role_s_training(asked: str, named: Sequence[tuple[str, str]]) -> bool:
    """How long another role takes ("how long does it take to become an LPN"), asked of that role, not medical
    assisting: no MA named, and the role is not their own ("im a cna, how long does it take")."""
    roles = [value for kind, value in named if kind == "role"]
    if not roles or any(is_medical_assistant(value) for value in roles):
        return False
    low = asked.lower()
    found = [low.find(value.lower()) for value in roles]
    return any(at >= 0 and not THEIR_ROLE.search(low[:at]) for at in found) and not SCHOOL_OF_MA.search(asked)


#: Medical assisting's own schooling named beside another role ("im an lpn, how long is ma school").
SCHOOL_OF_MA = re.compile(r"\b(ma|medical assist\w*|cma) (school|program|course|training|classes)\b", re.I)


def _just_another_role(text: str, context: Context, named: Sequence[tuple[str, str]]) -> bool:
    """ "pharmacy tech?" after what MAs earn: the same question of that role, not a career outside scope."""
    if context.intent not in ROLE_TOPICS or not _another_role(named):
        return False
    rest = text.lower()
    for kind, value in named:
        rest = rest.replace(value.lower(), " ") if kind == "role" else rest
    return not BARE_FILLER.sub(" ", rest).strip()


#: NLU this sure of a question that points at nothing before it: the story's words do not decide.
STORY_ASIDE = 0.97
#: A question pointing at the story told with it ("is that normal??", "is my RMA good there?").
POINTS_AT_STORY = re.compile(r"\b(it|its|that|this|they|them|those|these|there|here|then|so)\b", re.I)


def _decisive(intent: str | None, confidence: float, text: str) -> str | None:
    """The topic decisive words name, leaving out words that only follow a question NLU is sure of and
    that points at nothing ("can i get a pell grant? i already burned my GI bill on a bachelors lol":
    aid; the GI Bill is an aside)."""
    asked = asking_clause(text)
    start = text.find(asked)
    if (
        asked != text
        and start >= 0
        and is_question(intent)
        and confidence >= STORY_ASIDE
        and not POINTS_AT_STORY.search(asked)
    ):
        return decisive_topic(text[: start + len(asked)])
    if (
        asked != text
        and is_question(intent)
        and confidence >= STORY_ASIDE
        and len(text.split()) >= STORY_WORDS
        and decisive_topic(asked) is None
        and cued_intent(asked, None) == intent
    ):
        # "...these 'certification' things are a racket... So why should I pay a school when people learn it on the
        # job?": a long story's words decide nothing against a question whose own words and NLU agree
        return None
    # "I've kept my NREMT (let it lapse once, renewed)... medics can sit for the RMA straight up?": words in an
    # aside between brackets are the story's, never the question's topic
    without_asides = ASIDE.sub(" ", text)
    return decisive_topic(without_asides if "?" in without_asides else text)


#: An aside between brackets that asks nothing ("(let it lapse once, renewed)").
ASIDE = re.compile(r"\([^()?]*\)")


#: Topics whose answer differs by kind of program: "and the 2 year degree?" asks the same of the degree.
PRICED_BY_KIND = frozenset({"ask_program_cost", "ask_duration", "ask_financial_aid", "ask_online_program"})
PROGRAM_KIND = re.compile(
    r"\b(2|two|4|four)[- ]?(yr|year)s?\b|\bassociate'?s?\b|\bcertificates?\b|\bdiplomas?\b|\bdegrees?\b|\baccelerated\b",
    re.IGNORECASE,
)


def same_of_another_kind(text: str, context: Context) -> bool:
    """ "and associate degree" after a program's price: the same question, for another kind of program."""
    return context.intent in PRICED_BY_KIND and only_switches(text) and bool(PROGRAM_KIND.search(text))


def _declined_for_sure(intent: str | None, confidence: float) -> bool:
    """ "what pain meds should i take while im in school": a medical question, whatever else it names."""
    return intent in DECLINED and confidence >= SURE_OF_ANOTHER_TOPIC


#: A figure of the answer in hand, asked about: "is that 2k per test or total", "was the 10 hours a minimum".
THAT_FIGURE = re.compile(
    r"^\W*((so|ok|okay|wait|and|but|hmm)\W+)*(is|was|does|do) (that|the|this|those) \$?\d[\d,.]*\s*(k\b|grand\b|dollars?\b|hours?\b|%|percent\b|months?\b|years?\b)?",
    re.I,
)


#: Topics whose answer turns on the person's case: "what if ..." asks it again for a changed case.
CASE_TOPICS = frozenset({"ask_eligibility"})


def _another_case(text: str, context: Context, named: Sequence[tuple[str, str]]) -> bool:
    """ "what if they let me room patients and take vitals too" after whether front-desk work counts:
    the same question, for the changed case (not what an MA does), unless its words name another topic."""
    return (
        context.intent in CASE_TOPICS
        and not named  # "what if i did the associate degree instead": the degree, not the case
        and bool(WHAT_IF.match(text))
        and len(text.split()) <= MAX_FACET_WORDS
        and cued_intent(text, context.intent) in (None, context.intent)
    )


#: A figure of the answer in hand named as a thing: "how many hours is that 3 year thing total".
THAT_FIGURE_THING = re.compile(
    r"\b(that|the|this) \d+[- ]?(years?|yrs?|hours?|hrs?|months?) (thing|rule|route|part|requirement|one)\b|"
    r"^\W*\d+(\.\d+)? ?(%|percent) of what\b",  # "12% of what tho" after the job outlook
    re.I,
)


#: The figures just given, doubted or asked where they come from ("where are you even getting these numbers,
#: sounds made up"): the same answer, whose sources say where.
NUMBERS_DOUBTED = re.compile(
    r"\bwhere (are|do|did|does) (you|u|these|those|the|your|they) (even |actually )?(get|getting|got|come from|coming from|from)\b|"
    r"\b(numbers|figures|stats|data|pay|salary|prices?|fees?|that|this|it|those|these)\b[^.?!]{0,20}\b(sounds?|seems?|looks?) "
    r"(totally |completely )?"
    r"(made up|fake|wrong|off|too (high|low))\b|"
    r"\b(your|these|those|the) (numbers|figures|stats|data) (are|seem|look|sound) (made up|fake|wrong|off)\b|"
    r"\b(source|sources) (for|of) (these|those|that|this|the|your) (numbers|figures|stats|data)\b|"
    r"\b(some|a|another|one|other) (site|website|article|source|blog|video|report)s? (said|says|say|shows?|showed)\b|"
    # "16% or 12%?? every site says something different"
    r"\b(every|each|all the|different) (site|website|article|source|blog|video|report)s? (said|says|say|shows?|showed|gives?)\b|"
    # "that is not what the website allcma says, they say 4 times... who is right": the answer in hand, contradicted
    r"\b(that'?s|that is|thats|this is|it'?s|its) not what\b[^.?!]{0,40}\b(says?|said|told|tells|read)\b|"
    # "so I'm supposed to trust a 'secondary source'? great"
    r"\btrust (a |the |your |these |those )?\W?(secondary|second-?hand|secondhand) (source|site)s?\b|"
    # "so it's not even straight from bls.gov? then how am I supposed to trust it"
    r"\bnot (even )?(straight|directly|right) from\b|\bhow (am i|are we|is anyone|can i|do i) (supposed|meant) to trust\b|"
    # "my instructor said 16%. so which is it, you're making one of these up"
    # ("is the arizona thing even real... or is she making it up": someone else's claim, not the figures in hand)
    r"(?<!\bshe )(?<!\bhe )(?<!\bthey )(?<!she is )(?<!she's )(?<!shes )(?<!\bhe is )(?<!\bhe's )(?<!\bhes )"
    r"(?<!they are )(?<!they're )(?<!theyre )"
    r"\b(making|made|make) (this|that|it|these|those|them|one of (these|those|them)|(the|these|those) (numbers|figures)) up\b|"
    r"\b(my|a|the|our) (instructor|teacher|professor|counselor|recruiter|coworker|boss|friend) (said|says|told me)\b[^.?!]{0,20}\d+ ?%",
    re.I,
)


#: The people a question is asked for besides the person writing ("same for my husband po?").
_SOMEONE = (
    r"(husband|hubby|wife|spouse|partner|sister|sis|brother|bro|daughter|son|mom|mother|mum|dad|father|cousin|friend|"
    r"niece|nephew|aunt|auntie|uncle|kid|kids|child|girlfriend|boyfriend|gf|bf|fianc[eé]e?|coworker|co-worker|"
    r"roommate|neighbou?r|classmate|(sister|brother|mother|father|daughter|son)[- ]in[- ]law)"
)
#: The question in hand asked again for someone else, naming nobody else's case ("and for my sister?", "what about
#: my daughter", "same for her?", "same thing for my wife po"): the same topic, for them.
FOR_SOMEONE_ELSE = re.compile(
    r"^\W*((and|n|but|so|ok|okay|hmm|also)\W+)*(((what|how|wat) ?(about|bout|abt)( for)?|(is it |its |it'?s )?(the )?same"
    r"( thing| deal| answer)? for|for|with)\W+)?"
    rf"((my|her|his|our|your|the) (\w+ )?{_SOMEONE}|her|him|them|she|he)\b"
    r"(\W+(po|too|then|tho|though|also|as well|pls|please|lol|ha|hehe|now|here|there))*\W*$",
    re.IGNORECASE,
)


#: Their own pay now set against MA pay ("and pay compared to what i make now", "vs my current job").
THEIR_PAY_NOW = re.compile(
    r"\b(compared? (to|with)|vs\.?|versus|than|against|more than|less than)\b[^.?!]{0,15}\b(what i (make|earn|get)( now| "
    r"rn| right now| currently)?|my (current |own )?(pay|salary|wage|job|income)( now| rn)?)\b",
    re.I,
)


def with_their_role(understood: Understood, text: str, role: str | None) -> Understood:
    """ "and pay compared to what i make now" from a CNA: the pay of the role they told us they hold, beside MA pay;
    unchanged when they named another role or hold none we know of."""
    if (
        understood.intent != "ask_salary"
        or not role
        or not THEIR_PAY_NOW.search(text)
        or _another_role([(k, v) for k, v in understood.entities if (k, v) not in understood.from_context])
    ):
        return understood
    return replace(understood, entities=[*understood.entities, ("role", role)])


def for_someone_else(text: str) -> bool:
    """ "same for my husband po?": the question in hand, asked for someone else (their answer is not the writer's
    own verdict, so it is answered without the writer's profile)."""
    return bool(FOR_SOMEONE_ELSE.match(text.strip()))


def _figures_doubted(text: str, context: Context) -> str | None:
    """The topic whose figures are doubted: the one in hand; after a comparison of roles, their pay."""
    if not (is_question(context.intent) and NUMBERS_DOUBTED.search(text)):
        return None
    if decisive_topic(text) not in (None, context.intent):
        return None  # "any real data on how many of a program's graduates pass, or do schools just make that up?"
    if REQUIREMENT_ASKED.search(text):
        return None  # "also does arizona even require this or is HR making it up lol": a rule asked, HR doubted
    return "ask_salary" if context.intent in ROLE_TOPICS else context.intent


#: The answer in hand doubted with a reason told, not a new question: "Are you sure? I did 6 years of medical school,
#: that is more than any 1 year program", "u sure? sounds made up ngl".
ANSWER_DOUBTED = re.compile(
    r"(^|(?<=[.!?])\s+)\W*((but|hmm+|um+|wait|really|seriously|ok(ay)?)\W+)*((are|r)\W+)?(you|u|ya)\W+(sure|certain|positive)\b"
    r"\W*(about (that|this|it)\W*)?|"
    # "wait seriously?? my coworker let hers go like 2 years and just paid a fee and was fine"
    r"^\W*((but|hmm+|um+|wait|ok(ay)?)\W+)*(seriously|really|for real|fr|no way)( po)?\s*\?+\W*",
    re.I,
)
#: A doubt's reason ending in "why not?" or "how come?": why the answer is so, which it says again.
WHY_NOT = re.compile(r"[,.;]?\s*\b(but |so )?(why|how come)( not)?\W*$", re.I)
#: Their own case put against the answer ("Even if I am a doctor with ER experience?", "Even though it's a
#: certificate and not a second degree?"): the same answer, for them.
EVEN_IN_MY_CASE = re.compile(
    r"^\W*(even (if|though|tho|when|as|for|with) (i|i'?m|im|i am|we|we'?re|she|he|someone|a|an|my|it|it'?s|its|it is|"
    r"this|that'?s|thats|they|they'?re|her|his|our|mine)\b[^?]*)\?*\W*$",
    re.I,
)
#: What the doubt asks of the answer itself ("are you sure thats current?"): no new question.
OF_THE_ANSWER = re.compile(
    r"^\W*(that'?s|thats|that is|this is|it'?s|its|they'?re|those are)\W+(still )?(current|right|correct|true|accurate|"
    r"up to date|up-to-date|the latest|recent|real)\W*$",
    re.I,
)


#: The thing just described, doubted as too good to be real: "this is real? sounds like a scam lol".
IT_SOUNDS_A_SCAM = re.compile(
    r"^\W*((that'?s|thats|that is|this is|it'?s|its|this|that|it)\W+(even |actually )?(real|legit|true)\W+)?"
    r"((it|this|that) )?(sounds?|seems?|looks?) (like )?(a |kinda |kind of |sort of )?(scam|fake|too good to be true)"
    r"(\W+(lol|lmao|ngl|tbh|haha))*\W*$",
    re.I,
)


#: The answer in hand set beside other things: "compare that to CNA and LPN", "how does this compare with an LPN".
ANSWER_COMPARED = re.compile(
    r"\bcompare (that|this|it|those|these|them)( \w+)? (to|with|against)\b|"
    r"\bhow (does|do|would) (that|this|it|those|these) (\w+ )?compare\b",
    re.IGNORECASE,
)
#: Topics whose answer holds a figure for each role, so another role's can stand beside it.
FIGURES_BY_ROLE = frozenset({"ask_salary"})


def _answer_compared(text: str, context: Context, named: Sequence[tuple[str, str]]) -> str | None:
    """The topic in hand, when its answer ("that") is set beside other roles: pay after pay, side by side."""
    if context.intent in FIGURES_BY_ROLE and _another_role(named) and ANSWER_COMPARED.search(text):
        return context.intent
    return None


def _too_good_to_be_true(text: str, context: Context) -> str | None:
    """ "are u sure this is real? sounds like a scam lol" after WIOA: the topic in hand doubted, answered again
    with its source, not the diploma-mill answer (which is for an offer they name)."""
    doubted = ANSWER_DOUBTED.search(text)
    if doubted and is_question(context.intent) and IT_SOUNDS_A_SCAM.match(text[doubted.end() :]):
        return context.intent
    return None


#: The last answer restated in disbelief: "so no skipping at all??", "so there's no way around it at all?".
ANSWER_RESTATED = re.compile(
    r"^\W*((wait|hmm+|ok(ay)?|but|hala|ugh)\W+)*so\W+(there'?s\W+|there is\W+)?no\W+[\w-]+(\W+[\w-]+)?\W+at\W+all\b\W*",
    re.I,
)


def _answer_doubted(text: str, context: Context) -> str | None:
    """The topic in hand, when its answer is doubted and what follows tells a reason rather than asking anew; after
    two answers, the first ("are you sure? my friend from Lviv did the RMA…" after their verdict and its fee); the
    last answer restated in disbelief, with a reason ("so no skipping at all?? i even taught anatomy…"), is the last."""
    restated = ANSWER_RESTATED.search(text)
    if restated and is_question(context.intent):
        rest = text[restated.end() :]
        return None if looks_like_question(rest) or decisive_topic(rest) is not None else context.intent
    doubted = ANSWER_DOUBTED.search(text)  # "hm thats less than i thought. are you sure thats current?"
    if not (doubted and is_question(context.intent)):
        return None
    rest = text[doubted.end() :]
    if OF_THE_ANSWER.match(rest):  # after a verdict and pay, "are you sure thats current?" doubts the pay
        return "ask_salary" if "ask_salary" in (context.intent, context.earlier) else context.intent
    # "Really po? But I am RN, that is higher than MA, why not?": why the answer is so, no new question; so is
    # "Really?? Even if I am a doctor with ER experience?", the answer doubted for their case
    rest = EVEN_IN_MY_CASE.sub("", WHY_NOT.sub("", rest))
    if looks_like_question(rest) or decisive_topic(rest) is not None or decisive_topic(text[: doubted.start()]):
        return None
    if is_question(context.earlier) and _words_of(context.intent, rest) and not _words_of(context.earlier, rest):
        # "Are you sure about that? I was under the impression all of these required a diploma first." after
        # whether she may test before graduating and at what age: the diploma, the one its reason speaks of
        return context.intent
    return context.earlier if is_question(context.earlier) else context.intent


def _heard_against_the_answer(text: str, context: Context) -> str | None:
    """The answer whose words a doubt's reason uses, when that reason names another topic's words but asks nothing:
    "Are you sure? One senior from my college said without Step 1 no one will even let you sit for the MA exam."
    after the USMLE is the USMLE again, not whether they may sit the exam."""
    doubted = ANSWER_DOUBTED.search(text)
    if not (doubted and is_question(context.intent)):
        return None
    rest = text[doubted.end() :]
    if looks_like_question(rest) or decisive_topic(rest) is None:
        return None
    return next((t for t in (context.intent, context.earlier) if is_question(t) and _words_of(t, rest)), None)


#: Topics where "Step 2" is the USMLE's, not a step of the plan.
USMLE_IN_HAND = ("ask_residency_path", "ask_usmle", "ask_ecfmg")
USMLE_STEP = re.compile(r"\bstep ?(1|2|3|one|two|three)( ?ck)?\b", re.I)


def usmle_step_in_hand(intent: str | None, text: str, context: Context) -> str | None:
    """ "About Step 2 part?" read as a jump in the plan, after working as an MA while preparing Step 2 CK: that
    answer's Step 2, not the plan's second step."""
    if intent not in ("roadmap_jump", "roadmap_details") or not USMLE_STEP.search(text):
        return None
    return next((t for t in (context.intent, context.earlier) if t in USMLE_IN_HAND), None)


#: A part of their question they say went unanswered: "You didn't answer the Ohio pay part."
NOT_ANSWERED = re.compile(
    r"\b(didn'?t|did not|never|forgot to|you skipped|u skipped|you missed|u missed)\s+(answer\w*|address\w*|cover\w*|"
    r"respond\w*( to)?|get to)\s+(the|my|about the)\s+(?P<part>[^.?!]{1,40}?)\s*(part|question|bit|thing)?\W*$",
    re.I,
)


def _part_not_answered(text: str, context: Context) -> str | None:
    """The topic of the part they say went unanswered ("You didn't answer the Ohio pay part."): that question,
    asked again, not a complaint to apologise for."""
    missed = NOT_ANSWERED.search(text)
    if not missed:
        return None
    part = re.sub(r"^(question|part|bit)\s+(about|on|of)\s+(the\s+)?", "", missed.group("part"), flags=re.I)
    return cued_intent(f"what about the {part}", context.intent)


def _words_of(topic: str | None, text: str) -> bool:
    """Whether the text uses words of the topic (`TOPIC_WORDS`), for topics that have such words."""
    words = TOPIC_WORDS.get(topic or "")
    return words is not None and bool(words.search(text))


#: The answer in hand set against what they expected or were told: "are you sure its 3?", "thats way longer than i
#: thought", "my coworker says it's 10 admin, 10 clinical... who's right?", "did anyone actually check bls.gov?".
CONTESTED = re.compile(
    r"\b(are |r )?(you|u|ya) (are )?(sure|certain|positive)\b|"
    r"\b(less|lower|more|higher|longer|shorter|cheaper) than (i|we) (thought|think|expected|expect|heard|figured|was told)\b|"
    # "wait thats less than what keisha said"
    r"\b(less|lower|more|higher|longer|shorter|cheaper) than what (\w+ ){1,2}(said|says|told me|makes?|made|gets?|got|pays?|paid)\b|"
    r"\b(my|a|her|his|our) (\w+ )?(coworker|co-worker|friend|cousin|sister|brother|mom|mother|dad|teacher|instructor|"
    r"counselor|boss|manager|recruiter|classmate)s?\b[^.?!]{0,40}\b(says?|said|told (me|us|her|him)|did|does|got|"
    r"looked it up|thinks?|swears?)\b|"
    r"\bwho'?s right\b|\bwho is right\b|\bwhich (one )?is (it|right|correct|true)\b|"
    r"\bdid (anyone|anybody|you|u) (actually |even |ever )?(check|verify|look at|confirm)\b|"
    r"^\W*\$?\d+(\.\d+)?k?\s*\?{2,}",  # "40k??": a figure of the answer, doubted
    re.I,
)


#: The last answer itself questioned: where it comes from, that it confuses, or a yes or no demanded of it ("so
#: compulsory or not compulsory? your answer is confusing me", "is that the official rule or some random website").
ANSWER_QUESTIONED = re.compile(
    r"\b(official|real|actual) (rule|requirement|source|answer|number|figure)s? or\b|\brandom (web ?)?(site|page|blog)s?\b|"
    r"\b(your|that|this|the) answer('?s| is| was)? (so |very |kinda |a bit |really )?confus\w*|\bconfus(ing|es|ed) me\b|"
    r"\b(i'?m|im|i am) (so |still |really )?confused\b|"
    r"^\W*((so|ok|okay|but|then)\W+)*(?P<either>\w{4,}) or not( (?P=either))?\s*\?",
    re.I,
)


def _claim_contested(intent: str | None, text: str, context: Context) -> str | None:
    """The topic in hand, when its answer is contested with what they expected or heard and no other topic is
    asked: the answer again, whose sources and conflicts say what is known (NLU reads "who's right?" or "did
    anyone check bls.gov" out of the conversation as out of scope); not when NLU reads a question of its own,
    unless the message questions the answer itself ("is that the official rule or some random website")."""
    itself = ANSWER_QUESTIONED.search(text)
    if not (is_question(context.intent) and context.intent not in DECLINED and (itself or CONTESTED.search(text))):
        return None
    if decisive_topic(text) not in (None, context.intent):
        return None
    if itself and is_question(intent) and intent == context.earlier:
        return intent  # "thats less than i make now lol. is that from bls or some random site" after pay and length
    if is_question(intent) and intent != context.intent and not itself:
        return None  # "my counselor said cma not ccma lol. whats the diff between them": a question of its own
    return context.intent if cued_intent(asking_clause(text), context.intent) in (None, context.intent) else None


#: Whether something is required, asked of its own: "does arizona even require this".
REQUIREMENT_ASKED = re.compile(r"\b(does|do|did|will|would)\b[^.?!]{0,30}\b(require|requires|mandate|mandates)\b", re.I)


#: Allied roles people mostly hold after US training ("a certified phlebotomist... in Denver").
US_ALLIED_ROLE = re.compile(
    r"\b(phlebotom\w*|cnas?|nursing assistants?|emts?|medical scribes?|scribes?|pharmacy tech\w*|ekg tech\w*|"
    r"patient care tech\w*|pcts?|caregivers?|home health aides?|hhas?)\b",
    re.I,
)
#: Federal student aid named ("and FAFSA?").
FEDERAL_AID = re.compile(r"\b(fafsa|pell|federal (student )?aid|student aid)\b", re.I)
#: Words that place someone's training abroad, or where they came from ("a nurse from pinas").
ABROAD = re.compile(
    r"\b(abroad|foreign|overseas|international\w*|back home|my (home )?country|home country|another country|from|pinas|"
    r"philippines|filipin\w*|pinoy|pinay|india|indian|nigeria\w*|kenya\w*|ghana\w*|pakistan\w*|nepal\w*|"
    r"bangladesh\w*|mexic\w*|cuba\w*|venezuela\w*|colombia\w*|peru\w*|brazil\w*|haiti\w*|jamaica\w*|"
    r"dominican|salvador\w*|guatemala\w*|honduras|ukrain\w*|russia\w*|poland|polish|egypt\w*|ethiopia\w*|"
    r"iran\w*|iraq\w*|syria\w*|china|chinese|vietnam\w*|korea\w*|cameroon\w*|sudan\w*|somali\w*|"
    r"uk|england|canada|puerto rico|kerala|punjab\w*|gujarat\w*|tamil nadu|hyderabad|mumbai|delhi|chennai|manila|cebu|"
    r"lagos|abuja|accra|nairobi|karachi|lahore|dhaka|kathmandu|cairo|kyiv|kiev|kharkiv|lviv)\b",
    re.I,
)


def _trained_here(text: str, named: Sequence[tuple[str, str]]) -> bool:
    """An allied health worker in a US state, naming no training abroad, who asks whether their work counts:
    their US work, not a foreign nurse's path."""
    return (
        any(kind == "us_state" for kind, _ in named)
        and not ABROAD.search(text)
        and bool(US_ALLIED_ROLE.search(text))
        and bool(re.search(r"\b(count|counts|experience|qualif\w*)\b", text, re.I))
    )


#: Health work other than medical assisting, whose training abroad the answer for health workers trained abroad
#: covers (a nurse, a midwife, a pharmacist, a dentist, a phlebotomist, a lab technician, a radiographer).
HEALTH_TRAINING = re.compile(
    # ("my 10 years in Honduras hospital count for something?": hospital work abroad)
    r"\b(nurs(e|es|ing)|enfermer\w*|midwi\w+|partera|pharmac(?!olog)\w+|farmac(?!olog)\w+|dentist\w*|dental|phlebotom\w*|hospitals?|"
    r"lab(oratory)? (tech\w*|scientist|work)|medical technolog\w*|radiograph\w*|radiolog\w*|physio(?!log)\w*|paramedic\w*|"
    r"ambulances?)\b",
    re.I,
)
#: The answer just given asked again for someone else: "same answer for her?", "for him same answer?".
SAME_FOR_THEM = re.compile(
    r"\bsame (answer |thing |deal |for )?(for|with) (her|him|them)\b|\bfor (her|him|them) (the )?same\b", re.I
)
#: Whether what they have counts: "count for something", "counts for anything", "does it help".
COUNTS_FOR_ANYTHING = re.compile(r"\b(counts?|help|helps|accepted|worth)\b", re.I)
#: "I am pharmacist in China 15 year. Now San Francisco. Can be medical assistant?": whether their training
#: abroad lets them be one (but "nurse from Peru, on H4 visa, can i become MA?" asks leave to work).
CAN_BE_AN_MA = re.compile(r"\bcan (i )?(be|become|work as) (an? )?(ma|medical assistant)\b", re.I)
#: ABROAD without its bare "from" ("a certificate from my job" places nothing abroad).
ABROAD_PLACE = re.compile(ABROAD.pattern.replace("another country|from|", "another country|"), re.I)
#: Military training has its own routes, and a working MA's years their own verdict.
OWN_ROUTES = re.compile(r"\b(medic|corpsman|army|navy|military|air force|cnas?|nursing (assistant|home)s?)\b", re.I)


def _health_work_counted(
    intent: str | None,
    asking: bool,
    decided: str | None,
    text: str,
    named: Sequence[tuple[str, str]],
    context: Context,
) -> str | None:
    """Whether other health work counts: "a certified phlebotomist... in Denver. Does that count?" is their US
    work's verdict; "my phlebotomy from venezuela, count for something for the exam?" is the answer for health
    workers trained abroad."""
    if not decided and intent == "ask_foreign_nurse" and _trained_here(text, named):
        return "ask_eligibility"
    # "my Ukrainian lab work count for this CACMA?": a state's own credential has its own routes
    # (Washington's rules in hand from an earlier message leave "my phlebotomy from Brazil counts for anything?" to
    # the answer for training abroad; asked in the same message as its pathways, it is the MA-C's)
    state_own = (
        about_a_state_credential(text)
        or (context.intent == "ask_state_rules" and context.aspect in STATE_OWN_CREDENTIALS)
        or (context.same_message and _own_credential_in_hand(context))
    )
    return "ask_foreign_nurse" if asking and not state_own and _trained_abroad_counts(text) else None


def _trained_abroad_counts(text: str) -> bool:
    """ "ok. and my phlebotomy from venezuela, count for something for the exam?", "does my phlebotomy training
    from india count for any of the ma certs": health training abroad, asked whether it counts, is the answer
    for health workers trained abroad, not a verdict that reads their years as MA work."""
    asked = asking_clause(text)
    # a short message may tell the training, then ask ("I was lab technician in Haiti 8 years. It count for the
    # certification?"); a longer one's question must name it itself
    # and a longer one's question may point back to it ("...staff nurse in Manila for 8 years... Can my nursing
    # count so I can be medical assistant faster?")
    told = text if len(text.split()) <= MAX_TOLD_THEN_ASKED or OWN_TRAINING.search(asked) else asked
    return (
        bool(HEALTH_TRAINING.search(told) and ABROAD_PLACE.search(told))
        and bool(
            COUNTS_FOR_ANYTHING.search(asked)
            # ("hi im GNM nurse from kerala, in NJ. can i be MA and give injections here": a state's rule on a task)
            or (CAN_BE_AN_MA.search(asked) and not STATUS.search(text) and not MA_TASKS.search(asked))
            or SAME_FOR_THEM.search(asked)  # "my cousin is a pharmacist from kerala, same answer for her?"
        )
        and not OWN_ROUTES.search(text)
        and not MA_WORK_ASKED.search(asked)
        # "Can my nursing experience from India count for the RMA work experience route?": that route's own answer
        and not (TOWARD_NATIONAL.search(asked) and A_ROUTE.search(asked))
    )


#: A credential's route named: "the RMA work experience route", "category 4", "the pathway".
A_ROUTE = re.compile(r"\b(routes?|pathways?|category)\b", re.I)


#: Their own health training pointed back to in the question ("my nursing", "her pharmacy").
OWN_TRAINING = re.compile(r"\b(my|her|his) (nursing|phlebotomy|pharmacy|midwifery|dentistry|lab|bsn)\b", re.I)
#: Words in a short message before its question that may still tell what the question asks about.
MAX_TOLD_THEN_ASKED = 20
#: Their MA work asked about ("as MA", "my MA job"): the verdict on it, not their training abroad.
MA_WORK_ASKED = re.compile(r"\b(as (an? )?mas?|my mas? (job|work)|medical assistant (job|work))\b", re.I)


def _figure_in_hand(text: str, context: Context, named: Sequence[tuple[str, str]]) -> bool:
    """ "is that 2k per test or total" after the GI Bill: a figure of that answer, asked about."""
    return (
        is_question(context.intent)
        and not _carried(named)
        and bool(THAT_FIGURE.match(text) or THAT_FIGURE_THING.search(text))
        # "ok and the 2 year one, what would that run me ballpark" after program lengths: its price
        and not (context.intent not in COSTS and cued_intent(asking_clause(text), context.intent) in COSTS)
    )


def _a_task_there(intent: str | None, confidence: float, text: str, context: Context) -> bool:
    """ "can the doctor have me give IM shots there?" after Maryland's rules: a task in that state; "wait so i
    actually need a credential there?": what that state requires."""
    asked = asking_clause(text)
    return (
        context.intent == "ask_state_rules"
        and intent != "ask_state_rules"
        # "And if program is CAAHEP accredited, this is enough?": whether it meets them, however sure NLU is
        # (but "is it ok to work as MA while waiting?" on a tourist visa stays a question of status)
        and (confidence < SURE_OF_ANOTHER_TOPIC or (bool(MEETS_THEM.search(asked)) and intent != WORK_AUTHORIZATION))
        and bool(MA_TASKS.search(asked) or STATE_NEEDS.search(asked) or MEETS_THEM.search(asked))
        and not EXAM_WORDS.search(asked)  # "which test has more blood draw questions": the exams' content
    )


#: Right after a state's rules, whether something meets them ("her school is a 720 hr program but not caahep
#: is that ok", "And if program is CAAHEP accredited, this is enough?").
MEETS_THEM = re.compile(
    r"\b(is|are|would|will) (that|this|it|those|these|she|he) (be )?(ok|okay|fine|enough|acceptable|good enough)\b|"
    r"\b(that|this|it) (is|would be|will be) (ok|okay|fine|enough|acceptable|good enough)\b",
    re.I,
)
#: What medical assistants do, asked right after a state's rules on what they may not: their duties.
WHAT_THEY_DO = re.compile(
    r"\bwhat (do|does) (they|mas|ma'?s|medical assistants|an? (ma|medical assistant)) (even |actually |really )?do\b"
    r"(?! (with|about|if|when)\b)",
    re.I,
)


#: Topics whose answer is worked out for the person: something they tell about themselves next changes it.
ANSWERED_FOR_THEM = frozenset({"ask_eligibility", "ask_which_credential"})
#: A national credential, or its body, meant instead of the state's own ("the national one. can i take it").
NATIONAL_ONE = re.compile(r"\b(national|nha|amt|aama|ncct)\b", re.IGNORECASE)
#: Working in a state named: whether one may is that state's rules.
WORK_THERE = re.compile(
    r"\b(can|could|may|would|will)\s+(i|we|u|you|she|he)\s+(still\s+|even\s+|legally\s+)?(work|practice)\b|"
    r"\b(allowed|able|permitted) to (work|practice)\b",
    re.IGNORECASE,
)
#: Parts of the state's rules that are a state's own credential (California's CACMA), with its own exam and routes.
STATE_OWN_CREDENTIALS = frozenset({"cacma"})
#: Washington, as people name it, whose every medical assistant holds its own credential (MA-C, MA-R).
#: Whether they qualify for a state's own credential in hand may tell a little of the person, in a few more words.
MAX_STATE_CREDENTIAL_FOLLOW_UP = 12
STATE_WITH_ITS_OWN = re.compile(r"^\W*(wa|washington( state)?|ma-?[cr])\W*$", re.IGNORECASE)


def _own_credential_in_hand(context: Context) -> bool:
    """The answer in hand is the rules of a state with a credential of its own (California's CACMA asked about,
    or Washington's MA-C and MA-R)."""
    return context.intent == "ask_state_rules" and (
        context.aspect in STATE_OWN_CREDENTIALS
        or any(kind == "us_state" and STATE_WITH_ITS_OWN.match(value) for kind, value in context.entities)
    )


def state_credential_asked_again(understood: Understood, context: Context) -> bool:
    """The rules read a question as about the state's own credential in hand ("retake rules on that one", "how many
    tries do u get" after California's CACMA): the part of a topic in hand, which a reading of the topic alone
    cannot see. (A later "vs the rma" then asks the RMA's rules in that state, not its retakes: the part asked is
    not kept.)"""
    return (
        understood.intent == context.intent == "ask_state_rules"
        and context.aspect in STATE_OWN_CREDENTIALS
        and ("aspect", context.aspect) in understood.entities
    )


def _state_credential_in_hand(
    intent: str | None, text: str, named: Sequence[tuple[str, str]], context: Context
) -> bool:
    """ "could i take that one with my years" after California's own CACMA, "do my 3 yrs count for it" after
    Washington's rules: that state credential's own routes, not a national credential named earlier."""
    return (
        _own_credential_in_hand(context)
        and (intent in EXAM_TOPICS or intent in NO_TOPIC)
        and not any(_slot(kind) in ("credential", "certifying_body") for kind, _ in named)
        and not NATIONAL_ONE.search(text)
        # "how many tries do u get", "do i qualify with 3 years working here": asked of the credential in hand,
        # unless the state's credential has no answer for it ("i have adhd can i get extra time")
        # ("can i qualify with my job, i work for a doctor" after the CACMA: its routes, a story told in passing)
        and (
            bool(POINTS_AT_ONE.search(text))
            or len(text.split()) <= MAX_FOLLOW_UP_WORDS
            or (intent == "ask_eligibility" and len(text.split()) <= MAX_STATE_CREDENTIAL_FOLLOW_UP)
        )
        and intent != "ask_accommodations"
    )


#: A program's hours or the exam's window ("and after finishing how long do i have to pass the exam", "if i did
#: a regular school instead how many hours would it need"): asked with Washington in hand, its MA-C's own rules.
STATE_OWN_NUMBERS = re.compile(
    r"\bhow (soon|long) after\b|\bhow long do (i|you|u|we|she|he|they) (have|get) to (pass|take|test|sit)\b|"
    r"\bhow many (hours|hrs)\b[^.?!]*\b(need|needs|require\w*|program|school)\b|\b(minimum|min) (program )?hours\b|"
    r"\b(program|school)\b[^.?!]*\bhow many (hours|hrs)\b",
    re.IGNORECASE,
)


#: A school's career and technical education class: one of Washington's own pathways.
SCHOOL_CTE = re.compile(r"\bcte\b|\bcareer and technical\b", re.IGNORECASE)


def _state_own_numbers(text: str, named: Sequence[tuple[str, str]], context: Context) -> bool:
    """Washington named or in hand (its MA-C has its own program hours and exam window), and those asked of
    no credential named."""
    states = [value for kind, value in named if kind == "us_state"] or [
        value for kind, value in context.entities if kind == "us_state"
    ]
    own = any(STATE_WITH_ITS_OWN.match(value) for value in states)
    other = any(_slot(kind) in ("credential", "certifying_body") for kind, _ in named)
    # "my high school has a medical assistant CTE class thats 720 hours, does that count for washington?"
    asked = STATE_OWN_NUMBERS.search(asking_clause(text)) or SCHOOL_CTE.search(text)
    return own and not other and bool(asked)


def _last_sentence(text: str) -> str:
    """The last sentence of `text`: the question itself, not the duties a story listed before it ("I do antenatal
    care, vaccination, family planning. ... My question, my midwife training, it can count...?")."""
    return re.split(r"(?<=[.!?])\s+(?=\S)", text.strip())[-1]


def _asks_state_rules(intent: str | None, text: str, named: Sequence[tuple[str, str]]) -> bool:
    """ "does my MA-R count toward MA-C": Washington's rules, not a national credential; "new clinic says
    arizona requires me to have done a program or passed an exam??": Arizona's rules, not the USMLE."""
    if intent == "ask_usmle" and re.search(r"\busmle\b", asking_clause(text), re.IGNORECASE):
        return False  # "living in Chicago... Is USMLE required for become certified medical assistant?"
    asks = is_question(intent) or (
        intent in NO_TOPIC and (looks_like_question(text) or len(text.split()) <= SHORT_NAMING)
    )
    if asks and about_a_state_credential(text):
        return True
    if intent == WORK_AUTHORIZATION and LICENCE_ASKED.search(text) and not about_immigration_status(text):
        # "...now green card holder living here in daly city. my friend told me in california i dont need any
        # license to work as MA, is that true po?": a state's licence, not a visa
        return any(k == "us_state" for k, _ in named)
    in_a_state = any(k == "us_state" for k, _ in named)
    if (
        in_a_state
        and is_question(intent)
        and intent not in DECLINED
        and MA_TASKS.search(_last_sentence(asking_clause(text)))
    ):
        return True  # "can i give shots at my externship in cali": California's rules, not the externship
    readable = intent in READ_FOR_STATE_RULES or (intent in NO_TOPIC and asks)  # "is that even allowed in new york"
    if readable and in_a_state and STATE_NEEDS.search(asking_clause(text)):
        return True  # "for that I must have certification in maryland or no?": Maryland's rules
    if not (intent in STATELESS_READINGS and in_a_state):
        return False
    if intent == "ask_foreign_nurse":  # "if i become MA can i give vaccine in new york?": what an MA may do there
        return bool(MA_TASKS.search(_last_sentence(asking_clause(text))))
    # "...now in Queens. If I work as medical assistant here in New York can I give medicines to patients?"
    return bool(STATE_REQUIRES.search(text) or MA_TASKS.search(_last_sentence(asking_clause(text))))


#: Topics NLU reads from a question's form alone ("how long ...", "... from home"): pointing back at the
#: topic in hand ("how long does that take" after a credential evaluation, "can i do it from home" after
#: the exam), the question asks that topic's own time or place.
ASKED_OF_ANY_TOPIC = frozenset({"ask_duration", "ask_online_program"})


def _points_back_to_it(intent: str | None, text: str) -> bool:
    """ "how long does that take": a question of form alone that points back (but "how long do I have to
    take it" names an exam's time, which `TAKING_IT` leaves to the exam)."""
    return intent in ASKED_OF_ANY_TOPIC and bool(POINTS_BACK.search(text)) and not TAKING_IT.search(text)


#: NLU's reading had none of its words: a facet of the topic in hand may take a few more words.
MAX_MISHEARD_FACET_WORDS = 18


def _more_of_it(intent: str | None, text: str, named: Sequence[tuple[str, str]], context: Context) -> str | None:
    """The topic in hand asked again, of another case or amount; else a neighbour's part named alone
    ("remote?" after the CCMA's retake wait: where its exam is taken, a part of its format)."""
    if is_question(context.intent) and (
        _asks_again(text, named) or _a_case_of_it(intent, text, named) or _how_much_of_it(intent, text, named)
    ):
        return context.intent
    return _a_neighbour_s_part(text, context)


def _a_neighbour_s_part(text: str, context: Context) -> str | None:
    """A terse follow-up NLU gave no topic that names a part of a topic next to the one in hand, when just
    one neighbour has that part: "remote?" after the CCMA's retakes asks where its exam is taken."""
    if not is_question(context.intent) or len(text.split()) > TERSE or facet_of_topic_in_hand(context.intent, text):
        return None
    # a neighbour's named parts only: its follow-up words ("where", "hours") are too common to move it
    found = {topic for topic in neighbours(context.intent) if cued_aspect(topic, text) not in (None, OVERVIEW)}
    return found.pop() if len(found) == 1 else None


def _facet_of_the_earlier(intent: str | None, confidence: float, text: str, context: Context) -> str | None:
    """The earlier of the last reply's two topics, when a short message NLU gave no topic asks about a part of
    it and of no part of the last ("what's the catch though" after the residency path and how a degree is seen)."""
    asks_it = (
        not is_question(intent)  # "what's the catch though", no topic of its own ("how long would the whole path take")
        and is_question(context.earlier)
        and not context.same_message
        and context.earlier != context.intent
        and not facet_of_topic_in_hand(context.intent, text)
        and _facet_in_hand(intent, confidence, text, replace(context, intent=context.earlier))
    )
    return context.earlier if asks_it else None


def _facet_named(text: str, context: Context) -> str | None:
    """The topic in hand, when a short message NLU misread asks about one of its facets."""
    short = len(text.split()) <= MAX_MISHEARD_FACET_WORDS
    return context.intent if short and facet_of_topic_in_hand(context.intent, text) else None


#: A message this short that points back ("whats it nationally") is about the topic in hand.
TERSE = 4
#: A time limit of the topic in hand ("how long do I have to finish the program?" after MyCAA).
DEADLINE = re.compile(
    r"\b(have|got|get) to (finish|complete|use)\b|\btime limit\b|\bdeadline\b|\bwithin how (long|many)\b", re.I
)


#: How long they must wait ("how long i must wait??"), asked of every topic that has a wait: its own.
HOW_LONG_WAITED = re.compile(r"\bhow long\b[^.?!]{0,25}\bwait\b(?![^.?!]*\b(program|school|class(es)?|course)\b)", re.I)


#: "who would i double check that with", "Where would I confirm the current rules?": where to confirm the
#: answer in hand, which that answer names (its certifier, board or official site).
CONFIRM_WITH = re.compile(
    r"^\W*((and|so|ok|okay|but|then)\W+)*(where|who|whom)\b[^.?!]{0,40}\b(confirm|double[- ]?check|verify|"
    r"check (that|this|it|them|those)|ask (about )?(that|this|it)|"
    # "so where do i look this up officially so i can show my manager"
    r"look (that|this|it|them) up|read (that|this|it) (myself|officially)|find (that|this|it) (officially|in writing)|"
    # "who do i ask to be 100% sure"
    r"ask to be (100%|a hundred percent|totally|completely|really|fully) sure|ask to make sure)(\b|(?<=%))",
    re.IGNORECASE,
)


def _where_to_confirm(text: str, context: Context) -> bool:
    return (
        is_question(context.intent)
        and bool(CONFIRM_WITH.search(text))
        and len(text.split()) <= MAX_FACET_WORDS
        and cued_intent(text, context.intent) in (None, context.intent, "ask_state_rules")
    )


def _facet_in_hand(intent: str | None, confidence: float, text: str, context: Context) -> bool:
    """A short message on a part of the topic in hand ("is there a limit per year" after MyCAA)."""
    return (
        (
            confidence < SURE
            or intent in NO_TOPIC
            or _points_back_to_it(intent, text)
            or (confidence < POINTED_FACET_SURE and bool(POINTS_BACK.search(text)))
            # "pays for the cert test too?", "even if i fail it" after the GI Bill: more of the same topic
            or (
                confidence < CONTINUED_FACET_SURE
                and bool(CONTINUES.search(text))
                # "...whats the NHA CCMA renewal" after pay names another topic beside the facet's words
                and cued_intent(without_facet(context.intent, text), context.intent) in (None, context.intent)
            )
            or (intent in ASKED_OF_ANY_TOPIC and bool(DEADLINE.search(text)))  # "how long do I have to finish"
            # "how many times i can retake it and how long i must wait??": the wait of the topic in hand
            or (intent in ASKED_OF_ANY_TOPIC and bool(HOW_LONG_WAITED.search(text)))
            # "wut if its a short one like 10 weeks" after aid: the topic in hand, for that case (but "ok and if i
            # wanted the national one too, whats the NHA CCMA renewal" names its own topic)
            or (
                confidence < CONTINUED_FACET_SURE
                and bool(WHAT_IF.match(text))
                and cued_intent(text, context.intent) in (None, context.intent)
            )
            # "whats it nationally", "hm that's less than I made at the bank. what is it nationally"
            or any(
                len(said.split()) <= TERSE and bool(POINTS_BACK.search(said)) for said in (text, asking_clause(text))
            )
        )
        # the whole message or the question in it ("and is there a deadline to finish it? we might PCS in
        # 2 years and I'm freaking out"), short and on a facet of the topic in hand
        and any(
            len(said.split()) <= (MAX_MISHEARD_FACET_WORDS if intent in NO_TOPIC else MAX_FACET_WORDS)
            and facet_of_topic_in_hand(context.intent, said)
            for said in (text, asking_clause(text))
        )
        # "how many questions n how long is it" after renewal: NLU and the words beside the facet's own
        # agree on another topic (but "how long" is asked of every topic: "how long do i have to finish"
        # is still MyCAA's, and "does every program qualify" after aid is still aid)
        and not (
            intent not in (context.intent, "ask_duration")
            and cued_intent(without_facet(context.intent, text), context.intent) == intent
        )
        # "the course how long is" after the exam's languages: a program's length, not the topic's own time
        and not (
            context.intent not in SCHOOL_TOPICS
            and SCHOOLING.search(asking_clause(text))
            and cued_intent(asking_clause(text), context.intent) == "ask_duration"
        )
    )


#: Topics about a program itself, whose own "how long" is the program's.
SCHOOL_TOPICS = frozenset(
    {
        "ask_duration",
        "ask_program_type",
        "ask_program_cost",
        "ask_online_program",
        "ask_externship",
        "ask_accredited_programs",
        "ask_choose_program",
        "ask_course_transfer",
        "ask_military_benefits",
        "ask_financial_aid",
    }
)


#: "which ones take job experience", "any of the exams": every credential, not the one in hand.
ANY_CREDENTIAL = re.compile(
    r"\b(which|what|any|all) ((national|other|of the|of the other) )?(ones|of (them|the (certs|credentials|exams))|(certs|credentials|"
    r"certifications|exams))\b|\b(what|which) other (exams?|tests?|certs?|certifications?|credentials?|ones?)\b|\b(anything|any ?one|something) (faster|quicker|easier)\b|"
    r"\bis there (one|any|an?y? ?(cert\w*|credential|exam|test))\b[^.?!]*\b(i|we|she|he) (can|could)\b|"
    # "if they aren't accredited, can he still get certified at all?": every credential's routes
    r"\b(still|even) (get|be|become) certified\b|\bcertified at all\b|"
    # "is there other cert i can take w this diploma", "use it for one of the other exams": the others too
    r"\b(other|another|different) (certs?|certifications?|credentials?|exams|tests)\b|"
    # "so which one can i do then" after one credential's verdict, "what are my options": every credential
    r"\bwhich (one|cert\w*|exam|test|credential)s? (can|could|would|do) (i|we|she|he|u) (do|get|take|sit|qualify|go for|apply)\b|"
    # "ok so which one i can take without doing full course again" (the words in a statement's order)
    r"\bwhich (one|cert\w*|exam|test|credential)s? (i|we|she|he|u) (can|could) (do|get|take|sit|qualify|go for|apply)\b|"
    r"\b(what|which) (are )?(my|our|his|her|the) (\w+ )?options\b|\b(for|to) both( of them)?\W*\??$|"
    # "is there one that dont need school at all": every credential's routes
    r"\bis there (one|any|an?y? ?(cert\w*|credential|exam|test))\b[^.?!]{0,10}\b(that|which|where) (don'?t|doesn'?t|dont|doesnt|"
    r"do not|does not|wont|won'?t) (need|require|ask)\b|"
    r"\bwhich (cert|certification|credential|exam|test)s? ((can|could|should) )?(i|we|she|he) (can |could )?(take|get|sit)\b|"
    # "wow ok so what can i actually sit for with my 2 yrs": every credential that takes them
    # ("fine. so what CAN i take with a non accredited program")
    r"\bwhat (else )?(can|could) (i|we|she|he) (actually |even |really |still )?((sit|test|qualify) for|take(\W*$|\s+with\b))|"
    r"^\W*(\w+\W+){0,3}for which (one|cert\w*|credential)s?\W*$|"  # "1 year for which one?"
    # "so what can i get" after one credential's verdict: every credential's
    r"^\W*((so|ok|okay|then|well)\W+)*what (else )?(can|could) (i|we|she|he) (get|go for)( with [^.?!]{1,30}?)?( then| instead)?\W*$|"
    # "which one has more questions lol" after two exams: every exam side by side
    r"\bwhich (one|of (them|those|these|the two))\b[^.?!]*\b(more|fewer|less|longer|shorter|cheaper|harder|easier)\b",
    re.IGNORECASE,
)
#: The other credentials, named by nothing else ("and the other ones?", "what about the others"): the question
#: in hand, asked of every credential.
THE_OTHERS = re.compile(
    r"^\W*((and|n|but|so|ok|okay|what about|how about|wbu|same for)\W+)*(the |all the )?"
    r"(others|other (ones?|two|three|exams?|tests?|certs?|credentials?))(\W+(then|tho|though|too|pls|please))?\W*$",
    re.I,
)
#: A superlative asked across the credentials in question ("ok so of the ones I can do which is cheapest?").
ACROSS_THE_ONES = re.compile(
    r"\b(of|among|out of|between) (the ones|them|those|these|all (of )?(them|those|these|the ones))\b[^.?!]*"
    r"\bwhich(?: one)?(?:'s| is| would be| will be)? (the )?(cheapest|fastest|quickest|shortest|easiest|hardest|best)\b|"
    r"\bwhich(?: one)?(?:'s| is)? (the )?(cheapest|fastest|quickest|shortest|easiest|hardest)\b[^.?!]*"
    r"\b(of|among|out of) (the ones|them|those|these|all)\b",
    re.IGNORECASE,
)
#: A figure of the answer, or the answer itself, met with surprise before another question ("60%?? thats it?").
SURPRISE_FIRST = re.compile(
    r"^\W*((wait|so|ok|okay|hmm|wow|omg|lol)\W+)*(\$?\d[\d,.]*\s*(%|k|percent|dollars?|hours?|years?)?|only|that'?s it|"
    r"thats it|really|seriously|for real|what)\W*[?!]+(\s+((that'?s|thats|is that) (it|all)|only|really|seriously)\W*[?!]+)?\s",
    re.IGNORECASE,
)
#: "the other one", not "the other ones": with two credentials in hand it is the second of them, not every credential.
ONE_OTHER = re.compile(r"\bother (one|exam|test|cert|credential)\W*(then|tho|though|too|pls|please)?\W*$", re.I)


def _the_others(text: str, context: Context) -> bool:
    """ "and the other ones?" after the CMA's pass rate: every other credential; "and the other one" after two
    credentials is the second of those two, which the switch rules read."""
    # "60%?? thats it? and the other ones": surprise at the answer first, then the others asked
    last = re.split(r"(?<=[?!.])\s+", text.strip())[-1]
    if not (THE_OTHERS.match(text) or (last != text and THE_OTHERS.match(last) and SURPRISE_FIRST.match(text))):
        return False
    in_hand = [v for k, v in context.entities if _slot(k) == "credential"]
    return not (ONE_OTHER.search(text) and len(in_hand) >= 2)


#: Topics whose answer sets options side by side: certificate or associate degree, one credential or another.
CHOICE_TOPICS = frozenset({"ask_program_type", "ask_which_credential", "ask_compare_roles"})
WHICH_ONE = re.compile(
    r"\bwhich (one|of (them|those|these|the two)|is (better|faster|quicker|cheaper|shorter|easier))\b|"
    r"\bwhich (would|should|do) (you|u|i) (pick|choose|go with|recommend)\b|\bif (you|u) were me\b",
    re.IGNORECASE,
)


def picks_between_options(text: str, context: Context, named: Sequence[tuple[str, str]] = ()) -> bool:
    """ "Which one would be faster for me?" after certificate vs associate degree: a pick between the
    options just set side by side, not a request for a timeline or a credential, unless it names new ones."""
    return (
        context.intent in CHOICE_TOPICS
        and len(text.split()) <= MAX_FACET_WORDS
        and bool(WHICH_ONE.search(text))
        and not _carried(named)
        and cued_intent(text, context.intent) not in COSTS  # "which one is cheaper": what they cost
    )


#: The credentials themselves accredited ("are they all accredited or whatever", "Are they all accredited by some
#: outside body"), asked after the credentials: their own accreditation (NCCA), not programs'.
CREDENTIAL_TOPICS = frozenset({"ask_credential_info", "ask_which_credential"})
THEY_ACCREDITED = re.compile(
    r"\b(are|is) (they|these|those|them|all of them|the (certs?|credentials?|exams?))( all)? (\w+ )?accredited\b", re.I
)
#: Which credential a way of training leads to ("which cert does it prepare you for" after an apprenticeship).
PROGRAM_KINDS = frozenset({"ask_learn_on_job", "ask_online_program", "ask_program_type", "ask_choose_program"})
PREPARES_FOR = re.compile(
    r"\bwhich (national |state )?(cert\w*|credential|exam|test)s?\b[^.?!]{0,20}\b(prepare|prep|get (you|u) ready|ready (you|u)|lead to)",
    re.I,
)
#: How long it is good for ("how long is it good 4"): after an exam or credential, the credential's renewal.
GOOD_FOR = re.compile(
    r"^(?!.*\b(applications?|app|reports?|evaluations?|evals?|wes|ece)\b).*"
    r"\bhow long (is|are|will|does) (it|that|this|they)( \w+)? (be )?(good|valid)\b",
    re.I,
)
#: A term of the state's rules in hand ("would my 68W count as the approved program then" after Arizona's).
THE_STATE_S_TERM = re.compile(
    r"\bthe (approved|required|state'?s?) (program|training|course|school|exam|test)\b|\bcounts? as certified\b", re.I
)
#: Whether something will do in the state in hand ("...and then pass the ccma thats good there?").
GOOD_THERE = re.compile(
    r"^(?!.*\b(pay|pays|paid|make|makes|earn\w*|salary|money|wages?)\b).*\b(good|ok|okay|fine|enough|accepted|legal|allowed|counts?|works?)( (over )?there| in (that|this) state)\W*$",
    re.I,
)
#: Who gives the training a state's rules ask for ("who gives that training" after California's).
WHO_TRAINS = re.compile(
    r"\bwho (gives|does|provides|teaches|runs|can give|can do|offers)\b[^.?!]{0,15}\btrain\w*", re.I
)
#: Which of two is better ("which is better if i maybe want nursing later"): with two kinds of program in hand,
#: the comparison of the kinds.
WHICH_BETTER = re.compile(
    r"\bwhich (one |kind |type |option )?(is|would be|'?s) (better|best|smarter|the better)\b|"
    r"\bwhich (one )?should i (do|pick|choose|go with|get|go for)\b",
    re.I,
)
#: One of two options set side by side, picked by a measure ("which one is faster", "which is cheaper"): a short
#: follow-up that asks the comparison again.
WHICH_OF_THE_KINDS = re.compile(
    r"^\W*((and|so|ok|okay|but)\W+)*which (one |of (them|the two|those|these) )?(is|would be|'?s) "
    r"(faster|quicker|shorter|cheaper|better|best|easier|longer|more)\b[^.?!]{0,30}\W*$",
    re.I,
)
#: Which of the credentials in hand the bot would pick for them ("which of those would you go for in my case").
WHICH_FOR_ME = re.compile(
    r"\bwhich (of (those|these|them|the \w+)|one|would) (would |should )?(you|u) (go for|pick|choose|get|recommend|take|do)\b",
    re.I,
)
#: One of the credentials just set side by side, picked for oneself ("which one do i want then?").
WHICH_OF_THEIRS = re.compile(
    r"\bwhich (one|of (the|those|these|them)( two)?)\b[^.?!]{0,20}\b(do|should|would|will|can) (i|we|u|you) "
    r"(want|need|get|go for|pick|choose|take|do)\b",
    re.I,
)
#: A benefit's rate for a schedule ("does it still pay full time", "would they count that as full time" after
#: the GI Bill): the benefit's full-time rule.
PAYS_FULL_TIME = re.compile(
    r"\b(pay|pays|paid|count|counts|counted|treat|treated|consider|considered)\b[^.?!]{0,15}\b(full|part)[- ]?time\b",
    re.I,
)
#: Being called by the title ("can i call myself a certified medical assistant in fl"): some states' laws say
#: who may use it, so with a state named it is that state's rules, not the trademark of a course.
TITLE_CALLED = re.compile(
    r"\b(call|calling|be called|use the title|introduce)\b[^.?!]{0,25}\bcertified medical assistant\b", re.I
)


#: What comes after a state's credential, not its rules: "after MA-C would the derm experience let me specialise".
BEYOND_THE_CREDENTIAL = ("ask_career_advancement",)


#: Whether a task is allowed, asked ("can they give flu shots"), not set aside ("what MA do in NY office, if no shot").
TASK_ALLOWED = re.compile(
    r"\b(can|could|may|allowed to|permitted to|able to)\b[^.?!]{0,20}\b(give|do|draw|take|inject|administer)\b[^.?!]{0,20}"
    + MA_TASKS.pattern,
    re.I,
)


def _a_state_s_rules_after_all(
    decided: str | None, intent: str | None, text: str, named: Sequence[tuple[str, str]], context: Context
) -> bool:
    """A question whose words point elsewhere that still asks a state's rules: a state's own credential,
    starting work in a state named, a national credential carried to a state."""
    if _state_credential_in_hand(decided or intent, text, named, context):
        return True
    if context.intent == STATE_RULES and (
        THE_STATE_S_TERM.search(text) or WHO_TRAINS.search(text) or GOOD_THERE.search(text)
    ):
        return True  # "would my 68W count as the approved program then" after Arizona's rules: their term
    if any(k == "us_state" for k, _ in named) and TITLE_CALLED.search(text):
        return True  # "can i call myself a certified medical assistant in fl": Florida's statute on that title
    if (
        decided
        and decided not in (*DECLINED, *BEYOND_THE_CREDENTIAL)
        and about_a_state_credential(text)
        and not TOWARD_NATIONAL.search(text)
    ):
        return True  # "and how long is the MA-C training hours wise": Washington's own pathway
    if decided == "ask_what_is_cma" and any(k == "us_state" for k, _ in named) and TASK_ALLOWED.search(text):
        return True  # "in NY what do MAs actually do, can they give flu shots": what they may do there
    starts_work = any(k == "us_state" for k, _ in named) and bool(START_WORKING.search(asking_clause(text)))
    if decided == "ask_eligibility" and starts_work:
        return True  # "...stay in Washington. Can I start working as an MA right away on my training?"
    if decided in ("ask_renewal", "ask_credential_info") and _asks_state_rules(decided, text, named):
        # "does my CCMA carry over or do I need a New York one", "does the national exam have to be NCCA
        # accredited for WA?": that state's rules
        return True
    # "if i get the ccma now does that carry over there" after Washington: its rules
    return (
        (decided or intent) in ("ask_renewal", "ask_credential_info", *NO_TOPIC)
        and any(kind == "us_state" for kind, _ in context.entities)
        and bool(CARRIES_THERE.search(text))
    )


#: Times asked of something other than an evaluator ("how long is the CMA valid", "how long is the cma exam").
OTHER_TIMES = re.compile(r"\b(c?cma|rma|ncma|exam|test|valid|good for|last|lasts)\b", re.I)
#: Which report, asked of the report types ("Which one I need for RMA?").
WHICH_REPORT = re.compile(r"\bwhich (one|report|type|kind)\b", re.I)
#: What a report is wanted for ("…I need for RMA?"), never a choice between two things ("rma or cma which one").
REPORT_FOR = re.compile(
    r"^(?!.*\bor\b).*(\b(need|needs|want|wants|ask|asks|require\w*)\b|\bfor (the )?(c?cma|rma|ncma|amt|aama|nha|ncct)\b)",
    re.I,
)
#: A time limit to finish ("is there a limit on how long i have to finish", "is there a deadline").
FINISH_LIMIT = re.compile(
    r"^(?!.*\broute\b).*(\b(limit|deadline)\b[^.?!]*\b(finish|complete)\b|\bhow long (do|does|would|will) "
    r"(i|we|she|he|you|u) have to (finish|complete)\b)",
    re.I,
)
#: Which papers to show or send ("which papers she need to show").
PAPERS = re.compile(
    r"\b(which|what|wich|wat) (\w+ )?(papers?|documents?|documentation|proof|paperwork|forms?)\b[^.?!]*\b(show|send|"
    r"submit|give|bring|provide)\b",
    re.I,
)
#: CPR asked of what is in hand, not of a route to an exam ("for the work route do I need CPR card?").
CPR_AGAIN = re.compile(r"^(?!.*\b(route|take|sit|apply|eligib\w*|qualify)\b).*\bcpr\b", re.I)
#: A state's own terms asked of again with its rule in hand: a program it approves, an exam it accepts ("does the
#: nha one count for that" after Arizona's rule).
STATE_S_TERMS = re.compile(
    r"\b(not |un)approved (ones?|programs?|schools?)\b|\b(isn'?t|isnt|not|aren'?t|arent) (one of )?the approved\b|"
    r"^(?!.*\b(toward|towards|c?cma|rma|ncma)\b).*\b(one|exam|test|cert\w*)\b[^.?!]{0,15}\b(count|counts|accepted|work) "
    r"(for|there|here)\b",
    re.I,
)
#: A rule changing ("is that changing or nah", "is the law going to change").
RULES_CHANGING = re.compile(
    r"\b(is|are) (that|it|this|the (law|rules?|bill)) (going to |gonna |about to |ever )?chang\w*\b|"
    r"\b(law|rules?|bill)\b[^.?!]{0,20}\b(chang\w*|pass(ed|ing)?)\b",
    re.I,
)
#: Money returned ("do i get my money back if i cant go", "is it refundable").
MONEY_BACK = re.compile(r"\b(money back|refund\w*|get (it|that) back)\b", re.I)
#: Words that make money asked back a legal matter ("is that even legal?? can i sue for a refund").
LEGAL_WORDS = re.compile(r"\b(sue|suing|legal|illegal|lawyer|attorney|court|lawsuit)\b", re.I)
#: Better pay from what they would do ("is the pay better doing that", "does that pay more").
PAYS_BETTER = re.compile(
    r"\b(pay|money|salary)( is)? (better|more|higher)\b|\bpays? (better|more)\b|\b(make|earn) more\b(?! sense)", re.I
)
#: "How long" asked of everything together: "how long would all of it take start to finish".
HOW_LONG = re.compile(r"\bhow (long|many (months|years))\b", re.I)
ALL_OF_IT = re.compile(
    r"\ball (of )?(it|this|that)\b|\bstart to finish\b|\bbeginning to end\b|\bthe whole (thing|path|process)\b|\bin total\b|\baltogether\b",
    re.I,
)
#: Time allowed at the exam ("how long do i get for the whole thing" after the exam's format).
TIME_ALLOWED = re.compile(r"\b(do|will|would|can) (i|we|you|u) (get|have)\b", re.I)
#: Topics of one part of the path, after which "how long … all of it" asks the whole path's length.
WHOLE_PATH_AFTER = frozenset(
    {
        "ask_externship",
        "ask_exam_format",
        "ask_exam_fee",
        "ask_program_cost",
        "ask_online_program",
        "ask_choose_program",
        "ask_accredited_programs",
        "ask_eligibility",
        "ask_salary",
        "ask_what_is_cma",
    }
)


#: A topic in hand and words that ask more of that same topic.
#: "how many do i need again" after renewal: how many credits.
HOW_MANY_NEEDED = re.compile(
    r"^\W*((ok|so|and|wait|um|hmm)\W+)*how many (do|does|will|would) (i|you|u|we|she|he) (need|have to (get|do|earn))\b"
    r"(\W+(again|total|in total|then|for (it|that)))*\W*$",
    re.I,
)
#: "is there free ce anywhere" after renewal: where to earn the credits.
FREE_CREDITS = re.compile(
    r"\b(free|cheap\w*|low[- ]cost)\b[^.?!]{0,15}\b(ces?|ceus?|credits?|continuing ed\w*)\b", re.I
)
#: "still pays if i fail?", "even if i fail it?" after a benefit that pays for the test: whether it pays again.
PAYS_IF_FAILED = re.compile(
    r"^\W*((and|so|but|ok)\W+)*(still|even|also)\b[^.?!]{0,20}\bif (i|you|u|we|she|he) (fail|don'?t pass|do not pass)\b|"
    r"\b(pays?|paid|covers?|covered)\b[^.?!]{0,20}\bif (i|you|u|we|she|he) (fail|don'?t pass|do not pass)\b",
    re.I,
)
#: Procedures counted for a route ("how many shots and sticks do i need to have done"): the CMA's alternative
#: pathway asks for a number of them.
PROCEDURES_COUNTED = re.compile(
    r"\bhow many (\w+ )?(injections?|shots?|sticks?|venipunctures?|(blood )?draws?|procedures)\b"
    r"(?![^.?!]*\b(do|does|will|would|can) (i|you|u|we|she|he|they) get\b)(?![^.?!]*\b(take|try|retake|sit)\b)"
    # "how many shots do i gotta practice before they let me do it": what a state lets them do
    r"(?![^.?!]*\b(practice|allow\w*|let (me|him|her|you|u|us|them))\b)",
    re.I,
)
#: The credits' own rules after renewal: "how many admin ones", "can they all be from anywhere", "can i carry
#: extra ones over".
CREDITS_RULES = re.compile(
    r"\bhow many (admin\w*|clinical|general|of (them|those|these)|aama|approved)\b|\b(carry|roll)\b[^.?!]{0,20}\bover\b|"
    r"\b(they|those|these|them|it) (all )?(be|come) from (anywhere|any\w*|other)\b",
    re.I,
)
#: "and to keep it after" after its routes: keeping the credential is renewing it.
KEEP_IT = re.compile(
    r"\b(to|do (i|you|u|we)|can (i|you|u|we)|how (do|to|would) (i|you|u|we)?) ?keep (it|that|the (c?cma|rma|ncma|cert\w*|"
    r"credential))( (going|active|current|valid|up))?\b(?!\W+(job|position))",
    re.I,
)
#: A figure for another place or year, asked after pay ("Is there a Texas figure for the whole state?").
PAY_FIGURE = re.compile(
    r"\b(figures?|numbers?|stats|statistics|data)\b[^.?!]{0,30}\b(for|in|across|statewide|state|whole|nationally|"
    r"national|city|area|metro)\b|\b(state|statewide|national|city|metro|area)\w* (figure|number|average)s?\b",
    re.IGNORECASE,
)
#: The answer in hand summed up as school not being worth it: that answer again, which says what employers prefer.
NOT_WORTH_IT = re.compile(r"\bwaste of (money|time)\b|\bnot worth (it|the money|paying)\b|\bpointless\b", re.I)
#: Whether a step is still scored, asked of the step in hand.
STILL_SCORED = re.compile(r"\b(is|are) (it|they|that|those) (still )?(scored|graded|pass[/ -]?fail|numeric)\b", re.I)
#: How long a report stays good, asked in a few words naming no credential ("is it valid forever or it expires"
#: after which report to order): the evaluation's own validity, not a credential's renewal.
REPORT_VALIDITY = re.compile(
    r"^(?!.*\b(c?cma|rma|ncma|ma-?[cr]|cert\w*|credentials?|licen[cs]es?|ap+l+ications?|apps?|visas?|cards?|permits?|"
    r"memberships?|scores?|results?|passports?)\b)(\W*\w+){0,10}?\W*"
    r"\b(valid|expir\w*|good for (how long|ever|life)|last (forever|for ever))\b",
    re.I,
)
#: The credential a route ends in ("what exam does that get me", "at the end of that what cert do i have").
ROUTE_LEADS_TO = re.compile(
    r"\bwhat (exam|test|cert\w*|credential|certificate)s? (does|would|will|do|can) (that|this|it|the \w+) (get|give|leave|"
    r"qualify) (me|you|u|her|him|us|them)( for)?\b|\b(at|by) the end of (that|it|this|the \w+)\b[^.?!]{0,25}\bwhat "
    r"(cert\w*|credential|exam|test)\b",
    re.IGNORECASE,
)
#: How much a benefit or aid gives them ("and how much do i actually get" after MyCAA).
HOW_MUCH_GOT = re.compile(
    r"\bhow much (do|would|will|can|could|does) (i|we|you|u|she|he|it|that|they) (actually |really |even )?"
    r"(get|receive|give|pay)( me| us| her| him)?\W*$",
    re.IGNORECASE,
)
MORE_OF_IT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ask_military_benefits", HOW_MUCH_GOT),
    ("ask_financial_aid", HOW_MUCH_GOT),
    ("ask_renewal", HOW_MANY_NEEDED),
    ("ask_renewal", CREDITS_RULES),
    ("ask_state_rules", PROCEDURES_COUNTED),  # "how many shots i must practice before" after California's rules
    ("ask_renewal", FREE_CREDITS),
    ("ask_military_benefits", PAYS_IF_FAILED),
    ("ask_career_advancement", PAYS_BETTER),  # "is the pay better doing that" after billing and coding
    ("ask_military_benefits", PAYS_FULL_TIME),  # "If I only take classes while the kids are at school does it still pay
    # full time?"
    ("ask_military_benefits", FINISH_LIMIT),  # "is there a limit on how long i have to finish" after MyCAA
    ("ask_accommodations", PAPERS),  # "which papers she need to show" after extra time: the documents to send
    ("ask_renewal", CPR_AGAIN),  # "do they still make you have CPR for that" after recertifying
    ("ask_salary", PAY_FIGURE),  # "Is there a Texas figure for the whole state?" after pay in Dallas
    ("ask_usmle", STILL_SCORED),  # "how many tries do u get for step 1 and is it still scored"
    ("ask_learn_on_job", NOT_WORTH_IT),  # "so basically school is a waste of money" after learning on the job
    # "what exam does that get me" after an apprenticeship: the credential it prepares for, which that answer names
    ("ask_learn_on_job", ROUTE_LEADS_TO),
)


def _a_bare_price(text: str, context: Context) -> bool:
    """A few words asking how much, naming no school, exam or credential, with none in hand ("how much is it"
    with the RMA in hand asks its fee)."""
    return (
        len(text.split()) <= SHORT_NAMING
        and bool(PRICE.search(text))
        and not SCHOOL.search(text)
        and not EXAM.search(text)
        and not any(_slot(kind) == "credential" for kind, _ in context.entities)
        and not CREDENTIAL_WORD.search(text)
    )


#: A credential named in words: "how much is the cma", "and the cert".
CREDENTIAL_WORD = re.compile(r"\b(c?cma|rma|ncma|cert\w*|credential|licen[cs]e)\b", re.I)


def _next_part_asked(text: str, context: Context) -> str | None:
    """What the answer in hand leads to next: "how much tho" after what MAs do all day is what the job pays;
    after an exam or its routes, "and to keep it after" is renewing it, "how many injections they want" the
    count the CMA's pathway asks."""
    if context.intent == "ask_what_is_cma" and _a_bare_price(text, context):
        return "ask_salary"
    if context.intent == "ask_usmle" and ALL_STEPS_IN_TIME.search(text):
        return "ask_ecfmg"  # "is there a time limit to pass all of them" after the steps' attempts: ECFMG's rule
    if context.intent not in (*EXAM_TOPICS, "ask_eligibility"):
        return None
    if KEEP_IT.search(text) and len(text.split()) <= MAX_FOLLOW_UP_WORDS:
        return "ask_renewal"
    return "ask_eligibility" if PROCEDURES_COUNTED.search(text) else None


#: A time limit on passing the steps: ECFMG's older seven-year rule.
ALL_STEPS_IN_TIME = re.compile(r"\b(time limit|deadline|how many years|within how long)\b", re.IGNORECASE)
#: The whole of what something costs: "total damage", "including the test", "any additional charge beyond".
WHOLE_COST = re.compile(
    r"\b(total|in all|altogether|all together|all in|damage|including|additional|extra|beyond|get it back)\b",
    re.IGNORECASE,
)


def _program_kind_in_hand(context: Context) -> str | None:
    """A kind of program asked about last, or first of the last message's two questions."""
    return next((i for i in (context.intent, context.earlier) if i in PROGRAM_KINDS), None)


def _whole_cost_after_renewal(text: str, context: Context) -> bool:
    """The whole cost of getting a credential back, asked right after renewal, in no other topic's words."""
    return bool(
        context.intent == "ask_renewal"
        and WHOLE_COST.search(text)
        and PRICE.search(text)
        and cued_intent(text, context.intent) in (None, "ask_renewal", *PRICES.values())
        and decisive_topic(text) in (None, "ask_renewal", *PRICES.values())  # not a retake's price
    )


def _credential_or_program_in_hand_asked(text: str, context: Context) -> str | None:
    """A part of the exam, credential or program in hand, asked in words that would read otherwise alone."""
    if context.intent in EXAM_TOPICS and TAKEN_WHERE.search(text) and not SCHOOLING.search(asking_clause(text)):
        return "ask_exam_format"  # "Can I sit for it remotely?" after the RMA's routes: where the exam is taken
    if context.intent in CREDENTIAL_TOPICS and THEY_ACCREDITED.search(text):
        return "ask_credential_info"  # "are they all accredited or whatever" after the credentials: NCCA, each
    program_kind = _program_kind_in_hand(context)
    if program_kind and PREPARES_FOR.search(text):
        # "which cert does it prepare you for" after an apprenticeship (asked with its length): what it leads to
        return program_kind
    if context.intent in EXAM_TOPICS and GOOD_FOR.search(text):
        return "ask_renewal"  # "how long is it good 4" after the exam: how long the credential lasts
    if _whole_cost_after_renewal(text, context):
        # "What would it cost me to get it back, including the test?" after a lapsed CMA: renewal's answer has
        # the reactivation fee beside the exam's
        return "ask_renewal"
    return None


#: Answers that name the two accreditors side by side.
ACCREDITORS_NAMED = frozenset({"ask_accredited_programs", "ask_choose_program"})
#: One of the two accreditors in hand, picked or compared ("Does it matter which one for her?").
WHICH_ACCREDITOR = re.compile(
    r"\b(does it|does that|do they) (even |really |actually )?matter which one\b|"
    r"\bdifference between (those|these|them|the) (two|2)\b",
    re.IGNORECASE,
)
#: Topics about a kind of place to train or work other than a program, each with its own way to find one.
FOUND_NEARBY = frozenset({"ask_learn_on_job", "ask_locum_tenens"})
ONE_NEARBY = re.compile(r"\bfind (one|them|some|any)\b[^.?!]{0,15}\b(near|around|close to|by|in)\b", re.IGNORECASE)


def _one_of_those_in_hand(text: str, context: Context) -> str | None:
    """ "Does it matter which one for her?" after CAAHEP and ABHES (what accreditation is, or how to choose a program,
    which names both): the accreditors; "how do i find one near me" after apprenticeships: an apprenticeship."""
    if context.intent in ACCREDITORS_NAMED and WHICH_ACCREDITOR.search(text):
        return "ask_accredited_programs"
    return context.intent if context.intent in FOUND_NEARBY and ONE_NEARBY.search(text) else None


#: A school that is not accredited, and a test asked of it: what a state's rules say of unapproved programs.
UNAPPROVED_THEN_A_TEST = re.compile(
    r"\b(not|ain'?t|aint|isn'?t|aren'?t|non-?|un)\s?(accredited|approved)\b[^.?!]{0,60}\b(test|exam)s?\b", re.I
)
#: One picked out by a quality ("the cheapest one"): a question of its own, not of the answer in hand.
SUPERLATIVE = re.compile(
    r"\b(cheapest|fastest|quickest|easiest|shortest|hardest|best|most|least|closest|nearest)\b", re.IGNORECASE
)
#: Which credential or exam the answer in hand spoke of ("which test is that one?"): that answer, which names it.
WHICH_ONE_IS_THAT = re.compile(
    r"\b(which|what) (test|exam|one|credential|cert\w*)( \w+)? (is|was) (that|this|it)( one)?\b(?! (for|about|in|of)\b)",
    re.I,
)


def _the_answer_in_hand_again(text: str, context: Context) -> str | None:
    """The answer in hand asked again in words that name another topic: a part it spoke of, or which it meant."""
    if context.intent == "ask_exam_fee" and MONEY_BACK.search(text) and not LEGAL_WORDS.search(text):
        return context.intent  # "do i get my money back if i cant go" after the exam's fee: whether it is refunded
    if context.intent == "ask_diploma_requirement" and cued_aspect(context.intent, text) == "in_high_school":
        # "she can take a certification test even before graduation, is this true?" after whether she needs her
        # diploma first: NHA's rule for high-school students, not when a program's students may test
        return context.intent
    if context.intent == STATE_RULES and UNAPPROVED_THEN_A_TEST.search(text):
        # "if i go to one of them cheaper schools that aint accredited i gotta pass a test on top of it?" after
        # Arizona's rules: that state's rule for unapproved programs, not an exam's fee
        return STATE_RULES
    if is_question(context.intent) and WHICH_ONE_IS_THAT.search(text) and not SUPERLATIVE.search(text):
        # "And which test is that one? The CMA also?": the answer in hand names it (not "they'll pay for the
        # cheapest one, which one is that", which asks anew)
        return context.intent
    return None


def _what_in_hand_is_asked(text: str, context: Context) -> str | None:
    """A topic the conversation in hand gives words that would read otherwise alone."""
    of_the_credential = _credential_or_program_in_hand_asked(text, context)
    if of_the_credential:
        return of_the_credential
    if _own_credential_in_hand(context) and WHICH_OF_THEIRS.search(text):
        return STATE_RULES  # "which one do i want then?" after Washington's MA-C and MA-R: those two
    if context.intent in (*CREDENTIAL_TOPICS, "ask_eligibility", "ask_renewal") and WHICH_FOR_ME.search(text):
        return "ask_which_credential"  # "ok which of those would you go for in my case" after their verdicts
    of_the_answer = _the_answer_in_hand_again(text, context)
    if of_the_answer:
        return of_the_answer
    for in_hand in (context.intent, context.earlier):
        # "even if i fail it?" after the GI Bill and the RMA's fee: whether the GI Bill still pays
        if is_question(in_hand) and any(in_hand == topic and words.search(text) for topic, words in MORE_OF_IT):
            return in_hand
    next_part = _next_part_asked(text, context) or _one_of_those_in_hand(text, context)
    if next_part:
        return next_part
    if (
        context.intent in WHOLE_PATH_AFTER
        and HOW_LONG.search(text)
        and ALL_OF_IT.search(text)
        and not TIME_ALLOWED.search(text)
    ):
        return "ask_duration"  # "how long would all of it take start to finish" after the externship: the whole path
    if context.intent == "ask_wes" and HOW_LONG.search(text) and not OTHER_TIMES.search(text):
        return "ask_credential_evaluation"  # "how long does it take them" after what WES is: the evaluation's time
    if context.intent in ("ask_wes", "ask_credential_evaluation") and REPORT_VALIDITY.search(text):
        return "ask_credential_evaluation"  # "does it expire" after WES or its reports: how long a report stays good
    if context.intent == "ask_credential_evaluation" and WHICH_REPORT.search(text) and REPORT_FOR.search(text):
        return context.intent  # "Which one I need for RMA?" after the report types: the report that credential asks
    if any(kind == "us_state" for kind, _ in context.entities) and RULES_CHANGING.search(text):
        return STATE_RULES  # "is that changing or nah" after New York's rules: the bill pending there
    if (
        context.intent == STATE_RULES
        and any(k == "us_state" for k, _ in context.entities)
        and STATE_S_TERMS.search(text)
    ):
        return STATE_RULES  # "what if the school I pick isnt one of the approved ones" after Arizona's rule
    # "which is better if i maybe want nursing later" after the associate's length; "which one is faster" after
    # "whats the difference between a certificate and an associate degree and can i get fafsa for it"
    program_kinds = context.intent == "ask_program_type" or any(k == "program_type" for k, _ in context.entities)
    if (WHICH_BETTER.search(text) and program_kinds) or (
        context.earlier == "ask_program_type" and WHICH_OF_THE_KINDS.match(text)
    ):
        return "ask_program_type"
    return None


def _options_asked(intent: str | None, asked: str, context: Context) -> str | None:
    """ "so what are my options" after their verdict or aid: more of the same, for them; "so what else is out
    there for us" after MyCAA, read as aid: the other kinds of aid."""
    if context.intent not in OPTION_TOPICS or not OPTIONS.search(asked):
        return None
    if intent in (*NO_TOPIC, "help", context.intent):
        return context.intent
    return intent if intent in OPTION_TOPICS else None


def _fee_in_hand(context: Context) -> str | None:
    """The fee that depends on when they graduated, asked last or first of the last message's two."""
    return next((i for i in (context.intent, context.earlier) if i in FEE_BY_GRADUATION), None)


#: A part of a topic no MA credential has, asked again of a credential: that credential's own topic for it.
PART_FOR_A_CREDENTIAL: dict[tuple[str | None, str | None], str] = {("ask_usmle", "attempts"): "ask_exam_retake"}
#: Whether they may still sit the exam ("can i still take it"): its routes, whatever the wait before it.
STILL_SIT_IT = re.compile(r"\b(still|even) (take|sit|do|write) (it|for it|the (\w+ )?(test|exam))\b", re.I)


def _decided(
    intent: str | None, confidence: float, text: str, named: Sequence[tuple[str, str]], context: Context
) -> str | None:
    """The topic words decide whatever NLU read, unless it was sure of a decline; a state's own credential in
    hand keeps a question pointed back at it ("could i take that one with my years" after California's CACMA),
    and where to confirm is asked of the answer in hand."""
    # "how long after i get out is that good for" read as a goodbye: a question all the same
    asking = (
        is_question(intent)
        or intent in (*NO_TOPIC, "help", UNHELPFUL)
        or (intent in COURTESIES and looks_like_question(text))
    )
    decided = _decisive(intent, confidence, text) if asking else None
    # "And if I wait more than one year after graduation?" after the CMA's fee: the fee then ("..., can i still
    # take it" asks whether they still qualify)
    graduated_later = WHEN_GRADUATED.search(text) and WHAT_IF.match(text) and not STILL_SIT_IT.search(text)
    if graduated_later and not named and _fee_in_hand(context):
        return _fee_in_hand(context)  # the fee asked first: "whats the cma test fee ... and how many questions"
    if same_of_another_kind(text, context):
        return context.intent  # "and the 2 year one" after what a certificate costs: the degree's price
    health_work = _health_work_counted(intent, asking, decided, text, named, context)
    if health_work:
        return health_work
    if _a_state_s_rules_after_all(decided, intent, text, named, context):
        return "ask_state_rules"
    in_hand = (
        _what_in_hand_is_asked(text, context)
        or _routes_after_transfer(text, named, context)
        or _too_good_to_be_true(text, context)
    )
    if in_hand:
        return in_hand
    if decided and (decided == intent or not _declined_for_sure(intent, confidence)):
        return decided
    asked = asking_clause(text)
    of_another_role = _asked_of_another_role(intent, asked, named)
    if of_another_role:
        return of_another_role
    if _its_own_eligibility(intent, asked, named, context):
        return context.intent  # "I already hold a bachelor's. Does that affect my eligibility?" after Pell
    if context.intent in FEE_BY_GRADUATION and WHEN_GRADUATED.search(text):
        return context.intent  # "i finished my program in 2021, never took it. which one am i" after the fee
    if context.intent in PROGRAM_CHECK_TOPICS and LOOK_IT_UP.search(asked) and len(text.split()) <= MAX_FACET_WORDS:
        return "ask_scam_check"  # "how i search it myself" after a program's accreditation: how to check one
    options = _options_asked(intent, asked, context)
    if options:
        return options
    if _how_long_a_report_is_good(text, named, context):
        return "ask_credential_evaluation"  # "and that paper is good for how long": its report types say
    if _where_to_confirm(text, context) or (is_question(context.intent) and _insists(text)):
        return context.intent  # "who would i double check that with": the answer in hand names where
    if context.intent in ANSWERED_FOR_THEM and DOES_IT_HELP.search(text):
        # "well I've also been working full time as an MA since early 2021, does that help?" after their verdict
        return context.intent
    return None


#: The same answer asked again of something else ("is it the same story", "same thing for the RMA?").
SAME_STORY = re.compile(r"\bsame (story|thing|deal|answer|rules?)\b|\b(is it|it'?s|its) the same\b", re.IGNORECASE)


def _routes_after_transfer(text: str, named: Sequence[tuple[str, str]], context: Context) -> str | None:
    """ "and for the rma one is it the same story" after medical-school courses that do not transfer: whether that
    credential takes their education, its routes (transfer itself is the same whatever the credential)."""
    asked = (
        context.intent == "ask_course_transfer"
        and any(_slot(kind) == "credential" for kind, _ in named)
        and (only_switches(asking_clause(text)) or bool(SAME_STORY.search(text)))
    )
    return "ask_eligibility" if asked else None


#: Time under a state's credential counted toward a national one: "does my MA-R time count for the RMA work
#: route" asks the RMA's routes, not Washington's rules.
TOWARD_NATIONAL = re.compile(
    r"\b(count|counts|qualify|apply|go)\b[^.?!]{0,10}\b(for|toward|towards|to) (the |my )?(rma|cma|ccma|ncma)\b",
    re.IGNORECASE,
)
#: What they just told, asked whether it changes the verdict in hand.
DOES_IT_HELP = re.compile(
    r"\b(does|would|will|could) (that|it|this) (help|count|change (anything|it|that|things))( me| at all)?\W*$", re.I
)
#: Asking to start work, in a state named: whether one may is that state's rules.
START_WORKING = re.compile(r"\b(can|could|may)\s+(i|we|she|he)\s+(start|begin)\s+work(ing)?\b", re.IGNORECASE)
#: A credential taken to the state in hand: "does that carry over there", "is it good over there".
CARRIES_THERE = re.compile(
    r"\b(carry|carries|transfer|transfers|count|counts|work|works|good|valid|accepted|recogni[sz]ed) (over )?"
    r"(there|in that state|over there)\b",
    re.IGNORECASE,
)
#: A program's accreditation in hand, then "how i search it myself": how to check a program.
PROGRAM_CHECK_TOPICS = frozenset({"ask_accredited_programs", "ask_choose_program", "ask_scam_check"})
LOOK_IT_UP = re.compile(
    r"\bhow (do |can |could |would |should )?(i|we|u|you) (search|look (it|them|that|this|one) up|check (it|them|that|this) myself)\b",
    re.IGNORECASE,
)
#: Topics whose answer lays out a person's options: "so what are my options" asks it again, in full.
OPTION_TOPICS = frozenset(
    {"ask_eligibility", "ask_financial_aid", "ask_military_benefits", "ask_which_credential", "ask_learn_on_job"}
)
OPTIONS = re.compile(
    r"\b(what|which|any) (other |else |real |realistic |actual |possible )?(options?|choices|routes|paths|ways)\b|"
    r"\b(my|our|his|her|their) (\w+ )?(options|choices)\b|\bwhat (else )?(can|could) (i|we|she|he) (even )?do\b|"
    r"\bwhat else is (out )?there\b",
    re.IGNORECASE,
)
#: Answers whose figures depend on when their program ended (the CMA's fee for recent graduates): when
#: they say it, the answer in hand is asked again for them.
FEE_BY_GRADUATION = frozenset({"ask_exam_fee"})
WHEN_GRADUATED = re.compile(
    # (and in learners' present tense: "i graduate from program 2 years ago and im not member")
    r"\b(finished|graduated|completed|finish|graduate|complete)\b[^.?!]*\b(\d+|a|an|one|two|three|few|couple( of)?)\s*"
    r"(yrs?|years?|months?|mos?) ago\b|"
    r"\b(finished|graduated|completed)\b[^.?!]*\b(\d+|a|an|one|two|three|few|couple( of)?)\s*(yrs?|years?|months?|mos?)\b|"
    r"\b(finish\w*|graduat\w*|complet\w*)\b[^.?!]*\b((in|back in) )?((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* )?"
    r"(19|20)\d\d\b|"  # "i finished an ABHES school march 2024"
    # "supposing I dawdle and it's more than a year after graduating"
    r"\b(more|less|over|under) than (a|one|\d+) (years?|yrs?|months?) (after|since|from) (graduat\w*|finish\w*|school)\b|"
    # "and if i wait like 2 years to take it"
    r"\bwait\w* (like |about |around |maybe |over |more than )?(\d+|a|an|one|two|three|few|couple( of)?) (yrs?|years?)\b",
    re.IGNORECASE,
)
#: Aid and benefits have an eligibility of their own: "does that affect my eligibility" after Pell is Pell's.
OWN_ELIGIBILITY = frozenset({"ask_financial_aid", "ask_military_benefits"})


def _its_own_eligibility(intent: str | None, asked: str, named: Sequence[tuple[str, str]], context: Context) -> bool:
    return (
        intent in ("ask_eligibility", *NO_TOPIC)
        and context.intent in OWN_ELIGIBILITY
        and not any(kind in ("credential", "certifying_body") for kind, _ in named)
        and bool(re.search(r"\beligib|\bqualif", asked, re.IGNORECASE))
        and not EXAM_WORDS.search(asked)
    )


#: "so do i or not", "yes or no?", "since when": the question in hand again, wanting its answer plainly.
INSISTS = re.compile(
    r"^\W*((so|ok|okay|but|well|and|sorry|um+|hm+)\W+)*((do|can|should|will|would|could|am|does|is|must) (i|it|she|he|we|they|that)"
    r"( have to| need to)? (or (not|no|what)|yes or no)|(is it |so )?yes or no|"
    # "Just tell me yes or no." after a visa question: that answer, asked for plainly
    r"((just|pls|please|can you|can u|could you)\W+)?(tell me|answer( me)?|say)\W+(it\W+)?(yes or no|straight|plainly)|"
    # "since when" after a rule: the answer in hand says when
    r"since when|(from )?when (was|did) (that|it|this)( (start|begin|change|take effect|come in))?|"
    # "so am i good or nah" after their verdict: the verdict again
    r"(am i|are we|is (she|he)) (good|ok|okay|set|eligible|qualified|in)( or (nah|not|no))?|"
    # "...working full time as an MA at an ortho clinic since early 2021, does that help?" after their verdict
    r"(does|would|will|could) (that|it|this) (help|change (anything|it|that|things))( me| at all)?)"
    r"(\W+(lol|lmao|pls|please|tho|though|then|bro|sis))*\W*$",
    re.IGNORECASE,
)


def _insists(text: str) -> bool:
    """The answer in hand asked for again, plainly, maybe with a complaint after it and no question ("So is it yes or
    no?? The board website is so confusing")."""
    first, *rest = re.split(r"(?<=[?!.])\s+", text.strip(), maxsplit=1)
    return bool(INSISTS.search(text) or (rest and "?" not in rest[0] and INSISTS.search(first)))


#: Reports that stay good for a while: "and how long is good for" after an evaluation asks the report's
#: validity (told with the report types), not a credential's renewal.
REPORT_TOPICS = frozenset({"ask_credential_evaluation", "ask_wes"})
HOW_LONG_GOOD = re.compile(
    r"\bhow long\b[^.?!]*\b(good|valid)\b|\b(good|valid) (for )?how long\b|\bexpire", re.IGNORECASE
)


def _how_long_a_report_is_good(text: str, named: Sequence[tuple[str, str]], context: Context) -> bool:
    return (
        context.intent in REPORT_TOPICS
        and not any(kind == "credential" for kind, _ in named)
        and len(text.split()) <= MAX_FACET_WORDS
        and bool(HOW_LONG_GOOD.search(text))
    )


#: The exam a state's own credential asks for ("would that count as the exam part for washington", "the
#: exam part, can the rma count", "And the exam piece? I passed the RMA in 2019").
EXAM_PART = re.compile(
    r"\b(exam|test|testing)\W+(part|piece|portion|component|requirement)\b|\bnational (exam|test) (for|part)\b",
    re.IGNORECASE,
)


def _a_state_s_exam_part(text: str, named: Sequence[tuple[str, str]], context: Context) -> bool:
    """The exam part of a state's rule, asked with its state named or in hand: that state's answer says
    which exams count, which no credential's own routes do."""
    states = [value for kind, value in named if kind == "us_state"]
    in_hand = context.intent == "ask_state_rules" or any(kind == "us_state" for kind, _ in context.entities)
    asked = asking_clause(text)  # "how much is the exam part" after renewal: the exam's fee
    return bool(EXAM_PART.search(asked)) and not PRICE.search(asked) and bool(states or in_hand)


#: Working as an MA where they are without a credential ("can i work as an MA here without it?").
WORK_HERE_WITHOUT = re.compile(
    r"\b(can|could|may|am i allowed to|is it legal to) (i|we|she|he|u|you)? ?(still )?(work|be hired|get hired|start) "
    r"(as )?(an? )?(ma|medical assistant)? ?(here|in (this|my|that) state|there)\b[^.?!]{0,20}\bwithout\b",
    re.IGNORECASE,
)


def _working_here_without_it(text: str, named: Sequence[tuple[str, str]], context: Context) -> bool:
    """ "can i work as an MA here without it?" with a place in hand: whether that state requires the credential."""
    place = any(k == "us_state" for k, _ in (*named, *context.entities))
    return place and bool(WORK_HERE_WITHOUT.search(text))


def _a_state_s_question(
    intent: str | None, confidence: float, text: str, named: Sequence[tuple[str, str]], context: Context
) -> str | None:
    """A state's rules asked in other words, or what MAs do asked right after a state's limits on them."""
    if (
        _asks_state_rules(intent, text, named)
        or _a_task_there(intent, confidence, text, context)
        or _state_own_numbers(text, named, context)
        or _working_here_without_it(text, named, context)
    ):
        return "ask_state_rules"
    if (
        context.intent == STATE_RULES
        and confidence < SURE_OF_ANOTHER_TOPIC
        and WHAT_THEY_DO.search(asking_clause(text))
    ):
        return "ask_what_is_cma"  # "wait so what do they even do there then" after New York's limits: the duties
    return None


def _surprise_at_it(intent: str | None, confidence: float, text: str, context: Context) -> str | None:
    """ "even after 5.5 years of medicine??", half-heard as a medical question: surprise at the answer in
    hand, which is asked again for them."""
    half_heard = intent in DECLINED and confidence < UNSURE_DECLINE and cued_intent(text, context.intent) != intent
    if half_heard and is_question(context.intent) and EVEN_THEN.match(text):
        return context.intent
    return None


#: Their own papers named ("but my H4 EAD I have already applied"), and a status set aside ("keeping visa aside",
#: "i will ask lawyer for visa part. other question").
OWN_STATUS = re.compile(
    r"\bmy ((h-?4|h-?1b?|f-?1|j-?1|immigration|work) )?(h-?4|h-?1b?|ead|visa|green ?card|work permit|permit|status|"
    r"papers|opt|i-?20|f-?1|j-?1|asylum|tps)\b",
    re.I,
)
#: Whether it is all right, asked of what they hold or await ("once it comes then it is ok or not ok").
OK_ASKED = re.compile(
    r"\b(is|it'?s|its|be|am i|are we)\b[^.?!]{0,15}\b(ok|okay|fine|allowed|legal|permitted|enough)\b|\b(ok|okay) or not\b|"
    r"\b(allowed|permitted)\b",
    re.I,
)
STATUS_SET_ASIDE = re.compile(
    r"\b(aside|forget|leave|leaving|keeping|besides|apart from|other question|lawyer|attorney)\b", re.I
)


def _a_status_question(intent: str | None, text: str, context: Context) -> str | None:
    """Aid or work asked with a visa or status, in the message or the conversation."""
    if aid_with_status(text) or (context.intent == "ask_financial_aid" and status_asks_for_it(text)):
        return "ask_financial_aid"  # "on F-1, can she get a Pell grant?": aid for non-citizens is sourced
    if intent not in KEEP_WITH_STATUS and about_immigration_status(text) and not USMLE_ASKED.search(text):
        # "on H4, can I work as an MA?": only USCIS or an attorney can say, whatever else the story names
        # ("My husband is Air Force (E-4)... green card still processing. Am I allowed to work...?")
        return WORK_AUTHORIZATION
    if context.intent == "ask_financial_aid" and STATUS.search(text) and only_switches(asking_clause(text)):
        return "ask_financial_aid"  # "what about his sister? she has a green card" after aid: the aid, for her
    if (context.aspect == "noncitizen" or context.intent == WORK_AUTHORIZATION) and asks_leave_to_work(text):
        return WORK_AUTHORIZATION  # "and can i work part time as MA while i study" after F-1 aid: what F-1 allows
    own = OWN_STATUS.search(text) and OK_ASKED.search(text) and not STATUS_SET_ASIDE.search(text)
    if context.intent == WORK_AUTHORIZATION and own:
        # "but my H4 EAD I have already applied. once it comes then it is ok or not ok" after whether H4 lets them
        # work: still their status, which only USCIS or an attorney can settle, unless another topic is asked
        others = (decisive_topic(text), cued_intent(asking_clause(text), context.intent))
        return WORK_AUTHORIZATION if all(t in (None, WORK_AUTHORIZATION) for t in others) else None
    return None


def _figure_quoted(text: str, context: Context) -> str | None:
    """The answer of the last reply whose figure the message quotes ("38k?? thats less than i made driving" after
    Ohio's pay and how long school takes), unless its words decide another topic."""
    if context.same_message:
        return None
    quoted = topic_quoted(text, context.said)
    if quoted is None or not is_question(quoted) or decisive_topic(text) not in (None, quoted):
        return None
    return quoted


#: Right after a state's rules, the training or exam those rules ask for: "so if i do a cheap school that is not
#: accredited i gotta pass the test?", "which test they take there, the NHA one is ok?" after Arizona's.
RULE_S_TERMS = re.compile(
    r"\b(not|non|un)[- ]?(accredited|approved)\b[^.?!]*\b(pass|take|need|gotta|have to)\b|"
    r"\b(pass|take)\b[^.?!]{0,20}\b(test|exam)\b[^.?!]*\b(not|non|un)[- ]?(accredited|approved)\b|"
    r"\bwhich (test|exam|cert\w*)s? (do |would |will )?(they|you|employers|clinics) (take|accept|want|use|need) "
    r"(there|here|in [a-z]+)\b",
    re.I,
)


def _the_state_rule_s_terms(text: str, context: Context) -> str | None:
    """A state's rules again, asked of the training or exam they require, whatever exam words NLU hears."""
    placed = any(k == "us_state" for k, _ in context.entities)
    in_hand = STATE_RULES in (context.intent, context.earlier)  # after "does arizona make you... and how fast"
    return STATE_RULES if in_hand and placed and RULE_S_TERMS.search(text) else None


def _an_answer_given_pointed_at(intent: str | None, text: str, context: Context) -> str | None:
    """An answer already given, pointed at in words of another topic: a figure of it quoted back, contested with
    what they heard, said to have missed a part, or its USMLE step asked about as if it were the plan's."""
    return (
        _figure_quoted(text, context)
        or _the_state_rule_s_terms(text, context)
        or _heard_against_the_answer(text, context)
        or _part_not_answered(text, context)
        or usmle_step_in_hand(intent, text, context)
    )


def reread(
    intent: str | None,
    confidence: float,
    text: str,
    context: Context,
    ranking: Sequence[tuple[str, float]] = (),
    named: Sequence[tuple[str, str]] = (),
) -> str | None:
    """The topic the message asks about, where NLU's reading is known to mislead.

    First the readings no wording may keep: working or studying on a visa (only the official
    places can answer), a state's own credential (that state's rules), a topic read without
    any of its own words (NLU heard the story, not the question), an exam's time asked as
    "how long". Then a message NLU gave no topic takes its cue words' topic, or what NLU
    leaned toward, or the topic in hand weighed with its neighbours (`continued`); between two
    topics NLU half-chose, its words decide. A topic NLU was sure of gives way only to a
    neighbouring topic that the words of the question itself point to ("how much is that yearly
    fee" is renewal, not the exam fee)."""
    first = (
        _a_status_question(intent, text, context)
        or _surprise_at_it(intent, confidence, text, context)
        or _the_benefit_s_approval(intent, text, named, context)
        or ("ask_state_rules" if _a_state_s_exam_part(text, named, context) else None)
        or _an_answer_given_pointed_at(intent, text, context)
    )
    if first:
        return first
    decided = _decided(intent, confidence, text, named, context)
    if decided:
        return decided  # "how long i have to finish with mycaa": MyCAA, whatever the question's words
    # before a facet: "how many hours does it need for the MA-C" is Washington's; then a part of the answer in hand
    # in words NLU reads as another topic ("Certified means which certificate exactly" after a state's rules)
    about_a_state = _a_state_s_question(intent, confidence, text, named, context) or _a_part_of_the_answer(
        text, context, named
    )
    if about_a_state:
        return about_a_state
    if (
        _facet_in_hand(intent, confidence, text, context)
        or picks_between_options(text, context, named)
        or _figure_in_hand(text, context, named)
        or _another_case(text, context, named)
        or _just_another_role(text, context, named)
    ):
        return context.intent  # "is there a limit per year" after MyCAA, which NLU did not consider
    # "how bout pay nationwide" after a state's rules: pay, never out of scope
    misheard = (
        _facet_of_the_earlier(intent, confidence, text, context)  # "what's the catch though" after two answers
        or _figures_doubted(text, context)  # "where are you even getting these numbers": the figures in hand
        or _answer_compared(text, context, named)  # "compare that to CNA and LPN" after MA pay: their pay beside it
        or _answer_doubted(text, context)  # "Are you sure? I did 6 years of medical school…": the answer again
        or _claim_contested(intent, text, context)  # "are you sure its 3? my coworker said 5 years"
        or (context.intent if for_someone_else(text) and is_question(context.intent) else None)  # "same for her?"
        # "and the other ones?" after the CMA's pass rate: the same question, of the other credentials
        or (context.intent if _the_others(text, context) and is_question(context.intent) else None)
        or _worded_past_out_of_scope(intent, text, context, ranking)
        or _without_its_words(intent, text, context, ranking)
        or _switched_to_a_topic(intent, text, context)
    )
    if misheard:
        return misheard
    if (
        intent == "ask_duration"
        and context.intent in EXAM_TOPICS
        and (
            TAKING_IT.search(text)
            # "how long is that one"; "...how many questions and how long am I sitting there": the same exam's
            or (context.intent in THE_EXAM_ITSELF and (HOW_LONG_IS_IT.search(text) or context.same_message))
        )
        and not SCHOOLING.search(text)
        and cued_intent(text, context.intent) in (None, "ask_duration", "ask_exam_format")  # not "how long ECE takes"
    ):
        return "ask_exam_format"  # "how long do I get to take it?" after an exam question: the exam's time
    if not _without_topic(intent, confidence, text, named, context):
        return _topic_nlu_chose(intent, confidence, text, context, ranking, named)
    asked = asking_clause(text)  # the question's own words first, then the story's
    cued = (cued_intent(asked, context.intent) if asked != text else None) or (
        None if asked != text and only_switches(asked) else cued_intent(text, context.intent)
    )  # "And the CMA? My supervisor says that's the one that matters.": a switch, whatever the aside says
    if cued:
        return cued
    if _another_role(named) and COMPARES.search(text):  # "is dental assistant better?", "vs pharmacy tech?"
        return "ask_salary" if PAY_WORDS.search(text) or context.intent == "ask_salary" else "ask_compare_roles"
    more = _more_of_it(intent, text, named, context)
    if more:
        return more
    placed = _a_place_s_question(intent, asked, named, context)
    if placed:
        return placed
    if intent == UNHELPFUL:  # "does that help?" asks about the topic in hand; it is no complaint
        return context.intent if is_question(context.intent) else "nlu_fallback"
    leaned = (best_question(ranking, MIN_QUESTION_LEAN) if intent == "inform" else None) or _opener_s_question(
        intent, ranking
    )
    if leaned:
        return leaned
    return continued(ranking, context, text) or intent


def _a_place_s_question(
    intent: str | None, asked: str, named: Sequence[tuple[str, str]], context: Context
) -> str | None:
    """A place named in a message without a topic: after pay, that place's pay ("Pennsylvania?" after Ohio's, "Miami
    any better? my sister..." after Florida's); told with no question of its own, the state's rules ("we move to
    Washington next year, will my CCMA be enough there?")."""
    if intent not in NO_TOPIC or not any(kind == "us_state" for kind, _ in named):
        return None
    if context.intent == "ask_salary" and (only_switches(asked) or _place_alone(asked, named)):
        return context.intent
    return "ask_state_rules" if intent == "inform" else None


def _opener_s_question(intent: str | None, ranking: Sequence[tuple[str, float]]) -> str | None:
    """The question of a form NLU was sure of but the message's story set aside ("can u check wat exam i can take
    right now? i work as MA already 3 yrs…"): what they may sit for, answered from what they told."""
    if intent != "nlu_fallback" or not ranking:
        return None
    question = OPENER_QUESTION.get(ranking[0][0])
    # NLU torn between the check and its own question ("...Can you check which of these MA exams I could actually
    # sit for right now?": 0.5 each) is sure of the question all the same
    sure = sum(c for name, c in ranking[:2] if name in (ranking[0][0], question))
    return question if sure >= SURE else None


#: Which certification a state's rule means ("Certified means which certificate exactly, CMA only or any of
#: them?" after New Jersey's rules): the rule's own words, which the state's answer says whom to confirm with.
CERTIFICATION_MEANT = re.compile(
    r"\bcertified means\b|\b(which|what) (cert\w*|credential|exam)s? (exactly|counts?|do they mean|they mean|does it mean|"
    r"is meant|do they accept|they accept|qualif\w*)\b|\b(c?cma|rma|ncma) only,? or (any|all|the others?)\b",
    re.IGNORECASE,
)
#: Certification asked of the work just described ("would they need me to be certified for that" after temp
#: and travel work).
CERTIFIED_FOR_IT = re.compile(
    r"\b(need|needs|want|wants|require|requires|make) (me|you|u|us|people|her|him|them) (to )?(be |get )?certified "
    r"(for|to do) (that|it|this|those|them)\b",
    re.IGNORECASE,
)
#: The answer in hand asked of another school ("Would that work at both the community college and a private
#: career school?" after aid).
AT_ANOTHER_SCHOOL = re.compile(
    r"^\W*((and|so|but|ok|okay)\W+)*(would|will|does|do|can|could) (that|it|this|those|these) (work|apply|count|"
    r"be (used|accepted|ok|okay|good)) (at|for|in|with) (both |any |all |every |a |an |the |my |her |his )?"
    r"([\w-]+ ){0,4}(schools?|colleges?|programs?)\b",
    re.IGNORECASE,
)
#: The two jobs compared beyond their pay ("whats the real difference between the two jobs then, besides
#: money" after an LPN's pay).
THE_JOBS_COMPARED = re.compile(
    r"\bdifference between (the two|them|those|these|the) (jobs|roles|positions|careers)\b|\bbesides (the )?(money|pay)\b|"
    r"\b(apart|aside) from (the )?(money|pay)\b",
    re.IGNORECASE,
)
#: A figure of the answer in hand, named first ("And the 600 hours, my program must be 600 hours?" after New
#: Jersey's rules): the same answer's figure, asked about.
THE_FIGURE_NAMED = re.compile(
    r"^\W*((and|but|so|ok|okay|wait|hmm|what about|how about)\W+)*(the|that|those|this) \$?\d[\d,.]*\s*"
    r"(k\b|grand\b|dollars?\b|hours?\b|hrs\b|%|percent\b|months?\b|points\b|credits\b)",
    re.IGNORECASE,
)


def _a_part_of_the_answer(text: str, context: Context, named: Sequence[tuple[str, str]]) -> str | None:
    """A part of the answer in hand (or of the earlier of two), asked in words NLU reads as another topic."""
    if not is_question(context.intent):
        return None
    if context.intent == STATE_RULES and CERTIFICATION_MEANT.search(text):
        return STATE_RULES
    if "ask_locum_tenens" in (context.intent, context.earlier) and CERTIFIED_FOR_IT.search(text):
        return "ask_locum_tenens"
    if not _carried(named) and AT_ANOTHER_SCHOOL.search(text):
        return context.intent
    if context.intent == "ask_salary" and _another_role(context.entities) and THE_JOBS_COMPARED.search(text):
        return "ask_compare_roles"
    if not _carried(named) and THE_FIGURE_NAMED.match(text) and context.intent not in COSTS:
        return context.intent
    return None


#: What may stand around a place named alone ("Pennsylvania?", "and in miami?", "ok texas then").
AROUND_A_PLACE = re.compile(
    r"\b(and|n|ok|okay|so|in|for|then|too|there|pls|please|any|is it|it|(much )?(better|worse|higher|lower|more|less))\b|\W",
    re.IGNORECASE,
)  # "Miami any better?" after Florida's pay: the place, compared


def _place_alone(text: str, named: Sequence[tuple[str, str]]) -> bool:
    """The message names a place and nothing else."""
    rest = text
    for kind, value in named:
        if kind == "us_state":
            rest = re.sub(re.escape(value), " ", rest, flags=re.IGNORECASE)
    return rest != text and not AROUND_A_PLACE.sub("", rest)


#: Topics that set credentials side by side: "which is cheaper" after them asks which exam costs less.
CREDENTIALS_IN_HAND = frozenset({"ask_which_credential", "ask_credential_info", "ask_eligibility"})
WHICH_CHEAPER = re.compile(
    r"^\W*((and|so|ok|okay|but)\W+)*which (one )?(is|'?s|would be) (the )?(cheap\w*|less expensive)\W*$|"
    r"^\W*((and|so|ok|okay|but)\W+)*which (one )?costs? (less|the least)\W*$|"
    # "whats the price diff", "and the difference in cost": the credentials' prices side by side
    r"\b(price|cost|fee) diff(erence)?s?\b|\bdiff(erence)? in (price|cost|fees?)\b",
    re.IGNORECASE,
)
#: Where or how an exam is taken, asked after an exam or credential ("Can I sit for it remotely?", "from home
#: possible?", "is there anywhere around cavazos to take it or can i do it online", "can they just walk in").
TAKEN_WHERE = re.compile(
    r"\b(sit|take|write) (for )?(it|the (exam|test|retake)|the (c?cma|rma|ncma)( exam| test)?)\b[^.?!]{0,10}"
    r"\b(remote(ly)?|online|from home|at home|virtual(ly)?)\b|"
    r"^\W*(from home|online|remote(ly)?|at home)\W*(possible|ok|okay|too|tho|then)?\W*$|\bwalk[- ]?ins?\b|"
    r"\bwhere (do|can|would|will) (they|i|you|u|we) (take|sit|write|do) (it|the (exam|test)|the (c?cma|rma|ncma))\b|"
    r"\banywhere (around|near|close to|by)\b[^.?!]{0,30}\b(take|sit|test)\b",
    re.I,
)
#: A charge on top of another ("ugh so i have to pay extra on top of the test?"): after renewal, its own fee.
ON_TOP = re.compile(
    r"\b(pay|paying|charged?|fee) (extra|more)\b|\bon top of the (test|exam)( fee)?\b|\ban? (extra|additional) fee\b",
    re.I,
)
#: "how much training do u need for that" asks how much, not what it costs: after a state's rules (injections
#: there), the training those rules ask for; otherwise how long training takes.
HOW_MUCH_TRAINING = re.compile(r"\bhow much (training|schooling|school|education|class(es)?|practice)\b", re.I)
PRICE_NAMED = re.compile(r"\b(costs?|price|fees?|expensive|cheap\w*|tuition|pay|paid)\b|\$", re.I)


#: A program approved (or signed off) for a benefit: "how do i check a school is approved for it" after the GI Bill.
APPROVED = re.compile(r"\bapprov\w*|\bsigns? off\b|\bsigned off\b", re.IGNORECASE)
ACCREDITATION_NAMED = re.compile(r"\b(caahep|abhes|accredit\w*)\b", re.IGNORECASE)
#: Readings of a program's approval that belong to accreditation or a program check on their own.
SCHOOL_APPROVAL_READINGS = frozenset({"ask_accredited_programs", "ask_scam_check", "ask_choose_program"})


def _the_benefit_s_approval(
    intent: str | None, text: str, named: Sequence[tuple[str, str]], context: Context
) -> str | None:
    """After the GI Bill, a program's approval is the VA's (a State Approving Agency's), not accreditation:
    "who signs off on the program being approved" stays on the benefit unless it names an accreditor."""
    if (
        context.intent == "ask_military_benefits"
        and intent in (*SCHOOL_APPROVAL_READINGS, *NO_TOPIC)
        and APPROVED.search(asking_clause(text))
        and not any(_slot(kind) == "accreditor" for kind, _ in named)
        and not ACCREDITATION_NAMED.search(text)
    ):
        return context.intent
    return None


#: Time asked in any words: "how long do I get", "how much time is it".
TIME_ASKED = re.compile(r"\bhow (long|much time)\b", re.IGNORECASE)


def _the_exam_s_time(intent: str | None, text: str, context: Context) -> bool:
    """How long, asked of the exam in hand and read by NLU as the exam's format: the exam's own time."""
    return (
        intent == "ask_exam_format"
        and context.intent in THE_EXAM_ITSELF
        and bool(TIME_ASKED.search(text))
        and not SCHOOLING.search(text)
    )


def _without_its_words(
    intent: str | None, text: str, context: Context, ranking: Sequence[tuple[str, float]]
) -> str | None:
    """The topic of a message NLU read as a topic none of whose words it has: "I'm an MBBS on F1, can I
    work as an MA?" read as the USMLE, "wait sorry i meant california" or "...3 yrs as an MA, never did
    school, what can i take now" as a legal or medical question. None when NLU's reading stands, and always
    for a button's payload ("/ask_what_is_cma"), which says its topic itself."""
    if text.startswith("/"):
        return None
    if _the_exam_s_time(intent, text, context):
        return None  # "How long do I get to finish it?" after the exam's fee, read as the exam's format: its time
    if intent != context.intent and off_topic_words(intent, text, is_question(context.intent)):
        others = [(name, p) for name, p in ranking if name != intent]
        asked = asking_clause(text)
        worded = cued_intent(text, context.intent)
        return (
            # "My receptionist time, it counts for the RMA experience?" after Texas's rules: the words and
            # NLU's next choice agree (eligibility), whatever "counts" would mean for the state
            (worded if others and worded == others[0][0] else None)
            or _facet_named(text, context)  # "is there a limit per year or can i use the whole 4k" after MyCAA
            or (cued_intent(asked, context.intent) if asked != text else None)  # the question's words, then the story's
            or cued_intent(text, context.intent)
            or continued(others, context, text)
            or best_question(others, MIN_OTHER_LEAN)
            or "nlu_fallback"
        )
    if lacks_broad_topic_words(intent, text):
        return cued_intent(asking_clause(text), context.intent) or cued_intent(text, context.intent)
    return None


def _worded_past_out_of_scope(
    intent: str | None, text: str, context: Context, ranking: Sequence[tuple[str, float]]
) -> str | None:
    """ "how many times can you take it" as a first message, read as out of scope however sure: its words
    and NLU's next choice agree on a question of ours (retakes), so that question it is."""
    if intent != "out_of_scope":
        return None
    runner_up = next((name for name, _ in ranking if name != intent), None)
    worded = cued_intent(text, context.intent)
    return worded if worded is not None and worded == runner_up and is_question(worded) else None


def _a_case_of_it(intent: str | None, text: str, named: Sequence[tuple[str, str]]) -> bool:
    """ "what if i wait like a year and a half after i graduate" after the exam's fee, heard as a story:
    the topic in hand, asked of a case."""
    return intent == "inform" and not named and bool(WHAT_IF.match(text))


#: "how many does he need", "how much is it": a bare amount asked of the topic in hand.
HOW_MUCH_OF_IT = re.compile(
    r"^\W*((and|so|ok(ay)?|but)\W+)*how (many|much|often|long) (do|does|did|is|are|was|will|would|can|should)\b", re.I
)  # a verb next, no thing named: "how many question" names the exam's questions
MAX_HOW_MUCH_WORDS = 6


def _how_much_of_it(intent: str | None, text: str, named: Sequence[tuple[str, str]]) -> bool:
    """ "how many does he need" after renewal's CE points, which NLU reads as out of scope."""
    return (
        intent == "out_of_scope"
        and not named
        and len(text.split()) <= MAX_HOW_MUCH_WORDS
        and bool(HOW_MUCH_OF_IT.match(text))
    )


def _switched_to_a_topic(intent: str | None, text: str, context: Context) -> str | None:
    """The topic a short switch names in its words ("how bout pay nationwide"), which NLU read as out of scope."""
    if intent != "out_of_scope" or not is_question(context.intent):
        return None
    if len(text.split()) > MAX_SWITCH_WORDS or not SWITCH.match(text):
        return None
    return cued_intent(text, context.intent)


def _asks_again(text: str, named: Sequence[tuple[str, str]]) -> bool:
    """ "and nationally?", "ok and then?": the same question, a little further; "where do i double
    check": the answer in hand says whom to confirm with."""
    short = (
        not named
        and len(text.split()) <= SHORT_FOLLOW_UP
        and bool(FOLLOW_UP_START.match(text))
        and not POINTS_ELSEWHERE.search(text)
    )
    return short or bool(WHERE_TO_CONFIRM.match(text) or SOURCE_ASKED.match(text))


def _topic_nlu_chose(
    intent: str | None,
    confidence: float,
    text: str,
    context: Context,
    ranking: Sequence[tuple[str, float]],
    named: Sequence[tuple[str, str]] = (),
) -> str | None:
    """NLU chose a topic: when sure, it gives way only to a neighbour the question's own words point to
    ("how much is the yearly fee?" read as the exam's fee), or after a long story to whatever the
    question's words point to ("...failed the CCMA last week. when can i retake"); when unsure, to
    the words' topic if NLU half-leaned there, it neighbours NLU's, or it is the topic in hand."""
    if not is_question(intent):
        return intent
    in_a_state = intent == STATE_RULES and any(kind == "us_state" for kind, _ in named)
    told_only = _state_only_told(text, named, context) if in_a_state else None
    if told_only:
        return told_only  # "Washington is one state. Whatever. What does the CMA actually cost me?": the cost
    if context.intent == STATE_RULES and _counts_there(text, named):
        return (
            STATE_RULES  # "would the ccma count there" after Arizona's rules: Arizona's answer, not the CCMA's routes
        )
    if _counted_in_the_state(intent, text, named, context):
        return STATE_RULES  # "my clinic gave me their own in house certificate, does that count" after Ohio's rules
    if intent in PRICES.values() and context.intent in PRICED_IN_HAND and BARE_PRICE.match(asking_clause(text)):
        # "how long does it take and what does it cost": a price with no words of its own is the price of what
        # the conversation is about (the school's, after its length), however NLU leans
        return cued_intent(asking_clause(text), context.intent) or intent
    if _points_back_at_topic_in_hand(intent, confidence, text, context, named):
        return context.intent  # "is the CMA on their approved list" after the GI Bill: the GI Bill's list
    if in_a_state and (confidence >= SURE or WORK_THERE.search(asking_clause(text))):
        # "can i work as MA in jersey without certification", "and then could i work in arizona with it?":
        # that state's rules, not a neighbour's nor the topic in hand
        return intent
    if confidence >= SURE:
        asked = asking_clause(text)
        cued = cued_intent(asked, context.intent) if len(asked.split()) <= MAX_NEIGHBOUR_WORDS else None
        agrees = cued_intent(text, context.intent) == intent  # the whole message's words side with NLU
        story = len(text.split()) >= STORY_WORDS and len(text.split()) >= STORY_RATIO * len(asked.split())
        # "any practice tests?" after study tips, read so at 0.98: still study tips, not the exam's format
        stays = intent == context.intent and confidence >= SURE_OF_ANOTHER_TOPIC
        return cued if cued and (cued in neighbours(intent) or story) and not agrees and not stays else intent
    asked = asking_clause(text)  # "...taking vitals and drawing blood. Does that experience open any route?"
    if cued_aspect(intent, asked) not in (None, OVERVIEW):
        return intent  # "could he take that while he's still a senior?": a part of NLU's topic, named
    cued = (cued_intent(asked, context.intent) if asked != text else None) or cued_intent(text, context.intent)
    top = [name for name, _ in ranking[:TOP_GUESSES]]
    if cued == "ask_eligibility" and PERSONAL_CHECK in top:
        return cued  # "...anyway which exams can i take right now": answered from what their story told
    if cued and cued in top:
        return cued  # NLU half-leaned there too, and the message's own words decide between them
    if cued and (cued in neighbours(intent) or _in_hand(cued, context)):
        return cued  # "where do u take it" after the RMA's fee: the exam's format
    if _same_question_of_a_credential(intent, text, context, named):
        return intent
    if is_question(context.intent) and not named and WHAT_ABOUT_ONE.match(text):
        return context.intent  # "what about the amca one, someone said theyre easier about it" after accommodations
    return continued(ranking, context, text) or intent


#: "what about the amca one": the question in hand, of something NLU knows no name for.
WHAT_ABOUT_ONE = re.compile(r"^\W*((and|so|ok|okay|but)\W+)*(what|how) (about|bout|abt) (the |that )?\w+ one\b", re.I)


#: A question pointing back at what the message told ("renew that", "is it still valid there").
POINTS_AT_WHAT_WAS_TOLD = re.compile(r"\b(that|it|this|there|them|those|here)\b", re.IGNORECASE)


#: Topics after which a bare price is theirs: the school's length, kind, online study or choice (its price:
#: "ok what does it cost" after online programs), or a topic whose "how much" the cue words already settle
#: (an exam's fee, renewal's, a benefit's amounts).
PRICED_IN_HAND = frozenset(
    {"ask_duration", "ask_program_type", "ask_online_program", "ask_choose_program", *PRICE_AFTER}
)
#: A price asked with no words of its own ("how much does it cost", "and what does it run"): only the
#: conversation says whose price it is.
BARE_PRICE = re.compile(
    r"^\W*((and|so|ok|okay|but|also|plus|then)\W+)*"
    r"(how much (does|do|would|will|is|are|did) (it|that|this|they|all that|all this|that all|it all) (cost|run|be)"
    r"|how much (is|would be|will be) (it|that|this)|what (does|do|would|will|did) (it|that|this|they|all that) (cost|run)"
    r"|what'?s (it|that|this) (cost|run)"
    r"|(the |and the )?(price|cost)s?|\${2,})( (usually|roughly|about|approximately|more or less))?\W*$",
    re.IGNORECASE,
)
#: Words that point back at what was just answered ("is the CMA on their approved list", "would the ccma work
#: for that"), without "one" and "then", which also pick between options ("the NHA one", "so rma then?").
POINTS_AT_IT = re.compile(r"\b(it|its|it's|that|this|they|them|their|those|these)\b", re.IGNORECASE)
#: A follow-up naming one of these brings its own subject ("texas is ok with that?", "what MA do that CNA cannot").
BRINGS_ITS_OWN = ("us_state", "role")


#: "so the ccma counts there?", "would the nha one count for that": whether what they have meets the place's rule.
COUNTS_THERE = re.compile(
    r"\b(count|counts|work|works|accepted|recogni[sz]ed|enough|good enough|ok|okay|valid)\W*(there|here|for (that|it|this))\b|"
    # "so what do i need to count as certified there", "does my CCMA count as the national exam for that"
    r"\bcounts? (as|for) (?!an? (approved|accredited) )(\w+ ){0,4}(there|here|(for|toward|towards) (that|it|this))\b|"
    # "does rma count as that", "my clinic gave me their own in house certificate, does that count"
    r"\bcounts? (as|for|toward|towards) (that|it|this)\W*$|\b(does|would|will) (that|it|this|mine) (even |still )?count\W*$",
    re.IGNORECASE,
)


def _counts_there(text: str, named: Sequence[tuple[str, str]]) -> bool:
    """A short question whether something counts "there", right after a state's rules: the state's answer
    (its rules name the credentials it accepts), not the eligibility routes that "count" usually asks."""
    return (
        len(text.split()) <= MAX_CONTINUED_WORDS
        and bool(COUNTS_THERE.search(text))
        and not any(kind == "us_state" for kind, _ in named)
    )


#: Whether something is good enough where they are: "does that count", "would that be accepted up there",
#: "wait so if i get certified then i can?", "does az take the nha one".
GOOD_ENOUGH_THERE = re.compile(
    r"\b(count|counts|counted|accepted|accept|enough|legal|allowed|recogni[sz]ed|valid)\b|"
    r"\b(if|once|after) (i|she|he) (get|am|become|got) (certified|a cert\w*|my cert\w*)\b|"
    r"\b(does|do|will|would) [a-z]+ (take|accept) (the |my |an? )?\w+( one)?\b",
    re.IGNORECASE,
)
#: The state, not the person, taking a credential: "does az take the nha one", "will washington accept my cma".
THE_STATE_TAKES = re.compile(
    r"\b(does|do|will|would) (?!(i|you|u|we|she|he|they|it|that|this|my|the (cert\w*|exam|test))\b)[a-z]+ "
    r"(take|accept|recogni[sz]e)\b",
    re.IGNORECASE,
)
#: An exam's entry asked in so many words: the routes to it, not a state's rule.
SITTING_THE_EXAM = re.compile(
    r"\b(i|she|he|we|u|you) (\w+ )?(sit|take|write|apply|test)\b|\b(sitting|taking) (for )?(the |an? |that |this |it)|"
    r"\beligib\w*|\bqualify (for|to)\b|\broutes?\b|\bpathways?\b|\btoward\w* (the |an? |my )?\w+\b|\bgraduate\b",
    re.IGNORECASE,
)
#: Words of a follow-up on a state's rule read against that rule: longer ones are questions of their own.
MAX_STATE_COUNT_WORDS = 25


def _counted_in_the_state(intent: str | None, text: str, named: Sequence[tuple[str, str]], context: Context) -> bool:
    """Whether what they have counts, asked right after a state's rules ("does my az experience count for that or
    do i have to redo training", "my clinic gave me their own in house certificate, does that count"): the
    state's answer, which says what it accepts. NLU reads "does it count" as the national exams' routes, which
    answer another question; asked of an exam itself ("count toward the RMA", "can I sit for it") they stay."""
    asked = asking_clause(text)
    # "does front desk experience count for the rma tho": that credential's routes; "does az take the nha one":
    # what the state accepts
    credential_named = any(_slot(kind) in CREDENTIAL_KINDS for kind, _ in named)
    return (
        context.intent == STATE_RULES
        and intent == "ask_eligibility"
        and len(text.split()) <= MAX_STATE_COUNT_WORDS
        and bool(GOOD_ENOUGH_THERE.search(asked))
        and not SITTING_THE_EXAM.search(asked)
        and (not credential_named or bool(THE_STATE_TAKES.search(asked)))
    )


def _points_back_at_topic_in_hand(
    intent: str | None, confidence: float, text: str, context: Context, named: Sequence[tuple[str, str]]
) -> bool:
    """A short follow-up that points back at the answer in hand, in words that name no other topic: "is the
    CMA on their approved list" after the GI Bill, "which exam does that apprenticeship get you ready for"
    after learning on the job. NLU learned from questions asked on their own, so it reads such few words
    as the question they would be without a conversation (the exam's fee, at 0.89) and is not reliably
    unsure of them; only a reading it is sure of (an externship's pay asked in its own words) stands."""
    return (
        is_question(context.intent)
        and intent != context.intent
        # the other question of the last message is in hand too ("does it have to be front and back office both"
        # after "can i take the rma w that and how much is it": the routes, as NLU read it)
        and intent != context.earlier
        and confidence < SURE_OF_ANOTHER_TOPIC
        and context.intent not in DECLINED
        # (its question, after an aside: "lol sorry that was my mom 😅 but yeah how much does it cost")
        and len((asking_clause(text) if ASIDE_ENDS.search(text) else text).split()) <= MAX_CONTINUED_WORDS
        and bool(POINTS_AT_IT.search(text))
        and not ANOTHER_THING.search(text)
        and not CHECK_A_SCHOOL.search(text)
        and not any(kind in BRINGS_ITS_OWN for kind, _ in named)
        and cued_intent(asking_clause(text), context.intent) in (None, context.intent)
    )


#: How to check a school or program themselves ("how i can check the school have this"): the accredited
#: programs' own lists, not the answer in hand.
CHECK_A_SCHOOL = re.compile(
    r"\bhow (i |do i |can i |could i |to |would i |should i )?(can |could )?(check|verify|look up|find out|confirm|know)\b"
    # (not whether a school takes what is in hand: "how do i know if a school takes it" after the GI Bill)
    r"[^.?!]{0,20}\b(school|program|college|course)s?\b(?! (takes?|accepts?|covers?|is approved|qualif\w*)\b)",
    re.IGNORECASE,
)


def _state_only_told(text: str, named: Sequence[tuple[str, str]], context: Context) -> str | None:
    """A state named only in what they tell, while the question after it names none and its words point to
    another topic: that topic is asked, not the state's rules."""
    asked = asking_clause(text)
    if asked == text:
        return None
    states = [value.lower() for kind, value in named if kind == "us_state"]
    cued = cued_intent(asked, context.intent)
    told_only = (
        cued
        and cued != STATE_RULES
        and not any(state in asked.lower() for state in states)
        and not POINTS_AT_WHAT_WAS_TOLD.search(asked)  # "...in sioux falls, do i still need to renew that?"
        and not WORK_THERE.search(asked)  # "also im in washington. can i still work as an MA while i retake?"
    )
    return cued if told_only else None


#: Topics asked of one credential or another ("Same question for CMA" asks one of these again).
OF_A_CREDENTIAL = frozenset(
    {"ask_eligibility", "ask_exam_fee", "ask_renewal", "ask_exam_format", "ask_exam_retake", "ask_credential_info"}
)
SAME_QUESTION_FOR = re.compile(r"^\W*((and|ok|okay|so)\W+)*(the )?same (question|q|thing)\b[^.?!]*\bfor\b", re.I)


def _same_question_of_a_credential(
    intent: str | None, text: str, context: Context, named: Sequence[tuple[str, str]]
) -> bool:
    """ "Same question for CMA with military training." after "Does my medic training count for the RMA? And
    can I do an MA job through SkillBridge?": the credential's question of that message, which NLU read,
    not SkillBridge, whose answer is the same for every credential."""
    return (
        intent in OF_A_CREDENTIAL
        and context.intent not in OF_A_CREDENTIAL
        and any(kind == "credential" for kind, _ in named)
        and bool(SAME_QUESTION_FOR.match(text))
    )


def _in_hand(intent: str, context: Context) -> bool:
    """The topic in hand, or one of its neighbours."""
    return is_question(context.intent) and (intent == context.intent or intent in neighbours(context.intent))


def continued(ranking: Sequence[tuple[str, float]], context: Context, text: str) -> str | None:
    """A follow-up's question, weighed against the conversation: NLU's confidence in each question,
    counted more for the topic in hand and its neighbours (`bot.understanding.families`). "who has
    to approve it?" after SkillBridge, "whats passing" after the NCMA exam, "do they pay you for it"
    after the externship. None when the message is no follow-up or nothing weighs enough."""
    topic = context.intent
    if topic is None or not is_question(topic) or ANOTHER_THING.search(text):
        return None
    if len(text.split()) > MAX_CONTINUED_WORDS:
        # "but i already have a bachelors in psych, can i still get it" after aid: longer, but NLU's own
        # best question is still the topic in hand
        leaning = next(((name, p) for name, p in ranking if is_question(name)), None)
        words = len(text.split()) <= MAX_FACET_WORDS and bool(POINTS_BACK.search(text))
        return topic if words and leaning and leaning[0] == topic and leaning[1] >= MIN_CONTINUED else None
    near = neighbours(topic)
    same = SAME_MESSAGE_WEIGHT if context.same_message else SAME_TOPIC_WEIGHT
    # the earlier of the last message's two questions is in hand too ("where do you usually do it" after "is the
    # externship paid and how long is it? im on the gi bill")
    earlier = context.earlier if is_question(context.earlier) and not context.same_message else None
    weighed = {
        name: confidence
        * (
            same
            if name == topic
            else SAME_TOPIC_WEIGHT
            if name == earlier
            else NEIGHBOUR_WEIGHT
            if name in near
            else 1.0
        )
        for name, confidence in ranking
        if is_question(name)
    }
    if POINTS_BACK.search(text) and topic not in DECLINED:
        weighed[topic] = max(weighed.get(topic, 0.0), POINTING_BACK_FLOOR * SAME_TOPIC_WEIGHT)
    if not weighed:
        return None
    best = max(weighed, key=lambda name: weighed[name])
    return best if weighed[best] >= MIN_CONTINUED else None


def _what_they_pay(context: Context, ranking: Sequence[tuple[str, float]]) -> str:
    """The cost "do I have to pay every year after?" asks about: the one in hand, else NLU's next cost."""
    if context.intent in COSTS:
        return context.intent
    if context.intent in EXAM_TOPICS:
        return "ask_exam_fee"  # "...what category am i and how much to pay" after the CMA exam: its fee
    costs = [name for name, confidence in ranking if name in COSTS and confidence >= MIN_OTHER_LEAN]
    return costs[0] if costs else "ask_program_cost"


def _read_against_the_answer_in_hand(
    intent: str | None, confidence: float, entities: Sequence[tuple[str, str]], text: str, said: str, context: Context
) -> tuple[str | None, float]:
    """What NLU read, unless the answer in hand says otherwise: "rn" spelled out as "right now" leaves no nurse
    to compare with, and a few words asked back ("so no skipping nothing?") or a clarification ("like school to
    become a medical assistant") ask the question in hand again. `said` is `text` with its shorthand spelled out."""
    if said != text and intent == "ask_compare_roles" and not OTHER_ROLE_NAMED.search(said):
        # "like school to become a medical assistant. im a senior rn": NLU read a nurse where "rn" is "right now"
        intent, confidence = None, 0.0
    if not is_question(context.intent) or decisive_topic(said):
        return intent, confidence
    asked_back = (
        intent in ("inform", "nlu_fallback")
        and not entities
        and not context.same_message
        and SHORT_ASKED_BACK.match(said)
    )
    clarified = (
        CLARIFIES.match(said)
        and not looks_like_question(said)
        and (intent in NO_TOPIC or intent is None or confidence < SURE_OF_ANOTHER_TOPIC)
    )
    if asked_back or clarified:
        return context.intent, SURE_OF_ANOTHER_TOPIC
    return intent, confidence


#: What they quote back of an earlier answer: "u said the CMA needs a special program".
QUOTED_BACK = re.compile(r"\b(u|you|ya) (said|told me|mentioned|say)\b[^,.;?!]*", re.I)


def _word_in(name: str, text: str) -> bool:
    """`name` in `text` as a word of its own ("CMA" is not in "the CCMA")."""
    return re.search(rf"\b{re.escape(name.lower())}\b", text.lower()) is not None


def _not_what_they_quote(understood: Understood, text: str) -> Understood:
    """Without a credential named only in what they quote back of an earlier answer, when the question names
    another: "u said the CMA needs a special program, is the CCMA like that too" asks about the CCMA alone."""
    quoted = QUOTED_BACK.search(text)
    if not quoted:
        return understood
    rest = (text[: quoted.start()] + " " + text[quoted.end() :]).lower()
    said = quoted.group(0).lower()
    own = [(k, v) for k, v in understood.entities if _slot(k) == "credential" and (k, v) not in understood.from_context]
    only_quoted = [e for e in own if _word_in(e[1], said) and not _word_in(e[1], rest)]
    if not only_quoted or len(only_quoted) == len(own):
        return understood
    return replace(understood, entities=[e for e in understood.entities if e not in only_quoted])


def _places_of_the_question(understood: Understood, text: str) -> Understood:
    """Only the places the question's own sentence names, when the story before it named others ("...sleeping at a
    loves in amarillo. so first thing is arizona one of them states where you need a state license..."): Arizona's
    rules, not an answer for no state in particular."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    asked = asking_clause(text)
    at = next((n for n in range(len(sentences) - 1, -1, -1) if asked in sentences[n]), 0)
    if at == 0:
        return understood
    # the question's sentence and what follows it ("...in miami for southcom instead? or san francisco lol")
    sentence = " ".join(sentences[at:]).lower()
    places = [v for k, v in understood.entities if k == "us_state" and (k, v) not in understood.from_context]
    inside = [v for v in places if v.lower() in sentence]
    if not inside or len(inside) == len(places):
        return understood
    kept = [e for e in understood.entities if e[0] != "us_state" or e in understood.from_context or e[1] in inside]
    return replace(understood, entities=kept)


def understand(
    intent: str | None,
    confidence: float,
    entities: Sequence[tuple[str, str]],
    text: str,
    context: Context,
    ranking: Sequence[tuple[str, float]] = (),
) -> Understood:
    """The question this message asks, once the conversation so far is taken into account, with the
    part of its topic the message's words ask about ("can WIOA pay for it?": WIOA)."""
    said = spelled_out(text)
    intent, confidence = _read_against_the_answer_in_hand(intent, confidence, entities, text, said, context)
    text = said
    understood = _understand(intent, confidence, entities, text, context, ranking)
    understood = _the_exam_asked(understood, text, context)
    understood = _places_of_the_question(understood, text)
    understood = _not_what_they_quote(understood, text)
    kinds = {_slot(kind) for kind, _ in entities}
    if understood.intent == "ask_accredited_programs" and {"credential", "accreditor"} <= kinds:
        # "Must her school hold CAAHEP accreditation to sit the NCMA?": the NCMA's rule, not what CAAHEP is
        kept = [e for e in understood.entities if _slot(e[0]) != "accreditor"]
        understood = replace(understood, entities=kept)
    elif (
        understood.intent == "ask_accredited_programs"
        and sum(1 for kind, _ in entities if _slot(kind) == "accreditor") > 1
        and "credential" not in kinds
    ):
        # "but CAAHEP is the one recognized by the Department of Education and ABHES isn't, right" after the CMA:
        # the accreditors asked about, not the CMA's rule again
        kept = [e for e in understood.entities if not (_slot(e[0]) == "credential" and e in understood.from_context)]
        understood = replace(understood, entities=kept)
    if understood.intent == "ask_accredited_programs" and LOOK_UP_ACCREDITED.search(text):
        # "how do i look up if a specific program is accredited" after the CCMA: where the lists are, not the
        # CCMA's rule again
        kept = [e for e in understood.entities if not (_slot(e[0]) == "credential" and e in understood.from_context)]
        understood = replace(understood, entities=kept)
    # "and the other ones?" after the CMA's pass rate: not the CMA again; "of the ones I can do which is cheapest?": all
    if _the_others(text, context) or ACROSS_THE_ONES.search(text):
        kept = [e for e in understood.entities if not (_slot(e[0]) == "credential" and e in understood.from_context)]
        understood = replace(
            understood, entities=kept, from_context=tuple(e for e in understood.from_context if e in kept)
        )
    if (
        understood.intent == "ask_salary"
        and "us_state" in kinds
        and "role" not in kinds
        and any(k == "role" and not is_medical_assistant(v) for k, v in understood.from_context)
    ):
        # "ok and in dallas" after a CNA's pay beside an MA's: the pay there, which the sources give for MAs
        kept = [e for e in understood.entities if not (e[0] == "role" and e in understood.from_context)]
        understood = replace(
            understood, entities=kept, from_context=tuple(e for e in understood.from_context if e in kept)
        )
    if any(k == "aspect" for k, _ in understood.entities):
        return understood  # a button's own
    aspect = cued_aspect(understood.intent, text)
    if (
        aspect in PLACE_HAS_ITS_OWN
        and any(k == "us_state" for k, _ in understood.entities)
        and not PERCENTILES.search(text)
        and not NATIONALLY.search(text)
    ):
        # "what do MAs make an hour in illinois", or "hourly" after New York's pay: that state's own
        # figures, hourly ones included
        aspect = None
    if aspect in CREDENTIAL_HAS_ITS_OWN and any(_slot(k) == "credential" for k, _ in understood.entities):
        aspect = None  # "is the cma one online from home too": the CMA's own answer says where it is taken
    if aspect is None and _same_part(understood, entities, text, context):
        aspect = context.aspect  # "how long do i have to finish?" after MyCAA: still MyCAA
    if aspect == OVERVIEW and understood.intent == context.intent and context.aspect and THAT_PART_OF_IT.search(text):
        aspect = context.aspect  # "ok just tell me the pell part then" after aid for non-citizens: its Pell, for them
    paid_for_again = understood.intent == context.intent in PAYERS and bool(IT_PAYS.search(text))
    if aspect is None and paid_for_again and not _another_role(_carried(entities)):
        aspect = context.aspect  # "Could it pay for an associate degree rather than a certificate?" after MyCAA
    if (
        not aspect
        and understood.intent == "ask_financial_aid"
        and context.intent == WORK_AUTHORIZATION
        and FEDERAL_AID.search(text)
    ):
        aspect = "noncitizen"  # "and FAFSA?" right after a visa question: aid for non-citizens
    pay_asked = PAY_NAMED.search(text) or (aspect == "hourly" and ROLES_PAY.search(asking_clause(text)))
    if aspect in (*NATIONAL_ONLY, "hourly") and _another_role(_carried(entities)) and pay_asked:
        # "compare medical assistants and pharmacy techs on pay and job growth", "i make 21 an hour at amazon rn.
        # LPNs make way more right?": that role's pay
        aspect = None
    if aspect in NATIONAL_ONLY:  # "is the job market at least good" after Florida's pay: the national outlook
        kept = [e for e in understood.entities if not (e[0] == "us_state" and e in understood.from_context)]
        understood = replace(understood, entities=kept)
    return replace(understood, entities=[*understood.entities, ("aspect", aspect)]) if aspect else understood


#: A part of the answer in hand asked for by name: "just tell me the pell part then".
THAT_PART_OF_IT = re.compile(
    r"\b(just|only) (tell|give|show) me (about )?the \w+( \w+)? (part|bit)\b|^\W*((and|ok|so)\W+)*the \w+ (part|bit)\W*$",
    re.I,
)
#: Parts of a topic whose answer names no amount: asked "how much", the topic's whole answer has them.
PARTS_WITHOUT_AMOUNTS = frozenset({("ask_financial_aid", "noncitizen"), ("ask_financial_aid", "wioa")})
AMOUNT_ASKED = re.compile(r"\bhow much\b|\bamount\b|\bmax(imum)?\b|\bup to\b", re.I)
#: A sum of money as people write pay: "40k", "$40,560", "45 grand".
SUM_OF_MONEY = re.compile(r"\$ ?\d|\b\d+(\.\d+)? ?k\b|\b\d+ (grand|thousand)\b|\b\d{2},\d{3}\b", re.I)
#: Parts of a topic that each credential's own answer also covers: a credential named or in hand has it.
CREDENTIAL_HAS_ITS_OWN = frozenset({"where", "passing", "content"})
#: Parts that answer one question only: a follow-up on the topic ("whats passing" after where the exam is
#: taken) asks about the topic again, not about that part.
ONE_QUESTION_PARTS = frozenset(
    {
        ("ask_exam_format", "where"),
        ("ask_exam_format", "passing"),
        ("ask_exam_format", "content"),
        ("ask_eligibility", "timing"),
        ("ask_accommodations", "iep"),
    }
)
#: Parts of a topic the sources give only for the whole country: a state in hand does not narrow them
#: (the job outlook; why employers want a credential where no law asks it).
NATIONAL_ONLY = frozenset({"outlook", "why_certify"})
#: A follow-up on the same topic this long still asks about the same part of it ("is there a limit per
#: year or can i use the whole 4k at once" after MyCAA).
MAX_SAME_PART_WORDS = 18


#: Topics whose answers differ by the kind of program named (a certificate's length, an associate degree's price).
BY_PROGRAM_KIND = frozenset({"ask_duration", "ask_program_cost", "ask_program_type"})


def _new_to(intent: str | None, entity: tuple[str, str]) -> bool:
    """Whether a thing named is new to the topic: "MA training" names no other role, and "my clinic's in-house
    training certificate" after the CPOE rule names no program kind that rule varies by."""
    kind = _slot(entity[0])
    if kind == "role":
        return _another_role([entity])
    return kind != "program_type" or intent in BY_PROGRAM_KIND


def _same_part(understood: Understood, entities: Sequence[tuple[str, str]], text: str, context: Context) -> bool:
    """A short follow-up on the topic in hand that names nothing new asks about the same part of it;
    naming a credential or state ("and the RMA?") asks the topic again for that, as a whole. A
    message whose words name the topic's overview (`cued_aspect` gives "") asks the whole again."""
    return (
        context.aspect is not None
        and (context.intent, context.aspect) not in ONE_QUESTION_PARTS
        and understood.intent == context.intent
        # ("And which test is that one? The CMA also?": the part in hand, which names the test)
        and (
            bool(WHICH_ONE_IS_THAT.search(text)) or not [e for e in _carried(entities) if _new_to(understood.intent, e)]
        )
        and len(text.split()) <= MAX_SAME_PART_WORDS
        and cued_aspect(understood.intent, text) is None
        # "how much is it" after whether a green card opens aid: the amounts, which that part has none of
        and not (AMOUNT_ASKED.search(text) and (context.intent, context.aspect) in PARTS_WITHOUT_AMOUNTS)
        # "40k?? ... you sure about that number" after the job outlook: the pay figure doubted, not the growth
        and not (SUM_OF_MONEY.search(text) and (context.intent, context.aspect) == ("ask_salary", "outlook"))
    )


def _not_a_price(intent: str | None, asked: str, context: Context) -> str | None:
    """What a cost reading asks when it is no price: how much training, or a renewal's charge on top."""
    if intent == "ask_program_cost" and HOW_MUCH_TRAINING.search(asked) and not PRICE_NAMED.search(asked):
        return STATE_RULES if context.intent == STATE_RULES else "ask_duration"  # training's amount, not price
    if context.intent == "ask_renewal" and intent in ("ask_exam_fee", "ask_program_cost") and ON_TOP.search(asked):
        return context.intent  # "ugh so i have to pay extra on top of the test?" after a lapse: the reactivation fee
    return intent


#: The aspect of a program's price that asks whether it includes the exam fee.
EXAM_FEE_IN_PRICE = "exam_fee_included"


def _exam_or_school(intent: str | None, text: str, named: Sequence[tuple[str, str]], context: Context) -> str | None:
    """Whether a cost asked is an exam's fee or a school's price."""
    if intent == "ask_program_cost" and cued_aspect(intent, text) == EXAM_FEE_IN_PRICE:
        return intent  # "so the test fee is in there or separate": whether the school's price includes it
    if (
        intent in COST_OF_EXAM
        and context.intent in EXAM_TOPICS
        and not SCHOOLING.search(text)
        and not WHOLE_PATH.search(text)
        and not TUITION_SIZED.search(text)  # "and is 18k normal" after pass rates: no exam costs that much
        and not SCHOOL_EXTRAS.search(text)  # "a realistic budget with the small items included, background check"
    ):
        intent = COST_OF_EXAM[intent]
    asked = asking_clause(text)
    if (
        intent == "ask_exam_fee"
        and context.intent in TRAINING_TOPICS
        and (BARE_PRICE.match(asked) or (context.intent in KINDS_COMPARED and ONE_PRICED.match(asked)))
    ):
        intent = "ask_program_cost"  # "whats it cost" after "how long is cma school": the school's price
    if intent in COST_OF_EXAM and EXAM_WORDS.search(asked) and not SCHOOLING.search(asked):
        intent = COST_OF_EXAM[intent]  # "...finished an ABHES program. how much is the CMA exam for me": the exam's fee
    if intent == "ask_exam_fee" and any(_slot(k) == "program_type" for k, _ in named) and not EXAM_WORDS.search(asked):
        intent = "ask_program_cost"  # "If I did an MA certificate, what would it cost": the program's price
    return intent


def _what_is_paid(
    intent: str | None,
    text: str,
    named: Sequence[tuple[str, str]],
    context: Context,
    ranking: Sequence[tuple[str, float]],
) -> str | None:
    """Which money the question is about: an exam's fee or a school's price, MA pay or who pays for
    training, what a benefit pays for, whether the thing in hand pays them."""
    intent = _exam_or_school(intent, text, named, context)
    asked = asking_clause(text)
    if intent == "ask_program_cost" and PAY_WORDS.search(text) and not SCHOOLING.search(text):
        intent = "ask_salary"  # "how much per hour in Texas?" is pay: tuition is never by the hour
    # (not the price only told before a question of pay: "...why i'd bother paying for the cert. does an MA even
    # make more than a CNA")
    if intent == "ask_salary" and THEY_PAY.search(text) and not (asked != text and EARNS_MORE.search(asked)):
        intent = _what_they_pay(context, ranking)
    if intent == "ask_salary" and PAYS_FOR_TRAINING.search(text):
        intent = "ask_financial_aid"  # "could that pay for medical assistant school": who pays, not what MAs earn
    if (
        intent in PAID_FOR
        and context.intent in PAYERS
        and (IT_PAYS.search(text) or _a_test_switched(intent, text, context))
    ):
        intent = context.intent  # "does it pay for the exam too" after the GI Bill: what the GI Bill pays for
    if intent == "ask_financial_aid" and context.intent == "ask_military_benefits" and THAT_PAYS.search(asked):
        intent = context.intent  # "...said mycaa?? does that pay for MA school": MyCAA, not the FAFSA
    if context.intent in PAID_WHILE and intent not in PAID_WHILE and IS_IT_PAID.search(asked):
        intent = context.intent  # "is it paid or am I working for free" after an apprenticeship: its pay
    intent = _not_a_price(intent, asked, context)
    if intent == "ask_program_cost" and context.intent in CREDENTIALS_IN_HAND and WHICH_CHEAPER.search(asked):
        intent = "ask_exam_fee"  # "which is cheaper" after which credential suits them: the credentials' fees
    if context.intent == "ask_online_program" and IS_IT_PAID.search(asked):
        intent = "ask_externship"  # "is it paid at least" after online study: the in-person externship it spoke of
    if context.intent == "ask_renewal" and intent in TEST_AGAIN_READINGS and TEST_AGAIN.search(asked):
        intent = context.intent  # "Does she have to take the whole test over again then?": recertifying by exam
    if intent == "ask_compare_roles" and cued_intent(asked, context.intent) == "ask_salary":
        intent = "ask_salary"  # "who makes more": pay comparisons are pay (docs/intents.md)
    if _pay_of_another_role(intent, named, text, context):
        intent = "ask_salary"  # "how does that compare to a nurse, like an LPN" after MA pay: the LPN's pay
    if intent == context.intent == "ask_compare_roles" and HOW_MUCH_DIFFERENCE.match(asked):
        intent = "ask_salary"  # "how much difference" after RN, LPN and MA compared: what each earns
    if intent == "ask_salary" and MADE_TO_DO.search(asked) and not PAY_WORDS.search(asked):
        # "And what will they make me do there?" after the externship: its work, not what MAs make
        intent = context.intent if context.intent in WORK_DONE_THERE else "ask_what_is_cma"
    return intent


#: What someone is made to do ("what will they make me do there"): duties, where "make" is no pay.
MADE_TO_DO = re.compile(
    r"\bmake (me|us|you|u|them|him|her|students|people)( \w+)? (do|learn|practi[cs]e|work on)\b", re.I
)
#: Topics with work of their own to describe: what they make someone do there is their answer.
WORK_DONE_THERE = frozenset({"ask_externship", "ask_learn_on_job"})


#: "how much difference", "and how much more": a gap in money asked, after roles compared.
HOW_MUCH_DIFFERENCE = re.compile(
    r"^\W*((and|so|but|ok(ay)?)\W+)*how much (of an? |more of an? )?(more|difference|diff|gap)\b[^.?!]{0,15}[.?!]*\s*$",
    re.I,
)


def _understand(
    intent: str | None,
    confidence: float,
    entities: Sequence[tuple[str, str]],
    text: str,
    context: Context,
    ranking: Sequence[tuple[str, float]],
) -> Understood:
    entities = [e for e in entities if not (_only_compared(e, text) or _only_a_title(e, text) or _set_aside(e, text))]
    named = _carried(entities)
    nlu_read = intent
    intent = _what_is_paid(reread(intent, confidence, text, context, ranking, named), text, named, context, ranking)
    asked = asking_clause(text)
    # "He has ADHD. For the RMA test he can ask more time?" after a program's price: NLU is sure it asks of
    # accommodations, so no price is being picked
    sure_elsewhere = confidence >= SURE_OF_ANOTHER_TOPIC and nlu_read not in (
        *PRICES.values(),
        *NO_TOPIC,
        "ask_exam_format",
    )
    chosen = None if sure_elsewhere else _price_chosen(text, named, context)
    if chosen:
        merged, inherited = _merge(entities, context)
        # "and for the RMA?" asks the price again for the RMA; "the school part. im in savannah GA" chooses
        # a price by its words, and the state it names is no question of that state's rules
        by_words = bool(SCHOOLING.search(text) or EXAM_WORDS.search(text))
        return Understood(chosen, merged, inherited, follow_up=not by_words)
    if intent == "ask_program_cost" and not TUITION_SIZED.search(text) and _a_credential_s_fee(asked, named, context):
        intent = "ask_exam_fee"  # "and the fee?" after the CCMA's format: the CCMA's exam fee
    if (
        is_question(context.intent)
        and not named
        and WHICH_STATE.search(text)
        and only_switches(asked)
        and cued_intent(asked, context.intent) in (None, context.intent)  # "how bout pay nationwide": pay
    ):
        # "and in whole country?" after Pennsylvania's pay: the same question, for the whole country
        kept = [pair for pair in context.entities if pair[0] != "us_state"]
        return Understood(context.intent, kept, tuple(kept), follow_up=True)
    if _credential_under_state_rules(nlu_read, confidence, entities, text, context) or _just_another_role(
        text, context, named
    ):  # "pharmacy tech?" after MA pay: that role's pay
        merged, inherited = _merge(entities, context)
        return Understood(context.intent, merged, inherited, follow_up=True)
    if (
        is_question(context.intent)
        and named
        and (
            (
                nlu_read in NO_TOPIC
                and intent in (nlu_read, context.intent)  # no word of its own pointed elsewhere
                and _looks_like_follow_up(text)
                and not (
                    nlu_read == "out_of_scope" and confidence >= CONFIDENT_OUT_OF_SCOPE and not SET_AGAINST.match(text)
                )
            )
            or (
                # NLU's reading or the rules' ("damn. and the ncct one?" read back to the GI Bill in hand)
                (intent != context.intent or nlu_read != context.intent)
                and only_switches(asked)
                and (not cued_intent(asked, context.intent) or _ends_same_again(asked))
                and not decisive_topic(text)
                and not _asks_state_rules(nlu_read, text, named)  # "and for the MA-C which programs are accepted"
                and not (intent == "ask_salary" != context.intent and PAY_NAMED.search(asked))  # "whats the pay for…"
                # "and in illinois do i even need it" with Illinois in hand switches to nothing new: its own question
                and (_names_something_new(named, context) or bool(EVEN_WITH.match(asked)))
            )
        )
    ):
        merged, inherited = _merge(entities, context)
        # "What about CMA. Buddy in my unit says military counts for that too": whether it takes their training
        counts = any(_slot(kind) == "credential" for kind, _ in named) and bool(COUNTS_FOR_IT.search(text))
        topic = "ask_eligibility" if _its_routes_asked(text, named, context) or counts else context.intent
        if any(_slot(kind) == "credential" for kind, _ in named):
            # "and for the CMA exam?" after the USMLE's attempts: the CMA's own retake rules
            topic = PART_FOR_A_CREDENTIAL.get((topic, context.aspect), topic)
        if context.intent in RULED_BY_STATE and _a_place_alone(asked, named):
            topic = STATE_RULES  # "in ny tho" after learning on the job "in most states": New York's rules
        if topic not in ROLE_TOPICS and _another_role(named) and INSTEAD.search(text):
            topic = "ask_compare_roles"  # "How about LPN instead for me?" after their verdict: that career beside MA
        return Understood(topic, merged, inherited, follow_up=True)
    if intent == context.intent and only_switches(asked) and _its_routes_asked(text, named, context):
        # "and for the RMA? I read they are more flexible" read back to the topic in hand: whether it takes them
        merged, inherited = _merge(entities, context)
        return Understood("ask_eligibility", merged, inherited, follow_up=True)
    if intent == "inform" and is_question(context.intent) and not named and only_switches(asked):
        # "and the bottom 10%" after MA pay: the same question, for the part it names
        return Understood(context.intent, list(context.entities), tuple(context.entities), follow_up=True)
    if intent == "inform" and context.intent in ANSWERED_FOR_THEM:
        # "my highschool n MD both from india tho" after which exams take their work: the same question, for
        # them as they are now
        merged, inherited = _merge(entities, context)
        return Understood(context.intent, merged, inherited, follow_up=True)
    carries = (
        intent not in NOT_CARRIED_INTO
        or (intent == "ask_credential_info" and bool(POINTS_AT_ONE.search(text)))
        # "which is quicker" after comparing an MA and a nurse: the same two, nothing new named
        or (intent == context.intent == "ask_compare_roles" and not named and bool(COMPARES.search(text)))
        # "whats the real difference between the two jobs then, besides money" after an LPN's pay: the same two
        or (intent == "ask_compare_roles" and context.intent == "ask_salary" and bool(THE_JOBS_COMPARED.search(text)))
    )
    if is_question(intent) and carries and context.entities:
        merged, inherited = _merge(entities, context, skip=_not_inherited(intent, named, text))
        return Understood(intent, merged, inherited)
    return Understood(intent, entities)


#: "wait so even with the ccma??" after a state's rules, the CCMA in hand: the same question again, doubting it.
EVEN_WITH = re.compile(
    r"^\W*([\w']+\W+){0,3}(even|still|not even) (with|w|having|if i have) (the |my |a )?(c?cma|rma|ncma)\b", re.I
)


def _names_something_new(named: Sequence[tuple[str, str]], context: Context) -> bool:
    """Whether a message names a thing the conversation does not already have in hand, or picks one of
    several in hand ("rma no?" after a verdict on the RMA and the NCMA)."""
    held = {(kind, value.lower()) for kind, value in context.entities}
    kinds = {kind for kind, _ in named}
    narrows = any(sum(1 for kind, _ in held if kind == named_kind) > 1 for named_kind in kinds)
    return narrows or any((kind, value.lower()) not in held for kind, value in named)


#: How to check a program's accreditation ("how do i look up if a specific program is accredited").
LOOK_UP_ACCREDITED = re.compile(
    r"\b(look (it |that |this |them )?up|check|find out|verify|search|see)\b[^.?!]{0,15}\b(if|whether)\b[^.?!]{0,30}\b"
    r"(program|school|course|college)s? (is|are) accredited\b",
    re.I,
)
#: The job's title, not the AAMA's credential: "I'd like to become a certified medical assistant".
TITLE_SOUGHT = re.compile(
    r"\b(become|becoming|be|work as|working as|certified as) (an? )?certified medical assistant\b", re.I
)


def _set_aside(entity: tuple[str, str], text: str) -> bool:
    """ "which cert could i get later that way, not the cma right?": the credential ruled out, while the question
    asks of every credential."""
    kind, value = entity
    return (
        kind == "credential"
        and bool(ANY_CREDENTIAL.search(asking_clause(text)))
        and bool(re.search(rf"\b(not|except|besides|other than) (the |an? )?{re.escape(value)}\b", text, re.I))
    )


def _only_a_title(entity: tuple[str, str], text: str) -> bool:
    """ "I'd like to become a certified medical assistant. Does my military medical training still count for
    any of the exams?": the title they want, while the question asks of every credential."""
    kind, value = entity
    return (
        kind == "credential"
        and value.lower() == "certified medical assistant"
        and bool(TITLE_SOUGHT.search(text))
        and bool(ANY_CREDENTIAL.search(asking_clause(text)))
    )


def _only_compared(entity: tuple[str, str], text: str) -> bool:
    """ "is that a real credential like the CMA" after the NCMA: the CMA is a yardstick, not the
    credential asked about."""
    kind, value = entity
    return kind == "credential" and bool(
        re.search(
            rf"\b((credential|cert\w*|exam|test|one|thing) like|better than|worse than|as good as) (the |an? )?"
            rf"{re.escape(value)}\b",
            text,
            re.IGNORECASE,
        )
    )


#: Topics whose answer holds for every credential, where naming one asks whether it takes that way in
#: ("what about the cma from aama tho" after the diploma rule: what the CMA asks beyond the diploma).
#: ("and for the RMA? I read they are more flexible" after whether courses transfer: whether the RMA takes
#: their education)
ROUTES_BY_CREDENTIAL = frozenset(
    {"ask_learn_on_job", "ask_diploma_requirement", "ask_duration", "ask_course_transfer", "ask_foreign_nurse"}
)
#: Topics answered "in most states", where a state named alone asks that state's own rules.
RULED_BY_STATE = frozenset({"ask_learn_on_job"})
#: Words around a place named alone ("in ny tho", "what about texas then").
PLACE_FILLER = frozenset(
    "and but so ok okay n y what how about bout abt in for en the state of tho though then too specifically instead".split()
)


def _its_routes_asked(text: str, named: Sequence[tuple[str, str]], context: Context) -> bool:
    """ "and cma?" after learning on the job, "and for the RMA? I read they are more flexible" after whether
    courses transfer: whether that credential takes them, its eligibility. ("and the cma test itself?" after how
    long programs take is that exam, not its routes; after a foreign-trained answer "what about NHA, the clinical
    one?" asks that one's routes, while "What about the RMA or the CCMA, then?" asks the same answer of both.)"""
    return (
        context.intent in ROUTES_BY_CREDENTIAL
        and bool(named)
        and all(_slot(kind) in ("credential", "certifying_body") for kind, _ in named)
        and (context.intent != "ask_foreign_nurse" or len(named) == 1)
        and not EXAM_WORDS.search(text)
    )


def _a_place_alone(text: str, named: Sequence[tuple[str, str]]) -> bool:
    """A message that names only a place ("in ny tho"), not something in it ("any in indiana?")."""
    if not named or any(_slot(kind) != "us_state" for kind, _ in named):
        return False
    said = text.lower()
    for _, value in named:
        said = said.replace(value.lower(), " ")
    return all(word in PLACE_FILLER for word in re.findall(r"[a-z']+", said))


#: Taking the exam again, asked after renewal, is recertifying by exam (not a failed attempt's retake).
TEST_AGAIN = re.compile(
    r"^(?!.*\b(fail\w*|tries|times|attempts?|wait)\b).*"
    r"\b(take|retake|redo|sit|do|write) (the |that |this )?(whole |entire |full )?(test|exam)\b[^.?!]{0,12}\b(again|over)\b",
    re.I,
)
TEST_AGAIN_READINGS = frozenset(
    {"ask_exam_retake", "ask_exam_format", "ask_eligibility", "ask_exam_fee", "ask_accommodations", "nlu_fallback"}
)  # "and if i lost it do i have to take the whole test over" after renewal, read as the fee; "I read some
# English. So I need to take the exam again?" read as the exam's language
#: Their training or work counted toward a credential ("says military counts for that too").
COUNTS_FOR_IT = re.compile(
    r"\b(military|training|experience|work|years?|yrs)\b[^.?!]{0,20}\b(counts?|qualif\w*|accepted|works)\b", re.I
)
#: Military training named: a way in that only some credentials have.
MILITARY = re.compile(r"\b(army|navy|air force|marines?|military|corpsman|68w|medic)\b", re.I)
#: Whether the thing in hand pays them ("is it paid or am I working for free").
IS_IT_PAID = re.compile(
    r"\b(is|are|was) (it|that|this|they|those|the \w+|(that|this|the) (part|bit|one|time|stuff)) (even |actually )?"
    r"(paid|unpaid)\b|\bworking for free\b|"
    r"\b(do|will|would) (i|you|u|we) (even |still )?get paid\b|"
    # "160 hours of what tho. and do they pay u for that" after online study's in-person part
    r"\b(do|will|would|does) (they|it|the (clinic|site|place|office)s?) (even |actually )?pay (you|u|me|us|students?) "
    r"(for (that|it|this|those|them)|anything)\b",
    re.I,
)
#: Pay named and nothing else ("and pay?", "what about salary"): the pay of whatever is in hand.
#: "for each", "of both": a question asked of every role just named.
FOR_EACH = re.compile(r"\b(for|of) (each|both)( (of them|one))?\b|\beach (of them|one)\b", re.I)
BARE_PAY = re.compile(
    r"^\W*((and|what about|how about|ok(ay)?|so)\W+)?(the )?(pay|salary|wages?|money|income)( ?wise)?\W*$", re.I
)


def _not_inherited(intent: str | None, named: Sequence[tuple[str, str]], text: str) -> tuple[str, ...]:
    """The kinds a new question does not take from the conversation.

    Only a credential (or its body) and a state are inherited by a new question: "how much do they
    make" after an LPN comparison is still about medical assistants, unless the question compares
    ("whats the pay diff" after MA vs RN is about the RN too)."""
    # "and pay?" right after MA vs LPN: the pay of the roles compared
    # "What is the pay for each?" after "…a medical assistant, or is pharmacy technician a better idea?": both roles'
    compared = COMPARES.search(text) or (intent == "ask_salary" and (BARE_PAY.match(text) or FOR_EACH.search(text)))
    skip: tuple[str, ...] = ("program_type",) if compared else ("role", "program_type")
    by_route = intent == "ask_eligibility" and bool(MILITARY.search(text)) and not POINTS_AT_ONE.search(text)
    if (ANY_CREDENTIAL.search(text) or by_route) and not any(_slot(k) == "credential" for k, _ in named):
        # "how recent does the army training have to be" after the CMA: every credential's military route
        # "ok which ones DO take job experience" after the CMA: every credential, not the CMA again
        skip = (*skip, "credential", "certifying_body")
    if (intent == "ask_salary" and _another_role(named)) or WHICH_STATE.search(text):
        # "whats difference CNA and MA pay" after New York's pay: the roles' pay; "so which state actually
        # makes u have one" after Illinois: every state, not Illinois
        skip = (*skip, "us_state")
    return skip


#: "and the test itself if i go rma": the exam, named as itself, with no more than a credential beside it.
THE_EXAM_NAMED = re.compile(
    r"^\W*((and|so|ok|okay|what about|how about)\W+)*(for )?(the )?(\w+ )?(exam|test)( itself)?\b"
    r"(\W+(if|for|when) (i|we) (go|do|pick|choose|take) (the )?\w+)?"
    # "the test the nha one ccma": the exam, then which
    r"(\W+(the )?((nha|amt|aama|ncct|national) )?(one )?(c?cma|rma|ncma)?( one)?)?\W*$",
    re.IGNORECASE,
)


#: Two things in hand compared by length: "which one is longer", "which is shorter?".
WHICH_IS_LONGER = re.compile(
    r"^\W*((and|so|ok|okay|but)\W+)*which( one| of (them|the two|those))?(?:'s| is)? (longer|shorter|the longest|the shortest)"
    r"( (one|test|exam))?\W*$",
    re.IGNORECASE,
)


def _the_exam_asked(understood: Understood, text: str, context: Context) -> Understood:
    """The exam itself, where the words ask about it after something else about the credential."""
    if _the_exam_s_length(understood.intent, text, context) or _the_exam_itself(understood.intent, text, context):
        return replace(understood, intent="ask_exam_format")  # "and the cma test itself?" after program length
    if _two_exams_timed(text, context):  # "which one is longer" after the RMA's and the CCMA's fees: their exams
        in_hand = tuple((k, v) for k, v in context.entities if _slot(k) == "credential")
        return replace(understood, intent="ask_exam_format", entities=list(in_hand), from_context=in_hand)
    return understood


def _two_exams_timed(text: str, context: Context) -> bool:
    """ "which one is longer" after two credentials' fees or exams: their exams' length (a program's length is
    its own topic, in hand only after program questions)."""
    credentials = {v.casefold() for k, v in context.entities if _slot(k) == "credential"}
    return (
        bool(WHICH_IS_LONGER.match(text))
        and len(credentials) >= 2
        and context.intent in ("ask_exam_fee", "ask_exam_format", "ask_exam_retake", "ask_pass_rate", "ask_eligibility")
    )


def _the_exam_s_length(intent: str | None, text: str, context: Context) -> bool:
    """ "and the cma test itself?" right after how long the program takes: how long the exam takes."""
    return (
        intent in ("ask_duration", "ask_exam_fee")
        and context.intent == "ask_duration"
        and bool(THE_EXAM_NAMED.search(text))
        and not SCHOOLING.search(text)
    )


#: The exam itself, asked after something about the credential: "and the exam itself, same as before?" after
#: a lapsed credential's reactivation.
EXAM_ITSELF_ASKED = re.compile(
    r"^\W*((and|so|ok|okay|what about|how about)\W+)*(the )?(\w+ )?(exam|test) itself\b"
    r"(\W+((is it|still|it's|its) )?(the )?same( as (before|last time|then))?)?\W*$",
    re.IGNORECASE,
)


def _the_exam_itself(intent: str | None, text: str, context: Context) -> bool:
    """ "and the exam itself, same as before?" after a credential's renewal: the exam, not its fee; after a
    price, "and the exam itself?" stays a price."""
    return (
        intent == "ask_exam_fee"
        and context.intent not in (*PRICES.values(), "ask_financial_aid", "ask_military_benefits")
        and bool(EXAM_ITSELF_ASKED.match(FIRST_PART.split(text.strip(), maxsplit=1)[0]))
        and not PRICE.search(text)
    )


def _price_chosen(text: str, named: Sequence[tuple[str, str]], context: Context) -> str | None:
    """After a price ("how much is it?"), a short reply that asks nothing says which price it meant:
    "the cma test", "for CMA exam" (the exam's fee), "the school part" (the program's price)."""
    if context.intent not in PRICES.values():
        return None
    # "the cma test. im finishing a CAAHEP program next month": the choice comes first, then their story
    chosen, *rest = FIRST_PART.split(text.strip(), maxsplit=1)
    if len(chosen.split()) > MAX_PRICE_CHOICE_WORDS or not _only_a_price_after(chosen, "".join(rest), context):
        return None
    if cued_intent(chosen, context.intent) not in (None, "ask_exam_format", *PRICES.values()) or decisive_topic(chosen):
        return None  # "the exam have in spanish?", "rma doesnt care about accreditation" ask something of their own
    if SCHOOLING.search(chosen):
        return PRICES["school"]
    if EXAM_WORDS.search(chosen) or any(_slot(kind) == "credential" for kind, _ in named):
        return PRICES["exam"]
    return None


def _only_a_price_after(chosen: str, rest: str, context: Context) -> bool:
    """The choice asks nothing ("and the cma exam?", "what about the test after" only name; "how long is the cma
    exam?" asks), nor does what follows it, unless about money: "the school part, the whole program. im at best
    buy ... and i wanna know if its even worth it before i drop money on it"."""
    if looks_like_question(WHAT_ABOUT.sub("", chosen).rstrip(" ?!")):
        return False
    return (
        not rest
        or not looks_like_question(rest)
        or cued_intent(rest, context.intent) in PRICES.values()
        or bool(WORTH_THE_MONEY.search(rest))
    )


#: Whether the price is worth paying, asked after choosing it: the price answers it first.
WORTH_THE_MONEY = re.compile(r"\bworth (it|the (money|cost|price))\b", re.I)


def picks_a_price(text: str, context: Context) -> bool:
    """ "and then the test after" right after a program's price: which price they mean, whatever else
    the words sound like (a roadmap move)."""
    return _price_chosen(text, (), context) is not None


#: An amount in the thousands ("$17,500 for 10 months", "16k"): a school's price, never an exam fee.
TUITION_SIZED = re.compile(r"\$ ?\d{1,3},?\d{3}\b|\b\d{1,2} ?k\b|\b\d{1,3},\d{3}\b|\b\d{1,2} (grand|thousand)\b", re.I)


def _a_credential_s_fee(asked: str, named: Sequence[tuple[str, str]], context: Context) -> bool:
    """ "and the fee?" with a credential named or in hand, or "whats the nha one cost": a credential's
    price is its exam fee, not a school's."""
    if SCHOOLING.search(asked):
        return False
    if any(_slot(kind) == "credential" for kind, _ in named):
        return True
    return bool(FEE.search(asked)) and any(_slot(kind) == "credential" for kind, _ in context.entities)


#: Asking what another role does, not what it earns.
DUTIES = re.compile(
    r"\bwhat (do|does|did)\b[^.?!]*\b(do|doing)\b|\bwhat (\w+ ){1,2}(do|does)\b|\b(cannot|can't|cant|can not) do\b|"
    r"\bdo that\b|\bwhat they do\b|\bdut(y|ies)\b|\ball day\b|"
    r"\bresponsib|\bscope\b|\btasks?\b|\btrain(ing)?\b|\bschool\b|\bdegree\b|\blicen[cs]",
    re.IGNORECASE,
)


DIFFERENCE = re.compile(r"\bdiff(erence|erent|er|s)?\b", re.IGNORECASE)
#: "is ma the same as cna", "which better for me, MA or the CNA": the roles themselves, not their pay.
SAME_OR_BETTER = re.compile(
    r"\bsame (thing )?as\b|\b(which|what'?s|whats|what is)\b[^.?!]*\bbetter\b|\bbetter for (me|her|him|us)\b|"
    r"\b(is|are) (faster|quicker|shorter|easier)\b",  # "my mom says cna is faster": the roles' training, not pay
    re.I,
)
MONEY = re.compile(
    rf"\b(pay|pays|paid|salary|wages?|money|money ?wise|financially|{_MAKE}|makes|earn|earns|hourly|per hour|an hour)\b",
    re.I,
)


STATE_RULES = "ask_state_rules"


#: Topics whose answer holds in any state and is still what "what about in ohio" asks: how to pay for
#: school there is the same aid, not Ohio's rules for medical assistants.
SAME_IN_ANY_STATE = frozenset({"ask_financial_aid", "ask_program_cost", "ask_military_benefits", "ask_online_program"})


def to_state_rules(
    understood: Understood, own_kinds: Iterable[str], topic_varies_by_state: bool, text: str = ""
) -> Understood:
    """ "what about texas" after "can I be an MA with no college?": a follow-up naming only a state, on a
    topic whose answers never change by state, asks that state's rules (the answer again would be the same),
    and the part of them its words name ("and the california one, how many tries": the CACMA's)."""
    only_a_state = understood.follow_up and set(own_kinds) == {"us_state"}
    if (
        only_a_state
        and is_question(understood.intent)
        and understood.intent not in (STATE_RULES, *SAME_IN_ANY_STATE)
        and not topic_varies_by_state
    ):
        aspect = cued_aspect(STATE_RULES, text)
        entities = [e for e in understood.entities if e[0] != "aspect"] + ([("aspect", aspect)] if aspect else [])
        return replace(understood, intent=STATE_RULES, entities=entities)
    return understood


def _pay_of_another_role(intent: str | None, named: Sequence[tuple[str, str]], text: str, context: Context) -> bool:
    """A comparison with another role, asked right after pay and not about its duties, compares pay."""
    return (
        intent == "ask_compare_roles"
        and context.intent == "ask_salary"
        and _another_role(named)
        and len(text.split()) <= MAX_FACET_WORDS * 2
        and not DUTIES.search(asking_clause(text))  # "vs a cna? my friend is doing cna thru our school": pay
        and not (DIFFERENCE.search(text) and not MONEY.search(text))  # "what is the difference between that and a CNA?"
        and not PAY_SET_ASIDE.search(text)  # "whats the actual difference between cna and ma besides money"
        and not (SAME_OR_BETTER.search(text) and not MONEY.search(text))  # "is ma the same as cna" after pay
    )


#: "would the CCMA count?", "is the RMA enough": whether something meets a rule.
MEETS_A_RULE = re.compile(r"\b(count|counts|accepted|accept|enough|work|different|change|satisfy|meet|good)\b", re.I)


def _credential_under_state_rules(
    nlu_read: str | None, confidence: float, entities: Entities, text: str, context: Context
) -> bool:
    """ "would the ccma count?", "what if i get my RMA first": after a state's rules, a short question
    that only names a credential asks whether it meets that state's rules (not whether they may sit it:
    "can I get the CCMA with 2 yrs" names their years too)."""
    return (
        context.intent == "ask_state_rules"
        and bool(entities)
        and all(kind in SAME_SLOT for kind, _ in entities)
        and len(text.split()) <= MAX_FOLLOW_UP_WORDS
        and (nlu_read in NO_TOPIC or confidence < SURE)
        and looks_like_question(text)
        and (not cued_intent(text, context.intent) or bool(MEETS_A_RULE.search(text)))
    )


def topic_of_words(text: str, context: Context) -> str | None:
    """The topic a message's words alone name: a decisive one, else a short message's part of the topic in
    hand ("do i gotta pay again" after a retake: the retake's fee), else its cue words' topic."""
    if decisive_topic(text):
        return decisive_topic(text)
    cued = cued_intent(text, context.intent)
    # "is there any way to skip the school part" after program length: learning on the job, the words' own topic
    neighbouring = cued is None or cued in neighbours(context.intent or "")
    if neighbouring and len(text.split()) <= MAX_FACET_WORDS and facet_of_topic_in_hand(context.intent, text):
        return context.intent
    return cued


def answered_for_them(context: Context, text: str = "") -> bool:
    """The answer in hand was worked out for the person, or depends on what they now tell ("i graduated
    from a caahep school 3 yrs ago" after the CMA's fee), so what they tell next changes it; so was the
    earlier of two questions in one message ("my program is abhes" after "after i finish can i take the
    cma right away and how much is it")."""
    return (
        context.intent in ANSWERED_FOR_THEM
        or (context.intent in FEE_BY_GRADUATION and bool(WHEN_GRADUATED.search(text)))
        or context.earlier in ANSWERED_FOR_THEM
        # "im in houston" after Texas pay: the pay where they are
        or (context.intent in PLACED_ANSWERS and bool(ONLY_WHERE_THEY_ARE.match(text)))
        # "im in spokane wa if that matters" after learning on the job: the answer again, for where they are
        or (is_question(context.intent) and bool(WHERE_IF_IT_MATTERS.match(text)))
    )


#: Answers with a place's own figures or rules.
PLACED_ANSWERS = frozenset({"ask_salary", "ask_state_rules"})
#: A message that only says where they are: "im in houston", "we live near Tampa".
ONLY_WHERE_THEY_ARE = re.compile(
    r"^\W*((ok|okay|so|well|oh|btw|and)\W+)*(i'?m|im|i am|we'?re|were|we are|i live|we live|living|based|located)"
    r"( (here|now|currently|actually))? (in|at|near|around|outside( of)?|close to) [\w .'-]{2,30}\W*$",
    re.IGNORECASE,
)
#: Where they are, told in case it changes the answer ("im in spokane wa if that matters").
WHERE_IF_IT_MATTERS = re.compile(
    r"^\W*((ok|okay|so|well|oh|btw|and)\W+)*(i'?m|im|i am|we'?re|were|we are|i live|we live|living|based|located)"
    r"( (here|now|currently|actually))? (in|at|near|around|outside( of)?|close to) [\w .'-]{2,30}?,? "
    r"((if|in case) (that|it) (matters|helps|makes (a|any) difference|changes anything)|(does|would|will) (that|it) "
    r"(matter|change anything|make a difference))\W*$",
    re.IGNORECASE,
)


def _question_told_for(context: Context) -> str | None:
    """The question in hand that what they now tell changes: the last one, or the earlier of the last
    message's two when only that one was worked out for them."""
    if context.intent not in ANSWERED_FOR_THEM and context.earlier in ANSWERED_FOR_THEM:
        return context.earlier
    return context.intent


def asked_again(understood: Understood, context: Context, *, told: bool = False) -> Understood | None:
    """A correction ("wait, I meant Ohio", "it's 18 months not 8") right after a question asks that
    question again with what was corrected; None when there is no question to ask again. `told`: the
    message asks nothing, whatever topic NLU heard in it ("been doing MA type work at an urgent care since
    2020. vitals, EKGs" read as what MAs do)."""
    if (is_question(understood.intent) and not told) or not is_question(context.intent):
        return None
    merged, inherited = _merge(_carried(understood.entities), context)
    again = _question_told_for(context) if told else context.intent
    return Understood(again, merged, inherited, follow_up=True)


#: What a message named for its first question and stays at hand after its later ones.
KEPT_IN_ONE_MESSAGE = frozenset({"us_state", "role"})


def remember(understood: Understood, context: Context, answered_before: str | None = None) -> Context:
    """The context after answering: a question replaces it; small talk and the rest keep it, and so
    does a declined question ("could i get sued over it" after a lapsed CMA: "ok how do i get it back"
    is still about the CMA). `answered_before`: the earlier question answered again in the same reply
    (`earlier_too`), which stays at hand for the next follow-up."""
    if not is_question(understood.intent) or (understood.intent in DECLINED and is_question(context.intent)):
        return context
    aspect = next((v for k, v in understood.entities if k == "aspect"), None)
    earlier = answered_before
    carried = tuple(_carried(understood.entities))
    if context.same_message:  # a later question of one message: the one before it on another topic stays at hand
        earlier = (
            context.intent if is_question(context.intent) and context.intent != understood.intent else context.earlier
        )
        # "in nj can i give injections...? and which cert do employers like most": the place (and the roles
        # compared) stay with the message, so "and blood draws same?" next is still New Jersey's, and "whats the pay
        # difference between them" after "the difference between an MA, LPN and RN... and which is fastest" theirs
        kinds = {kind for kind, _ in carried}
        carried += tuple(pair for pair in context.entities if pair[0] in KEPT_IN_ONE_MESSAGE and pair[0] not in kinds)
    return Context(understood.intent, carried, aspect, earlier=earlier)


def _named_after_two_questions(
    understood: Understood, own_kinds: Iterable[str], context: Context, kinds: frozenset[str]
) -> bool:
    """A follow-up naming only things of `kinds`, right after a message that asked two questions on two topics."""
    named = set(own_kinds)
    return bool(
        understood.follow_up
        and named
        and named <= kinds
        and context.earlier
        and context.earlier != understood.intent
        and understood.intent == context.intent
    )


def _same_place(understood: Understood, context: Context) -> bool:
    """The follow-up names the state already in hand: "and miami?" after Florida, "LA?" after California."""
    state = dict(understood.entities).get("us_state")
    return state is not None and state == dict(context.entities).get("us_state")


def _the_earlier_one(understood: Understood, context: Context) -> Understood:
    """The earlier question of the message before, asked for what the follow-up names."""
    return replace(understood, intent=context.earlier, entities=[e for e in understood.entities if e[0] != "aspect"])


def to_earlier_question(
    understood: Understood,
    own_kinds: Iterable[str],
    context: Context,
    by_credential: Callable[[str], bool],
    by_place: Callable[[str], bool] = lambda _: False,
) -> Understood:
    """ "what about the CMA" after "can I sit for the RMA off my army training, and will the GI Bill cover
    the fee?": a follow-up naming only a credential, on a topic whose answer is the same for every
    credential, asks the message's earlier question again for that credential, when that one's answer
    differs by credential (the GI Bill's answer again would say nothing new). `by_credential(intent)`:
    whether the topic of `intent` has a credential's own answers.

    Likewise "and miami?" after "whats starting pay like here in fl and can i give shots here": a city in
    the state in hand gives Florida's rules nothing new, and the pay answer has the city's figure, so the
    earlier question is the one asked again; so is "and in miami specifically" after "whats the pay for MA in
    florida... and how much is school": a place changes nothing in a school's price, and the pay has its own."""
    if (
        _named_after_two_questions(understood, own_kinds, context, CREDENTIAL_KINDS)
        and not by_credential(understood.intent or "")
        and by_credential(context.earlier or "")
    ) or (
        _named_after_two_questions(understood, own_kinds, context, PLACE_KINDS)
        and (
            (_same_place(understood, context) and context.earlier in CITY_FIGURES)
            or (not by_place(understood.intent or "") and by_place(context.earlier or ""))
        )
    ):
        return _the_earlier_one(understood, context)
    return understood


def earlier_too(
    understood: Understood,
    own_kinds: Iterable[str],
    context: Context,
    by_credential: Callable[[str], bool],
    by_state: Callable[[str], bool] = lambda _: False,
) -> Understood | None:
    """ "and the rma?" after "can i take the nha test w/o school and how much is it": a follow-up naming only a
    credential, after a message that asked two questions each with a credential's own answers, asks both again
    for it; "and texas?" after "whats the pay in fl and can i give shots there" asks both for Texas. The
    earlier of the two, for that credential or state; None in every other case."""
    for kinds, varies in ((CREDENTIAL_KINDS, by_credential), (PLACE_KINDS, by_state)):
        if (
            _named_after_two_questions(understood, own_kinds, context, kinds)
            and varies(understood.intent or "")
            and varies(context.earlier or "")
            and not (kinds is PLACE_KINDS and _same_place(understood, context))
        ):
            return _the_earlier_one(understood, context)
    return None


def with_names(understood: Understood, context: Context) -> Context:
    """The context after a message answered with best guesses ("got my ccma in 2024 when does it expier"):
    the topic in hand stays, and what the message named replaces its kind, so the next question ("and
    the fee to renew") is about the CCMA."""
    named = [pair for pair in _carried(understood.entities) if pair not in understood.from_context]
    if not named:
        return context
    merged, _ = _merge(named, context)
    return replace(context, entities=tuple(merged), same_message=False)
