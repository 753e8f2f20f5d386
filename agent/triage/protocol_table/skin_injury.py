"""Follow-up protocols: skin and injuries (rash, trauma, burns, wounds). See the package
docstring."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

SKIN_INJURY: dict[str, tuple[Question, ...]] = {
    # NICE NG240 and the NHS glass test; BAD SJS/TEN guidance; NHS anaphylaxis.
    "rash": protocol(
        "rash",
        emergency(
            "glass",
            "Does the rash stay when you press a glass against it?",
            "meningitis_signs",
            "non-blanching rash",
        ),
        emergency(
            "peeling",
            "Is the skin blistering or peeling away?",
            "severe_skin_reaction",
            "blistering or peeling skin",
        ),
        emergency(
            "breathing",
            "Is there any trouble breathing or swallowing?",
            "anaphylaxis",
            "rash with breathing or swallowing difficulty",
        ),
        urgent(
            "fever",
            "Do you have a fever as well?",
            "rash with fever: same-day assessment",
        ),
    ),
    # CDC field triage guideline (2021); NICE NG232 (head injury); Ottawa rules; NICE NG38.
    "injury": protocol(
        "injury",
        emergency(
            "mechanism",
            "Was it a road accident, or a fall from higher than standing height?",
            "major_trauma",
            "high-energy mechanism",
        ),
        emergency(
            "head",
            "Was there a knock to the head with any blackout, even briefly?",
            "head_injury_red_flags",
            "head injury with loss of consciousness",
        ),
        emergency(
            "deformed",
            "Is a bone showing, or is the limb badly out of shape?",
            "major_trauma",
            "open or deformed fracture",
        ),
        urgent(
            "weight",
            "Are you unable to put any weight on it, or use it?",
            "cannot bear weight or use the limb: same-day X-ray",
        ),
    ),
    # British Burn Association referral guidance; ABA burn-centre criteria; NHS burns.
    "burn": protocol(
        "burn",
        emergency(
            "electrical_chemical",
            "Was it an electrical or a chemical burn?",
            "severe_burn",
            "electrical or chemical burn",
        ),
        emergency(
            "face",
            "Is there a burn to the face, mouth, or throat?",
            "severe_burn",
            "burn to the face or airway",
        ),
        emergency(
            "deep",
            "Is the burned skin white, charred, or strangely painless?",
            "severe_burn",
            "deep burn",
        ),
        urgent(
            "size",
            "Is the burn bigger than the palm of the person's hand?",
            "burn larger than the hand's palm: same-day burns assessment",
        ),
    ),
    # Stop the Bleed; NICE NG184 (bites); NICE NG141 (cellulitis).
    "skin_wound": protocol(
        "skin_wound",
        emergency(
            "bleeding",
            "Is it still bleeding after ten minutes of firm pressure?",
            "heavy_bleeding",
            "wound bleeding not controlled by pressure",
        ),
        emergency(
            "object",
            "Is there something stuck in the wound?",
            "major_trauma",
            "impaled object",
        ),
        urgent(
            "gaping",
            "Is the wound gaping, so the edges don't meet?",
            "gaping wound: closure within hours",
        ),
        urgent(
            "bite",
            "Was it caused by an animal or a human bite?",
            "bite breaking the skin: same-day assessment",
        ),
    ),
}
