"""Spot a message that is not in English, so the bot can say in which language it answers.

The bot's facts are sourced in English and are never machine-translated. Spanish is
the most common other language of the people it serves, so a Spanish message gets a
short notice in Spanish; any other language gets the same notice in English. Spanish is
recognised by its small words (más, cuánto, necesito, puedo...) and its ¿ ¡ ñ, counted
against English ones, so "Hola, what does an MA earn?" (mostly English) stays English.
"""

from __future__ import annotations

import re
import unicodedata

SPANISH = "es"
OTHER = "other"
#: Another language in Latin letters (Tagalog, French, Portuguese, Vietnamese...): its English words
#: (a credential, "medical assistant") may still be understood, so it is answered like Spanish.
OTHER_LATIN = "other-latin"

_SPANISH_WORDS = frozenset(
    """
    que qué cual cuál cuanto cuánto cuanta cuánta cuantos cuántos como cómo donde dónde cuando cuándo por porque para
    el la los las un una unos unas del al es son soy estoy esta está estan están hay tengo tiene tienen necesito
    puedo puede pueden quiero quisiera gana ganan cuesta cuestan sueldo salario trabajo trabajar asistente medico
    médico medica médica examen certificado certificacion certificación titulo título enfermera enfermero escuela
    programa años anos meses hola gracias buenas buenos dias días tardes señor senora señora usted ustedes mi mis
    tu su sus muy mas más pero tambien también si sí no nada ayuda ayudar hablar persona alguien español espanol
    ingles inglés vivo hace hacer cuanto sobre estado requisitos necesita debo tengo
    y en todo toda todos todas con sin ya aqui aquí
    """.split()
)
_ENGLISH_WORDS = frozenset(
    """
    the a an is are am do does did can could will would should what how when where who which why i you my your
    it its to of for in on with and or but not no yes have has had be been being this that there their they we
    me he she get make pay much many long take need want know about from at by as if so than then
    one more here sorry please thanks just only also now all some any like vs
    """.split()
)
#: Small words of the other languages written in Latin letters that people here write in (Tagalog,
#: French, Portuguese, Haitian Creole), none of them an English or Spanish word: a message mostly of
#: these is in another language, though it names "medical assistant" in English.
_OTHER_LATIN_WORDS = frozenset(
    """
    po ako ba ang ng mga ko akong ikaw niya siya kami tayo namin natin pwede puwede pede maging magkano paano
    ano saan kailan bakit ito iyan yung kasi lang naman talaga dito doon magandang araw salamat opo hindi wala
    meron mayroon gusto kailangan trabaho nars pilipinas amerika
    je suis est les des une avec dans sur pas quel quelle combien comment bonjour merci nous vous peux
    veux dois être devenir aux ou où infirmière infirmier médecin diplômé travail
    você voce não nao sou tenho quanto custa posso obrigado obrigada olá oi com uma fazer trabalhar enfermeira
    eu fui meu minha aqui vale técnica tecnica enfermagem também tambem estou isso essa esse ela ele seu sua
    escrever em português portugues é fácil facil pra mim falo falar
    mwen ou li nou kijan konbyen pou ki sa gen vle kapab
    """.split()
)
#: Letters only Vietnamese (among the languages above) writes: one of them in a word marks the word.
_VIETNAMESE = re.compile(r"[ăơưđĂƠƯĐạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
_SPANISH_MARKS = re.compile(r"[¿¡ñÑ]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _latin(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")


def detect(text: str) -> str | None:
    """SPANISH, OTHER (a non-Latin script), OTHER_LATIN, or None for English (or too little to tell)."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    if not words:
        return None
    letters = [c for w in words for c in w]
    if sum(not _latin(c) for c in letters) > len(letters) / 2:
        return OTHER
    spanish = sum(w in _SPANISH_WORDS and w not in _ENGLISH_WORDS for w in words)
    english = sum(w in _ENGLISH_WORDS and w not in _SPANISH_WORDS for w in words)
    spanish += 2 * len(_SPANISH_MARKS.findall(text))
    other = sum(
        (w in _OTHER_LATIN_WORDS or bool(_VIETNAMESE.search(w))) and w not in _ENGLISH_WORDS and w not in _SPANISH_WORDS
        for w in words
    )
    # Portuguese shares "por", "como", "para" with Spanish: its own words, when more, decide
    if spanish >= 2 and spanish > english and not (other >= 3 and other > spanish):
        return SPANISH
    if other >= 3 and other > english + spanish:
        return OTHER_LATIN
    return None
