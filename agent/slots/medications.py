"""Which of the patient's medications the caller means.

Drug names are where a general recogniser fails most: "lisinopril" arrives as "lice in a
pril", "metformin" as "met for men", "atorvastatin" as "a tour of a statin". Matching is
therefore against the patient's own list (a handful of names), never a formulary: every run
of up to five consecutive words is compared with every candidate on two measures, the letters
(spaces removed) and a sound-alike key (vowels removed, "ph"/"f", "c"/"k"... merged), and the
best-scoring candidate wins. Callers also use brand names: a small table maps the common ones
to generics in both directions.

The result says whether the best match is safe to read back as a question ("lisinopril, is
that right?"), or whether two candidates are so close the agent should ask which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agent.slots._fuzzy import collapse, ratio, sound_key
from agent.slots._text import FILLERS, clean, drop_artefacts

__all__ = ["MIN_SCORE", "READ_BACK_SCORE", "MedMatch", "heard_medications", "match_medication"]

# Below MIN_SCORE nothing matched; from READ_BACK_SCORE a match may be read back for a yes/no;
# candidates within CLOSE of the best are too close to call.
MIN_SCORE = 0.6
READ_BACK_SCORE = 0.78
CLOSE = 0.06

_LIMIT = 400
_MAX_WORDS = 60
_MAX_SPAN = 5
_MAX_CANDIDATES = 50


@dataclass(frozen=True, slots=True)
class MedMatch:
    """The candidate the caller most likely meant.

    ``name`` is the candidate exactly as passed in. ``said_as`` is the other name the caller
    used for it, if they used a brand or generic name different from ``name`` ("Lipitor" for
    "atorvastatin 20 mg"). ``confident``: good enough to read back. ``alternatives``: other
    candidates about as close (ask which); when set, ``confident`` is False.
    """

    name: str
    score: float
    confident: bool
    said_as: str | None = None
    alternatives: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)


_BRANDS = {
    "lipitor": "atorvastatin",
    "crestor": "rosuvastatin",
    "zocor": "simvastatin",
    "pravachol": "pravastatin",
    "synthroid": "levothyroxine",
    "levoxyl": "levothyroxine",
    "glucophage": "metformin",
    "xanax": "alprazolam",
    "norvasc": "amlodipine",
    "zoloft": "sertraline",
    "ventolin": "albuterol",
    "proair": "albuterol",
    "proventil": "albuterol",
    "prinivil": "lisinopril",
    "zestril": "lisinopril",
    "lasix": "furosemide",
    "coumadin": "warfarin",
    "plavix": "clopidogrel",
    "eliquis": "apixaban",
    "xarelto": "rivaroxaban",
    "prilosec": "omeprazole",
    "nexium": "esomeprazole",
    "protonix": "pantoprazole",
    "lexapro": "escitalopram",
    "prozac": "fluoxetine",
    "celexa": "citalopram",
    "wellbutrin": "bupropion",
    "neurontin": "gabapentin",
    "ultram": "tramadol",
    "toprol": "metoprolol",
    "lopressor": "metoprolol",
    "cozaar": "losartan",
    "diovan": "valsartan",
    "singulair": "montelukast",
    "flonase": "fluticasone",
    "ambien": "zolpidem",
    "klonopin": "clonazepam",
    "ativan": "lorazepam",
    "valium": "diazepam",
    "januvia": "sitagliptin",
    "jardiance": "empagliflozin",
    "ozempic": "semaglutide",
    "lantus": "insulin glargine",
    "humalog": "insulin lispro",
    "flomax": "tamsulosin",
    "zyrtec": "cetirizine",
    "claritin": "loratadine",
    "motrin": "ibuprofen",
    "advil": "ibuprofen",
    "tylenol": "acetaminophen",
    "deltasone": "prednisone",
}
_GENERICS: dict[str, list[str]] = {}
for _brand, _generic in _BRANDS.items():
    _GENERICS.setdefault(_generic, []).append(_brand)

# Strength, form and salt words on a prescription label that callers do not say.
_LABEL_NOISE = frozenset(
    (
        "mg mcg ug g ml units unit iu tablet tablets tab tabs capsule capsules cap caps inhaler "
        "inhalation aerosol hfa solution suspension cream ointment injection pen patch spray "
        "nasal drops oral chewable er xr xl sr dr ec extended delayed release hcl hydrochloride "
        "sodium potassium besylate calcium succinate tartrate propionate sulfate daily once twice "
        "per day and"
    ).split()
)
_WORD = re.compile(r"[^\W\d_]+")


def _sound_mask(key: str) -> int:
    """The key's distinct letters as bits of an int: the quick first look compares two of
    them with one ``&`` instead of building sets (it runs hundreds of times a turn)."""
    mask = 0
    for c in key:
        mask |= 1 << ord(c)
    return mask


@dataclass(frozen=True, slots=True)
class _Alias:
    letters: str
    key: str
    said: str  # the alias as a word, for ``said_as``
    sounds: int  # _sound_mask(key)
    need: int  # sounds a span must share: two thirds of the key's distinct letters


@lru_cache(maxsize=1024)
def _aliases(candidate: str) -> tuple[_Alias, ...]:
    """The names a candidate goes by: its own (without strength and form) plus brand or
    generic equivalents, and any name in parentheses ("atorvastatin (Lipitor)")."""
    words = [w for w in _WORD.findall(candidate.lower()[:120]) if w not in _LABEL_NOISE]
    names = {" ".join(words)} if words else set()
    for w in words:
        names.add(w)
        if w in _BRANDS:
            names.add(_BRANDS[w])
        names.update(_GENERICS.get(w, ()))
    joined = " ".join(words)
    if joined in _BRANDS:
        names.add(_BRANDS[joined])
    names.update(_GENERICS.get(joined, ()))
    out = []
    for name in sorted(n for n in names if len(n.replace(" ", "")) >= 3):
        parts = name.split()
        key = collapse("".join(sound_key(p, False) for p in parts))
        sounds = _sound_mask(key)
        out.append(_Alias("".join(parts), key, name, sounds, -(-2 * sounds.bit_count() // 3)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    letters: str
    key: str
    sounds: int  # _sound_mask(key)


def _spans(text: str) -> list[_Span]:
    words = [
        w for w in _WORD.findall(drop_artefacts(clean(text, _LIMIT)).lower()) if w not in FILLERS
    ][:_MAX_WORDS]
    keys = [sound_key(w.encode("ascii", "ignore").decode(), False) for w in words]
    spans = []
    for i in range(len(words)):
        for j in range(i + 1, min(i + _MAX_SPAN, len(words)) + 1):
            letters = "".join(words[i:j])
            if len(letters) > 40:
                break
            key = collapse("".join(keys[i:j]))
            spans.append(_Span(i, j, letters, key, _sound_mask(key)))
    return spans


def _near(spans: list[_Span], alias: _Alias) -> list[_Span]:
    """The spans worth scoring against ``alias``: about its length, and sharing at least two
    thirds of its consonant sounds ("lsnprl"). Most of a turn's spans fail one of these two
    integer checks, so they are made here in one loop rather than a call per span."""
    size = len(alias.letters)
    slack = max(3, size // 2)
    sounds, need = alias.sounds, alias.need
    return [
        s
        for s in spans
        if abs(len(s.letters) - size) <= slack and (s.sounds & sounds).bit_count() >= need
    ]


def _score(span: _Span, alias: _Alias, floor: float) -> float:
    """0.45 x letter similarity + 0.55 x sound-key similarity, or 0.0 when it cannot reach
    ``floor``: a length check bounds the score before any edit distance is computed, which
    keeps a turn against a dozen candidates well inside a millisecond. ``span`` comes from
    :func:`_near`, which has already dropped spans sharing too few of the alias's sounds."""
    if span.letters == alias.letters:
        return 1.0
    if not span.key or not alias.key:
        return 0.0
    kl, al = len(span.key), len(alias.key)
    ll, ml = len(span.letters), len(alias.letters)
    letters_bound = 1.0 - abs(ll - ml) / max(ll, ml)
    if 0.45 * letters_bound + 0.55 * (1.0 - abs(kl - al) / max(kl, al)) < floor:
        return 0.0
    keys = ratio(span.key, alias.key)
    if 0.45 * letters_bound + 0.55 * keys < floor:
        return 0.0
    return 0.45 * ratio(span.letters, alias.letters) + 0.55 * keys


@dataclass(frozen=True, slots=True)
class _Hit:
    score: float
    candidate: str
    span: _Span
    alias: _Alias


def _best_hits(spans: list[_Span], candidates: list[str]) -> list[_Hit]:
    """The best-scoring span for every candidate, best candidate first."""
    hits = []
    for candidate in dict.fromkeys(c for c in candidates if isinstance(c, str)):
        best: _Hit | None = None
        for alias in _aliases(candidate):
            for span in _near(spans, alias):
                floor = MIN_SCORE if best is None else max(MIN_SCORE, best.score)
                score = _score(span, alias, floor)
                if score >= MIN_SCORE and (best is None or score > best.score):
                    best = _Hit(score, candidate, span, alias)
        if best is not None:
            hits.append(best)
    hits.sort(key=lambda h: -h.score)
    return hits


def _said_as(hit: _Hit) -> str | None:
    own = " ".join(w for w in _WORD.findall(hit.candidate.lower()) if w not in _LABEL_NOISE)
    if hit.alias.said in own.split() or hit.alias.said == own:
        return None
    return hit.alias.said.title() if hit.alias.said in _BRANDS else hit.alias.said


def _to_match(best: _Hit, rivals: list[_Hit]) -> MedMatch:
    close = tuple(h.candidate for h in rivals if best.score - h.score <= CLOSE)
    return MedMatch(
        name=best.candidate,
        score=round(best.score, 3),
        confident=best.score >= READ_BACK_SCORE and not close,
        said_as=_said_as(best),
        alternatives=close,
    )


def match_medication(heard: object, candidates: list[str]) -> MedMatch | None:
    """The candidate the caller named in ``heard``, or None when nothing is close enough.

    "lice in a pril" -> lisinopril, "met for men" -> metformin, "a tour of a statin" ->
    atorvastatin, "the albuterol inhaler" -> albuterol, "my Lipitor" -> atorvastatin. Reads
    the first 400 characters and the first 50 candidates. Never raises.
    """
    if not isinstance(candidates, list | tuple):
        return None
    hits = _best_hits(
        _spans(heard if isinstance(heard, str) else ""), list(candidates)[:_MAX_CANDIDATES]
    )
    if not hits or hits[0].score < MIN_SCORE:
        return None
    return _to_match(hits[0], [h for h in hits[1:] if h.score >= MIN_SCORE])


def heard_medications(text: object, candidates: list[str]) -> list[MedMatch]:
    """Every candidate the caller named, in the order they said them.

    "my lisinopril and the met for men" -> [lisinopril, metformin]. Each stretch of words is
    given to one candidate at most; a stretch two candidates fit about equally well is one
    match with ``alternatives``. Never raises.
    """
    if not isinstance(candidates, list | tuple):
        return []
    spans = _spans(text if isinstance(text, str) else "")
    names = list(dict.fromkeys(c for c in list(candidates)[:_MAX_CANDIDATES] if isinstance(c, str)))
    # Best hit per (candidate, span), so that a candidate can be matched where it was said
    # even if it scores higher somewhere else.
    hits: list[_Hit] = []
    for candidate in names:
        for alias in _aliases(candidate):
            for span in _near(spans, alias):
                score = _score(span, alias, MIN_SCORE)
                if score >= MIN_SCORE:
                    hits.append(_Hit(score, candidate, span, alias))
    hits.sort(key=lambda h: (-h.score, h.span.start))
    taken: list[tuple[_Hit, list[_Hit]]] = []
    used_words: set[int] = set()
    done: set[str] = set()
    for hit in hits:
        words = set(range(hit.span.start, hit.span.end))
        if hit.candidate in done or words & used_words:
            continue
        rivals = [
            h
            for h in hits
            if h.candidate != hit.candidate
            and h.candidate not in done
            and set(range(h.span.start, h.span.end)) & words
        ]
        best_rivals: dict[str, _Hit] = {}
        for r in rivals:
            if r.candidate not in best_rivals or r.score > best_rivals[r.candidate].score:
                best_rivals[r.candidate] = r
        taken.append((hit, list(best_rivals.values())))
        used_words |= words
        done.add(hit.candidate)
    taken.sort(key=lambda t: t[0].span.start)
    return [_to_match(hit, rivals) for hit, rivals in taken]


# Endings of generic drug names ("amoxicillin", "lisinopril", "omeprazole"), for telling a
# medicine the patient's list lacks from words that are not a medicine at all.
_DRUG_ENDING = re.compile(
    r"(?:cillin|mycin|cycline|floxacin|cef\w+|sulfa\w*|pril|sartan|olol|dipine|statin|formin|"
    r"gliptin|glitazone|prazole|tidine|azepam|azolam|oxetine|triptyline|pramine|alopram|"
    r"traline|faxine|apine|idone|codone|morphone|profen|fenac|lukast|asone|olone|sonide|terol|"
    r"tropium|thyroxine|parin|xaban|gatran|semide|thiazide|lactone|dronate|ovir|afil|"
    r"tamine|zepine|barbital|gabalin|pentin|triptan|setron|azole|insulin|aspirin)$"
)
# English words with a drug's ending: "April" ends like "lisinopril", "cholesterol" like
# "albuterol" (and "it's about my cholesterol" asks for results, not a refill).
_NOT_MEDICINES = frozenset({"april", "cholesterol"})
_DIGIT = re.compile(r"\d")
_KNOWN_NAMES = frozenset(_BRANDS) | frozenset(_BRANDS.values())
_MEDICINE_FILLER = frozenset(
    "um uh er erm so yeah yes well it its is the my a an i m s need want would like and "
    "please refill refilled of for on called that one some more prescription".split()
)


def names_a_medicine(text: object) -> bool:
    """A short answer that names a medicine, on the patient's list or not: one to three words
    besides filler, each a known brand or generic name or shaped like one. "Penicillin." is;
    "chest pain" and "I'm not sure" are not. Never raises."""
    if not isinstance(text, str) or len(text) > _LIMIT or _DIGIT.search(text):
        # Digits are no part of a name, and the words read here skip them: "Oxycodone 911"
        # or "Tylenol 40" must not pass for a bare name, nor a long turn read only in part.
        return False
    words = [w for w in _WORD.findall(text.lower()) if w not in _MEDICINE_FILLER]
    return 1 <= len(words) <= 3 and all(is_medicine_word(w) for w in words)


def is_medicine_word(word: str) -> bool:
    """A lower-case word that is a known medicine name or shaped like a generic one."""
    return word in _KNOWN_NAMES or (word not in _NOT_MEDICINES and bool(_DRUG_ENDING.search(word)))
