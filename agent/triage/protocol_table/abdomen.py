"""Follow-up protocols: things swallowed and the gut (poisoning, abdominal pain, vomiting and
diarrhoea). See the package docstring."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

ABDOMEN: dict[str, tuple[Question, ...]] = {
    # NHS poisoning; NPIS principles; National Capital Poison Center (button batteries).
    "poisoning": protocol(
        "poisoning",
        emergency(
            "on_purpose",
            "Was anything taken on purpose, to cause harm?",
            "overdose",
            "intentional overdose or poisoning",
        ),
        emergency(
            "dangerous",
            "Could it be a button battery, magnets, or a cleaning chemical?",
            "toxic_ingestion",
            "possible button battery, magnet or caustic ingestion",
        ),
        emergency(
            "symptoms",
            "Since then, has the person been drowsy, sick, or unwell in any way?",
            "toxic_ingestion",
            "symptoms after an ingestion",
        ),
        emergency(
            "others_medicine",
            "Could it be someone else's medicine?",
            "toxic_ingestion",
            "possible ingestion of another person's medicine",
        ),
    ),
    # NHS stomach ache (call if the belly is rigid); NICE CG141; NICE NG126 (ectopic).
    "abdominal_pain": protocol(
        "abdominal_pain",
        emergency(
            "blood_vomit",
            "Have you vomited blood, or something that looks like coffee grounds?",
            "gi_bleed",
            "vomiting blood or coffee-ground material",
        ),
        emergency(
            "rigid",
            "Is your stomach hard, and very painful to touch?",
            "acute_abdomen",
            "rigid, very tender abdomen",
        ),
        emergency(
            "faint",
            "Have you fainted, or felt like you might faint?",
            "acute_abdomen",
            "abdominal pain with fainting or near-fainting",
        ),
        urgent(
            "pregnant",
            "Is there any chance you could be pregnant?",
            "abdominal pain in possible pregnancy: same-day check for ectopic pregnancy",
        ),
    ),
    # NICE CG84 (dehydration and shock signs); NHS diarrhoea and vomiting; NICE CG141.
    "vomiting_diarrhea": protocol(
        "vomiting_diarrhea",
        emergency(
            "blood",
            "Is there blood in the vomit, or does it look like coffee grounds?",
            "gi_bleed",
            "vomiting blood or coffee-ground material",
        ),
        emergency(
            "no_urine",
            "Has the person passed no urine at all for twelve hours or more?",
            "severe_dehydration",
            "no urine for 12 hours or more",
        ),
        emergency(
            "drowsy",
            "Is the person very drowsy, floppy, or hard to wake?",
            "severe_dehydration",
            "drowsy or floppy with vomiting or diarrhoea",
        ),
        urgent(
            "fluids",
            "Has the person kept no fluids down at all today?",
            "unable to keep fluids down: same-day assessment",
        ),
    ),
}
