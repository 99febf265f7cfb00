"""The topic a message's own words point to, when NLU gave it none or a navigation one.

NLU reads "how long is it good for?", "where do I take it", "what does the top 10
percent make" or "annual fee too?" as unsure, out of scope or "an answer about
themselves": the words that decide the topic ("good for", "take it", "make", "fee")
are few and common, and follow-ups lean on the question before. The cues here are
those deciding words, one topic each, checked most specific first; a message that
asks about price ("how much is it?") takes its topic from what the conversation is
about (an exam's fee, a program's tuition, pay). The commonest Spanish words for the same
topics are cues too ("¿cuánto ganan en Florida?"): the answer is in English, but it answers
what was asked.

They give a topic to a reading that has none of its own (the fallback, "out of scope"
that is unsure or comes mid-conversation, a statement worded as a question, a roadmap
command when no roadmap has started), and decide between topics NLU half-chose; a topic
NLU was sure of is overruled only by the few readings here that no wording may keep (a
visa or status with work or study, a state's own credential, a topic without any of its
own words) or by the question's own words pointing to a neighbouring topic.
`bot.understanding.context.reread` applies them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Each cue and the intent it points to, most specific first ("how long is it valid" is
#: renewal, not duration; "pass rate" is not the passing score).
CUES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile("|".join(patterns), re.IGNORECASE), intent)
    for intent, patterns in (
        (
            "ask_legal_or_medical",
            [
                r"\bdos(e|es|age|is)\b",
                r"\bhow (much|many) (do|should|can) (i|we|you) give\b",
                r"\b\d+ ?(mg|ml|mcg)\b",
                r"\bsymptoms?\b",
            ],
        ),
        (
            "ask_pass_rate",
            [r"\bpass(ing)?\s*rates?\b", r"how many (people )?pass\b", r"\bpercent(age)? (of people )?pass"],
        ),
        (
            "ask_accommodations",
            [
                r"\b(exams?|tests?|it|c?cma|rma|ncma|examen)\b[^.?!]*\b(in|en) (spanish|espa[nñ]ol|another language|"
                r"other languages?|my (own )?language)\b",
                r"\bextra time\b",
                r"\bdisabilit",
            ],
        ),
        (
            "ask_exam_format",
            [
                r"\b(passing|pass|minimum)\s+(score|mark|grade)\b",
                r"\bscore\b.*\bpass\b",
                r"\bwhat score\b",
                r"\b(shortest|longest|hardest|easiest) (test|exam)\b",
            ],
        ),
        (
            "ask_renewal",
            [r"\binstead of (doing )?(the |my )?(ce|ceus?|continuing ed\w*|ccp|points|credits)\b"],
        ),
        (
            "ask_exam_fee",  # whose answers say how long an application stays open
            [
                r"\b(testing|test|exam) (window|period)\b",
                r"\bapplication\b[^.?!]*\b(good|valid|active|last|lasts|expire|open|stay)\b",
                r"\bhow long\b[^.?!]*\bapplication\b",
            ],
        ),
        (
            "ask_exam_retake",
            [
                r"\bintentos\b",
                r"\b(whole |brand )?new application\b|\bapply (all over )?again\b|\breapply\b",
                r"\breprob",
                r"\bretake",
                r"\bre-take",
                r"\battempts?\b",
                r"\btries\b",
                r"\bhow many times\b.*\b(take|sit|test)",
                r"\bif i fail",
                r"\bfail(ed)? (it|the)\b",
            ],
        ),
        (
            "ask_credential_evaluation",
            [r"\bece\b", r"\b(evaluation|report)s?\b.*\b(take|valid|good for|last|expire)"],
        ),
        (
            "ask_renewal",
            [
                r"\brenov",
                r"\brenueva",
                r"\brenew",
                r"\bkeep (it|my \w+|the \w+) (active|current|valid|going)\b|\bstay (active|current|certified)\b",
                r"\b(extra|leftover) (points|credits|ceus?)\b|\broll(ed)? over\b|\bcarr(y|ied) over\b|\baudit",
                r"\brecertif",
                r"\bvalid\b",
                r"\bgood for\b",
                r"\bexpire",
                r"\blapse",
                r"\bCEUs?\b",
                r"\bcontinuing ed",
                r"\bannual(ly)? fee",
                r"\byearly fee",
                r"\bfor life\b",
                r"\bforever\b",
                r"\blast(s)? (for )?(how long|forever)",
                r"\bevery how many (years|months)\b",
            ],
        ),
        (
            "ask_military_benefits",
            [
                r"\bgi bill\b",
                r"\bmycaa\b",
                r"\bbefore (i'?m|i am) out\b|\bbefore i (get out|separate|ets|leave the (military|army|navy))\b",
                r"\bmilitary spouse|\bmy (wife|husband|spouse)\b.*\b(military|army|navy|air force|active duty|marines?)\b|"
                r"\b(military|army|navy|air force|active duty|marines?)\b.*\bmy (wife|husband|spouse)\b",
                r"\bskillbridge\b",
                r"\bva benefits?\b",
                r"\btuition assistance\b",
                r"\bpost-?9/?11\b",
            ],
        ),
        (
            "ask_financial_aid",
            [
                r"\bayuda financiera\b",
                r"\bbecas?\b",
                r"\bfafsa\b",
                r"\bpell\b",
                r"\bwioa\b",
                r"\bgrants?\b",
                r"\bscholarships?\b",
                r"\bfinancial aid\b",
                r"\bpay for (it|school|the (program|course|training))\b",
                r"\bhelp (with |to )?pay(ing)?\b",
                r"\b(employer|company|job|work)\b[^.?!]*\b(pay|cover|reimburs)|\btuition (program|reimbursement|benefit)",
            ],
        ),
        (
            "ask_exam_fee",
            [
                r"\bnon-?members?\b",
                r"\bmembership\b",
                r"\bcheap\w* (one|cert\w*|credential|exam|test)s?\b",
                r"\b(cert\w*|credential|exam)s? (is|are) (the )?cheap",
            ],
        ),
        (
            "ask_exam_format",
            [
                r"\bcu[aá]ntas preguntas\b",
                r"\bwhere (do|can|would|will) (i|u|you|we) (take|sit|do|write) (it|the (exam|test))\b",
                r"\b(take|do|sit|write) (it|the (exam|test)) (from|at) home\b|\bremote(ly)? (proctor\w*|exam|test)",
                r"\btest(ing)? (cent(er|re)s?|site)",
                r"\bpearson\b",
                r"\bpsi\b",
                r"\bprometric\b",
                r"\bproctor",
                r"\bhow many questions\b",
                r"\bwhat'?s on (it|the (exam|test))\b|\bwhat (does|do) (it|the (exam|test)) (cover|ask)\b",
                r"\bhow long is the (exam|test)\b",
                r"\bwhat'?s? (is )?(the )?passing\b(?! rate)",
            ],
        ),
        (
            "ask_state_rules",
            [
                r"\blicencia\b",
                r"\binyecci",
                r"\bvacunas?\b",
                r"\bsacar sangre\b",
                r"\binject",
                r"\bshots?\b",
                r"\bvaccin",
                r"\bimmuniz",
                r"\bdraw(ing)? blood\b",
                r"\bblood draws?\b",
                r"\bvenipuncture",
                r"\bx-?rays?\b",
                r"\bIVs?\b",
                r"\bcontrolled (meds|substances|drugs|medications)\b",
                r"\ballowed to\b",
                r"\bscope of practice\b",
                r"(?<!nursing )(?<!nurse )(?<!rn )(?<!pt )(?<!physician )(?<!medical )\blicen[cs]e\b",
                r"\bsupervis",
                r"\bin the (building|room|office)\b",
                r"\bon-?site\b",
            ],
        ),
        ("ask_learn_on_job", [r"\bapprentic", r"\blearn (it )?on the job\b"]),
        (
            "ask_salary",
            [
                r"\bganan?\b",
                r"\bsalario",
                r"\bsueldo",
                r"\bpagan\b",
                r"\bsalary",
                r"\bwages?\b",
                r"\bearn(s|ing)?\b",
                r"\bhourly\b",
                r"\bper hour\b",
                r"\ban hour\b",
                r"\bmedian\b",
                r"\b(top|bottom|lowest|highest) (10|ten)\b",
                r"\bpercentile",
                r"\b10 ?(percent|%)",
                r"\bpays? (more|less|better)\b",
                r"\b(ma |the )?pay (much |a lot )?(lower|higher|less|more|better|worse)\b",
                r"\bmake more\b(?! sense)",
                r"\bwhich (one )?pays\b",
                r"\b(what|how much) (do|does|will|would|can) (they|an? (ma|cma|rma|medical assistant)s?|i|you|"
                r"medical assistants) (make|get paid)\b",
                r"\b(what|how much) (do|does|did|will|would|can) (\w+ ){1,3}(?<!to )(make|earn|get paid)\b",
                r"\bpay (diff|difference|gap)\b|\bdifference in (pay|salary|wages)\b",
                r"\bpay (in|like|for (an? )?(ma|cma|medical assistant)s?\b)",
                r"\b(get|gets|getting|be|are|is) paid\b",
                r"\bpaid (well|better|more|less|per|an|by)\b",
                r"\boutlook\b",
                r"\bsaturat",
                r"\bjob growth\b",
                r"\bhow many (ma |medical assistant )?jobs\b",
                r"\bin demand\b",
                r"\b(most|highest|max(imum)?)\b[^.?!]*\b(make|earn)\b",
                r"\bwhat (they|we|you|i|mas|cmas) (earn|make)\b",
            ],
        ),
        (
            "ask_program_cost",
            [
                r"\btuition\b(?! (program|reimbursement|benefit|assistance))",
                r"\bhow much (is|does|would) (the )?(school|program|course|training|college)\b",
            ],
        ),
        (
            "ask_career_advancement",
            [r"\b(nursing|nurse|rn|lpn)( school)? later\b", r"\bmove up\b", r"\badvance", r"\bbridge (to|into)\b"],
        ),
        (
            "ask_credential_info",
            [r"\bwho (gives|awards|offers|runs|issues|grants|administers|owns|is behind)\b", r"\bstand for\b"],
        ),
        (
            "ask_eligibility",
            [
                r"\bcalifico\b",
                r"\bpuedo (tomar|presentar|sacar)\b",
                r"\bqualify\b",
                r"\beligib",
                r"\bcount(s)? (toward|towards|as|for)\b",
                r"\bcan i (take|sit|get)\b",
                r"\bwhich (ones?|certs?|certifications?|credentials?|exams?)\b.*\b(can|could) i\b",
                r"\bwhat (ma )?(certs?|certifications?|credentials?|exams?) can i\b",
                r"\b(time )?window\b",
                r"\bthe clock\b",
                r"\bmissed\b",
                r"\badd (up )?to\b",
                r"\broutes?\b",
                r"\bpathway\b",
                r"\bcounts?\b",
            ],
        ),
        (
            "ask_duration",
            [r"\bquickest\b", r"\bfastest\b", r"\bhow (long|many months|many years)\b", r"\bcu[aá]nto tiempo\b"],
        ),
    )
)
#: Asking a price without naming what: "how much is it?", "and the fee?", "cost?".
PRICE = re.compile(
    r"\bhow much\b(?! of\b)|\bcosts?\b|\bfees?\b|\bprice\b|\bexpensive\b|\bcheap|\bcuesta\b|\bcosto\b|\bprecio\b",
    re.IGNORECASE,
)
#: The exam named, or asked about, with no other cue: what it is like.
EXAM = re.compile(r"\b(exams?|tests?|examen)\b", re.IGNORECASE)
ABOUT_THE_EXAM = re.compile(
    r"\b(tell me|talk|info(rmation)?|details?|about|explain|describe|what'?s|what is)\b.*\b(exams?|tests?|examen)\W*$",
    re.IGNORECASE,
)
#: What "how much?" means after each kind of question.
PRICE_AFTER = {
    "ask_exam_format": "ask_exam_fee",
    "ask_exam_fee": "ask_exam_fee",
    "ask_exam_retake": "ask_exam_fee",
    "ask_exam_study": "ask_exam_fee",
    "ask_credential_info": "ask_exam_fee",
    "ask_eligibility": "ask_exam_fee",
    "ask_pass_rate": "ask_exam_fee",
    "ask_accommodations": "ask_exam_fee",
    "ask_which_credential": "ask_exam_fee",
    "ask_renewal": "ask_renewal",
    "ask_salary": "ask_salary",
    "ask_financial_aid": "ask_financial_aid",
    "ask_military_benefits": "ask_military_benefits",
    "ask_credential_evaluation": "ask_credential_evaluation",
    "ask_wes": "ask_credential_evaluation",
}
#: A price with no conversation to read it in is most often the program's.
PRICE_DEFAULT = "ask_program_cost"
#: How a question is worded when it has no question mark.
QUESTION_SHAPE = re.compile(
    r"\?\s*$|^\W*((and|also|so|ok|okay|but|hmm|well)\W+)*"
    r"(how|what|whats|what's|when|where|who|which|why|is|are|was|were|isn'?t|wasn'?t|doesn'?t|can|could|do|does|"
    r"did|will|would|should|any)\b",
    re.IGNORECASE,
)


#: A question inside a longer message: "cna here in ohio. if i become an MA can i start IVs".
INNER_QUESTION = re.compile(
    r"\b(can|could|do|does|did|will|would|should|may|must)\s+(i|we|she|he|they|you|my|mas|medical assistants|cmas|rmas)\b|"
    r"\b(want|wanted|need|needed|like|trying|hoping) to (know|find out|ask|understand|check)\b|\bwonder(ing)?\b|"
    r"\b(not sure|no idea|unsure) (if|whether|how|what|which)\b|\bwhether\b|"
    r"\b(how|what|which|where|who)\s+(do|does|did|is|are|can|could|would|will|should|much|many|long|kind)\b|"
    r"\bwhich (ones?|exams?|tests?|certs?|certifications?|credentials?)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r"(?<=[.!?;,:])\s+")


#: A state's own credential makes any question about it a question about that state's rules:
#: "what's the difference between MA-R and MA-C", "how many tries on the CACMA".
STATE_CREDENTIAL = re.compile(
    r"\bma-?[cr]\b|\bcacma\b|\bccbma\b|\bcalifornia (one|exam|test|certified|certification|ccma)\b", re.IGNORECASE
)


#: A visa or immigration status with a question about working or studying: only the official
#: places can answer it, whatever else the message says (a nurse's training, a state).
STATUS = re.compile(
    r"\bh-?4\b|\bh-?1b?\b|\bf-?1\b|\bj-?1\b|\bopt\b|\bcpt\b|\bead\b|\bvisa\b|\bgreen card\b|\bdaca\b|"
    r"\basylum\b|\bparole\b|\bwork permit\b|\bpapeles\b|\bundocumented\b|\bimmigration status\b",
    re.IGNORECASE,
)
PERMISSION = re.compile(r"\b(work|working|study|studying|trabajar|estudiar|job|employ)", re.IGNORECASE)
#: A status and asking leave this close together, in sentences of their own, still ask leave to work.
MAX_STATUS_WORDS = 40
#: Asking leave: "can I work", "am I allowed to", "is it legal" ("my plan is an MA job" asks no leave).
ASKING_LEAVE = re.compile(
    r"\b(can|could|may|might|allowed|allow|legal(ly)?|permit\w*|authori[sz]\w*|let me|lets me|eligible|"
    r"puedo|permite|problem)\b",
    re.IGNORECASE,
)


#: Aid named with a status: "my wife is on F-1, can she get a Pell grant?" asks about aid for
#: non-citizens, which the fact sheets answer (financial aid), not leave to work or study.
AID = re.compile(
    r"\bpell\b|\bfafsa\b|\bfinancial aid\b|\bfederal (student )?aid\b|\bgrants?\b|\bloans?\b|"
    r"\bscholarships?\b|\bwioa\b|\bayuda financiera\b|\bbecas?\b",
    re.IGNORECASE,
)


def aid_with_status(text: str) -> bool:
    """The message names a visa or status and asks about aid to pay for training."""
    return bool(STATUS.search(text) and AID.search(text))


def about_immigration_status(text: str) -> bool:
    """The message asks whether someone may work or study on a visa or status: a status, work or
    study, and words that ask leave, in one sentence."""
    return any(
        STATUS.search(s) and PERMISSION.search(s) and ASKING_LEAVE.search(s) for s in re.split(r"(?<=[.!?])\s+", text)
    ) or bool(
        STATUS.search(text)
        and PERMISSION.search(text)
        and ASKING_LEAVE.search(text)
        and len(text.split()) <= MAX_STATUS_WORDS
    )


#: Words that name one topic whatever else the message says: "what score in OET" is ECFMG's English
#: test, never a medical assistant exam's format.
DECISIVE: tuple[tuple[re.Pattern[str], str], ...] = ((re.compile(r"\boet\b", re.IGNORECASE), "ask_ecfmg"),)


def decisive_topic(text: str) -> str | None:
    return next((intent for pattern, intent in DECISIVE if pattern.search(text)), None)


def about_a_state_credential(text: str) -> bool:
    """The message names a credential that only one state awards."""
    return bool(STATE_CREDENTIAL.search(text))


#: The aspect of a topic's whole answer: words that ask for it ("and the GI Bill?" after MyCAA) are
#: no part, and keep a follow-up from staying on the part in hand.
OVERVIEW = ""
#: Words that pick one part of a topic, for topics whose answers have such parts ("aspects" in
#: data/kb): "can WIOA pay for it?" is financial aid's WIOA answer, not its overview.
ASPECT_CUES: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    intent: tuple((re.compile(pattern, re.IGNORECASE), aspect) for pattern, aspect in cues)
    for intent, cues in {
        "ask_financial_aid": (
            (r"\bworkforce pell\b|\bshort[- ]term pell\b", "workforce_pell"),
            (r"\bwioa\b|\bunemployment office\b|\blaid off\b|\bdislocated\b|\bamerican job cent", "wioa"),
            (
                r"\bnot a (us |u\.s\. )?citizen\b|\bnon-?citizen|\bgreen card\b|\bdaca\b|\bf-?1\b|\bvisa\b|"
                r"\bimmigra|\brefugee|\basylum",
                "noncitizen",
            ),
            (r"\bfafsa\b|\bpell\b|\bfederal (student )?aid\b|\bloans?\b|\bgrants?\b", OVERVIEW),
        ),
        "ask_military_benefits": (
            (r"\bskill ?bridge\b|\bbefore i (get out|separate|ets)\b|\bstill (on )?active duty\b", "skillbridge"),
            (r"\bspouse|\bmy (wife|husband)\b|\bmycaa\b", "spouse"),
            (r"\bgi bill\b|\bpost-?9/?11\b|\bchapter (31|33|35)\b|\bva\b", OVERVIEW),
        ),
        "ask_scam_check": (
            (
                r"\bcomplain|\breport (them|this|it|the school|him|her)\b|\bmoney back\b|\brefund|\bwhere do i report\b",
                "complain",
            ),
            (r"\bhow (do|can) i (check|verify|know)\b|\bis (it|this|that) (legit|real)\b|\bverify\b", "check"),
        ),
        "ask_credential_evaluation": (
            (
                r"\bdocument[- ]by[- ]document\b|\bcourse[- ]by[- ]course\b|\bwhich report\b|\bwhat report\b|"
                r"\bece\b|\bhow long\b|\bvalid\b|\bgood for\b|\bturnaround\b",
                "report_types",
            ),
        ),
        "ask_ecfmg": ((r"\boet\b|\brequire|\bpathways?\b|\bwhat do i need\b", "requirements"),),
        "ask_salary": (
            (
                r"\boutlook\b|\bgrow|\bdemand\b|\bsaturat|\bhow many (ma |medical assistant )?jobs\b|"
                r"\bjobs? (total|out there|available)\b|\bopenings\b|\bjob security\b|"
                r"\bare there (even |enough |any )?jobs\b",
                "outlook",
            ),
            (
                r"\b(most|top|highest|max(imum)?|lowest|bottom|least)\b[^.?!]*\b(make|makes|earn|earns|paid|pay)\b|"
                r"\bpercentile|\b(top|bottom) (10|ten)\b|\b10 ?(percent|%)|\bhourly\b|\bper hour\b|\ban hour\b|"
                r"/ ?hr\b|\bby the hour\b",
                "hourly",
            ),
        ),
        "ask_state_rules": (
            (
                r"\bcacma\b|\bccbma\b|\bcalifornia('?s)? (own |state )?(one|exam|test|certification|certified|ccma|credential)\b",
                "cacma",
            ),
        ),
        "ask_accommodations": (
            (
                r"\bspanish\b|\blanguages?\b|\benglish\b|\bespa[nñ]ol\b|\bidioma|\bin (tagalog|arabic|hindi)\b",
                "language",
            ),
        ),
    }.items()
}


def cued_aspect(intent: str | None, text: str) -> str | None:
    """The part of the topic the message's words ask about, if the topic has parts and they name one
    (`OVERVIEW` when they name the whole); None when they name none."""
    for pattern, aspect in ASPECT_CUES.get(intent or "", ()):
        if pattern.search(text):
            return aspect
    return None


#: Topics with words of their own: a reading of one of these without any of its words is NLU
#: hearing the topic in the person's story ("MBBS", "Air Force"), not in their question.
TOPIC_WORDS: dict[str, re.Pattern[str]] = {
    intent: re.compile(pattern, re.IGNORECASE)
    for intent, pattern in {
        "ask_residency_path": r"residen|\busmle\b|\bmatch\b|\bstep ?[123]\b|\bletters?\b|\blors?\b|stepping|"
        r"long[- ]term|\bcareer\b|\bus clinical|\bclinical experience|\bwhile (i )?(study|prepar)|\bfor now\b",
        "ask_renewal": r"renew|recert|expir|lapse|\bkeep\b|\bvalid|good for|\blasts?\b|\bce\b|\bceus?\b|continuing|"
        r"\bpoints\b|\bcredits\b|annual|yearly|\bevery\b|maintain|\bactive\b|\bcurrent\b|\bstill\b|\brenov|\bvence",
        "ask_usmle": r"\busmle\b|\bstep ?[123]\b|\blicen[cs]|\bboards?\b|\bmedical exam|\bdoctor exam|\bphysician exam",
        "ask_wes": r"\bwes\b|\bece\b|\bnaces\b|evaluat|\breports?\b|\bworld education",
        "ask_financial_aid": r"\baid\b|fafsa|\bpell\b|\bgrants?\b|\bloans?\b|scholarship|\bwioa\b|\bpay(ing)? for\b|"
        r"\bafford|\bmoney\b|\bfree\b|\bcost|\bfund|\bhelp (to |with )?pay|\bfinanc|\bbecas?\b|\bayuda\b|\btuition\b",
        "ask_scam_check": r"scam|legit|\bfake\b|\bmill\b|red flag|\bfraud|too good|\breal\b|accredit|\bcomplain|"
        r"\brefund|\bmoney back\b|\bestafa|\bshady|\bsketchy|\btrust|\bweeks?\b|\bguarantee",
        "ask_diploma_requirement": r"diploma|\bged\b|high ?school|\bhs\b|\bhiset\b|\bsecondary\b|\bpreparatoria|\bbachiller",
        "ask_program_cost": r"\bcost|\bprice|\bpric(e|ey)|tuition|\bpay\b|\bafford|\bexpensive|\bcheap|\$|\bmoney\b|"
        r"\bfees?\b|\bhow much\b|\bdollars?\b|\bbudget|\bcuesta|\bcuanto|\bcuánto|\b\d+k\b|\d,\d{3}",
        "ask_online_program": r"online|remote|virtual|hybrid|from home|distance|\bin person\b|\bzoom\b|en l[ií]nea|at home|"
        r"part[- ]?time|full[- ]?time|evening|\bnights?\b|weekend|schedule|\bwhile (i )?work",
        "ask_exam_format": r"exam|test|\bboards?\b|question|items|minutes|hours?\b|format|score|pass|section|content|"
        r"topic|computer|multiple|proctor|pearson|\bpsi\b|prometric|\btake it\b|\bsit\b|\bon it\b|\bpreguntas|examen|remote|"
        r"from home|at home|block|\bparts?\b|clinical|calificaci|puntaje|\bcma\b|\brma\b|\bccma\b|\bncma\b",
        "ask_work_authorization": r"visa|status|green ?card|citizen|permi(t|ssion)|\bead\b|\bh-?1-?b\b|\bh-?4\b|"
        r"\bf-?1\b|\bj-?1\b|\bopt\b|\bcpt\b|daca|\btps\b|asyl|refugee|parole|immigra|uscis|authori[sz]|\blegal|"
        r"sponsor|\bssn\b|social security|undocumented|\bpapers\b|allowed to work|\bwork here\b|\bu4u\b|dependent|"
        r"asilo|papeles|permiso|\bi-?20s?\b|\bi-?765\b|\bdso\b|abroad|hire me from|\b[a-z]-?\d\b|e-?verify",
        "ask_foreign_nurse": r"nurs|midwi|\brns?\b|\bbsn\b|\bnclex\b|\bcgfns\b|\blpn\b|enfermer|dent(ist|al)|pharm|"
        r"physio|therap|\blab\b|laborator|technolog|health (care )?(professional|worker)|trained abroad|\babroad\b|"
        r"\bmy country\b|back home|paramedic|param[eé]dic|optometr|nutrition|dietit|partera|farmac|fisiotera|radiograph|radiolog|training|studies|"
        r"\bdegree|\bdiploma|t[ií]tulo|carrera|from (mexico|the uk|india|the philippines|nigeria|[a-z]+ (country|abroad))",
        "ask_advisor_info": r"advis|counsel|\bstaff\b|office hours|\bhours\b|\bspeak|\blanguages?\b|\bspanish\b|"
        r"\bcall\b|\bphone\b|\bemail\b|\bcontact\b|\bappointment|\bschool'?s\b|\bmeet\b",
    }.items()
}


#: Broad topics whose words are too many to list: read without any of these words, a short message in a
#: conversation on another topic is a follow-up NLU misheard ("wait sorry i meant california" is no
#: legal question), while a first message keeps NLU's reading.
FOLLOW_UP_TOPIC_WORDS: dict[str, re.Pattern[str]] = {
    intent: re.compile(pattern, re.IGNORECASE)
    for intent, pattern in {
        "ask_legal_or_medical": r"\bsue|lawyer|attorney|legal|\blaw\b|court|liab|trouble|fired|contract|compete|lawsuit|"
        r"symptom|pain|sick|medicine|medication|\bmeds\b|dose|dosage|pills?\b|pregnan|injur|hurt|swollen|swelling|fever|"
        r"rash|pressure|diagnos|prescri|treat|\bill\b|illness|allerg|bleed|infect|needle ?stick|side effect|ibuprofen|"
        r"tylenol|advil|\bpoison|emergency|\bmy (health|doctor|body|arm|back|child|kid|son|daughter)\b|\bdemand|\bwage theft|"
        r"\bflu\b|cough|headache|covid|migraine|diabet|cancer|asthma|anxiety|depress|surgery|vomit|nause|dizz|chest|"
        r"evict|divorce|custody|arrest|police|lease|landlord|discriminat|harass|\bcase\b|\bsafe to\b|\bshould i take\b|"
        r"dolor|duele|pecho|fiebre|gripe|pastilla|medicina|enferm|\btomo\b|demand|abogad|embaraz",
        "ask_career_advancement": r"advanc|promot|move up|moving up|step up|\blpn\b|\blvn\b|\brns?\b|nurs|bridge|career|"
        r"manager|administrat|speciali|next (step|level)|\bgrow|later|future|\bladder|\bafter\b|\bbecome\b|\bphysician assistant|"
        r"\bpa school|\bgo back to school|\bdegree|\bhigher\b|\bmore money|\bstuck\b|\bdead[- ]end",
    }.items()
}


#: What people go on to ask about a topic without naming it again: "is there a limit per year?", "how
#: long do i have to finish?" after MyCAA. Read only as a short follow-up NLU is unsure of.
FACETS: dict[str, re.Pattern[str]] = {
    intent: re.compile(pattern, re.IGNORECASE)
    for intent, pattern in {
        "ask_military_benefits": r"\blimit|\bcap\b|per year|yearly|a year\b|annual|\bfinish|deadline|expire|\bcover|"
        r"pay for|use it|coast guard|national guard|reserv|\be-?\d\b|\brank\b|approv|all at once",
        "ask_financial_aid": r"\blimit|\bcap\b|per year|yearly|pay (it )?back|repay|interest|deadline|\bcover|all at once",
        "ask_renewal": r"deadline|\blate\b|miss(ed)? (it|the)|past (the |my )?(date|deadline)|grace|reactivat|reinstat|"
        r"how often|audit|\bcheck\b|carr(y|ied) over|roll(ed)? over",
    }.items()
}


def facet_of_topic_in_hand(context_intent: str | None, text: str) -> bool:
    """True when the message asks about a facet of the topic in hand (`FACETS`)."""
    facets = FACETS.get(context_intent or "")
    return facets is not None and bool(facets.search(text))


def off_topic_words(intent: str | None, text: str, in_conversation: bool = False) -> bool:
    """True when NLU read a topic that has words of its own, and the message has none of them; for a
    broad topic, only when the message is a short follow-up in a conversation on another topic."""
    words = TOPIC_WORDS.get(intent or "")
    if words is None and in_conversation and len(text.split()) <= MAX_FOLLOW_UP_CHECK_WORDS:
        words = FOLLOW_UP_TOPIC_WORDS.get(intent or "")
    return words is not None and not words.search(text)


#: Follow-ups longer than this carry their own topic.
MAX_FOLLOW_UP_CHECK_WORDS = 14


_SENTENCE_ENDS = re.compile(r"(?<=[.!?])\s+")


def question_part(text: str) -> str:
    """The sentences of a message that ask something ("how do i pay for it?" in "im 18 and want to
    do a program. how do i pay for it? my family doesnt have much money"); the whole message when
    none looks like a question."""
    asked = [s for s in _SENTENCE_ENDS.split(text.strip()) if QUESTION_SHAPE.search(s) or INNER_QUESTION.search(s)]
    return " ".join(asked) if asked else text


def asking_clause(text: str) -> str:
    """The question itself: the asking sentences, and when they run long, from their first question
    words on ("...failed by small margin 😩 when can i retake" asks "can i retake")."""
    asked = question_part(text)
    if len(asked.split()) <= MAX_ASKING_WORDS or QUESTION_SHAPE.match(asked):
        return asked  # short, or it starts with its question ("Is medical assisting a good option or ...")
    start = INNER_QUESTION.search(asked)
    return asked[start.start() :] if start else asked


#: Asking sentences longer than this carry part of the story before their question words.
MAX_ASKING_WORDS = 15


def looks_like_question(text: str) -> bool:
    """A question mark, or a question's first words, in the message or any of its sentences."""
    text = text.strip()
    if QUESTION_SHAPE.search(text):
        return True
    return any(QUESTION_SHAPE.search(c) or INNER_QUESTION.search(c) for c in _CLAUSES.split(text))


#: Topics whose own pay people ask about ("is the externship paid", "do I get paid during SkillBridge").
PAID_WHILE = frozenset({"ask_externship", "ask_learn_on_job", "ask_military_benefits"})
PAID_DURING = re.compile(r"\b(during|while|for (it|that|this|them))\b|\b(is|was) (it|that|this) paid\b", re.IGNORECASE)
#: "do i need cpr for that?": CPR is asked about as a requirement.
CPR = re.compile(r"\bcpr\b|\bbls (card|cert)", re.IGNORECASE)


def cued_intent(text: str, context_intent: str | None) -> str | None:
    """The topic the message's words point to; a bare price takes its topic from the conversation."""
    for pattern, intent in CUES:
        if pattern.search(text):
            if intent == "ask_duration" and PRICE.search(text):
                break  # "how long and how much": let the price decide below
            if intent == "ask_salary" and context_intent in PAID_WHILE and PAID_DURING.search(text):
                return context_intent  # "do i still get paid during that" after SkillBridge: its pay, not MA pay
            return intent
    if CPR.search(text):  # a requirement to apply, or to recertify when that is the topic in hand
        return "ask_renewal" if context_intent == "ask_renewal" else "ask_eligibility"
    if PRICE.search(text):
        if EXAM.search(text):
            return "ask_exam_fee"  # "how much is the exam?": the exam's own price, whatever came before
        return PRICE_AFTER.get(context_intent or "", PRICE_DEFAULT)
    if ABOUT_THE_EXAM.search(text) or (EXAM.search(text) and len(text.split()) <= 3):
        return "ask_exam_format"  # "tell me about the RMA exam", "the rma test?": the exam itself
    return None


def best_question(ranking: Sequence[tuple[str, float]], minimum: float) -> str | None:
    """NLU's most likely question intent, if it leaned that way at all."""
    for name, confidence in ranking:
        if name.startswith("ask_") and confidence >= minimum:
            return name
    return None
