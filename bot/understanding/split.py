"""Cut a message that asks several things into one question each.

"How many questions does the CMA exam have and how much does it cost?" is two
questions; NLU reads a message as one, so it would answer one of them (or neither,
torn between the two). The channels hand each question to the bot in turn, so each
gets its own answer with its source, in the order asked, and the later ones inherit
what the earlier named ("it" is the CMA exam) through the conversation's context.

Only clear cases are cut: between sentences that are each a question, at "and"
(or "also", "plus", "+") when a question word or a condition that asks follows ("and if i
fail when can i retake"), at a comma between two "wh" questions ("how long is it, roughly
what does it cost"), and before a fee or a second credential named alone after a question
("CE for cma? and exam cost", "how much is the nha test and the cma one"). Statements
before a question stay with it ("I've worked 4 years as an MA. Can I take the RMA?"), and a form's answer
("Ana Souza and ana@example.com") has no question word, so it is never cut.
"""

from __future__ import annotations

import re

from bot.understanding.cues import CHECK_ONLY, QUESTION_SHAPE, REQUEST, looks_like_question

#: Metadata a channel puts on every question after a message's first: it follows on from the first,
#: so the topic in hand weighs more (`bot.understanding.context.continued`).
LATER_QUESTION = "later_question"
#: A key the answer action puts on a reply that places no question ("That's outside what I can help with"):
#: in a message of several questions, such a part is left out when another part was answered, since the
#: message as a whole was in scope ("...my mom was a nurse's aide... how long would I be in school?").
UNPLACED = "unplaced"
#: A key the answer action puts on a reply that did not understand its question ("Sorry, I'm not sure I
#: understood that", or a question back): in a message of several questions, such a part comes after the parts
#: that were answered and quotes what it did not understand, so the reply opens with an answer, and nothing is
#: dropped ("38k?? less than i made. what about nationally, is it even growing").
UNSURE = "unsure"
#: A key the answer action puts on a reply that answers a question: the topic it answered. Stored with the
#: reply (never shown), so a conversation test can tell a wrong-topic answer from a question back.
ANSWERED_TOPIC = "answered_topic"
#: At most this many questions from one message; the rest stays with the last one.
MAX_PARTS = 3
QUESTION_WORDS = (
    r"how|hows|how's|what|whats|what's|when|where|wheres|where's|who|whom|which|why|is|are|am|can|could|do|does|"
    # "Did 20 yrs in the Army as a 68W": a number after "did" tells what they did, it asks nothing
    r"did(?!\s+\d)|will|would|"
    # Tagalog's "how much" and "how" in Taglish: "ok magkano usually a real program and is there free training?"
    r"magkano|paano|"
    r"should|must|may|has|have|cuanto|cuánto|cuanta|cuánta|que|qué|como|cómo|donde|dónde|puedo|necesito|"
    # texting's "r" for "are": "pay in ohio and r there jobs"
    r"r(?=\s+(?:there|they|u|you|we|mas|cmas)\b)"
)
#: "and roughly what does it cost": a hedge between the "and" and the question it joins.
_HEDGE = r"(?:(?:roughly|about|approximately|realistically|then|so|also|just|honestly|really|seriously|tbh)\s+)?"
#: "how long is a certificate program, roughly what does it cost, and ...": after a comma, only a "wh"
#: word starts a question of its own ("If I finish in May, is that ok" keeps its condition).
_WH = r"how|hows|how's|hw|what|whats|what's|when|where|wheres|where's|who|which|why"
#: "and if i fail when can i try again", ", and once I pass how often do I renew": a condition that leads into a
#: question of its own (a question word follows in the same clause).
_IF_THEN_ASKS = rf"(?:if|once|after)\s+(?:(?:i|u|you|she|he|we|they|one|someone|somebody|a school|the school)\b[^,.?!]*?|[^,.?!]{{1,30}},\s*)\b(?:{_WH}|can|could|do|does|will|is it|are they)\b"
#: ", and medical assistant there can make injection?": a learner's question in a statement's word order
#: (who, then "can" and a verb, then the question mark), joined by a comma and "and".
_ASKED_IN_STATEMENT_ORDER = (
    r",\s*(?:and|also)\s+(?=(?:[a-z]+\s+){1,4}(?:can|could|should|must|may)\s+[a-z]+\b[^,.?!]*\?\s*$)"
)
#: A place after a topic named alone ("and the typical wage here in Pennsylvania").
_PLACE_AFTER = r"(?:\s+(?:here|there))?(?:\s+in\s+[a-z][\w .]{1,25})?"
#: ", and the cma test fee?", ", and the cma exam on top of that", ", and the typical wage here in Pennsylvania": a
#: price, an exam or pay named alone at the end, after a comma, asks of it too.
_NAMED_AT_THE_END = (
    r",\s*(?:and|plus)\s+(?=(?:the\s+)?(?:[\w-]+\s+){0,2}(?:fees?|costs?|price|exam|test|pay|salary|wages?"
    # "typical cost of certificate program, and any grant for this?"
    r"|grants?|scholarships?|aid)(?:\s+fee)?"
    rf"(?:\s+(?:on top(?:\s+of\s+(?:that|it|this))?|too|as well|for (?:that|it|this)))?{_PLACE_AFTER}\W*$)"
)
#: What follows an "and" and a verb that could start a question, when it goes on telling ("he's 20 and has his
#: GED", "and is thinking about medical assisting"): no question there.
_TELLS_ON = r"(?!(?:has|have|had)\s+(?:his|her|my|their|our|a|an|the|some|no|\d+)\b|(?:is|are|am|was|were)\s+\w+ing\b)"
#: "people who can draw AND do MA stuff": an "and" typed in capitals stresses both; no question starts there
#: unless a "wh" word follows.
_STRESSED_AND = rf"(?!(?-i:AND)\b(?!\s+(?:{_WH})\b))"


#: A place, then the question asked of it: "so the miami pay, and in florida can they give injections".
_PLACE_THEN_ASKS = (
    r"(?:in|for)\s+(?:the\s+)?[a-z][\w.]*(?:\s+[a-z][\w.]*)?\s+"
    r"(?:can|could|do|does|is|are|will|would|should|how|what|whats)\b"
)


def _joined(stress_counts: bool) -> re.Pattern[str]:
    """Where a message's questions join; `stress_counts`: an "and" typed in capitals stresses, it does not join."""
    stressed = _STRESSED_AND if stress_counts else ""
    return re.compile(
        rf"\s*(?:,\s*)?(?:\b{stressed}(?:and|also|plus|y|n)\b|&|\+)\s+{_HEDGE}"
        rf"(?={_TELLS_ON}(?:{QUESTION_WORDS})\b|{_IF_THEN_ASKS}|{_PLACE_THEN_ASKS})"
        rf"|{_ASKED_IN_STATEMENT_ORDER}|{_NAMED_AT_THE_END}",
        re.IGNORECASE,
    )


_JOINED = _joined(stress_counts=True)
#: A message typed all in capitals ("HOW MUCH DOES IT RUN AND CAN I GET THAT RETRAINING MONEY") stresses nothing.
_JOINED_IN_CAPITALS = _joined(stress_counts=False)
#: A condition's "and" joins more of the condition ("what if i move to the back and do clinical MA work for a
#: year"): it is cut only where a "wh" question follows, or a verb with who or what it asks about ("and is the
#: fee the same").
_CONDITION = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|but)\W+)*(?:(?:what|wut|wat) if|what happens if|if)\b", re.I)
_ASKED_OF = r"(?:i|you|u|we|it|they|he|she|there|that|this|the|my|your|its|their)"
_JOINED_IN_CONDITION = re.compile(
    rf"\s*(?:,\s*)?(?:\b(?:and|also|plus|y|n)\b|&|\+)\s+{_HEDGE}"
    rf"(?=(?:{_WH})\b|(?:{QUESTION_WORDS})\s+{_ASKED_OF}\b|{_IF_THEN_ASKS})"
    # "ok if i went ccma how long does it last, and does illinois even require it": after a comma, a question
    rf"|\s*,\s*(?:and|also|plus)\s+{_HEDGE}(?=(?:{QUESTION_WORDS})\b)",
    re.IGNORECASE,
)
_COMMA = re.compile(rf"\s*,\s*{_HEDGE}(?=(?:{_WH})\b)", re.IGNORECASE)
#: The words since the piece's last sentence break start a "wh" question of its own, of four words or more
#: ("how long is a typical certificate program"; not "ok what now", nor "i dont know which is best").
_ASKS_WH = re.compile(
    rf"(?:^|[.!?:]\s*)\W*(?:(?:ok(?:ay)?|so|and|but|also|um|hmm)\W+)*(?:{_WH})\b(?:\W+\w+){{3,}}[^.!?:]*$", re.I
)
#: "When I finish, what do I do", "what about LPN instead, how long is that school", "what if i want to be
#: RN here instead, whats the process": the part before the comma sets up the question after it.
_SETS_UP = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|but|well|aw|oh|hmm)\W+)*(?:if|when|once|after|before|since|as|because|unless|"
    r"until|while|with|what if|(?:how|what) ?(?:about|bout|abt))\b",
    re.IGNORECASE,
)


def _cut_at_commas(piece: str) -> list[str]:
    """The questions joined by commas in `piece`: only a "wh" question before a "wh" question ("how long is
    it, roughly what does it cost"); "Please tell me, how many ...", "Should something come up, how much
    notice ..." and a part that sets up the next stay whole."""
    out: list[str] = []
    for part in _COMMA.split(piece):
        if out and (not _ASKS_WH.search(out[-1]) or _SETS_UP.match(out[-1])):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


#: Sentences end at "?", or at "." and "!" before a capital, but not at an ellipsis: in "difference in
#: pay... MA versus CNA... is it worth it" the dots are a pause inside one question.
_SENTENCE = re.compile(
    r"(?<=[?])\s+|(?<=[.!])(?<!\.\.)\s+(?=[A-Z¿])"
    # "what i should study most for the exam, my english medical words is weak. and there is exam in vietnamese?"
    r"|(?<=[.!])(?<!\.\.)\s+(?=(?:and|also|plus)\s[^.!?]*\?\W*$)"
)
#: "1) do I need the NCLEX 2) how much is the exam": a numbered list of questions, cut at its numbers
#: (only where a 1 and a 2 both number something: "I worked 2. Is it ok?" is no list).
_LIST = re.compile(r"(?:^|\s)1[).]\s.*\s2[).]\s", re.DOTALL)
_ITEM = re.compile(r"\s+(?=\d[).]\s)")
_NUMBER = re.compile(r"^\d[).]\s+")
_STARTS_LIKE_QUESTION = re.compile(rf"^\W*(?:{QUESTION_WORDS})\b", re.IGNORECASE)
MIN_WORDS = 2


#: "ok last q", "one more thing", "quick question": a lead-in that says a question follows.
_ASKING_LEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|also|sorry)\W+)*(?:(?:one\s+)?(?:last|more|quick|another|final|other)\s+"
    r"(?:q|qs|question|questions|thing)|one\s+more\s+thing|btw)\b[\s:,-]*",
    re.IGNORECASE,
)


#: "hw long is it good for": "how" typed short.
_HOW_TYPED = re.compile(r"\bhw\b", re.IGNORECASE)


def _is_question(sentence: str) -> bool:
    """A question mark, a question's first words, or a question after a few words of lead-in
    ("ugh ok. how long would it be", "alright how long is a program", "pls how much does it cost",
    "ok last q is MA school expensive")."""
    sentence = _HOW_TYPED.sub("how", _ASKING_LEAD.sub("", sentence, count=1))
    return (
        sentence.rstrip().endswith("?") or bool(_STARTS_LIKE_QUESTION.match(sentence)) or looks_like_question(sentence)
    )


def _asks(sentence: str) -> bool:
    """A sentence that is a question of its own. One closed by a full stop asks only from its start
    ("Please tell me the fee."): in "I finished my MBBS in Lagos in 2016, did housemanship and then
    worked five years." the "did" after the comma tells, it does not ask."""
    closed = sentence.rstrip()
    if closed.endswith(".") and not closed.endswith(".."):
        return bool(_STARTS_LIKE_QUESTION.match(closed) or QUESTION_SHAPE.search(closed) or REQUEST.search(closed))
    return _is_question(sentence)


#: "Office manager? Coding?" after "What else can I do long term?": a few words and a question mark,
#: no question word and no "and": examples of the question before them, not questions of their own.
MAX_EXAMPLE_WORDS = 3
_NO_EXAMPLE = re.compile(rf"^\W*(?:and|also|plus|or|but|n|{QUESTION_WORDS})\b", re.IGNORECASE)


#: "fr? how many hours of school do u need for that": surprise, said before the question, no question itself.
_INTERJECTION = re.compile(
    r"^\W*(fr( fr)?|for real|really|rly|seriously|srsly|wait( what)?|huh|wdym|omg|wow|no way|deadass|like)\W*$",
    re.IGNORECASE,
)


#: "ok and the ccma fee and how long is it good for", "passing? n retakes?": a topic's name alone, joined to
#: another question, asks about it.
_TOPIC_NAMED = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|also|then|but|n)\W+)*(?:\w+\W+){0,3}"
    r"(?:fees?|costs?|prices?|pay|salary|wages?|passing(?: score)?|pass rates?|retakes?|renewal|exam|test|grants?|"
    r"scholarships?|aid)"
    r"(?:\s+fee)?(?:\s+(?:on top(?:\s+of\s+(?:that|it|this))?|too|as well|for (?:that|it|this)))?"
    + _PLACE_AFTER
    + r"\W*$",
    re.IGNORECASE,
)


#: "how much is the nha test and the cma one": the same question asked again of a second credential, named
#: alone at the end. Not where the two are set side by side ("the difference between the cma and the rma").
_AND_THE_OTHER = re.compile(
    r"^(?P<first>.*\b(?:c?cma|rma|ncma|nha|amt|aama|ncct|test|exam)\b.*?)\s+(?:and|n|&|\+)\s+"
    r"(?P<other>(?:the\s+|for\s+(?:the\s+)?)?(?:c?cma|rma|ncma|nha|amt|aama|ncct)(?:\s+(?:one|test|exam|too|also))?\W*)$",
    re.IGNORECASE,
)
_SIDE_BY_SIDE = re.compile(
    r"\b(between|differen\w*|diff|vs\.?|versus|compare\w*|both|either|or|better|worse|than|take|sit|get|do|have|hold)\b",
    re.IGNORECASE,
)


def _and_the_other(part: str) -> list[str]:
    """The part, cut before a second credential named alone at its end when it asks the same of both."""
    found = _AND_THE_OTHER.match(part)
    if not found or _SIDE_BY_SIDE.search(found.group("first")) or not _is_question(found.group("first")):
        return [part]
    return [found.group("first").rstrip(" ,;"), f"and {found.group('other')}"]


#: "how much for school and the test together": the price of a program and of the exam asked at once, two
#: answers with two sources.
_PRICE_OF_BOTH = re.compile(
    r"^(?P<first>\W*(?:how\s+much|what(?:'?s|\s+is|\s+does)?\s+(?:the\s+)?(?:cost|price)|costs?|price)\b[^?.!]*?"
    r"\b(?:school|program|course|classes|training|tuition))\s+(?:and|plus|n|&|\+)\s+(?:the\s+)?"
    r"(?P<exam>test|exam|cert(?:ification)?)(?:\s+(?:fee|itself|together|both|total|combined|too|also))*\W*$",
    re.IGNORECASE,
)

#: "how much is the difference between school and the test": one question about the two side by side.
_SET_AGAINST = re.compile(r"\b(?:differen\w*|diff|between|vs\.?|versus|compar\w*|than)\b", re.IGNORECASE)


def _price_of_both(part: str) -> list[str]:
    """The part, cut into the program's price and the exam's when it asks both at once."""
    found = _PRICE_OF_BOTH.match(part)
    if not found or _SET_AGAINST.search(found.group("first")):
        return [part]
    return [found.group("first").strip(), f"how much is the {found.group('exam').lower()}?"]


#: A part that starts by joining itself to what came before ("and exam cost", "plus the fee").
_JOINED_ON = re.compile(r"^\W*(?:and|also|plus|n|&|\+)\b", re.IGNORECASE)


_OTHER_ALONE = re.compile(
    r"^\W*(?:and|n|&|\+)\s+(?:the\s+|for\s+(?:the\s+)?)?(?:c?cma|rma|ncma|nha|amt|aama|ncct)"
    r"(?:\s+(?:one|test|exam|too|also))?\W*$",
    re.IGNORECASE,
)


def _asks_or_names(part: str) -> bool:
    """A question, or a topic or a second credential named alone as one of several questions."""
    last = re.split(r"(?<=[.!?])\s+", part.strip())[-1]  # "ok ok in english. so the miami pay"
    return _is_question(part) or bool(_TOPIC_NAMED.match(last) or _OTHER_ALONE.match(part))


def _an_example(sentence: str) -> bool:
    return sentence.endswith("?") and len(sentence.split()) <= MAX_EXAMPLE_WORDS and not _NO_EXAMPLE.match(sentence)


#: "how long. externship paid?": a short "wh" question closed by a full stop, then more in lower case.
_SHORT_WH_CLOSED = re.compile(rf"(?:^|(?<=[.!?]\s))\W*(?:{_WH})\b(?:\s+\w+){{0,3}}\.(?!\.)\s+(?=[a-z])", re.IGNORECASE)


def _short_questions_apart(piece: str) -> list[str]:
    """The piece cut after each short "wh" question closed by a full stop ("how long." in "how long.
    externship paid?"); a full stop before lower case is otherwise no sentence break (texting)."""
    out: list[str] = []
    start = 0
    for found in _SHORT_WH_CLOSED.finditer(piece):
        out.append(piece[start : found.end()].strip())
        start = found.end()
    return [*out, piece[start:]] if out else [piece]


#: "medical assistant is only clinic work like take blood? or also office work?": the other half of the question
#: before it, offered as an alternative ("can I use my GI Bill? or SkillBridge?" names a thing of its own).
_ALTERNATIVE = re.compile(r"^\W*or (also|just|only|more|mostly|not|no|rather|instead|is it|it'?s)\b", re.IGNORECASE)
#: Longer, it is a question of its own ("Or maybe more time because English is second language?").
MAX_ALTERNATIVE_WORDS = 5


#: The answer guessed, trailing off ("what does it need exactly? step 1, step 2 ck and?"): the question before it.
_GUESSES_TRAILING = re.compile(r"^[^?]*,[^?]*\b(and|or|etc|and what else|what else)\W*\?+$", re.IGNORECASE)
MAX_GUESSES_WORDS = 8


def _an_alternative(sentence: str) -> bool:
    if _GUESSES_TRAILING.match(sentence) and len(sentence.split()) <= MAX_GUESSES_WORDS:
        return True
    return bool(_ALTERNATIVE.match(sentence)) and len(sentence.split()) <= MAX_ALTERNATIVE_WORDS


def _sentences(text: str) -> list[str]:
    """Sentences, each statement joined to the question that follows it, and examples ("Office
    manager? Coding?") to the question they follow."""
    out: list[str] = []
    pending = ""
    pieces = [p for piece in _SENTENCE.split(text) for p in _short_questions_apart(piece)]
    if _LIST.search(text):
        pieces = [_NUMBER.sub("", item) for piece in pieces for item in _ITEM.split(piece)]
    for sentence in (s.strip() for s in pieces):
        if not sentence:
            continue
        if out and not pending and out[-1].endswith("?") and (_an_example(sentence) or _an_alternative(sentence)):
            out[-1] = f"{out[-1]} {sentence}"
            continue
        pending = f"{pending} {sentence}".strip()
        if _asks(sentence) and not _INTERJECTION.match(sentence):
            out.append(pending)
            pending = ""
    if pending:
        if out and _TOPIC_NAMED.match(pending) and _JOINED_ON.match(pending):
            out.append(pending)  # "CE for cma? and exam cost": the fee named after a question is asked too
        elif out:
            out[-1] = f"{out[-1]} {pending}"
        else:
            out.append(pending)
    return out


#: Thanks before a question ("Thank you. Is the weather always this rainy?"): said back, then
#: the question answered, not the question lost in the thanks. (A greeting before a question
#: stays with it: NLU reads such a message as its question.)
_COURTESY = re.compile(
    r"^\W*((?:ok(?:ay)?|great|perfect|cool)\W+)?(?:thanks?(?: you)?(?: (?:so|very) much)?|thank u|thx|ty|"
    r"(?:muchas )?gracias)(?: (?:po|again))?(?:[.!,]+\s+(?:and\s+|also\s+)?|\s+(?:and|also)\s+)",
    re.IGNORECASE,
)


#: Words that only lead into what follows ("ok and how long is it good for and whats passing", "lol. and how much
#: is school gonna cost me and how long am i stuck there").
_LEAD_IN = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|but|well|also|alright|hmm|um|yeah|yes|k|lol|lmao|ha(?:ha)+|ugh|omg|wow|bet|oh|ah|"
    r"damn|dang|hey|hi|ngl|tbh)\W*)*$",
    re.IGNORECASE,
)


def _lead_ins_joined(pieces: list[str]) -> list[str]:
    """A message's first cut before its first question when only a lead-in ("ok", "And") stands there:
    the lead-in goes with the question after it, so "ok and X and Y" is still two questions."""
    while len(pieces) > 1 and _LEAD_IN.match(pieces[0]):
        pieces = [f"{pieces[0]} {pieces[1]}".strip(), *pieces[2:]]
    return pieces


def _statements_joined_on(parts: list[str]) -> list[str]:
    """Each statement before the last part joined to the question after it: "Then what about the RMA one?
    I read on some forum that they accept a foreign degree. And how many questions are there in that
    exam?" is two questions, the second told why."""
    out: list[str] = []
    told = ""
    for n, part in enumerate(parts):
        if n < len(parts) - 1 and not _asks_or_names(part):
            told = f"{told} {part}".strip()
            continue
        out.append(f"{told} {part}".strip())
        told = ""
    return out


def _checks_joined_back(parts: list[str]) -> list[str]:
    """A part that only checks what came before ("...some spouse scholarship thing?? I want to do medical
    assisting. Is that real") goes with that part: it asks whether the claim holds, no question of its own."""
    out: list[str] = []
    for part in parts:
        last = _SENTENCE.split(part.strip())[-1]
        if out and CHECK_ONLY.match(last):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


#: Several questions announced ("My questions: how long it takes..., and my medical school courses, they will
#: transfer?", "I have two questions"): a comma and "and" then start the next one, whatever its first words.
_QUESTIONS_ANNOUNCED = re.compile(
    r"\bmy (two |three |\d )?questions?( is| are)?\s*:|\b(i )?(have|got) (two|three|2|3|a few|some|several) questions\b",
    re.IGNORECASE,
)
_COMMA_AND = re.compile(r",\s+and\s+(?=\w+\s+\w+\s+\w+)", re.IGNORECASE)
#: ", and also" before a question a few words on starts the next question, whatever its first words: "I want to
#: know if I must first pass the USMLE ..., and also from now till I start working how long will the whole thing take?"
_AND_ALSO = re.compile(
    r",\s+and\s+also\s+(?=(?:[\w']+\s+){0,8}(?:how|what|whats|when|where|which|who|why|can|could|will|would)\b)",
    re.IGNORECASE,
)


def split_questions(text: str) -> list[str]:
    """The questions in `text`, in order; a message with one question comes back whole."""
    if not text or text.startswith("/"):
        return [text]
    courtesy = _COURTESY.match(text)
    if courtesy and _is_question(text[courtesy.end() :]):
        return [
            re.sub(r"[\s,]+(?:and|also)\s*$|[\s,]+$", "", courtesy.group(0)),
            *split_questions(text[courtesy.end() :]),
        ]
    parts: list[str] = []
    sentences = _sentences(text)
    if _QUESTIONS_ANNOUNCED.search(text):  # "My questions: how long..., and my courses, they will transfer?"
        sentences = [s for sentence in sentences for s in _COMMA_AND.split(sentence)]
    sentences = [s for sentence in sentences for s in _AND_ALSO.split(sentence)]
    for sentence in sentences:
        joiner = (
            _JOINED_IN_CONDITION
            if _CONDITION.match(sentence)
            else _JOINED_IN_CAPITALS
            if sentence.isupper()
            else _JOINED
        )
        pieces = _lead_ins_joined([p.strip(" ,;") for joined in joiner.split(sentence) for p in _cut_at_commas(joined)])
        if len(pieces) > 1 and all(len(p.split()) >= MIN_WORDS for p in pieces):
            parts += pieces
        else:
            parts.append(sentence)
    parts = [q for p in parts if p for each in _and_the_other(p) for q in _price_of_both(each)]
    if len(parts) > MAX_PARTS:
        parts = parts[: MAX_PARTS - 1] + [" ".join(parts[MAX_PARTS - 1 :])]
    parts = _statements_joined_on(parts)  # "I'm a CNA and can I..." stays together
    parts = _checks_joined_back(parts)
    if len(parts) < 2 or not all(_asks_or_names(p) for p in parts):
        return [text]
    return parts
