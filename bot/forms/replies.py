"""Reading a reply to a form's question: is it a cancel, a restart, a skip, a yes or a no,
or a question of its own?

People give up in their own words ("actually never mind, cancel that", "olvídalo"),
move on ("next", "skip this one") and agree loosely ("yep", "si", "claro"). A reply
counts as cancel, restart or skip only when it is nothing but such words, with the
usual fillers ("ok", "please", "actually"): "Stopford" or "next March" is an answer, not
a command. Plain Python; the Rasa actions decide what the form does with the reading.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Control = Literal["cancel", "restart", "skip", "where", "back", "repeat"]
YesNo = Literal["yes", "no"]

#: Longer replies say more than a command (and are not worth matching word by word).
MAX_COMMAND_WORDS = 10
#: Words around a command that change nothing: "ok, please cancel that", "actually never mind".
_FILLER = (
    r"(?:actually|oh|ok|okay|um+|uh+|h+m+|well|please|pls|plz|just|sorry|so|hey|then|anyway|"
    r"instead|for now|thanks|thank you|no|nah|wait|yeah|lol|ugh|honestly|por favor|mejor|po|na lang|lang)"
)
#: How people ask for a command: "can we skip this", "I'd like to cancel", "let's start over".
_ASKING = (
    r"(?:i want to|i wanna|i'd like to|i would like to|i need to|let's|lets|let us|can we|can you|"
    r"could we|could you|can i|could i|may i|you can|we can|i'll|i will|i'd rather|quiero)"
)
_PHRASES: dict[Control, str] = {
    "cancel": (
        r"cancel(?: (?:it|that|this|everything|all|all of (?:it|this|that)|the (?:form|request|questions?)|"
        r"my request))?|never ?mind|nvm|nevermind|forget (?:about )?(?:it|that|this|all (?:of )?(?:it|that|this)|"
        r"the (?:plan|roadmap|questions?|form|check|timeline))|"
        r"stop(?: (?:it|that|this|here|now|there|asking(?: me)?|the questions))?|quit(?: (?:it|that|this))?|"
        r"exit|abort|no thanks?|no thank you|no thx|no ty|nah thanks?|(?:i've |i have |i )?changed my mind|"
        r"not (?:right )?now|i don't want (?:to|this|that|it)(?: anymore| any more)?|don't bother|"
        r"(?:i'll|ill|i will|i can|i'm going to|im going to|i'm gonna|im gonna) (?:figure (?:it|this) out|do it|"
        r"handle it|sort it out|look (?:it up|into it))(?: (?:myself|on my own|by myself|later))?|maybe later|"
        r"(?:i'm|im|i am) done|that's all|thats all|that is all|"
        r"cancelar|cancela(?:lo)?|olvidalo|olvida(?:lo)?|olvidelo|dejalo|dejalo ya|ya no|no gracias|basta"
    ),
    "restart": (
        r"start (?:over|again|afresh|from (?:the )?(?:beginning|scratch|top|start))|start it over|"
        r"restart(?: (?:it|this|that|everything|the questions))?|begin again|reset|redo(?: (?:it|this))?|"
        r"from the (?:beginning|top|start)|go back to the (?:beginning|start)|"
        r"empezar de nuevo|volver a empezar|empecemos de nuevo|reiniciar"
    ),
    # "where am i" while a question waits: how far the questions are, not a step of a plan not yet made.
    "where": (
        r"where am i(?: now| right now| at)?|where are we(?: now| at)?|where (?:was|were) we|what step (?:am i on|are we on|is this)|"
        r"what question (?:is this|are we on)|how many (?:more )?questions(?: (?:left|to go|are there))?|"
        r"are we (?:almost )?done(?: yet)?|is this almost (?:done|over)|how much longer|donde estoy|en que paso voy"
    ),
    # "back" while a question waits: the question before it again, not a step of a plan not yet made.
    "back": (
        r"(?:go )?back(?: (?:one|a step|a question|to the (?:last|previous) (?:one|question)))?|previous(?: question| one)?|"
        r"undo|atras|volver|regresar"
    ),
    "repeat": (
        r"repeat(?: (?:it|that|this|the question|that question))?|say (?:it|that) again|come again|"
        r"what was the question|what (?:did|do) you (?:ask|need)|repite|otra vez"
    ),
    "skip": (
        r"(?:what's |whats |what )?next(?: (?:one|question|please|step))?|skip(?: (?:it|this|that|this one|that one|this question|the question))?|"
        r"pass|move on|go on|rather not(?: say)?|prefer not to say|n a|siguiente|saltar|omitir|paso"
    ),
}
_CONTROLS: dict[Control, re.Pattern[str]] = {
    kind: re.compile(rf"(?:{_FILLER} )*(?:{_ASKING} )?(?:{phrase})(?: (?:{_FILLER}|{phrase}))*")
    for kind, phrase in _PHRASES.items()
}

_YES = (
    r"yes|y|yeah|yea|yep|yup|ya|yah|sure|ok|okay|okey|k|kk|correct|right|that's (?:right|correct)|exactly|"
    r"absolutely|definitely|of course|alright|all right|please do|go ahead|do it|send it|sounds good|perfect|"
    r"si|claro|dale|vale"
)
_NO = r"no|n|nope|nah|naw|no way|not really|negative|don't|do not"
#: Words that take a "yes" back: "ok but wait", "right, that's wrong".
_BUT = re.compile(r"\b(?:no|not|nope|nah|don't|dont|wait|but|cancel|change|wrong|never|stop)\b")
_LEAD = r"(?:(?:oh|um+|uh+|h+m+|well|ah)\s)*"
#: "ok what about the RMA?": another thing asked about, not agreement.
_SWITCHES = re.compile(r"\b(?:what|how) about\b")
_YES_START = re.compile(rf"{_LEAD}(?:{_YES})\b(?!')")
_NO_START = re.compile(rf"{_LEAD}(?:{_NO})\b(?!')")
_YES_NO_WORD = rf"(?:{_YES}|{_NO}|please|thanks|thank you)"
_YES_NO_ONLY = re.compile(rf"{_YES_NO_WORD}(?: {_YES_NO_WORD})*")
#: Yes-words that are also given names: where a name is asked, "Si" is Si.
ALSO_NAMES = frozenset({"si", "ya"})

_QUESTION_LEAD = (
    r"(?:(?:wait|but|and|n|so|ok|okay|k|kk|oh|ah|uh|yeah|yea|ya|lol|sorry|also|hmm+|um+|actually|hey|btw|by the way|"
    r"quick question|one question|question|first|sorry but)\s)*"
)
_WH = r"(?:what(?:'?s)?(?! about)|how(?:'?s)?(?! about)|why|when|where|who|whom|whose|which)\b"
#: "is the externship paid", "do MAs need": a verb, then who or what it asks about ("Will Smith" is a name).
_VERB_FIRST = (
    r"(?:do|does|did|is|isn't|are|aren't|was|were|can|could|will|would|should|shall|may|might|must|have|has|am)"
    r" (?:i|you|it|we|they|he|she|there|this|that|these|those|my|your|our|the|a|an|mas?|cmas?|rmas?|"
    r"someone|anyone|anybody|employers?|programs?|all|any|one|medical|online|international|\d+)\b"
)
#: "wait first, does mycaa cover an associate degree": a verb that cannot start a name, then three words or more.
_VERB_FIRST_LONG = r"(?:do|does|did|is|isn't|are|aren't|can|could|would|should)(?: [\w']+){3}"
_ASKS = re.compile(rf"{_QUESTION_LEAD}(?:{_WH}|{_VERB_FIRST}|{_VERB_FIRST_LONG})")


def normalize(text: str) -> str:
    """Lower case, accents and punctuation gone, single spaces: "¡Olvídalo!" reads "olvidalo"."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    return " ".join(re.sub(r"[^\w']+|(?<!\w)'|'(?!\w)", " ", text).split())


#: Words that cancel whatever else a short reply says around them ("actually cancel, ill do this
#: later"), unless the reply asks something or says not to: "don't cancel", "can I cancel my exam?".
_CANCEL_WORD = re.compile(
    r"\b(?:cancel|never ?mind|nvm|nevermind|forget (?:about )?(?:it|that|this|the (?:plan|roadmap|questions?|form|"
    r"check|timeline))|cancelar|olvidalo|"
    # "actually stop this, just answer me normal"
    r"stop (?:this|that|it|the (?:plan|questions?|form|check|quiz)|asking(?: me)?(?: questions)?))\b"
)
#: A reply that starts by cancelling, after a word or two that change nothing ("eh forget the plan for now ...").
_OPENS_CANCELLING = re.compile(
    r"^(?:(?:eh|ok|okay|oh|um|uh|actually|sorry|wait|hmm|nah|no|so|ah|ugh|yeah|ya|lol)\s+){0,2}"
    r"(?:cancel|never ?mind|nvm|nevermind|forget (?:about )?(?:it|that|this|the (?:plan|roadmap|questions?|form|check|"
    r"timeline))|stop (?:this|that|it|the (?:plan|questions?|form|check|quiz)|asking(?: me)?(?: questions)?))\b"
)
_NOT_CANCEL = re.compile(
    r"\b(?:don't|dont|do not|not|no need to|why)\b(?: \w+){0,2} (?:cancel|forget)\b|"
    r"\bcancel (?:my|the|an|a|our) (?:exam|test|appointment|class|course|program|enrollment|registration|membership|date)"
)


def control(text: str) -> Control | None:
    """ "cancel" (end the form), "restart" (ask again from the first question), "skip" (move on),
    "where" (how far the questions are), "back" (the question before) or "repeat" (this question again),
    when that is all the reply says; None for anything else, answers included.
    A short reply that says "cancel" or "never mind" in so many words cancels whatever it adds."""
    said = normalize(text)
    if len(said.split()) > MAX_COMMAND_WORDS:
        return _cancelled_with_a_reason(text, said)
    exact = next((kind for kind, pattern in _CONTROLS.items() if pattern.fullmatch(said)), None)
    if exact:
        return exact
    if _CANCEL_WORD.search(said) and not _NOT_CANCEL.search(said) and not asks_something(text):
        return "cancel"
    return None


#: Where a reply's first clause ends ("ay sorry, never mind po, my husband will call the school himself").
_CLAUSE_END = re.compile(r"[.;!]|,(?=\s*(?:my|i|we|he|she|they|ill|i'll)\b)")


#: What follows "never mind" asks something after all: a request or a question word.
_ASKS_MORE = re.compile(
    r"\b(tell|show|give|explain) (me|us)\b|"
    r"(^|[.,;!?])\s*(just |so |but |and )?(what|whats|how|which|when|where|why|who|can|could|do|does|is|are)\b",
    re.I,
)


def asks_after_cancelling(text: str) -> bool:
    """True when what follows the words that cancel asks something: "never mind, what does the cma cost"
    stops the questions and asks about the fee."""
    said = normalize(text)
    cancelling = _CANCEL_WORD.search(said)
    return cancelling is not None and asks_something(said[cancelling.end() :])


def _cancelled_with_a_reason(text: str, said: str) -> Control | None:
    """ "ay sorry, never mind po, my husband will call the school himself tomorrow": a long reply whose first
    clause says "never mind" (or "cancel") and which asks nothing cancels; the rest is only why."""
    first, *rest = _CLAUSE_END.split(text.lower(), maxsplit=1)
    first = normalize(first)
    opening = _OPENS_CANCELLING.match(first)
    if opening and not _ASKS_MORE.search(first):  # "eh forget the plan for now dispatcher just called gotta roll":
        # unpunctuated, its first words cancel (not "never mind the nursing stuff just tell me...", nor a name)
        first = opening[0]
    if (
        len(first.split()) > MAX_COMMAND_WORDS
        or asks_something(text)
        or "?" in text
        or _ASKS_MORE.search(" ".join(rest))
    ):
        return None  # "ok never mind the nursing stuff. just tell me the first step for MA": a new question
    return "cancel" if _CANCEL_WORD.search(first) and not _NOT_CANCEL.search(said) else None


def yes_no(text: str) -> YesNo | None:
    """ "yes" for a reply that starts by agreeing and never takes it back ("yes, send it",
    "si", "claro"), "no" for one that starts by refusing ("nope", "no, thanks"), else None."""
    said = normalize(text)
    if asks_something(text) or _SWITCHES.search(said):  # "ok how long does it last?" is a question, not a yes
        return None
    if _NO_START.match(said):
        return "no"
    if _YES_START.match(said) and not _BUT.search(said):
        return "yes"
    return None


def only_yes_no(text: str) -> bool:
    """True when the reply is nothing but yes or no words ("ok", "yes please", "nope"):
    where a name or a detail is asked, such a reply is not one."""
    said = normalize(text)
    return len(said.split()) <= MAX_COMMAND_WORDS and bool(_YES_NO_ONLY.fullmatch(said))


#: The words of small talk. NLU may hear a greeting in a bare name ("Sam Flood"); without one of
#: these words a message at a form's question is its answer, not small talk.
_COURTESY = re.compile(
    r"\b(?:hi+|hello|hey+|hiya|yo|howdy|good (?:morning|afternoon|evening|day|night)|greetings|thanks?|thx|"
    r"thank you|ty|bye|goodbye|see (?:you|ya)|later|cheers|hola|buen[oa]s|gracias|adi[oó]s)\b",
    re.IGNORECASE,
)


def courtesy(text: str) -> bool:
    """True when the message has a word of greeting, thanks or goodbye in it."""
    return bool(_COURTESY.search(text or ""))


#: A reply this long that ends with a question mark asks, whatever its first words ("my degree from 2001 is
#: too old for the rma?"); a short one is an unsure answer ("CMA?", "Texas maybe?").
MIN_ASKING_WORDS = 5


def asks_something(text: str) -> bool:
    """True when the reply starts like a question ("wait, is the externship paid",
    "do MAs need a license in Texas") or is a long one with a question mark: it wants an answer
    before it gives one."""
    said = (text or "").strip()
    return bool(_ASKS.match(normalize(said))) or (said.endswith("?") and len(said.split()) >= MIN_ASKING_WORDS)
