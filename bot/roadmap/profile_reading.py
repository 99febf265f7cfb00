"""Read a person's free-text answer to one of the roadmap questions.

Buttons send exact values, but people also type "I'm a doctor from Egypt", "not sure,
you pick" or "next March". Each reader returns the value the roadmap understands, or
None when the text does not answer the question (then the form asks again, or the
message is treated as a question of its own). Entities the spaCy ruler already found
are passed in and win over keywords. A reply that starts like a question ("do MAs need
a license in Texas?") is a question even when it names an answer, so it is answered
first; "skip" and "next" answer only the questions in OPTIONAL_QUESTIONS.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.eligibility.experience import parse_years
from bot.forms import replies
from bot.profile.dates import month_said
from bot.profile.model import Profile
from bot.profile.reading import read as read_profile
from bot.profile.reading import says_where_they_live

SKIP = "skip"
RECOMMEND = "recommend"
#: The questions "skip" or "next" may pass over (by their slots), each read as SKIP or RECOMMEND.
#: The plan needs the others: a background, a program, years of work, a goal for an IMG.
OPTIONAL_QUESTIONS = frozenset({"credential_goal", "state", "start_date"})

#: "He completed a nine-month medical assistant certificate", "omg i finished my program last week!!".
PROGRAM_FINISHED = r"\b(finished|completed|graduated|done with)\b[^.?!]*\b(program|certificate|course)\b"
_BACKGROUND_WORDS = [
    ("img", r"\b(img|doctor|physician|mbbs|md\b|medical (school|degree|graduate)|med school)"),
    ("working_ma", r"\b(work(ing|ed)? as an? (ma|medical assistant)|uncertified|on the job|already an? ma)"),
    ("military", r"\b(military|army|navy|air force|marines?|veteran|medics?|corpsman)\b"),  # not "medical"
    # "He completed a nine-month medical assistant certificate last spring": a program's graduate has
    # finished high school, and the plan reads the program itself from their profile
    ("hs_graduate", r"\b(high ?school|ged|diploma|senior|just graduated|student)|" + PROGRAM_FINISHED),
    (
        "career_changer",
        r"\b(career|chang|switch|retail|restaurant|office job|another field|different field|"
        r"no (medical|health ?care|clinical) (background|experience)|nails|nail tech|hair|barber|warehouse|cashier|"
        r"driver|trucker|teacher|cook|server|barista|teller|call cent|bank|sales|construction|factory|accountant|"
        # "banking, 20 yrs. zero healthcare"
        r"(zero|no|never any|not any) (medical|health ?care|clinical)\b|"
        # "foreign-trained nurse from the Philippines": another health job is a change of career into this one
        r"nurse|nursing|pharmacist|pharmacy|midwi\w*|dentist|dental|physiotherap\w*|lab tech\w*|\bcnas?\b|\bemts?\b|"
        r"paramedic)",
    ),
]
_STATE_SKIP = r"\b(skip|rather not|prefer not|no state|not (say|sure)|doesn'?t matter|none|no)\b"
_RECOMMEND = (
    r"\b(recommend|not sure|unsure|don'?t know|dunno|(you|u) (pick|choose|decide)|whichever|best one|any|up to (you|u)|"
    r"your call)\b"
)
#: A message this short that names a credential at another question only says which one ("CMA I think").
MAX_CREDENTIAL_TOLD_WORDS = 5
_GOALS = [
    ("residency", r"\b(residen|stepping|step ?stone|match|usmle|bridge|temporar|for now)"),
    ("career", r"\b(long[- ]?term|career|stay|permanent|for good|destination|rest of my)"),
]
_EDUCATION = [
    ("accredited_program_graduate", r"\b(caahep|abhes|accredited)\b(?!.*\bnot\b)"),
    ("none", r"\b(no program|not yet|haven'?t|have not|none|no school|never|nope|no\b)"),
    (
        "other_program",
        r"\b(program|school|course|certificate|diploma|graduated|not accredited|"
        r"wasn'?t accredited|unaccredited)",
    ),
]
_NO_EXPERIENCE = r"\b(none|never|no experience|zero|not yet|haven'?t|have not|no\b)"


def _low(text: str) -> str:
    return " ".join((text or "").lower().split())


def _skipped(text: str) -> bool:
    return replies.control(text) == "skip"


def background(text: str, entities: dict[str, str]) -> str | None:
    if replies.asks_something(text):
        return None
    if entities.get("background"):
        return entities["background"]
    low = _low(text)
    return next((key for key, pattern in _BACKGROUND_WORDS if re.search(pattern, low)), None)


def credential_choice(text: str, entities: dict[str, str]) -> str | None:
    """A credential key, RECOMMEND, or None. "Which would you recommend?" asks for the recommendation."""
    recommend = bool(re.search(_RECOMMEND, _low(text)))
    if replies.asks_something(text):
        return RECOMMEND if recommend else None
    if entities.get("credential"):
        return entities["credential"]
    # "If you're not sure, I'll recommend one." - "ok", "yes please": the offer taken
    agreed = replies.only_yes_no(text) and replies.yes_no(text) == "yes"
    return RECOMMEND if recommend or agreed or _skipped(text) else None


def state(text: str, entities: dict[str, str]) -> str | None:
    """A state key, SKIP, or None."""
    if replies.asks_something(text):
        return None
    if entities.get("us_state"):
        return entities["us_state"]
    skipped = re.search(_STATE_SKIP, _low(text)) or _skipped(text) or replies.yes_no(text) == "no"
    return SKIP if skipped else None


def credential_told(text: str, entities: dict[str, str]) -> str | None:
    """The credential a short message names while another question is asked ("CMA I think" at the
    background question), so the form need not ask it later."""
    named = entities.get("credential")
    short = len(text.split()) <= MAX_CREDENTIAL_TOLD_WORDS
    return named if named and short and not replies.asks_something(text) else None


#: A message that is only a place ("ohio", "in ohio.", "Ohio pls"): nothing else to read it by.
_ONLY_A_PLACE = re.compile(
    r"^\W*(?:(?:i'?m |im |i am |we'?re |in |from |the state of )+)?(?P<place>[a-z .'-]+?)\W*(?:pls|please|tho|lol)?\W*$"
)


def state_told(text: str, entities: dict[str, str]) -> str | None:
    """The state a message answering another question says they live in ("idk which one yet, im in
    texas, i just have my hs diploma"), or a place said alone while the plan asks another question
    ("ohio" at the background question), so the form need not ask it again."""
    named = entities.get("us_state")
    if not named:
        return None
    alone = _ONLY_A_PLACE.match(_low(text))
    return named if says_where_they_live(text) or (alone and alone["place"] == named.lower()) else None


def goal(text: str) -> str | None:
    if replies.asks_something(text):
        return None
    low = _low(text)
    return next((key for key, pattern in _GOALS if re.search(pattern, low)), None)


def education(text: str) -> str | None:
    """How far their MA schooling went; a bare "no" is "none", a bare "yes" does not say which program."""
    if replies.asks_something(text):
        return None
    low = _low(text)
    if re.search(r"\bnot (caahep|abhes|accredited)|(wasn'?t|isn'?t|not) accredited|unaccredited", low):
        return "other_program"
    found = next((key for key, pattern in _EDUCATION if re.search(pattern, low)), None)
    return found or ("none" if replies.yes_no(text) == "no" else None)


def program_told(text: str) -> str | None:
    """The program a message answering another question says they finished ("omg i finished my program last
    week!!" at the background question), so the form need not ask about their schooling again."""
    if replies.asks_something(text) or not re.search(PROGRAM_FINISHED, _low(text)):
        return None
    return education(text)


def work_years(text: str, entities: dict[str, str]) -> float | None:
    """Years of MA work: 0 for "none", None when the text gives no amount."""
    if replies.asks_something(text):
        return None
    # Years of other work ("none as an MA, I've been a medic for 6 years") are not MA work.
    heard = read_profile(text, entities, Profile(background="working_ma")).changes
    if "experience_years" in heard:
        return float(heard["experience_years"])
    if "other_healthcare_years" in heard:
        return 0.0
    years = parse_years(entities.get("experience_years") or text)
    if years is not None:
        return years
    none = re.search(_NO_EXPERIENCE, _low(text)) or replies.yes_no(text) == "no"
    return 0.0 if none else None


def program_type(text: str, entities: dict[str, str], *, opening: bool = False) -> str | None:
    """The program's type; a question ("is a certificate enough?") names none, unless it is the message
    that opened the form ("when would I be done if I start a certificate in January?")."""
    if not opening and replies.asks_something(text):
        return None
    if entities.get("program_type"):
        return entities["program_type"]
    low = _low(text)
    if re.search(r"\b(shorter|faster|quick|certificate|diploma)", low):
        return "certificate"
    if re.search(r"\b(longer|associate|degree|two[- ]year|2[- ]year)", low):
        return "associate"
    return None


def start_date(text: str, today: dt.date | None = None, *, opening: bool = False) -> str | None:
    """An ISO date (first of the month), SKIP for "not sure", or None.

    Understands "March 2027", "next March", "in 2 months", "now"/"asap", "2027-09". A question gives
    none, unless it opened the form ("when would I be done if I start in January?").
    """
    if opening:
        when = month_said(text, today or dt.date.today())
        return when.isoformat() if when is not None else None
    if replies.asks_something(text):
        return None
    if _skipped(text):
        return SKIP
    when = month_said(text, today or dt.date.today())
    if when is not None:
        return when.isoformat()
    if re.search(r"\b(not sure|unsure|don'?t know|skip|no idea|later|undecided)\b", _low(text)):
        return SKIP
    return None
