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

The cue words themselves are data, in `data/understanding/cues.yml` (read and checked by
`bot.understanding.cue_data`, which also says why each table is there); what stays here is the
code that reads a message with them, and the patterns that are grammar rather than vocabulary
(asking a price, a question's shape, a visa status asking leave to work).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.understanding import cue_data

#: The cue words of data/understanding/cues.yml; a broken file stops the import with every mistake listed.
_TABLES = cue_data.shipped_cues()

#: Each cue and the intent it points to, most specific first ("how long is it valid" is
#: renewal, not duration; "pass rate" is not the passing score): `cues` in the data file.
CUES: tuple[tuple[re.Pattern[str], str], ...] = _TABLES.cues
#: Asking a price without naming what: "how much is it?", "and the fee?", "cost?".
PRICE = re.compile(
    r"\bhows? much\b(?! of\b| time\b| work\b| experience\b)|\bcosts?\b|\bfees?\b|\bprice\b|\bexpensive\b|\bcheap|\bcuesta\b|\bcosto\b|\bprecio\b|"
    r"\bwhat (would|will|does|do) (that|it|this|they) run (me|you|u|us|ya)\b|"  # "what would that run me ballpark"
    r"\bballpark\b|\$\$+",  # "and the school part, ballpark?", "$$ for rma"
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
    # "how much tho" right after what MAs can grow into: what that work pays
    "ask_career_advancement": "ask_salary",
}
#: The training itself named: its price is the program's.
#: A school's words, or a kind of program named ("and if i want the 2 yr degree instead how much").
SCHOOL = re.compile(
    r"\b(schools?|tuition|programs?|courses?|classes|colleges?|escuela|programa)\b|"
    # "whats the cost range for the certificate" after aid: a certificate program's price
    r"\b(for|of) (the|a) certificate\W*$|"
    r"\b(associate'?s?|(2|two)[- ]?(yr|year)|certificate|diploma) (degree|one|program)\b|\bdegree instead\b",
    re.IGNORECASE,
)
ASKS_A_PRICE = re.compile(
    r"\bhow much\b|\bwhat (does|do|would|will|did) (\w+ ){0,4}cost\b|\bprice\b|\bcost (of|range)\b|\bcheaper\b|"
    r"\bcu[aá]nto cuesta\b|\bballpark\b",
    re.I,
)
#: A price with no conversation to read it in is most often the program's.
PRICE_DEFAULT = "ask_program_cost"
#: How a question is worded when it has no question mark.
QUESTION_SHAPE = re.compile(
    r"\?\s*$|^\W*((and|also|so|ok|okay|but|hmm|well|lowkey|highkey|ngl|tbh|honestly|hey|yo|hi|hello|btw|um|k|alright|"
    r"quick q(uestion)?|question)\W+)*"
    # "Was at a troop medical clinic 2018-2021 doing sick call": the "I" left out of a story, no question
    r"(how|what|whats|what's|when|where|who|which|why|magkano|paano|is|are|am|"
    r"(was|were)(?! (at|in|on|with|stationed|deployed|working|"
    r"employed|there for)\b)|isn'?t|wasn'?t|doesn'?t|can|could|do|does|"
    r"did(?! \d)|will|would|should|any|wich|wat|wats|wht|hw|hm(?= (is|are|r|does|do|for|would|will)\b))\b|"
    # "if i start in march when am i done": a condition, then its question ("If it wasnt, I have worked
    # there since 2019." is a condition and a statement)
    r"^\W*((and|also|so|ok|okay|but|hmm|well|ngl|tbh|honestly|btw|um|k|alright)\W+)*if\b[^.!?]*\b(how|what|whats|what's|"
    r"when|where|who|which|why|is|are|am|can|could|do|does|did|will|would|should|any|wich|wat|hw)\b|"
    r"^\W*((and|also|so|ok|okay|but|hmm|well|um)\W+)*if\b[^,;.!?]*$|"  # "and if i skip the CE": the case, asked
    # "rma or cma for someone with 4 yrs on the job": a choice put to the bot
    r"^\W*((and|also|so|ok|okay|but|hmm|well|um)\W+)*(the )?(c?cma|rma|ncma)\s+(or|vs\.?|versus)\s+(the )?(c?cma|rma|ncma)\b|"
    # "my coworker been doing it 1 yr, same question for rma": a question asked again
    r"\bsame (q|qs|qn|ques|question|questions)\b",
    re.IGNORECASE,
)


#: A question inside a longer message: "cna here in ohio. if i become an MA can i start IVs".
INNER_QUESTION = re.compile(
    # ("hi i did my MBBS in india" tells: a subject before the verb makes it a statement)
    r"(?<!\bi )(?<!\bwe )(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!\byou )"
    r"\b(can|could|do|does|did|will|would|should|may|must|can'?t|couldn'?t|don'?t|doesn'?t|won'?t|shouldn'?t)\s+"
    r"(i|we|she|he|they|you|my|mas?|medical assistants?|"
    r"an? (ma|cma|medical assistant)|cmas|rmas)\b|"
    # "ok with my 9 yrs would the CMA take me at least": whether a certifier takes them
    r"\b(would|will|could|can|does|do) (the )?(c?cma|rma|ncma|aama|amt|nha|ncct) (even |still |at least )?(take|accept|let|count)\b|"
    # "since we're moving to washington will a cert i get here in tennessee even work there"
    r"\b(will|would|could|can|does|do) (an?|my|the|this|that|her|his|our) (cert\w*|credential|license|licen[cs]e|diploma|"
    r"degree|training|ged)\b[^.?!,]{0,40}\b(work|count|transfer|carry over|be accepted|be valid|be good)\b|"
    # "for the RMA what document they want for my indian degree"
    r"\bwhat (\w+ )?(documents?|papers?|proof|paperwork|forms?) (do |does |did |will |would )?(they|you|i|we|he|she|u|amt|aama|"
    r"nha|ncct) (want|need|require|ask)\b|"
    # "here in california can a doctor train me himself to be MA or i must go to school"
    r"\b(can|could|may|will|would|must) (a|the|my|an) (doctor|physician|clinic|employer|boss|office|nurse|provider|"
    r"hospital)\b|"
    # "here in california MA can give shots or only nurse": what an MA may do, asked without a question mark
    r"\b(mas?|medical assistants?) (can|could|may|are allowed to|is allowed to|allowed to) (give|do|draw|inject|start|"
    r"administer|take|put|remove|read|work)\b|"
    r"\b(do|does|did)\s+(?!not\b|you\b|u\b)(\w+\s+){1,3}(want|need|require|count|cover|accept|take|work|ask|change|matter|"
    r"apply|help|affect|mean|care|mind|allow|let|check|requi?re|requre)\b|\bis (it|that|this) (enough|enuff|enuf|ok|okay|good enough)\b|"
    r"\b(is|are) there (any |some )?(stuff|things?|anything|tasks?|rules?|limits?)\b|"
    # "my back is shot from lifting is MA easier on the body than CNA": a comparison asked
    r"\b(is|are) (ma|mas|it|that|this|medical assisting|being an? \w+|an? \w+) (\w+ )?(easier|harder|better|worse|safer|"
    r"quicker|faster|cheaper|less physical|more physical) (than|on|for)\b|"
    r"\b(want|wanted|need|needed|like|trying|hoping|wish|wishing) to (know|find out|ask|understand|check|enquire|inquire)\b|"
    r"\bwonder(ing)?\b|"
    r"\b(not sure|no idea|unsure) (if|whether|how|what|which)\b|\bwhether\b|"
    r"\b(worried|worry|afraid|scared|concerned|nervous) (that|about|if|the|they|clinics|employers)\b|"
    r"\b(whats|hows|wheres|whos|whens|what's|how's|where's|who's|when's)\b|"
    r"\b(earliest|soonest) (i|we|she|he|you|u) (can|could)\b|"
    # ("my wife, who is a US citizen" is no question: a relative clause after a comma)
    r"\b(how|what|which|where|(?<!, )who)\s+(do|does|did|is|are|can|could|would|will|should|much|many|long|kind)\b|"
    r"\bwhich (ones?|exams?|tests?|certs?|certifications?|credentials?)\b|"
    r"\b(what|which) (?!(i|im|you|u|we|they|he|she|it|my)\b)(\w+ ){1,2}(makes|is|are|should|would|will|can|pays?)\b|"
    r"\b(fastest|quickest|cheapest|easiest|best|shortest) (way|route|path|option)\b|"
    r"\bam i (too|still|allowed|eligible|able|qualified|ok|okay|good|late|required)\b|"
    r"\bis there (any|a|some) ?(way|chance|option|program|route)\b|\bany ?(way|chance) (to|i|for)\b|"
    r"\b(but|and|also|btw|unrelated|quick q) (is|are|does|do|can|could|will|would|should) (it|there|the|this|that|step|my|a|an)\b|"
    r"\banything (extra|else) (before|i|to|for)\b|"
    r"\b(my|this|that|the|it|these|those|their) (\w+ ){0,2}(count|counts|transfer|transfers) (for|as|to|toward|towards)\b|"
    r"\b(kindly|please|pls) (advise|tell me|let me know|explain|clarify|confirm)\b|"
    r"\b(advise|tell me|let me know) (if|whether|how|what|which|when)\b",
    re.IGNORECASE,
)
#: A question tagged on after what it asks about ("my manager says i need a cert in washington is that
#: true", "MA job for US clinical experience. good idea or waste of time"): the message asks, but its
#: question is everything before the tag, so the tag never marks where the question starts.
TAG_QUESTION = re.compile(
    # "...I never did any of the continuing ed classes after that is it still good": whether it still holds
    r"\b(is|was) (it|that|this|mine|my \w+) still (good|valid|active|current|ok|okay)\W*$|"
    r"\b(is|was) (that|this|it) (even |really |actually )?(true|real|right|legit|a real \w+|a thing|allowed|possible|a fantasy)\b|"
    r"\b(good|bad|smart|dumb) idea\b|\bworth it\b|\bwaste of (time|money)\b|\bor (nah|not|no)\W*$|"
    r"\bor (hide|leave|skip|drop|remove) (it|them|that)\W*$|"
    r"\bor (is|am) (that|this|it|i)\b|\b(right|correct)\s*\?*\s*$|"
    r"\b(out of luck|screwed|doomed)\W*$|"  # "so im out of luck": asks what is left to them
    # "my 68W school finish 2020 tho. still ok for RMA": whether it still qualifies them
    r"^\W*((so|and|but|is it|im|i'?m|am i)\W+)*(still|even) (ok|okay|good|fine|enough|eligible|valid) (for|to (take|sit|do))\b[^.?!]{0,20}$|"
    r"\babi\W*$|"  # "so I dont need translation abi": Nigerian English's tag question
    # "i can go straight for the cma exam abi i must still do school": its "or" between two guesses
    r"\babi\s+(i|we|u|you|he|she|they|it|na|e)\b|"
    # "so also no farsi version i guess": a guess that the answer is no, for it to confirm
    r"^\W*((so|and|then|ok|okay|also)\W+)*(no|not|none|nothing)\s+(?!(really|sure|much|yet|quite|exactly|bad|now)\b)\w+[^.?!]{0,40}\si (guess|suppose|assume|take it)\W*$|"
    r"\bor not (needed|required|necessary|useful|worth it)\b|"  # "...step 1 pass will help for this or not needed at all"
    # "i have only high school from vietnam is ok": whether what they have from a place will do ("my english is
    # fine" tells)
    r"\b(from|in) [a-z]+( [a-z]+)? is (ok|okay|fine|enough|accepted|acceptable)\W*$",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r"(?<=[.!?;,:])\s+")


#: A state's own credential makes any question about it a question about that state's rules:
#: "what's the difference between MA-R and MA-C", "how many tries on the CACMA".
STATE_CREDENTIAL = re.compile(
    r"\bma-?[cr]\b|\bcacma\b|\bccbma\b|\bcalifornia (one(?! (year|yr|month|week|day|hour))|exam|test|certified|certification|ccma)\b|\bstate('?s)? (own )?c?cma\b|"
    # "does my ccma get me the c one" after Washington's MA-C and MA-R; "a California certificate called CCMA"
    r"\bthe (c|r) one\b|"
    r"\bcalifornia (certificate|cert|credential)\b|"
    # "someone said theres a california only cert that takes work experience?"
    r"\bcalifornia[- ](only|specific|state) (cert\w*|credential|exam|test|one)\b|"
    # "can my mbbs count for the cali one", "California has its own MA exam, right?"
    r"\bthe cali(fornia)?[- ](one|exam|test|cert\w*)\b|\bcalifornia has (its|their) own\b|"
    # "I read in California there is special state exam, CCMA?"
    r"\bcali(fornia)?\b[^.?!]{0,30}\b(special|separate|own) (state )?(exam|test|cert\w*|credential)\b",
    re.IGNORECASE,
)


#: A visa or immigration status with a question about working or studying: only the official
#: places can answer it, whatever else the message says (a nurse's training, a state).
STATUS = re.compile(
    r"\bh-?4\b|\bh-?1b?\b|\bf-?1\b|\bj-?1\b|\bopt\b|\bcpt\b|\bead\b|\bvisa\b|\bgreen card\b|\bdaca\b|"
    r"\basylum\b|\bparole\b|\bwork permit\b|\bpapeles\b|\bundocumented\b|\bimmigration status\b|\btps\b|"
    r"\brefugee status\b|\bdaca\b",
    re.IGNORECASE,
)
PERMISSION = re.compile(r"\b(work|working|study|studying|trabajar|estudiar|job|employ)", re.IGNORECASE)
#: A status and asking leave this close together, in sentences of their own, still ask leave to work.
MAX_STATUS_WORDS = 40
#: Asking leave: "can I work", "am I allowed to", "is it legal" ("my plan is an MA job" asks no leave).
ASKING_LEAVE = re.compile(
    r"\b(can|could|may|might|allowed|allow|legal(ly)?|permit\w*|authori[sz]\w*|let me|lets me|eligible|"
    r"(be|am|is|are) able to|"  # "im DACA tho, would i be able to work as an MA when i finish?"
    r"puedo|permite|problem|what happens?|what will happen|(is|would) (it|that) (be )?(ok|okay|fine|alright) (for me )?to)\b",
    re.IGNORECASE,
)


#: Aid named with a status: "my wife is on F-1, can she get a Pell grant?" asks about aid for
#: non-citizens, which the fact sheets answer (financial aid), not leave to work or study.
AID = re.compile(
    r"\bpell\b|\bfafsa\b|(?<!first )\baid\b|\bgrants?\b|\bloans?\b|"
    r"\bscholarships?\b|\bwioa\b|\bayuda financiera\b|\bbecas?\b|"
    # "she has green card, not citizen yet. she can get help from government for the school?"
    r"\b(help|money|funding|support) from (the )?(government|gov|state|feds)\b|\bgovernment (help|money|aid|funding)\b",
    re.IGNORECASE,
)


def aid_with_status(text: str) -> bool:
    """The message names a visa or status and asks about aid to pay for training (aid its story only tells of, "we
    have loan for the house", asks none)."""
    return bool(STATUS.search(text) and AID.search(asking_clause(text)))


#: "i have green card since 2019 i can get it?" after Pell: whether the aid in hand is open to them.
_GETS_IT = re.compile(
    r"\b(get|qualify|eligible|apply|use|receive)\b|\b(is|it'?s|that'?s|its) (it |that )?(ok|okay|fine|a problem|problem)\b",
    re.IGNORECASE,
)


def status_asks_for_it(text: str) -> bool:
    """A status named and asked whether it gets them what the conversation is about (aid, after aid)."""
    # not "...get a job"; "she want study too. she can get it?" tells what she wants, and asks only of the aid
    asked = STATUS.search(text) and _GETS_IT.search(text) and not PERMISSION.search(asking_clause(text))
    return bool(asked) and len(text.split()) <= MAX_STATUS_WORDS


#: Whether someone may work or study on their status: the bot says where to ask, never more.
WORK_AUTHORIZATION = "ask_work_authorization"

#: A settled status told in passing ("now green card holder living here in daly city. ... in california i dont
#: need any license to work as MA, is that true po?"): with a licence or credential asked about, no visa question.
SETTLED = re.compile(
    r"\b(green ?card holder|permanent resident|(us|u\.s\.|american) citizen)\b|"
    # "I am nurse from Egypt... I have green card and live in Anaheim. Before I get RN license here, can I work as
    # medical assistant": a card held, not one waited for
    r"\b(i|we|she|he|they) (now |also |already |finally )?(have|has|got|hold|holds|have had|had) (a |my |the |her |his |our |their )?"
    r"green ?cards?\b(?! (interview|application|process))|"
    # "now green card 10 year living Garden Grove": the card held, with how long
    r"\b(now|already|with|have|got) (a |my )?green ?cards? (for )?(\d+|one|two|three|four|five|ten) (years?|yrs?)\b|"
    # "Assuming I get a work permit later, would my nursing school count for the RMA exam?": the status supposed, to
    # ask something else
    r"\b(assuming|supposing|suppose|once|after) (that )?(i|we|she|he) (get|have|got|receive) (a |my |the |her |his )?"
    # ("assuming i get work permit later. in NJ do MAs need certification at all?")
    r"(work permit|ead|green ?card|visa|work authori[sz]ation)\b( later| eventually| soon| one day)?[,.]?"
    r"(?= (in [a-z]+,? )?(would|will|does|do|can|could|is|are)\b)|"
    # "now live in Seattle with my green card": the card held, where they live
    # ("here in jersey city now w/ green card", "now in Houston with green card", "in LA now with green card")
    r"\b(live|living|lives|here|now|settled)\b[^.?!]{0,30}\b(with|w/) (a |my |the |our )?(us |u\.s\. )?green ?card\b"
    r"(?! (interview|application|process|pending))|"
    # "I am doctor from India (MBBS), have green card, working as MA...": the card held, its holder left out
    r"(^|[,;(]|\band) *(now |also |already )?(have|has|got|hold) (a |my |the )?(us |u\.s\. )?green ?cards?\b"
    r"(?! (interview|application|process|pending))|"
    # "I have a US green card"
    r"\b(i|we|she|he|they) (now |also |already )?(have|has|got|hold) (a |the )?(us|u\.s\.) green ?cards?\b|"
    # "I'm an IMG from Russia (green card)": the card held, in passing
    r"\((with |have |on |got )?(a )?green ?card( holder)?\)|"
    # "came to orlando 2 years ago with green card through my brother"
    r"\b(came|moved|immigrated|arrived)\b[^.?!]{0,40}\bwith (a |my |the |our |her |his )?green ?cards?\b|"
    # "soy médica cubana y ya tengo green card"
    r"\b(ya )?(tengo|tiene|tenemos) (la |mi |una |su )?(green ?card|residencia)\b|"
    # "before moving to Bellevue on a family green card", "here through a marriage green card"
    r"\b(on|through|via) (a |my |the |our |her |his )?((family|marriage|employment|diversity|lottery|spousal)[- ]"
    r"(based )?)?green ?cards?\b(?! (interview|application|process|pending))|"
    # "I was granted asylum in 2024 and I have my work permit already. For the RMA, which evaluation...": settled
    r"\b(granted|got|received|have|has) (asylum|refugee status)\b(?! (case|cases|pending|application|claim|hearing|interview))|\b(i|we|she|he) (now |also |already )?(have|has|got|hold) "
    r"(a |my |the |her |his |our )?(work permit|ead|employment authorization)( card)?\b(?![^.?!]*\b(expir\w*|renew\w*|pending)\b)",
    re.IGNORECASE,
)
#: A licence, credential or exam asked about: the card in the story is no question of leave.
LICENCE_ASKED = re.compile(
    r"\blicen[cs]\w*|\bcertif\w*|\bcredential\w*|\bexams?\b|\b(c?cma|rma|ncma|nha|amt|aama|ncct)\b", re.IGNORECASE
)
#: Leave itself asked of a card held ("green card holder, allowed to work as MA?", "is the green card enough to work",
#: "am i free to work now with it"): a question of status still. A plain "can I…" after a card held asks about
#: the path ("I have green card 6 year… can I take the test in Vietnamese?").
LEAVE_ITSELF = re.compile(
    r"\b(allowed|legal(ly)?|permit(ted)?|authori[sz]\w*|free to work|enough to work|let (me|her|him|them) work)\b|"
    r"\bwith (it|that|this|my (green ?card|card)|the (green ?card|card)|a green ?card)\b"
    r"(?! (experience|exp|degree|training|diploma|background|work|job|years?))|\bneed (a |another |any )?(work )?permit\b|"
    # "i have green card now, so i can work as MA yes?": leave to work, the whole question
    r"\b(so |then )?(can )?(i|she|he|we) (can )?(now )?work( as (an? )?(mas?|medical assistants?))?( now)?"
    r"( yes| right| correct| too| then)?\W*$",
    re.IGNORECASE,
)


#: Working while they study: with a status in hand, asking leave to work ("and can i work part time as MA while i
#: study" after F-1 aid) asks what that status allows.
WORK_WHILE = re.compile(
    r"\b(work|working|job)\b[^.?!]*\b(while|during|and) (i'?m |im |i am |she'?s |he'?s )?(still )?(study|studying|in school|"
    r"in the program|school|classes)\b|\bwork (part[- ]?time|on campus|off campus)\b",
    re.IGNORECASE,
)


def asks_leave_to_work(text: str) -> bool:
    """Asking leave to work as they study, the status left to the conversation."""
    return bool(WORK_WHILE.search(text) and ASKING_LEAVE.search(text))


def without_settled_status(text: str) -> str:
    """The message without a settled status told in passing (a card held, citizenship), unless it asks
    leave of that status itself: a card held is their story, not their question."""
    # Leave is looked for outside the story itself: "now live in Seattle with my green card" holds the card.
    rest = SETTLED.sub(" ", text)
    if LICENCE_ASKED.search(text) or not LEAVE_ITSELF.search(rest):
        return rest
    return text


def about_immigration_status(text: str) -> bool:
    """The message asks whether someone may work or study on a visa or status: a status, work or
    study, and words that ask leave, in one sentence."""
    text = without_settled_status(text)
    return any(
        STATUS.search(s) and PERMISSION.search(s) and ASKING_LEAVE.search(s) for s in re.split(r"(?<=[.!?])\s+", text)
    ) or bool(
        STATUS.search(text)
        and PERMISSION.search(text)
        and ASKING_LEAVE.search(text)
        and len(text.split()) <= MAX_STATUS_WORDS
    )


#: Words that name one topic whatever else the message says ("what score in OET" is ECFMG's
#: English test): `decisive` in the data file.
DECISIVE: tuple[tuple[re.Pattern[str], str], ...] = _TABLES.decisive


#: Topics whose decisive words, in a sentence that only tells, give a reason and ask nothing: "my back is shot, had a
#: herniated disc last fall and doc says i cant keep doing 11 hour days in the seat. ... does arizona make you get
#: certified" asks Arizona's rules, the disc is why they change careers; "My son has just completed his 12th standard
#: ... Kindly tell which is better for him, certificate or associate degree" asks the kind of program.
TOLD_IN_PASSING = frozenset({"ask_legal_or_medical", "ask_diploma_requirement"})


#: A message this long is a story, whose telling sentences may name such words in passing; in a shorter one ("got a
#: dui 10 yrs ago. will that keep me from getting certified") the question points back at them.
PASSING_WORDS = 30


def decisive_topic(text: str) -> str | None:
    """The topic words in the message decide whatever NLU heard (`DECISIVE`), or None."""
    story = len(text.split()) >= PASSING_WORDS
    for pattern, intent in DECISIVE:
        if pattern.search(text) and not (
            story and intent in TOLD_IN_PASSING and not _in_an_asking_sentence(pattern, text)
        ):
            return intent
    return None


def _in_an_asking_sentence(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` is in the message's last sentence or in one that looks like a question."""
    sentences = _SENTENCE_ENDS.split(text.strip())
    return any(
        pattern.search(s) and (s is sentences[-1] or QUESTION_SHAPE.search(s) or INNER_QUESTION.search(s))
        for s in sentences
    )


def about_a_state_credential(text: str) -> bool:
    """The message names a credential that only one state awards, and does not set it aside ("forget the MA-C
    for now. maybe the apprenticeship route is smarter")."""
    return bool(STATE_CREDENTIAL.search(text)) and not STATE_CREDENTIAL_SET_ASIDE.search(text)


#: A state's credential set aside: the message asks about something else.
STATE_CREDENTIAL_SET_ASIDE = re.compile(
    r"\b(forget|never ?mind|skip|drop|leave) (about )?(the )?(ma-?c|ma-?r|cacma|state (one|credential))\b", re.I
)


#: The aspect of a topic's whole answer: words that ask for it ("and the GI Bill?" after MyCAA) are
#: no part, and keep a follow-up from staying on the part in hand. The data file spells it `overview`.
OVERVIEW = cue_data.OVERVIEW
#: Words that pick one part of a topic, for topics whose answers have such parts ("aspects" in
#: data/kb): "can WIOA pay for it?" is financial aid's WIOA answer. `aspect_cues` in the data file.
ASPECT_CUES: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = _TABLES.aspect_cues


def cued_aspect(intent: str | None, text: str) -> str | None:
    """The part of the topic the message's words ask about, if the topic has parts and they name one
    (`OVERVIEW` when they name the whole); None when they name none."""
    for pattern, aspect in ASPECT_CUES.get(intent or "", ()):
        if pattern.search(text):
            return aspect
    return None


#: Topics with words of their own: a reading of one of these without any of its words is NLU
#: hearing the topic in the person's story, not in their question. `topic_words` in the data file.
TOPIC_WORDS: dict[str, re.Pattern[str]] = _TABLES.topic_words


#: Broad topics whose words are too many to list: read without any of these words, a short message in
#: a conversation on another topic is a follow-up NLU misheard. `follow_up_topic_words` in the data file.
FOLLOW_UP_TOPIC_WORDS: dict[str, re.Pattern[str]] = _TABLES.follow_up_topic_words


#: What people go on to ask about a topic without naming it again ("is there a limit per year?" after
#: MyCAA); read only as a short follow-up NLU is unsure of. `facets` in the data file.
FACETS: dict[str, re.Pattern[str]] = _TABLES.facets


def facet_of_topic_in_hand(context_intent: str | None, text: str) -> bool:
    """True when the message asks about a facet of the topic in hand (`FACETS`)."""
    facets = FACETS.get(context_intent or "")
    return facets is not None and bool(facets.search(text))


def without_facet(context_intent: str | None, text: str) -> str:
    """The message without the words that made it a facet of the topic in hand: what is left says
    whether it also asks something else ("how many questions n how long is it" after renewal)."""
    facets = FACETS.get(context_intent or "")
    return facets.sub(" ", text) if facets is not None else text


def off_topic_words(intent: str | None, text: str, in_conversation: bool = False) -> bool:
    """True when NLU read a topic that has words of its own, and the message has none of them; for a
    broad topic, only when the message is a short follow-up in a conversation on another topic."""
    words = TOPIC_WORDS.get(intent or "")
    if intent == WORK_AUTHORIZATION:
        text = without_settled_status(text)  # "now American citizen. ... can I work in an eye clinic?"
    if words is None and in_conversation and len(text.split()) <= MAX_FOLLOW_UP_CHECK_WORDS:
        words = FOLLOW_UP_TOPIC_WORDS.get(intent or "")
    return words is not None and not words.search(text)


def lacks_broad_topic_words(intent: str | None, text: str) -> bool:
    """True when NLU read a broad topic (`FOLLOW_UP_TOPIC_WORDS`) and the message has none of its words."""
    words = FOLLOW_UP_TOPIC_WORDS.get(intent or "")
    return words is not None and not words.search(text)


#: Follow-ups longer than this carry their own topic.
MAX_FOLLOW_UP_CHECK_WORDS = 14


_SENTENCE_ENDS = re.compile(r"(?<=[.!?])\s+")


def question_part(text: str) -> str:
    """The sentences of a message that ask something ("how do i pay for it?" in "im 18 and want to
    do a program. how do i pay for it? my family doesnt have much money"); the whole message when
    none looks like a question."""
    asked = [
        s
        for s in _SENTENCE_ENDS.split(text.strip())
        if QUESTION_SHAPE.search(s) or INNER_QUESTION.search(s) or TAG_QUESTION.search(s)
    ]
    return " ".join(asked) if asked else text


#: A sentence that only asks whether what came before holds ("Is that correct?", "is this true??", "right?").
CHECK_ONLY = re.compile(
    r"^\W*((so|and|but|ok|okay)\W+)?((is|was) (that|this|it) (really |actually |even )?(correct|true|right|accurate|real|so)|"
    r"(right|true|correct|really))\W*$",
    re.IGNORECASE,
)


def asking_clause(text: str) -> str:
    """The question itself: the asking sentences, and when they run long, from their first question
    words on ("...failed by small margin 😩 when can i retake" asks "can i retake")."""
    asked = question_part(text)
    aside = ASIDE_ENDS.search(asked)
    if aside and not QUESTION_SHAPE.match(asked[: aside.start()]):
        return asked[aside.end() :]  # "lol sorry that was my mom 😅 but yeah how much does it cost": the question
    if len(asked.split()) <= MAX_ASKING_WORDS or QUESTION_SHAPE.match(asked):
        return asked  # short, or it starts with its question ("Is medical assisting a good option or ...")
    start = INNER_QUESTION.search(asked)
    return asked[start.start() :] if start else asked


#: Where an aside gives way to the question: "... but yeah how much", "... anyway so what".
ASIDE_ENDS = re.compile(
    r"\b(but|ok|okay|anyway|anyways)\W+(yeah|ya|yea|so|anyway|anyways)\W+"
    r"(?=(how|what|whats|when|where|which|who|why|can|could|do|does|is|are|will|would)\b)",
    re.I,
)


#: Asking sentences longer than this carry part of the story before their question words.
MAX_ASKING_WORDS = 15


#: A request asks as a question does: "no wait, I change my mind, tell me the renew of the RMA better", "I want
#: know if my work like doctor is counting" (the "to" left out, as non-native writers often do).
REQUEST = re.compile(
    r"^\W*((and|so|ok|okay|but|no|wait|actually|then|pls|please)\W+)*(please |pls |just |can you |could you )?"
    r"(tell|explain|show|give) (me|us)\b(?! more\b)|\b(i'?d|i would) like to know\b|\bi (want|wanna|need)( to)? know\b|\bi (want|wanna) (to )?ask (if|whether|about|how|what|which|when)\b|"
    # "so my question is does Arizona make you get some kind of license", "What I really want to know is whether..."
    r"\bmy (main |real |only |big |actual )?question (is|was)\b|\bwhat i (really |actually )?(want|wanna|need) to know is\b|"
    # "...has to be a CMA by next year. There has to be a way around it": a plea for a way is a question
    r"\bthere (has|have|got) to be (a|another|some) (way|route|option)\b|"
    # "i need usmle or not for medical assistant": a yes-or-no asked in learners' English
    r"\b(i|we|she|he|you|u) (need|must|have to|has to)\b[^.?!]*\bor (not|no)\b|"
    # "she need to go to school for this or she can learn in the job here in new york": which of two, no "?"
    r"\b(i|we|she|he|you|u) (need|needs|must|have to|has to)\b[^.?!]*\bor (i|we|she|he|you|u|they) (can|could)\b|"
    # "i need it for the MA too or only for residency": which of two needs, asked without a question mark
    r"\b(i|we|she|he|you|u) (need|must|have to|has to)\b[^.?!]*\b(too|also|as well) or (only|just)\b|"
    # "the ma school gonna accept my haiti diploma or i need do the ged first": a choice between two ways
    r"\bor (i|we|she|he|you|u) (need|must|have to|has to|should|gotta|gonna have to)\b|"
    # Nigerian English's "can I": "so i fit use my mbbs to sit for the cma exam straight"
    r"^\W*((and|so|ok|okay|but)\W+)*(i|we|she|he) fit [a-z]+\b|"
    # "for a job that pays what, here in florida": the question word after its verb
    # (not "...seems nuts for a job that pays what 40k": a figure after it tells)
    r"\b(pays?|costs?|makes?|earns?|runs?) (what|how much)\b(?!\W*(like |maybe |about |around )?\$?\d)",
    re.IGNORECASE,
)


def looks_like_question(text: str) -> bool:
    """A question mark, a question's first words or a request, in the message or any of its sentences."""
    text = text.strip()
    if QUESTION_SHAPE.search(text):
        return True
    return any(
        QUESTION_SHAPE.search(c) or INNER_QUESTION.search(c) or TAG_QUESTION.search(c) or REQUEST.search(c)
        for c in _CLAUSES.split(text)
    )


#: Topics whose own pay people ask about ("is the externship paid", "do I get paid during SkillBridge").
PAID_WHILE = frozenset({"ask_externship", "ask_learn_on_job", "ask_military_benefits"})
PAID_DURING = re.compile(r"\b(during|while|for (it|that|this|them))\b|\b(is|was) (it|that|this) paid\b", re.IGNORECASE)
#: "do i need cpr for that?": CPR is asked about as a requirement.
CPR = re.compile(r"\bcpr\b|\bbls (card|cert)", re.IGNORECASE)


#: A school or program picked out by its price ("the cheap school", "the cheap one"): which one, no price asked.
A_CHEAP_ONE = re.compile(r"\bthe cheap (one|school|program|course|option|place)s?\b", re.IGNORECASE)


def cued_intent(text: str, context_intent: str | None) -> str | None:
    """The topic the message's words point to; a bare price takes its topic from the conversation."""
    for pattern, intent in CUES:
        if pattern.search(text):
            if intent == "ask_duration" and PRICE.search(A_CHEAP_ONE.sub(" ", text)):
                break  # "how long and how much": let the price decide below ("the cheap school how long?" asks no price)
            if intent == "ask_salary" and context_intent in PAID_WHILE and PAID_DURING.search(text):
                return context_intent  # "do i still get paid during that" after SkillBridge: its pay, not MA pay
            return intent
    if CPR.search(text):  # a requirement to apply, or to recertify when that is the topic in hand
        return "ask_renewal" if context_intent == "ask_renewal" else "ask_eligibility"
    if PRICE.search(text):
        if EXAM.search(text):
            return "ask_exam_fee"  # "how much is the exam?": the exam's own price, whatever came before
        if SCHOOL.search(text) and ASKS_A_PRICE.search(text):
            return PRICE_DEFAULT  # "how much does MA school usually cost", even right after aid
        return PRICE_AFTER.get(context_intent or "", PRICE_DEFAULT)
    if ABOUT_THE_EXAM.search(text) or (EXAM.search(text) and len(text.split()) <= 3):
        return "ask_exam_format"  # "tell me about the RMA exam", "the rma test?": the exam itself
    return None


#: The question a form-opening reading asks, when the form is not what the message wants ("can u check wat exam i
#: can take right now? i work as MA already 3 yrs...": what they may sit for, answered from what they told).
OPENER_QUESTION = {"check_eligibility": "ask_eligibility", "estimate_timeline": "ask_duration"}


def best_question(ranking: Sequence[tuple[str, float]], minimum: float) -> str | None:
    """NLU's most likely question intent, if it leaned that way at all."""
    for name, confidence in ranking:
        if name.startswith("ask_") and confidence >= minimum:
            return name
    return None
