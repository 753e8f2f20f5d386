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
# "all", "can't", "on", "needs", "some", a dose, a symptom -- leaves the turn to the model.
_ABOUT_WORDS = frozenset(
    "hi hello hey yeah yes um uh er erm so well okay ok oh just please thanks thank you "
    "i m ve am it its s is this that calling call ringing phoning about regarding re for "
    "the a an of to out run ran running low almost nearly again refill renew".split()
)
_OWNERS = frozenset("my his her their our".split())
# A relative only as the owner of the medicine, right before it ("my mum's insulin"): "my
# son my pills" or "my son's... my pills" may be a child who got into them.
_RELATIVES = frozenset(
    "mum mom dad mother father son daughter wife husband partner grandma grandpa nan".split()
)
_MEDICINE_NOUNS = frozenset(
    "prescription prescriptions medicine medicines medication medications meds pills pill "
    "tablets tablet capsules inhaler inhalers puffer insulin cream ointment drops patches "
    "patch injections injection".split()
)
# Medicines kept for an emergency: naming one alone is more likely the emergency than a refill.
_RESCUE = frozenset(
    "epipen epipens epi adrenaline epinephrine glucagon naloxone narcan nitroglycerin nitro "
    "gtn".split()
)
# What a medicine is for, when a noun follows: "my blood pressure pills", "her pain meds".
_MEDICINE_KIND = re.compile(
    r"\b(?:blood pressure|cholesterol|thyroid|heart|water|sleeping|allergy|birth control|"
    r"diabetes|sugar|asthma|pain|seizure|nerve)\s+(?=(?:pills?|tablets?|medicines?|"
    r"medications?|meds|inhalers?|patch(?:es)?)\b)",
    re.IGNORECASE,
)

# A plain yes to "are you calling for a refill?": these words only, with at least one that
# says yes, and not asked back ("refill?"). "Yes, he used it and he's still wheezy" says
# more; "not sure", "right" and "I need it" are no plain yes.
_SAID_YES = re.compile(
    r"\b(?:uh[- ]huh|mm[- ]?hmm|mhm|that's (?:it|right)|that is (?:it|right))\b", re.IGNORECASE
)
_YES_WORDS = frozenset("yes yeah yep yup yea correct sure refill refills renewal".split())
_REFILL_ANSWER_WORDS = (
    _YES_WORDS
    | _OWNERS
    | _RELATIVES
    | frozenset(
        "please just a the it is that s i m d do am would like calling call for prescription "
        "refilled ma thanks thank you ok okay um uh er so well".split()
    )
)


def about_a_medicine(text: object) -> bool:
    """True when a turn only mentions one medicine -- by its name, or as "my prescription",
    "her pills", "my dad's inhaler" -- in the words of asking about it, and says nothing
    else: no symptom, no dose, no "took", "on", "some" or "need", no relative but as the
    owner right before it, no rescue medicine (an EpiPen), no name said twice in alarm.
    Never raises."""
    if not isinstance(text, str) or len(text) > _LIMIT or _DIGIT.search(text):
        return False
    words = _WORD.findall(_MEDICINE_KIND.sub("", text.lower()))
    if not 1 <= len(words) <= _MAX_WORDS or _RESCUE.intersection(words):
        return False
    named = [w for w in words if is_medicine_word(w)]
    medicines = named + [w for w in words if w in _MEDICINE_NOUNS and w not in named]
    if len(medicines) != 1 or words.count(medicines[0]) != 1:
        return False
    at = words.index(medicines[0])
    before = words[max(0, at - 2) : at]
    by_relative = before[-1:] == ["s"] and before[0] in _RELATIVES
    owned = by_relative or (bool(before) and before[-1] in _OWNERS)
    if not (named or owned):
        return False  # "the pills", "it's the tablets": whose, and what about them?
    for i, w in enumerate(words):
        owner = w in _RELATIVES and words[i + 1 : i + 3] == ["s", medicines[0]]
        if not (w in _ABOUT_WORDS or w in _OWNERS or w == medicines[0] or owner):
            return False
    return True


def affirms_refill(text: object, dtmf: str | None = None) -> bool:
    """True for a plain yes to "are you calling for a refill of that medicine?": "yes",
    "yeah, a refill please", "mm-hmm", "yes, for my mum", keypad 1. Anything more ("yes, he
    used it and he's wheezy", "yes I need it"), any doubt or no, a question back, and any
    other key is False. Never raises."""
    if isinstance(dtmf, str) and dtmf.strip():
        return dtmf.strip() == "1" and not (isinstance(text, str) and text.strip())
    if not isinstance(text, str) or len(text) > _LIMIT or text.rstrip().endswith("?"):
        return False
    words = _WORD.findall(_SAID_YES.sub(" yes ", text.lower()))
    return (
        bool(words)
        and len(words) <= _MAX_WORDS
        and all(w in _REFILL_ANSWER_WORDS for w in words)
        and any(w in _YES_WORDS for w in words)
    )
