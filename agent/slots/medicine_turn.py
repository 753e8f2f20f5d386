"""A reason for calling that only names a medicine, and the answer that makes it a refill.

"Hi, I'm calling about my metformin", "it's about my mum's blood pressure pills", "my
inhaler": the trained model reads many such turns as symptoms, even emergencies, because its
medicine talk is mostly about being unwell, and a refill caller was told to call 911. The
dialogue (agent/dialogue.py) asks "are you calling for a refill of that medicine?" first. Both
readings here are deliberately narrow, because a mistake goes the unsafe way: a turn that
says anything more, or an answer that is anything but a plain yes, stays with the model.
"""

from __future__ import annotations

import re

from agent.slots.medications import is_medicine_word

_LIMIT = 400
_MAX_WORDS = 14
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")

# The words a caller wraps a medicine in when asking about it. Anything else -- "took",
# "all", "can't", "on", "needs", a dose, a symptom -- leaves the turn to the model.
_ABOUT_WORDS = frozenset(
    "hi hello hey yeah yes um uh er erm so well okay ok oh just please thanks thank you "
    "i m ve am it its s is this that calling call ringing phoning about regarding re for "
    "my his her their our the a an some more of need needed want wanted wanting to out "
    "run ran running low almost nearly again new another refill renew".split()
)
# A relative only as the owner of the medicine ("my mum's insulin"): "my son my pills" or
# "my daughter xanax" may be a child who got into them.
_RELATIVES = frozenset(
    "mum mom dad mother father son daughter wife husband partner grandma grandpa nan".split()
)
_MEDICINE_NOUNS = frozenset(
    "prescription prescriptions medicine medicines medication medications meds pills pill "
    "tablets tablet capsules inhaler inhalers puffer insulin cream ointment drops patches "
    "patch epipen injections injection".split()
)
# What a medicine is for, when a noun follows: "my blood pressure pills", "her pain meds".
_MEDICINE_KIND = re.compile(
    r"\b(?:blood pressure|cholesterol|thyroid|heart|water|sleeping|allergy|birth control|"
    r"diabetes|sugar|asthma|pain|seizure|nerve)\s+(?=(?:pills?|tablets?|medicines?|"
    r"medications?|meds|inhalers?|patch(?:es)?)\b)",
    re.IGNORECASE,
)

# A plain yes to "are you calling for a refill?": these words only, with at least one that
# says yes. "Yes, he used it and he's still wheezy" says more, and "not sure" is no yes.
_YES_WORDS = frozenset("yes yeah yep yup yea correct right exactly refill refills renewal".split())
_REFILL_ANSWER_WORDS = _YES_WORDS | frozenset(
    "please just a the it is that s that's i do am need want would like to get another new "
    "one more prescription refilled thanks thank you ok okay um uh er so well".split()
)


def about_a_medicine(text: object) -> bool:
    """True when a turn only mentions one medicine -- by name, or as a prescription, pills or
    an inhaler -- in the words of asking about it, and says nothing else: no symptom, no dose,
    no "took", "on" or "can't", no relative but as its owner, no name said twice in alarm
    ("EpiPen EpiPen"). Never raises."""
    if not isinstance(text, str) or len(text) > _LIMIT or _DIGIT.search(text):
        return False
    words = _WORD.findall(_MEDICINE_KIND.sub("", text.lower()))
    if not 1 <= len(words) <= _MAX_WORDS:
        return False
    medicines = [w for w in words if w in _MEDICINE_NOUNS or is_medicine_word(w)]
    if not medicines or len(set(medicines)) < len(medicines):
        return False
    for i, w in enumerate(words):
        owner = w in _RELATIVES and words[i + 1 : i + 2] == ["s"]
        if not (w in _ABOUT_WORDS or w in medicines or owner):
            return False
    return True


def affirms_refill(text: object, dtmf: str | None = None) -> bool:
    """True for a plain yes to "are you calling for a refill of that medicine?": "yes",
    "yeah, a refill please", keypad 1. Anything more ("yes, he used it and he's wheezy"), any
    doubt or no, and any other key is False. Never raises."""
    if isinstance(dtmf, str) and dtmf.strip():
        return dtmf.strip() == "1" and not (isinstance(text, str) and text.strip())
    if not isinstance(text, str) or len(text) > _LIMIT:
        return False
    words = _WORD.findall(text.lower())
    return (
        bool(words)
        and len(words) <= _MAX_WORDS
        and all(w in _REFILL_ANSWER_WORDS for w in words)
        and any(w in _YES_WORDS for w in words)
    )
