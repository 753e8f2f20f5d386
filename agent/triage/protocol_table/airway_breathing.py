"""Follow-up protocols: breathing and the airway (breathlessness, chest infection, allergy,
ear, nose and throat, teeth), all of which ask first about a threatened airway."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

AIRWAY_BREATHING: dict[str, tuple[Question, ...]] = {
    # BTS/SIGN asthma (life-threatening features); NICE NG115; NICE NG158 (PE).
    "breathing": protocol(
        "breathing",
        emergency(
            "sentences",
            "Are you too breathless to finish a sentence?",
            "severe_breathing",
            "too breathless to speak in sentences",
        ),
        emergency(
            "blue",
            "Are your lips or face turning blue or grey?",
            "severe_breathing",
            "blue or grey lips or face",
        ),
        emergency(
            "drowsy",
            "Are you becoming drowsy or exhausted from the effort of breathing?",
            "severe_breathing",
            "drowsy or exhausted with breathlessness",
        ),
        urgent(
            "sudden",
            "Did the breathlessness come on suddenly, today?",
            "sudden new breathlessness: same-day assessment, consider a clot",
        ),
    ),
    # NICE CKS chest infections and CRB-65; NICE NG51 (sepsis).
    "respiratory_infection": protocol(
        "respiratory_infection",
        emergency(
            "breathless",
            "Are you so short of breath that it's hard to speak?",
            "severe_breathing",
            "infection with severe breathlessness",
        ),
        emergency(
            "confused",
            "Are you confused, or much sleepier than usual?",
            "sepsis_signs",
            "infection with new confusion or drowsiness",
        ),
        emergency(
            "mottled",
            "Is your skin blotchy, or a grey or blue colour?",
            "sepsis_signs",
            "infection with mottled, grey or blue skin",
        ),
        urgent(
            "chest_pain",
            "Do you get a sharp pain in your chest when you breathe in?",
            "pleuritic chest pain with infection: possible pneumonia",
        ),
    ),
    # WAO anaphylaxis criteria; Resuscitation Council UK anaphylaxis guideline.
    "allergic_reaction": protocol(
        "allergic_reaction",
        emergency(
            "throat",
            "Is your tongue or throat swelling?",
            "anaphylaxis",
            "tongue or throat swelling after an exposure",
        ),
        emergency(
            "breathing",
            "Are you having any trouble breathing, or wheezing?",
            "anaphylaxis",
            "breathing difficulty or wheeze with an allergic reaction",
        ),
        emergency(
            "faint",
            "Do you feel faint or light-headed?",
            "anaphylaxis",
            "faintness with an allergic reaction",
        ),
        emergency(
            "adrenaline",
            "Has an adrenaline pen, like an EpiPen, been used?",
            "anaphylaxis",
            "adrenaline auto-injector used: still needs emergency care",
        ),
    ),
    # NICE NG84 / CKS sore throat red flags; NICE CKS sudden sensorineural hearing loss.
    "ear_nose_throat": protocol(
        "ear_nose_throat",
        emergency(
            "saliva",
            "Are you unable to swallow your own saliva, or drooling?",
            "airway_compromise",
            "unable to swallow saliva or drooling",
        ),
        emergency(
            "breathing",
            "Is your breathing noisy or difficult?",
            "airway_compromise",
            "noisy or difficult breathing with a throat problem",
        ),
        emergency(
            "muffled",
            "Has your voice become muffled, as if talking with a mouthful?",
            "airway_compromise",
            "muffled voice",
        ),
        urgent(
            "hearing",
            "Have you suddenly lost the hearing in one ear?",
            "sudden one-sided hearing loss: assessment within 24 hours",
        ),
    ),
    # SDCEP emergency dental care triage; NHS knocked-out tooth.
    "dental": protocol(
        "dental",
        emergency(
            "neck_swelling",
            "Is there swelling spreading to your neck, or under your tongue?",
            "airway_compromise",
            "dental swelling spreading to the neck or floor of the mouth",
        ),
        emergency(
            "swallowing",
            "Is the swelling making it hard to swallow or breathe?",
            "airway_compromise",
            "dental swelling with difficulty swallowing or breathing",
        ),
        emergency(
            "bleeding",
            "Is your mouth still bleeding after fifteen minutes of biting on a pad?",
            "heavy_bleeding",
            "uncontrolled bleeding from the mouth",
        ),
        urgent(
            "knocked_out",
            "Has an adult tooth been knocked out?",
            "knocked-out permanent tooth: needs a dentist within the hour",
        ),
    ),
}
