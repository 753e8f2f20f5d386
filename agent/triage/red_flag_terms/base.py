"""What a concept is, and the shorthands (`MACROS`) its phrasings may use."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Concept:
    """A clinical finding and the ways it is said. `named` marks a diagnosis name, which is
    ignored when it is reported as past history ("had a stroke in 2019")."""

    name: str
    patterns: tuple[str, ...]
    named: bool = False


def words(name: str, *patterns: str) -> Concept:
    return Concept(name, patterns)


def diagnosis(name: str, *patterns: str) -> Concept:
    return Concept(name, patterns, named=True)


MACROS: dict[str, str] = {
    "pron": r"(?:my|his|her|their|your|our|the|a|an|its)",
    "poss": r"(?:my|his|her|their|your|our)",
    "self": r"(?:myself|my self|himself|him self|herself|her self|themselves|themself|yourself)",
    "is": r"(?:is|s|was|are|were|has been|have been|been|got|gotten|is getting|getting|went|gone)",
    "cant": r"(?:cant|cannot|can not|couldnt|could not|unable to|not able to|can barely|barely)",
    "breathe": r"(?:breathe?|breathing|breeth|breed|brief|breeze)",
    "limb": r"(?:arm|leg|hand|foot|forearm|wrist|fingers|toes|calf|thigh)",
    # "her tummy's blown up" is `tummys` once the apostrophe goes.
    "belly": r"(?:bellys?|stomachs?|tummys?|abdomen|abdominal|abdo|tum|bump|pelvis|pelvic)",
    "testis": r"(?:testic\w*|testis|testes|testicular|balls?|nuts?|scrot\w*)",
    "vomit": r"(?:vomit\w*|throw\w* up|threw up|puk\w*|been sick|being sick|sick \d+ times)",
    "meds": (
        r"(?:pills?|tablets?|meds|medicine|medicines|medication|medications|paracetamol|"
        r"tylenol|acetaminophen|ibuprofen|aspirin|insulin|antidepressants?|sleeping pills|"
        r"painkillers?|opioids?|methadone|oxy\w*|fentanyl|morphine|codeine|tramadol|"
        r"benzos?|diazepam|valium|xanax|lithium|iron tablets|\w+(triptyline|pramine|oxetine|"
        r"alopram|traline|apine|azepam|azolam|codone|morphone|olol|statin|profen|afil))"
    ),
    # Numbers at or above a threshold, written as regex ranges because transcripts give them
    # as plain digits. Each is commented with what it means in the rule that uses it.
    "age40": r"(?:[4-9]\d|1[01]\d)",
    "min15": r"(?:1[5-9]|[2-9]\d|\d{3})",
    "hours3": r"(?:[3-9]|[1-9]\d)",
    "hours6": r"(?:[6-9]|[1-9]\d)",
    "hours12": r"(?:1[2-9]|[2-9]\d)",
    # After "not answering me": away or out of touch by phone is no finding ("he's not answering
    # me, he's at a party"; "not answering me on the phone").
    "away": (
        r"(?! (, )?(hes|shes|theyre|he is|she is|they are) (at|out(?! of it)|away|on holiday)\b"
        r"| (on|by) (the |his |her |my )?(phone|texts?|messages?|calls?)\b)"
    ),
    # Skin drawn in with each breath (recession).
    "sucks_in": r"(?:pull(?:s|ing)?|suck(?:s|ing)?|draw(?:s|ing)?|cav(?:es|ing)|sink(?:s|ing)?)",
}
# `<gap3>` is `~3` whose words may not be a negation: "bleeding <gap4> heavy" is "the bleeding
# is really heavy", never "the bleeding isn't heavy" (the matcher only looks for a negation
# *before* a phrase). "not only" and "not just" are not negations ("not only red but painful").
_NEGATION_IN_GAP = (
    r"(?!(?:no|not|never|nor|isnt|arent|wasnt|werent|hasnt|havent|hadnt|dont|doesnt|didnt|wont|"
    r"without)\b(?! only\b| just\b))"
)
MACROS.update({f"gap{n}": rf"(?: {_NEGATION_IN_GAP}[\w.%/]+){{0,{n}}}" for n in range(1, 7)})
