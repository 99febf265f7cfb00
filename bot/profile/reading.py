"""Find facts about the person in anything they write, in any turn.

People do not wait for the form's question: "no, just army medic training (68W AIT,
finished 6 years ago)", "I've been an MA for 4 years, no certification", "actually
I'm in Ohio" all say who they are. `read` returns the Profile fields such a message
sets, so the answer to it, the eligibility check, the plan and the timeline all use
them, and no question is asked twice.

Years are kept by kind, read clause by clause: "none as an MA, I've been a medic for
6 years" is 0 years of medical-assisting work and 6 years as a medic, never 6 years
of MA work (the certifiers' work routes count only medical-assisting work). A
number with "ago" or a past year ("finished AIT in 2019") says when something ended.

A question names things without saying anything about the asker: "can I take the
RMA?" does not make the RMA their goal, "what about California?" does not move them.
Only statements set the credential and the state; "actually", "I meant" mark a
correction, which replaces what was said before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.eligibility.experience import parse_years
from bot.forms import replies
from bot.profile.dates import month_said
from bot.profile.model import Profile
from bot.understanding.cues import looks_like_question

# --- what a clause is about ----------------------------------------------------------------------

_MA = r"(?:\bmas?\b|\bcmas?\b|medical assist\w*|\bm\.a\.)"
#: Words of military service. Several are everyday words too, so each is taken only where it means the service:
#: "customer service", "Postal Service", "served tables", "im separated", "got out of high school", "vet tech",
#: "discharged from the hospital" and "hm ok" are no service.
_MILITARY = (
    r"(?:\barmy\b|\bnavy\b|air force|\bmarines?\b|\bmilitary\b|\bveterans?\b|"
    r"\bvets?\b(?! ?(?:tech\w*|clinic|office|hospital|assistant|school|med\w*))|\bmedic\b|\bmedics\b|"
    r"corpsman|\b68w\b|\bait\b|\b4n0\w*|national guard|combat medic|"
    r"\bhonorabl\w* discharg\w*|\bmedically discharged\b|"
    r"\bdischarged (?:from|out of) (?:the )?(?:army|navy|military|service|marines?|air force|guard|corps)\b|"
    r"\bgot out\b(?! of (?!(?:the )?(?:army|navy|military|service|marines?|air force|guard|corps)\b))|"
    r"(?<!i'm )(?<!im )(?<!i am )(?<!we're )(?<!we are )(?<!legally )\bseparated\b(?! (?:from|with) (?:my|his|her|our) )|"
    r"\bserved\b(?! (?:tables|food|drinks|customers|coffee|on (?:a|the) (?:board|jury|committee)|as an? "
    r"(?:server|waiter|waitress|bartender)))|"
    r"\b(?:the|my|his|her|active|military|armed|after|before|during|of|in) service\b"
    r"(?! (?:rep|representative|desk|industry|worker|job|agent|center|centre|manager|counter|dogs?|animals?))|"
    r"\bservice ?members?\b|\benlist\w*|\bdeploy\w*|\bhm ?[1-3]\b|\bhmc\b|\bhospital corpsman\b)"
)
#: Service denied ("no military, no work experience as an MA", "never served"): nothing about them.
_NEGATED_MILITARY = re.compile(
    r"\b(?:no|not|never|non-?|zero|without)\s*(?:(?:been |was |served |serving )?in the )?"
    r"(?:military|army|navy|air force|marines?|service)\b(?:\s+(?:background|experience|training|service|time))?|"
    r"\b(?:never|not|didn'?t|did not|haven'?t|have not) (?:ever )?(?:served|enlisted|deployed)\b"
)
_PROGRAM = r"(?:\bprogram\b|\bschool\b|\bcourse\b|\bcertificate\b|\bgraduat\w*|\bclasses\b|\btraining\b)"
_OTHER_ROLES = (  # most specific first: a CNA "in a nursing home" is a CNA
    ("CNA", r"\bcnas?\b|nursing assistant"),
    ("nurse", r"\b(?:nurse|nursing|rn|lpn|lvn|enfermer[oa]s?|enfermer[ií]a)\b"),
    ("EMT", r"\bemts?\b|paramedic"),
    (
        "ER technician",
        r"\b(?:er|ed|emergency room|emergency department) techs?\b|\bemergency (?:room |department )?technicians?\b",
    ),
    ("phlebotomist", r"phlebotom\w*"),
    # neighbouring jobs whose years are no medical assisting work ("im a scribe at an urgent care 2 yrs now")
    ("medical scribe", r"\bscribes?\b|\bscribing\b"),
    ("home health aide", r"\bhome health aides?\b|\bhhas?\b|\bcaregivers?\b|\bpersonal care aides?\b"),
    ("patient care technician", r"\bpcts?\b|\bpatient care tech\w*"),
    ("EKG technician", r"\b(?:ekg|ecg) tech\w*"),
    ("receptionist", r"\brecep(?:t|c)ionist(?:a|e|s)?\b|\bmedical secretar\w*"),
    # "did medical billing for 12 years": the office's billing, no medical assisting work
    (
        "medical biller",
        r"\bmedical (?:billing|coding|biller|coder)s?\b|\bbilling (?:and|&|n) coding\b|\b(?:billers?|coders?)\b",
    ),
    # "working at a family doctor 4 yrs", "my doctor says": where they work or who told them, not what they are
    (
        "doctor",
        r"(?<!\bat a )(?<!\bat the )(?<!\bfor a )(?<!\bfor the )(?<!\bat a family )(?<!\bfor a family )(?<!\bmy )"
        r"(?<!\bthe )\b(?:doctor|physician|gp|general practitioner|surgeon|mbbs)\b(?!(?:'?s)? (?:office|clinic|practice)\b)|"
        r"\b(?:years?|yrs?) (?:(?:of|in) )?(?:general )?(?:medicine|med school|medical school|practice as a doctor)\b|"
        # "practised general surgery for 12 years", "I operated on people for 12 years"
        r"\bpracti[cs]ed (?:general )?(?:surgery|medicine)\b|\boperated on (?:people|patients)\b",
    ),
    ("midwife", r"\bmidwi(?:fe|ves|fery)\b"),
    ("pharmacist", r"\bpharmacist\b|\bpharmacy tech\w*"),
    ("dental assistant", r"\bdental (?:assistant|assisting)s?\b"),
    ("dental hygienist", r"\b(?:dental )?hygienists?\b"),
    ("dentist", r"\bdentist\b|\bdental\b"),
    ("lab technician", r"\b(?:lab|laboratory) (?:tech\w*|scientist|worker)\b|\bmedical technologist\b"),
    ("vet tech", r"\bvet(?:erinary)? tech\w*|\bveterinar\w*"),
    ("radiology technician", r"\bx-?ray\b|\bradiolog\w*"),
)
#: Work outside health care: its years are never medical assisting work either, but a clause that
#: names MA work ("an MA at a factory clinic") is MA work.
_OTHER_JOBS = (
    ("truck driver", r"\btruck(?:er|ing|s)?\b|\bdriv(?:er|ing) (?:a )?truck|\bcdl\b"),
    ("warehouse worker", r"\bwarehouse\b|\bups\b|\bfedex\b|\bamazon\b|\bforklift\b"),
    ("factory worker", r"\bfactory\b|\bassembly line\b|\bmanufactur\w*"),
    # "I've managed a shoe store at the mall for 19 years"
    ("retail worker", r"\bretail\b|\bcashier\b|\bwalmart\b|\bstores?\b|\bmall\b|\bshop\b"),
    (
        "teacher",
        r"\bteach(?:er|ing)\b|\bi taught\b|\btaught (?:school|\w+ grade|kids|students|class\w*|for)\b|\bdaycare\b|\bchildcare\b|\bpreschool\b",
    ),
    ("restaurant worker", r"\brestaurant\b|\bwaitress\b|\bwaiter\b|\bserver\b|\bcook\b|\bkitchen\b"),
    ("office worker", r"\bsecretar\w*|\bbank teller\b|\bclaims processor\b|\bbookkeep\w*|\bcall cent(?:er|re)\b"),
    ("construction worker", r"\bconstruction\b|\bmechanic\b|\bwelder\b|\bwelding\b"),
    # "I have MPH from Nepal and worked 4 years public health programs"
    ("public health worker", r"\bpublic health\b|\bmph\b|\bngos?\b"),
)
#: Medical assisting as what they want, beside the job they have: "I've been a bank teller for 25 years and
#: I'm looking into this medical assisting thing" tells 25 years of banking.
_MA_WANTED = re.compile(
    r"\b(?:looking (?:into|at)|interested in|want\w* to|wanna|thinking(?: (?:about|of))?|consider\w*|becom\w*|switch\w*|"
    rf"get(?:ting)? into|go(?:ing)? into|look(?:ing)? at)\b(?:\W+\w+){{0,3}}?\W+{_MA}"
)
#: A clause about what training or going unpaid would take ("can't go without pay for a year",
#: "learn MA stuff while getting paid") gives no years of work, though it names MA work.
_NOT_WORK_DONE = re.compile(
    r"\b(?:afford|get paid|getting paid|without pay|no pay|learn\w*|school|program|course|study|studying)\b"
)
_WORK_DONE = re.compile(r"\b(?:work(?:ed|ing)?|been|experience|exp|employed|job|doing (?:it|this))\b")
_NEGATED_MA = re.compile(
    rf"\b(?:none|no|zero|never|not|0)\b[^.;]{{0,25}}?\bas (?:an? )?{_MA}|"
    rf"\b(?:no|zero|0|without|not any)\s+(?:real\s+|actual\s+)?{_MA}\s+(?:experience|work|exp)\b|"
    rf"\bnever (?:worked|been) (?:as )?an? {_MA}|\bnot an? {_MA}\b"
)

# --- backgrounds, most specific first ------------------------------------------------------------

_BACKGROUNDS = (
    (
        "img",
        r"\b(?:imgs?|mbbs|international medical graduate|foreign medical graduate|foreign[- ](?:trained )?doctor|"
        r"(?:doctor|physician) (?:from|in|back in)\b|m[eé]dic[oa] (?:general|familiar|cirujan[oa])\b|general practitioner|medical degree|\bmd (?:from|in|degree)|med school|medical school|"
        r"practi[cs]ed (?:medicine|pediatrics|paediatrics|(?:general )?surgery|(?:general|family|internal) medicine|obstetrics|"
        r"gynaecology|gynecology|psychiatry|dermatology|cardiology|anesthesi\w*|anaesthesi\w*)|mbbch|"
        # "I am pediatrician from Kharkiv": the article left out, as many who learned English later write
        r"i (?:am|was|'m) (?:an? )?(?:(?:general|family|practicing|practising|qualified|licensed|senior|junior|consultant) )?"
        r"(?:doctor|physician|gp|surgeon|pediatrician|paediatrician|cardiologist|gynecologist|"
        r"obstetrician|psychiatrist|dermatologist|internist|anesthesiologist|radiologist)|i'm a (?:doctor|physician)|"
        # "15 years pediatrician": a specialist's own years; "I operated on people for 12 years"
        r"\b(?:\d+|many|several) (?:years?|yrs?) (?:as an? )?(?:pediatrician|paediatrician|surgeon|internist|gynecologist)|"
        r"\bi (?:have )?operated on (?:people|patients)\b)",
    ),
    ("military", _MILITARY),
    (
        "working_ma",
        rf"\b(?:i (?:am|'m) (?:an? )?(?:uncertified |non-certified )?{_MA}|"
        rf"i(?:'?ve| have) been (?:working as )?an? {_MA}|"
        # "I work as an MA", not "can I work as an MA" or "I want to work as an MA"
        # ("how long before i could actually be working as an MA": what they want, not what they do)
        rf"(?<!can i )(?<!could i )(?<!to )(?<!i )(?<!will )(?<!would )(?<!can )(?<!could )(?<!be )(?<!start )"
        rf"work(?:ing|ed)? as an? {_MA}|"
        rf"(?<!can )(?<!could )(?<!will )(?<!would )(?<!should )(?<!may )\bi work(?:ed)? as an? {_MA}|i was an? {_MA}|"
        rf"uncertified {_MA}|on[- ]the[- ]job trained|trained on the job|{_MA} for \w+ (?:years?|months?)|"
        rf"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten) (?:yrs?|years?|months?|mos?) "
        rf"(?:(?:full|part)[- ]?time )?(?:working )?(?:(?:full|part)[- ]?time )?as (?:an? )?{_MA}(?! student))",
    ),
    (
        "hs_graduate",
        r"\b(?:just (?:graduated|finished) (?:from )?(?:high ?school|hs)|high ?school (?:senior|student|grad\w*)|"
        r"senior (?:in|at) (?:high ?school|hs)|fresh out of (?:high ?school|hs)|right out of (?:high ?school|hs)|"
        r"graduating (?:from )?(?:high ?school|hs)|i'?m (?:17|18|19)\b|i am (?:17|18|19)\b)",
    ),
    (
        "career_changer",
        r"\b(?:career change\w*|chang(?:e|ing) careers?|switch(?:ing)? careers?|second career|new career|"
        r"retail|restaurant|warehouse|cashier|office job|(?:store|retail|office|sales|shift|restaurant) manager|"
        r"managed (?:a|the) (?:\w+ )?(?:store|shop|branch|restaurant)|"
        r"i'?m a manager|i work in (?:sales|retail|banking|insurance|customer service|hospitality))",
    ),
)

# --- everything else ------------------------------------------------------------------------------

_HS_NO = re.compile(
    r"\b(?:no|don'?t have (?:a |my )?|didn'?t (?:finish|graduate(?: from)?|complete)|never (?:finished|graduated"
    r"(?: from)?)|dropped out of|without (?:a |my )?)\s*(?:high ?school|hs\b|ged\b|diploma)"
)
_HS_YES = re.compile(
    r"\b(?:i (?:have|got|earned) (?:my |a |the )?(?:ged|high ?school diploma|hs diploma|diploma)|"
    r"(?:graduated|finished|completed) (?:from )?(?:high ?school|hs\b)|high ?school (?:grad|graduate|diploma)\b|"
    r"\bhave (?:my |a )?ged\b)"
)
#: "2 yrs as an MA, HS diploma, no MA school": a diploma named in a sentence that asks nothing is theirs.
_HS_SAID = re.compile(r"\b(?:hs|high ?school) diploma\b|\bged\b")
#: "so if i get the ged i can do the ccma?": a diploma supposed, for this question only.
_HS_SUPPOSED = re.compile(
    r"\b(?:if|once|when|after) (?:i|she|he|we|they|u|you) (?:get|gets|got|finish|finishes|earn|earns|pass|passes|"
    r"complete|completes|had) (?:my |her |his |the |a |an )?(?:ged|hs diploma|high ?school diploma|diploma|high ?school)\b"
)
_IN_PROGRAM = re.compile(
    rf"\b(?:i'?m|i am) (?:currently |now )?(?:in|doing|taking|enrolled in|halfway through|attending) "
    rf"(?:an? |my |the )?(?:{_MA} )?(?:program|course|school|classes)|\b(?:currently|still) (?:a )?student\b|"
    rf"\bcurrently enrolled\b|"
    # "presently completing a medical assisting certificate at an ABHES school", "I'm finishing my MA program"
    rf"\b(?:in the (?:final|last) (?:stretch|weeks?|months?|term|semester) of) (?:an? |my |the )?(?:[\w-]+ ){{0,3}}"
    rf"(?:program|course|certificate|school|classes|diploma)\b|"
    rf"\b(?:presently|currently|now|still|i'?m|i am) (?:completing|finishing|doing|taking|attending|enrolled in) "
    rf"(?:an? |my |the )?(?:[\w-]+ ){{0,3}}(?:program|course|certificate|school|classes|diploma)\b|"
    # "I am study in accredited medical assistant program", "marine vet, in a caahep accredited ma program rn"
    rf"\b(?:i'?m|im|i am) (?:studying|study|a student) (?:in|at) (?:an? |my |the )?(?:[\w-]+ ){{0,3}}"
    rf"(?:program|course|school|college)\b|"
    rf"(?:^|[,;:.]|\bvet|\bhere) ?in (?:an? |my |the )(?:[\w-]+ ){{0,3}}(?:program|course|school)\b[^.?!]{{0,12}}"
    rf"\b(?:rn|right now|now|currently|atm)\b|"
    # "my graduation is in May": a program they are in
    r"\bmy (?:graduation|grad) (?:is|will be)\b"
)
_FINISHED_PROGRAM = re.compile(
    rf"\b(?:finished|completed|graduated from|did|have|got|earned) (?:an? |my |the )?"
    rf"(?:(?:caahep|abhes|accredited|unaccredited|online|\w+)[- ])?(?:\w+ )?(?:{_MA} )(?:program|course|school|"
    rf"certificate|diploma)|\bgraduated (?:from )?(?:an? )?(?:caahep|abhes|accredited)"
)
_NO_PROGRAM = re.compile(
    rf"\b(?:no |never (?:did|went to|took|done|had) (?:an? |any )?|haven'?t (?:done|taken|gone to) (?:an? |any )?|without (?:an? |any )?|"
    rf"didn'?t (?:do|take|go to) (?:an? |any )?|no formal )(?:(?:us|u\.s\.|american|real|actual|civilian|formal|proper|official) )?(?:{_MA} )?"
    rf"(?:program|school|schooling|training|course)\b|"
    # "which one can I take with just my experience", "the doctor trained me": trained at work, no program
    r"\b(?:with |on )?(?:just|only) (?:my |the )?(?:work |job )?experience\b|"
    r"\b(?:the |my )?(?:doctor|doc|physician|office|clinic|boss) (?:trained|taught) me\b|"
    r"\b(?:trained|learned|learnt|taught) (?:me )?(?:everything )?on the job\b"
)
_ACCREDITED = re.compile(r"\b(?:caahep|abhes)\b|(?<!un)(?<!not )accredited")
_NOT_ACCREDITED = re.compile(
    r"\b(?:not|wasn'?t|isn'?t|un|non)[- ]?(?:(?:caahep|abhes)\b(?: accredited)?|(?:caahep |abhes )?accredited)"
)
_AIM = re.compile(
    r"\b(?:want|wanna|aim\w*|go(?:ing)? (?:for|with)|rather|prefer|plan\w* (?:to|on)|interested in|"
    r"chose|choose|pick|decided|switch (?:to|my)|change (?:to|my)|thinking (?:of|about)|get my|study for|"
    r"focus on|stick with|target\w*)\b"
)
_LIVE = re.compile(
    r"\b(?:i'?m|i am|we'?re|we are)(?: (?:actually|currently|now|based|located|living))? in\b|"
    r"\b(?:i|we) (?:live|work|reside|moved|am moving|'m moving|are moving) (?:in|to)\b|\bliving in\b|\bbased in\b|"
    r"\bmoving to\b|\bi'?m from\b|\bhere in\b|\bmy state is\b|\bstate:\s"
)
_PART_TIME = re.compile(
    r"\bpart[- ]?time (?:student|program|study|studies|classes|course|school|learner)|"
    r"\b(?:study|studying|school|classes|program|go to school) (?:part[- ]?time|at night|in the evenings?|on weekends?)|"
    r"\b(?:evening|night|weekend) (?:student|classes|program|course|school)|"
    r"\bcan'?t quit my (?:day )?job|\bkeep (?:my (?:day )?job|working)|\bwhile (?:i )?(?:keep )?work(?:ing)?\b"
)
_FULL_TIME = re.compile(
    r"\bfull[- ]?time (?:student|program|study|studies|classes|course|school)|"
    r"\b(?:study|studying|school|classes|program) full[- ]?time"
)
_START = re.compile(r"\b(?:start|begin|starting|beginning|enrol+\w*)\b(?P<rest>.{0,40})")
_RESIDENCY = re.compile(r"\b(?:residency|the match|usmle|step 1|step 2|match into)\b")
_CAREER = re.compile(r"\b(?:long[- ]term|for good|permanent\w*|stay (?:an? )?ma|rest of my (?:life|career))\b")
#: ("what do i actually need" asks; "actually it was 2019" corrects)
_CORRECTION = re.compile(
    r"\b(?:actually(?! (?:need|needs|want|do|does|have|has|work|make|makes|get|earn|pay|pays|cost|costs|require|"
    r"requires|take|takes|learn|like|mean|means)\b)|i meant|i mean|sorry|correction|no wait|wait no|my bad|typo)\b"
)
#: "so more like 2 and a half years not 4": the new number, then the one it replaces.
_YEARS_NOT = re.compile(r"\b(?:yrs?|years?) not (?:\d|one|two|three|four|five)")
_MEANT_YEARS = re.compile(
    r"\b(?:i meant|i mean|actually|sorry|correction|not \w+,?)\b[^.]{0,20}?\b(?:\d|one|two|three)|"
    r"\b(?:more like|closer to|really|only)\s+(?:\d|one|two|three|four|five)|" + _YEARS_NOT.pattern
)
_MISSTATE = re.compile(
    r"\b(?:(?:fake|faking) (?:(?:my|a|the|some|our) )?(?:experience|hours|years|letters?|documents?|papers?|"
    r"transcripts?|diploma|signatures?|attestation|work|it)\b|(?:i|we) (?:could |can |might |will |gonna )?fake\b|"
    # "whats stopping them from lying about job placement": a school's lie, not a plan of theirs
    r"(?<!they )(?<!school )(?<!schools )(?<!it )(?:lie|lying) about(?! (?:the |its |their )?(?:job|jobs|placement|their|outcomes|"
    r"graduat\w*|salar\w*|accreditation)\b)|fudge|pad my|ma(?:ke|de|king) up (?:(?:my|some|the|a|fake) )?(?:experience|hours|years|letters?|references?|work|a job|an employer)|forg(?:e|ed|es|ing|ery)\b|pretend\w*|"
    # "how do i prove the hours if theres no one to sign anything": no signer left, no plan to lie
    r"(?<!before i )(?<!before we )(?<!before you )(?<!not )(?<!n't )(?<!nt )(?<!no one to )(?<!noone to )"
    r"(?<!nobody to )(?<!anyone to )(?<!anybody to )sign (?:anything|whatever|off on anything|it anyway)|"
    r"nobody (?:checks|will check|verifies)|"
    r"no one (?:checks|will check|verifies)|won'?t (?:check|verify|find out)|say i (?:have|had|worked) .{0,25}"
    r"(?:even though|but i)|(?:stretch|exaggerat\w*) (?:my|the) (?:experience|years|hours))"
)
#: In a question, only what the person says of themselves counts: "I'm a medic, can I…" but not
#: "is there a military route?" or "does the 4 year thing mean…".
#: "the whole thing to work as a medical assistant here in washington state" after "how long does it take?": what
#: the question was about, in a noun phrase; no statement about themselves, though it names a place.
_WHAT_IT_WAS = re.compile(
    r"^\W*(?:i mean |i meant |no,? )?(?:the|for the|about the|like the)\b|^\W*(?:and |ok |so )?(?:the )?same (?:question|q|thing)\b"
)
#: "And the pay, MA here in Dallas versus if I pass the NCLEX": money asked after another answer, with no
#: question mark; the place in it is where the pay is asked, not news about them.
_AND_THE_MONEY = re.compile(
    r"^\W*(?:and|so|but|ok|okay|what about|how about)\W+(?:the |my )?(?:pay|salary|wages?|fees?|costs?|price)\b"
)
_FIRST_PERSON = re.compile(
    r"\b(?:i'?m|i am|i was|i'?ve|i have|i had|i did|i worked|i work|i finished|i graduated|i completed|my)\b"
)
#: A duration in a question is theirs only when they say they have it: "I have 3 yrs as a MA, can I…".
_MINE = re.compile(r"\b(?:i'?ve|i have|i had|i worked|i was|with my|my|i (?:finished|graduated|completed))\b")
_WAITING = re.compile(r"\bwait(?:ed|ing)?\b")
_HIGH_SCHOOL = re.compile(r"\bhigh ?school\b|\bhs\b|\bged\b")
#: "started as an MA 3 years ago": how long they have worked, not when something ended.
_STARTED = re.compile(r"\b(?:start\w*|began|begun|hired)\b")
#: "my program was ABHES accredited, but I finished 6 years ago": the program said, then when it ended.
_FINISHED = re.compile(r"\b(?:finished|graduated|completed|done)\b")
_AGO = re.compile(r"^\W*(?:ago|back)\b")
_AMOUNT = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|[a-z]+)(?P<half>\s+and\s+a\s+half)?\s*\+?\s*(?P<unit>years?|yrs?|months?|mos?)\b"
)
_YEAR_RANGE = re.compile(
    r"\b((?:19|20)\d\d)\s*(?:-|–|to|until|through|till)\s*((?:19|20)\d\d|now|present|today|current)\b"
)
#: Work going on since a year ("working full time as an MA at an urgent care since 2021").
#: A month may stand before the year: "since October 2019", "in aug. 2019", "since early 2021".
_MONTH = r"(?:(?:early|late|mid|the (?:end|start|beginning) of)[- ]\s*)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+)?"
_SINCE_YEAR = re.compile(rf"\bsince\s+{_MONTH}((?:19|20)\d\d)\b")
#: When they earned the credential they ask about ("i got it june 2022", "passed in march 2022", "I've had my
#: NCMA since 2021", "last recertified in March 2022"): the month (when said) and year, for the date it runs to.
_EARNED = re.compile(
    r"\b(?:got|earned|passed|received|obtained|certified|recertified|renewed|since)\b"
    r"(?:\s+(?:it|mine|my\s+(?:c?cma|rma|ncma|cert\w*|credential)|the\s+(?:c?cma|rma|ncma|exam|test)(?:\s*\(\w+\))?|"
    r"from\s+(?:the\s+)?(?:aama|nha|ncct|amt)|right\s+out\s+of\s+school|(?:back\s+)?in|back|around|on|at))*"
    r"\s+(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+)?(?P<year>(?:19|20)\d\d)\b"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: A credential already lapsed: its own rules answer, not the date it would run to.
_LAPSED = re.compile(r"\b(?:expired|lapsed|let it (?:go|lapse|expire)|ran out|went inactive)\b")
#: A credential of their own, held before ("I was a CMA back in 2008", "my CMA expired years ago", "I had my
#: RMA but let it lapse", "used to be certified"): the credential NLU names is the one they held.
_HELD = re.compile(
    r"\b(?:i was|i used to be|used to be|i had|i held|i've had|i have had|i got|i earned|i passed)\s+"
    r"(?:an?|my|the)\s+(?P<had>c?cma|rma|ncma|cert\w*|credential)\b(?!\s+(?:exam|test|class|program|course|school))|"
    r"\bmy\s+(?P<lapsed>c?cma|rma|ncma|cert\w*|credential)\s+(?:\(\w+\)\s+)?(?:has\s+|have\s+|is\s+|was\s+|had\s+|got\s+)?"
    r"(?:been\s+)?(?:expired|lapsed|ran out|run out|went inactive|inactive)\b|"
    r"\b(?:i was|i used to be|used to be)\s+(?:certified|registered)\b"
)
_CREDENTIAL_WORDS = ("cma", "rma", "ccma", "ncma")
#: "graduated in 2022", "since 2019", and the year right after the word of ending ("corpsman school finished 2016").
_PAST_YEAR = re.compile(
    # ("my 68W school finish 2020 tho": the verb's tense dropped)
    rf"\b(?:in|since|back in|around|finish(?:ed)?|graduated?|completed?|ended)\s+{_MONTH}((?:19|20)\d\d)\b"
)
#: The year they left the service ("air force 4N0, separated 2018"): their military training ended by then at
#: the latest, so that year counts only when nothing says when the training itself ended.
_LEFT_SERVICE = re.compile(r"\b(?:separated|discharged|got out|ets'?d|eas'?d)\s+(?:in\s+)?((?:19|20)\d\d)\b")
#: The years of service given as a span ("I served as an Army combat medic from 2004 to 2012", "an Army medic until
#: 2012"): it ended then.
_SERVED_UNTIL = re.compile(
    r"\b(?:served|enlisted|medic|corpsman|68w|army|navy|air force|marines?|military)\b(?:(?!\bwork)[^.?!,]){0,50}?"
    r"\b(?:from\s+(?:19|20)\d\d\s*(?:to|until|till|through|thru|-|–)|until|till|through|thru)\s*((?:19|20)\d\d)\b"
)
_SENTENCES = re.compile(
    r"(?<=[.!;?])\s+|\n|,\s*(?=(?:but|and|so)?\s*(?:can|could|do|does|is|are|will|would|how|what|which|when|where|why)\b)"
)
#: Where a clause ends; a point between digits ("1.5 yrs") or a comma inside a number ("5,616 hours") is no end.
_CLAUSES = re.compile(r"(?<!\d)\.|\.(?!\d)|[;!?\n()]|,\s*(?:but|and|so)\b|\bbut\b|,(?!\d{3}\b)")


@dataclass(frozen=True)
class Heard:
    """What one message said about the person."""

    #: Profile fields the message sets, by name.
    changes: dict[str, Any] = field(default_factory=dict)
    #: The message corrects something said before ("actually", "I meant").
    correction: bool = False
    #: The message plans to misstate experience or documents ("nobody checks, right?").
    misstating: bool = False
    #: The message asks nothing: it only tells us something ("I've been an MA for 4 years").
    statement: bool = False
    #: Profile fields the message supposes for its own question only ("so if i get the ged i can do the
    #: ccma?"): the answer takes them as given, and the profile does not keep them.
    supposed: dict[str, Any] = field(default_factory=dict)
    #: When they earned (or last renewed) the credential they ask about, as (year, month or None): "i got
    #: it june 2022" is (2022, 6). Never kept in the profile: it dates one credential, for one answer.
    earned: tuple[int, int | None] | None = None
    #: Amounts of time the message gives that are no MA work of theirs: an age ("I am 52 years old"),
    #: someone else's years ("she graduated 2 yrs before that"), another job's, a school's.
    not_ma_years: frozenset[float] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.changes) or self.misstating


def _low(text: str) -> str:
    return " ".join((text or "").lower().replace("’", "'").split())


def _clauses(low: str) -> list[str]:
    return [c.strip() for c in _CLAUSES.split(low) if c.strip()]


#: When the service ended, said before the work that came after it.
_AFTER_SERVICE = re.compile(
    r"\b(?:since|after|once|when) (?:i )?(?:got out|separated|was discharged|left the (?:army|navy|military|service))\b"
)


def _role_of(clause: str) -> str | None:
    """What kind of work a clause is about: "ma", "military", another role, or None."""
    clause = _AFTER_SERVICE.sub(" ", clause)  # "since I got out I have worked as an ER tech": the ER tech's years
    if re.search(_MILITARY, clause):
        return "military"
    for role, pattern in _OTHER_ROLES:
        if re.search(pattern, clause):
            return role
    other = next((role for role, pattern in _OTHER_JOBS if re.search(pattern, clause)), None)
    if re.search(_MA, clause) and not (other and _MA_WANTED.search(clause)):
        return "ma"
    return other


#: What follows an age: "52 years old", "19 yrs of age", "a 40-year-old".
_AGE_AFTER = re.compile(r"[\s-]*(old|of age|young)\b")


def _ages(clause: str) -> list[float]:
    """The ages in a clause ("I am 52 years old"), as amounts of years."""
    return [
        years
        for match in _AMOUNT.finditer(clause)
        if _AGE_AFTER.match(clause[match.end() :]) and (years := parse_years(match["n"] + " " + match["unit"]))
    ]


def _amounts(clause: str) -> list[tuple[float, bool]]:
    """Each amount of time in a clause, and whether it is "… ago" (a time since) or a duration."""
    found: list[tuple[float, bool]] = []
    for match in _AMOUNT.finditer(clause):
        if _AGE_AFTER.match(clause[match.end() :]):
            continue  # "I am 52 years old": an age, not years of anything
        years = parse_years(match["n"] + " " + match["unit"])
        if years is not None:
            years += 0.5 * (years >= 1 or match["n"] == "one") if match["half"] else 0.0
            found.append((years, bool(_AGO.match(clause[match.end() :]))))
    return found


def _span(clause: str, today: dt.date) -> tuple[float, float] | None:
    """ "2012-2016", "from 2019 to now", "working full time as an MA ... since 2021": (years worked, years
    since it began), or None."""
    found = _YEAR_RANGE.search(clause)
    if found:
        start, end = int(found[1]), (today.year if not found[2][0].isdigit() else int(found[2]))
    else:
        since = _SINCE_YEAR.search(clause) if _WORK_DONE.search(clause) else None
        if since is None:
            return None
        start, end = int(since[1]), today.year
    if not start <= end <= today.year:
        return None
    return float(end - start), float(today.year - start)


#: How long a program or in-house training lasted ("my program was 9 months", "trained me in house for 8 months").
_TRAINING_LENGTH = re.compile(
    r"\b(?:program|course|school|classes|training|trained (?:me|us|him|her))\b"
    r"(?:(?!\b(?:work\w*|been|job|employed)\b)[^.;]){0,40}?"
    r"\b\d+(?:\.\d+)? ?(?:months?|mos?|years?|yrs?|weeks?|wks?)\b(?! ago)|"
    r"\b\d+(?:\.\d+)?[- ]?(?:months?|mos?|years?|yrs?|weeks?|wks?)(?:[- ]long)? (?:program|course|training|certificate)\b|"
    # "i dont want 2 years of school": schooling asked about, not work done
    r"\b\d+(?:\.\d+)? ?(?:months?|mos?|years?|yrs?)\b (?:of )?(?:school|schooling|college|classes|study|studying)\b"
)
#: A time still ahead of them: "in like 6 months", "within the next year".
_AHEAD = re.compile(
    r"\b(?:in|within) (?:like |about |around |another |the next |roughly )?(?:\d+(?:\.\d+)?|a|an|one|two|three|four|"
    r"five|six|nine|twelve|a few|few) ?(?:months?|mos?|years?|yrs?|weeks?|wks?)\b(?! ago)"
)


#: Work at a civilian clinic, no role named ("I have worked at an urgent care clinic", "been working in a
#: family practice"): medical assisting work, whatever role the conversation was about before.
_CLINIC_WORK = re.compile(
    r"\b(work(ed|ing|s)?|employed|job)\b[^,.;]{0,20}\b(at|in|for) (an? |the |my )?(urgent care|(walk-in |medical |"
    r"family |pediatric |dermatology |cardiology )?(clinic|office|practice)|doctor'?s office|physician'?s office)\b"
)


def _span_said(changes: dict[str, Any], clause: str, role: str | None, today: dt.date) -> None:
    """ "2012-2016", "since 2021": MA work's years and how long ago it began; another job's years ("i was a CNA at a
    nursing home from 2010-2014") are that job's."""
    span = _span(clause, today) if role not in (None, "military") else None
    if span is not None and role == "ma":
        changes["experience_span_years"] = span[1]
        changes.setdefault("experience_years", span[0])
    elif span is not None:
        changes.setdefault("other_healthcare_years", span[0])
        changes["other_healthcare_role"] = role


def _years_said(
    low: str, today: dt.date, context: str | None, question: bool, not_ma: set[float] | None = None
) -> dict[str, Any]:
    """Years of work by kind and when training ended, clause by clause.

    `context` is the role the conversation is about when a clause names none
    ("4 years" after "I'm an MA" is MA work). `not_ma` collects the amounts that are no MA work of theirs.
    """
    changes: dict[str, Any] = {}
    set_aside = not_ma if not_ma is not None else set()
    last_role = context
    program_said = False
    for clause in _clauses(low):
        program_said = program_said or bool(re.search(_PROGRAM, clause))
        set_aside.update(_ages(clause))
        if _SOMEONE_ELSE.search(clause):
            set_aside.update(years for years, _ in _amounts(clause))
            continue  # "my husband has been in the army 12 years"
        if _STATUS_HELD.search(clause) and not _role_of(clause):
            set_aside.update(years for years, _ in _amounts(clause))
            last_role = None
            continue  # "I have been a citizen for two years": a status's years, no work's
        # "Since 2022 I have worked at an urgent care clinic" after their corpsman years: clinic work, no medic's
        role = _role_of(clause) or ("ma" if _CLINIC_WORK.search(clause) else last_role)
        # "ETS in like 6 months", "getting out in a year": when something will happen, not years done
        ahead = {years for m in _AHEAD.finditer(clause) for years, _ in _amounts(m.group(0))}
        # "my program was 9 months", "trained me in house for 8 months": a program's length, not work
        ahead |= {years for m in _TRAINING_LENGTH.finditer(clause) for years, ago in _amounts(m.group(0)) if not ago}
        set_aside.update(ahead)
        set_aside.update(_no_ma_work(clause, role, program_said))
        if role == "ma" and _NOT_WORK_DONE.search(clause) and not _WORK_DONE.search(clause):
            role = None  # "a medical assistant school in Houston, 10 months": school, not work
        if question and not _MINE.search(clause):
            # "if it ended 6 years ago", "if I graduate and then wait more than one year": no years of work
            set_aside.update(years for years, ago in _amounts(clause) if ago or _WAITING.search(clause))
            last_role = role
            continue
        if re.search(_MA, clause) and _NEGATED_MA.search(clause):
            changes["experience_years"] = 0.0
        _span_said(changes, clause, role, today)
        for years, ago in _amounts(clause):
            if years in ahead:
                continue
            if ago:
                _ended(changes, clause, role, years, program_said)
                set_aside.update(_when_not_how_long(clause, years))
            elif role == "ma" and not _NEGATED_MA.search(clause):
                if _NOT_WORK_DONE.search(clause) and not _WORK_DONE.search(clause):
                    set_aside.add(years)
                    continue
                changes["experience_years"] = years
            elif role is not None and role != "ma":
                changes["other_healthcare_years"] = years
                changes["other_healthcare_role"] = "military medic" if role == "military" else role
        past = _PAST_YEAR.search(clause)
        if past and int(past[1]) <= today.year:
            _ended(changes, clause, role, float(today.year - int(past[1])), program_said)
        last_role = role
    return changes


#: Years in a job that is not medical assisting, named after "as" ("the last 9 years as branch manager").
_AS_ANOTHER_JOB = re.compile(
    r"\b(?:years?|yrs?|months?|mos?)\b (?:\w+ ){0,2}as (?:an? |the )?"
    r"(?!(?:ma|mas|medical|cma|rma|ccma|ncma|uncertified|certified|an?|the|well|long|much|soon|far|of)\b)\w+"
)


def _no_ma_work(clause: str, role: str | None, program_said: bool) -> set[float]:
    """The amounts in a clause that are no medical assisting work: another role's years, or a program's
    length in a clause of its own after the program ("I found one program..., only the administrative part,
    6 months and is cheap")."""
    if role not in (None, "ma") or (role is None and _AS_ANOTHER_JOB.search(clause)):
        return {years for years, _ in _amounts(clause)}  # "the last 9 years as branch manager"
    if role is None and program_said and not _WORK_DONE.search(clause):
        return {years for years, ago in _amounts(clause) if not ago}
    return set()


def _when_not_how_long(clause: str, years: float) -> set[float]:
    """ "so about 14 months ago": when something ended, no years of work (but "started as an MA 3 years ago"
    and "worked there till 2 years ago" say how long they worked)."""
    return set() if _WORK_DONE.search(clause) or _STARTED.search(clause) else {years}


def _ended(changes: dict[str, Any], clause: str, role: str | None, years: float, program_said: bool = False) -> None:
    """ "finished AIT 6 years ago", "graduated in 2022": when training or a program ended; "I finished 6 years
    ago" after their program was named is when that program ended."""
    if role == "military" or re.search(_MILITARY, clause):
        changes["military_years_ago"] = years
        changes["military_training"] = True
    elif _HIGH_SCHOOL.search(clause) and not re.search(_MA, clause):
        return  # "i finished high school 10 years ago": no medical assisting program
    elif re.search(_PROGRAM, clause) or (program_said and _FINISHED.search(clause)):
        changes["years_since_graduation"] = years


#: Asking to work as an MA, not saying they do: "can I work as an MA", "am I permitted to work as one".
#: Work still ahead of them: "how long until I'm actually working as a CMA" tells no background.
_AIMED_WORK = re.compile(
    rf"\b(?:until|till|til|before|when|once|by the time) (?:i'?m|i am|i'?ll be|i will be|i can be) (?:\w+ )?"
    rf"(?:working|work) as an? {_MA}|"
    # "i just graduated hs and i wanna be working as an MA by next summer"
    rf"\b(?:want to|wanna|hope to|plan to|planning to|would like to|'d like to|need to) be (?:\w+ )?working as an? {_MA}|"
    # "been a cna 5 yrs... want clinic work as an MA": work wished for, not had
    rf"\b(?:want|wanting|need|looking for|hoping for|dream of) (?:\w+ )?work as an? {_MA}"
)
_ASKS_TO_WORK = re.compile(
    rf"\b(?:can|could|may|might|will|would|permitted to|allowed to|able to|want to|wanna|going to|gonna|to) "
    rf"(?:i )?work as an? {_MA}"
)
#: Work as an MA asked about, not had: "does working as an MA count for PA school?"
_WORK_ASKED_ABOUT = re.compile(rf"\b(?:does|do|would|will|could|can|if) (?:working|experience) as an? {_MA}")
#: A clause about someone else ("my husband is an E-6 in the army", "my son wants to be an MA") tells
#: nothing of the person's own background or work.
#: Time in a status or a place, no work's: "I have been a citizen for two years", "green card holder
#: since 2019", "we came here 3 years ago", "living in Texas for 5 yrs".
_STATUS_HELD = re.compile(
    r"\b(?:(?:us |u\.s\. |american )?citizen(?:ship)?|green ?card|permanent resident|resident|refugee|asylee)\b"
    r"|\b(?:came|moved|immigrated|arrived|migrated) (?:here|to (?:the )?(?:us|usa|u\.s\.|states|america|\w+))\b"
    r"|\b(?:been|living|lived|live|stayed|staying) (?:here|in (?:the )?(?:us|usa|u\.s\.|states|america|this country))\b"
)


_SOMEONE_ELSE = re.compile(
    r"\b(?:my|his|her|our) (?:husband|wife|spouse|partner|son|daughter|kid|child|dad|father|mom|mother|brother|"
    r"sister|boyfriend|girlfriend|fianc[eé]e?|cousin|friend|aunt|uncle)\b|\b(?:he|she)\b|"
    r"\b(?:military |army |navy )?spouses?\b|\bmarried (?:to|into)\b|"
    r"\b(?:military|army|navy|air force|marines?|coast guard) (?:wife|husband|family|brat)\b"
)


def _own_clauses(low: str) -> str:
    """The message without its clauses about someone else."""
    return " . ".join(c for c in _clauses(low) if not _SOMEONE_ELSE.search(c))


def _background(low: str) -> str | None:
    low = _WORK_ASKED_ABOUT.sub(" ", _AIMED_WORK.sub(" ", _own_clauses(low)))
    if _NEGATED_MA.search(low) and not re.search(_MILITARY, low):
        candidates = [k for k, _ in _BACKGROUNDS if k != "working_ma"]
    else:
        candidates = [k for k, _ in _BACKGROUNDS]
    patterns = dict(_BACKGROUNDS)
    return next((key for key in candidates if re.search(patterns[key], low)), None)


#: A program that has only just ended ("i just finished my ma program", "graduated last month").
_JUST_FINISHED = re.compile(
    r"\bjust (?:finished|completed|graduated)|\brecently (?:finished|completed|graduated)|"
    r"\b(?:finished|completed|graduated)\b[^.?!]*\b(?:last|this) (?:week|month)\b"
)


def _just(low: str) -> dict[str, Any]:
    """A program just finished ended 0 years ago, which opens a recent graduate's routes."""
    return {"years_since_graduation": 0.0} if _JUST_FINISHED.search(low) else {}


def _education(low: str) -> dict[str, Any]:
    if _IN_PROGRAM.search(low):
        return {"in_program": True}
    if _NO_PROGRAM.search(low):
        return {"education": "none"}
    if _FINISHED_PROGRAM.search(low):
        if _NOT_ACCREDITED.search(low):
            return {"education": "other_program", "program_accredited": False, "in_program": False, **_just(low)}
        if _ACCREDITED.search(low):
            return {
                "education": "accredited_program_graduate",
                "program_accredited": True,
                "in_program": False,
                **_just(low),
            }
        return {"education": "other_program", "in_program": False, **_just(low)}  # accreditation not said
    return {}


def _statement_of(low: str, kind: str, entities: Mapping[str, str], question: bool) -> str | None:
    """A credential or state the person says is theirs, not one they ask about."""
    value = entities.get(kind)
    if not value or question:
        return None
    if kind == "credential":
        return value if _AIM.search(low) else None
    return value if _LIVE.search(low) else None


def _meant_years(low: str, profile: Profile) -> dict[str, Any]:
    """ "I meant 2 years": the years field said last gets the new number ("2 and a half" is 2.5)."""
    amounts = _amounts(low)
    years = amounts[0][0] if amounts else None
    if years is None or not _MEANT_YEARS.search(low):
        return {}
    if profile.experience_years or profile.background == "working_ma":
        return {"experience_years": years}
    if profile.military_years_ago is not None:
        return {"military_years_ago": years}
    if profile.years_since_graduation is not None:
        return {"years_since_graduation": years}
    # "more like 2 and a half years not 4" after a question that named years of work but kept none
    return {"experience_years": years} if _YEARS_NOT.search(low) else {}


def _plans(low: str, today: dt.date, question: bool, img: bool) -> dict[str, Any]:
    """How and when they mean to study, and (for an IMG) whether residency is the goal."""
    plans: dict[str, Any] = {}
    if _PART_TIME.search(low):
        plans["pace"] = "part_time"
    elif _FULL_TIME.search(low):
        plans["pace"] = "full_time"
    if question:
        return plans
    start = _START.search(low)
    when = month_said(start["rest"], today) if start else None
    if when is not None:
        plans["start_date"] = when
    if _RESIDENCY.search(low) and img:
        plans["goal"] = "residency"
    elif _CAREER.search(low):
        plans["goal"] = "career"
    return plans


#: A question after the thing it is about, no question mark ("for ECFMG what I still need after step 2").
_ASKED_AFTER_ITS_TOPIC = re.compile(
    r"^\W*(for|about|and|so|ok|okay|re|regarding|with) [\w' -]{1,25}?\b(what|how|when|where|which|who)\b( (do|does|did|should|must|can|would|will))? "
    r"(i|we|you|u|she|he)\b"
)


def read(
    text: str,
    entities: Mapping[str, str] | None = None,
    profile: Profile | None = None,
    today: dt.date | None = None,
) -> Heard:
    """The profile facts in `text`. `entities` are the message's entities by kind, as knowledge-base
    keys (credential, us_state, background); `profile` is what we knew before this message."""
    low = _NEGATED_MILITARY.sub(" ", _low(text))
    if not low:
        return Heard()
    entities = entities or {}
    profile = profile or Profile()
    today = today or dt.date.today()
    question = (
        "?" in low
        or any(replies.asks_something(part) for part in _SENTENCES.split(text))
        or looks_like_question(text)
        or bool(_AND_THE_MONEY.match(low))
        or bool(_ASKED_AFTER_ITS_TOPIC.match(low))
    )
    changes: dict[str, Any] = {}
    about_them = not question or bool(_FIRST_PERSON.search(low))
    # "just graduated hs in columbus. can u make me a plan?": a sentence that asks nothing tells about them.
    told = " ".join(_low(s) for s in _SENTENCES.split(text) if not ("?" in s or replies.asks_something(s)))
    # NLU tags "army" wherever it stands; in "my husband is in the army" it is not theirs, and
    # "am I permitted to work as a medical assistant" asks to be one.
    tagged = None if _SOMEONE_ELSE.search(low) else entities.get("background")
    if tagged == "military" and _NEGATED_MILITARY.search(_low(text)) and not re.search(_MILITARY, low):
        tagged = None  # "no military, no work experience as an MA": the service denied, NLU's tag with it
    if (
        tagged == "working_ma"
        # "never did a civilian MA program and never worked as an MA on the outside": denied, not told
        and (_ASKS_TO_WORK.search(low) or _WORK_ASKED_ABOUT.search(low) or _NEGATED_MA.search(low))
        and _background(low) != "working_ma"
    ):
        tagged = None
    background = (tagged or _background(low)) if about_them else _background(told)
    if background:
        changes["background"] = background
        if background == "military":
            changes["military_training"] = True
    context = {"working_ma": "ma", "military": "military"}.get(background or profile.background or "")
    not_ma: set[float] = set()
    for sentence in _SENTENCES.split(text):
        # "im a cna 4 yrs in a nursing home. can i sit for the ccma?": the first sentence tells.
        asks = "?" in sentence or replies.asks_something(sentence)
        changes.update(_years_said(_low(sentence), today, context, asks, not_ma))
    if _HS_NO.search(low):
        changes["hs_diploma"] = False
    elif _HS_YES.search(low) or _HS_SAID.search(told):
        changes["hs_diploma"] = True
    # "Graduated from an ABHES program back in 2011 but never took the CMA. Am I too late?": the telling sentences
    changes.update(_education(_own_clauses(low if about_them else told)))  # not "my son completed a certificate"
    for kind, name in (("credential", "credential"), ("us_state", "state")):
        value = _statement_of(low, kind, entities, question)
        if value:
            changes[name] = value
    changes.update(_plans(low, today, question, (background or profile.background) == "img"))
    held = _held(low if about_them else told, entities.get("credential"))
    if held and not _SOMEONE_ELSE.search(low):
        changes["held_credential"] = held
    correction = bool(_CORRECTION.search(low))
    if correction and not any(k in changes for k in ("experience_years", "military_years_ago")):
        changes.update(_meant_years(low, profile))
    left = _LEFT_SERVICE.search(low) or _SERVED_UNTIL.search(low)
    if left and (background or profile.background) == "military" and "military_years_ago" not in changes:
        changes["military_years_ago"] = float(max(today.year - int(left[1]), 0))
    not_ma.discard(changes.get("experience_years"))
    later = _time_ahead(low)
    if changes.get("experience_years") in later:
        del changes["experience_years"]  # "if i take it 3 years later is that ok": no work done
    not_ma |= later
    statement = not question and not _WHAT_IT_WAS.match(low)
    supposed = {"hs_diploma": True} if _HS_SUPPOSED.search(low) else {}
    misstating = bool(_MISSTATE.search(low))
    return Heard(changes, correction, misstating, statement, supposed, _earned(low), frozenset(not_ma))


#: Time still ahead of them, waited before a step: "what if i dont test til like 2 yrs after", "if i wait a year and
#: a half", "3 years later", "2 years from now".
_TIME_AHEAD = re.compile(
    r"\b(?:wait(?:ed|ing)?(?: for)?|til+|until|in) (?:like |about |maybe |around |another |over )?(?:an? )?"
    r"\S+(?: and a half)? (?:years?|yrs?|months?|mos?)\b|"
    r"\b\S+(?: and a half)? (?:years?|yrs?|months?|mos?) (?:after|later|from now|down the road|out)\b(?! of)"
)


def _time_ahead(low: str) -> set[float]:
    """The amounts of time that lie ahead ("til like 2 yrs after"): no years of work done, unless the same
    amount is also told elsewhere ("been an MA 2 yrs, in 2 years i want to be RN")."""
    ahead = {years for match in _TIME_AHEAD.finditer(low) for years, _ in _amounts(match.group(0))}
    return ahead - {years for years, _ in _amounts(_TIME_AHEAD.sub(" ", low))}


def _held(low: str, named: str | None) -> str | None:
    """The credential they say they held ("I was a CMA", "my cert lapsed" with the CMA named), or None."""
    found = _HELD.search(low)
    if found is None:
        return None
    word = found["had"] or found["lapsed"] or ""
    return word if word in _CREDENTIAL_WORDS else named


def _earned(low: str) -> tuple[int, int | None] | None:
    """When they earned the credential they speak of, unless they say it has lapsed."""
    found = None if _LAPSED.search(low) else _EARNED.search(low)
    if found is None:
        return None
    month = found["month"]
    return int(found["year"]), (_MONTHS.index(month.strip()[:3]) + 1 if month else None)


def says_where_they_live(text: str) -> bool:
    """ "im in texas", "we live in Ohio", "moving to Washington": the state named is theirs."""
    return bool(_LIVE.search(_low(text)))


def apply(profile: Profile, heard: Heard) -> Profile:
    """The profile with what was heard; a value said again replaces the old one."""
    return replace(profile, **heard.changes) if heard.changes else profile
