"""The follow-up question table: what careline asks, per complaint, before settling a level.

**Not clinically reviewed.** Every question, level and reason below must be reviewed by a
licensed clinician before careline asks real callers. The rules restate the public guidance
named in ``models/data/README.md`` ("Complaints and the rules used"), which is where each
complaint's source is listed; the red-flag ids come from that README's vocabulary.

How to review one protocol (one entry of :data:`PROTOCOLS`):

- Questions are asked top to bottom, most important first, and only while the call is below
  emergency. The first "yes" to an ``emergency(...)`` question ends the protocol: the caller
  is told to call the emergency number at once, so nothing after it is ever asked.
- ``emergency(id, text, red_flag, reason)``: "yes" raises the level to emergency and records
  ``red_flag``. ``urgent(id, text, reason)``: "yes" raises to urgent (same-day clinician).
  No answer ever lowers a level, and "no" only moves on to the next question.
- ``only_if="<id>"``: asked only when the caller did not say a clear "no" to that earlier
  question (used so nobody is asked about a suicide plan after saying they have no such
  thoughts). A question that could not raise the current level is skipped to save the
  caller's time, unless another question depends on it.
- An unclear answer is asked once more with the keypad hint; a second unclear answer, or
  silence, leaves the red flag "not ruled out": the level rises to urgent (a nurse calls
  back today), never to a guess. See ``agent/triage/protocols.py``.
- ``text`` is read aloud by the speech synthesiser to a possibly frightened or elderly
  caller, sometimes a relative answering for the patient (the protocol's introduction asks
  them to answer for the patient). So: short, plain words, one idea, "yes" is the worrying
  answer, numbers written as words (the synthesiser and the caller both cope better).
- ``reason`` is what a nurse reads in the call record: the finding, not the question.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

# Spoken before the first question, so a relative calling about someone else answers for them.
INTRO = (
    "I'd like to ask you a few quick questions. Please answer yes or no. "
    "If you're calling about someone else, please answer for them."
)
# The keypad is offered only after an unclear answer: hearing it before every question makes
# the call longer for the many callers who answer clearly the first time.
KEYPAD_HINT = "Please say yes or no, or press 1 for yes, 2 for no."
REPROMPT_LEAD = "Sorry, let me ask that again."


class IfYes(NamedTuple):
    """What a "yes" means: the level it raises to, the red flag it confirms, and why."""

    level: str
    red_flag: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    if_yes: IfYes
    only_if: str | None = None  # asked only if the caller did not say "no" to this question

    @property
    def reprompt(self) -> str:
        return f"{REPROMPT_LEAD} {self.text} {KEYPAD_HINT}"


def emergency(
    qid: str, text: str, red_flag: str, reason: str, *, only_if: str | None = None
) -> Question:
    return Question(qid, text, IfYes("emergency", red_flag, reason), only_if)


def urgent(qid: str, text: str, reason: str, *, only_if: str | None = None) -> Question:
    return Question(qid, text, IfYes("urgent", None, reason), only_if)


def _protocol(name: str, *questions: Question) -> tuple[Question, ...]:
    # Ids are written short in the table and stored as "<complaint>.<id>" so an answer in the
    # call record names its question unambiguously.
    return tuple(
        replace(q, id=f"{name}.{q.id}", only_if=q.only_if and f"{name}.{q.only_if}")
        for q in questions
    )


# Asked when the complaint is unknown (None or not in the table): the commonest
# life-threatening presentations, as in the "any of these, call the emergency number" lists
# of NHS 111 and the AHA.
GENERIC = _protocol(
    "generic",
    emergency(
        "breathing",
        "Are you struggling to breathe right now?",
        "severe_breathing",
        "struggling to breathe",
    ),
    emergency(
        "chest_pain",
        "Do you have any chest pain or pressure?",
        "chest_pain_cardiac",
        "unexplained chest pain or pressure",
    ),
    emergency(
        "stroke",
        "Is there any new weakness, numbness, or trouble speaking?",
        "stroke_signs",
        "new weakness, numbness or speech difficulty",
    ),
    emergency(
        "confusion",
        "Are you confused, or much drowsier than usual?",
        "acute_confusion",
        "new confusion or drowsiness",
    ),
)

PROTOCOLS: dict[str, tuple[Question, ...]] = {
    # AHA heart attack warning signs; NICE CG95.
    "chest_pain": _protocol(
        "chest_pain",
        emergency(
            "spreading",
            "Does the pain spread to your arm, jaw, neck, or back?",
            "chest_pain_cardiac",
            "chest pain spreading to arm, jaw, neck or back",
        ),
        emergency(
            "breathless",
            "Are you short of breath with the pain?",
            "chest_pain_cardiac",
            "chest pain with breathlessness",
        ),
        emergency(
            "sweating",
            "Are you sweaty or clammy?",
            "chest_pain_cardiac",
            "chest pain with sweating",
        ),
        emergency(
            "long",
            "Has the pain lasted more than fifteen minutes?",
            "chest_pain_cardiac",
            "chest pain lasting over 15 minutes",
        ),
    ),
    # NHS heart palpitations; NICE CG109 (syncope); NICE NG196 (atrial fibrillation).
    "palpitations": _protocol(
        "palpitations",
        emergency(
            "fainted",
            "Have you fainted, or nearly fainted?",
            "cardiac_syncope",
            "palpitations with fainting or near-fainting",
        ),
        emergency(
            "chest_pain",
            "Do you have any chest pain?",
            "chest_pain_cardiac",
            "palpitations with chest pain",
        ),
        emergency(
            "breathless",
            "Are you so short of breath that it's hard to speak?",
            "severe_breathing",
            "palpitations with severe breathlessness",
        ),
        urgent(
            "ongoing",
            "Is your heart still racing or beating unevenly now?",
            "ongoing fast or irregular heartbeat: same-day pulse check and ECG",
        ),
    ),
    # BTS/SIGN asthma (life-threatening features); NICE NG115; NICE NG158 (PE).
    "breathing": _protocol(
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
    "respiratory_infection": _protocol(
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
    "allergic_reaction": _protocol(
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
    "ear_nose_throat": _protocol(
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
    "dental": _protocol(
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
    # NICE CG150 headache red flags; NICE NG240 (meningitis); NICE NG133 (pre-eclampsia).
    "headache": _protocol(
        "headache",
        emergency(
            "sudden",
            "Did the headache start suddenly and reach its worst within about a minute?",
            "thunderclap_headache",
            "sudden severe headache peaking within a minute",
        ),
        emergency(
            "stroke",
            "Do you have any new weakness, numbness, or trouble speaking?",
            "stroke_signs",
            "headache with weakness, numbness or speech difficulty",
        ),
        emergency(
            "stiff_neck",
            "Is your neck stiff, so you can't bend your chin to your chest?",
            "meningitis_signs",
            "headache with a stiff neck",
        ),
        urgent(
            "pregnant",
            "Are you more than twenty weeks pregnant?",
            "headache after 20 weeks of pregnancy: same-day check for pre-eclampsia",
        ),
    ),
    # AHA/ASA BE-FAST (call even if symptoms go away); NICE NG128.
    "neurological": _protocol(
        "neurological",
        emergency(
            "face",
            "Has one side of the face drooped, even for a short time?",
            "stroke_signs",
            "face droop, possibly resolved",
        ),
        emergency(
            "limb",
            "Has an arm or leg gone weak or numb on one side, even briefly?",
            "stroke_signs",
            "one-sided arm or leg weakness or numbness, possibly resolved",
        ),
        emergency(
            "speech",
            "Has speech been slurred or muddled, even briefly?",
            "stroke_signs",
            "slurred or muddled speech, possibly resolved",
        ),
        emergency(
            "vision",
            "Has there been sudden loss of sight, or double vision?",
            "stroke_signs",
            "sudden vision loss or double vision",
        ),
    ),
    # NICE CG109 (transient loss of consciousness); NICE CKS vertigo (central features).
    "dizziness": _protocol(
        "dizziness",
        emergency(
            "stroke",
            "Do you have any new weakness, numbness, or trouble speaking?",
            "stroke_signs",
            "dizziness with weakness, numbness or speech difficulty",
        ),
        emergency(
            "exertion",
            "Did you faint or nearly faint while exercising or exerting yourself?",
            "cardiac_syncope",
            "faint or near-faint on exertion",
        ),
        emergency(
            "black_stools",
            "Have your stools been black, like tar?",
            "gi_bleed",
            "dizziness with black stools",
        ),
        urgent(
            "fainted",
            "Have you fainted today?",
            "faint today: same-day assessment",
        ),
    ),
    # AHA / European Resuscitation Council basic life support; NICE NG232 (head injury).
    "unresponsive": _protocol(
        "unresponsive",
        emergency(
            "responding",
            "Right now, is the person hard to wake, or not answering you normally?",
            "unresponsive",
            "not responding normally now",
        ),
        emergency(
            "breathing",
            "Is their breathing noisy, gasping, or irregular?",
            "severe_breathing",
            "abnormal breathing",
        ),
        emergency(
            "head",
            "Did they hit their head when they went down?",
            "head_injury_red_flags",
            "head injury with loss of consciousness",
        ),
        emergency(
            "heart",
            "Did they have chest pain or a pounding heart just before?",
            "cardiac_syncope",
            "collapse after chest pain or palpitations",
        ),
    ),
    # 988 Lifeline guidance and NHS "help for suicidal thoughts" (asking directly does not
    # increase risk); NICE NG225 (self-harm).
    "mental_health": _protocol(
        "mental_health",
        urgent(
            "thoughts",
            "Can I ask, are you having thoughts of suicide, or of harming yourself?",
            "thoughts of suicide or self-harm: same-day clinician",
        ),
        emergency(
            "plan",
            "Have you made a plan to end your life?",
            "suicidal_intent",
            "suicidal thoughts with a plan",
            only_if="thoughts",
        ),
        emergency(
            "acted",
            "Have you already done something to harm yourself today?",
            "suicidal_intent",
            "self-harm or an attempt already made today",
            only_if="thoughts",
        ),
        emergency(
            "others",
            "Do you feel you might hurt someone else?",
            "harm_to_others",
            "risk of harm to others",
        ),
    ),
    # College of Optometrists guidelines; RCOphth urgency categories; NICE CKS red eye.
    "eye": _protocol(
        "eye",
        emergency(
            "sight",
            "Have you suddenly lost some or all of the sight in that eye?",
            "sudden_vision_loss",
            "sudden loss of vision",
        ),
        emergency(
            "curtain",
            "Is there a dark curtain or shadow across your vision?",
            "sudden_vision_loss",
            "curtain or shadow across the vision",
        ),
        emergency(
            "chemical",
            "Has a chemical splashed into the eye?",
            "eye_injury_severe",
            "chemical splash to the eye",
        ),
        urgent(
            "painful",
            "Is the eye painful, not just gritty or itchy?",
            "painful eye: same-day eye assessment",
        ),
    ),
    # NHS poisoning; NPIS principles; National Capital Poison Center (button batteries).
    "poisoning": _protocol(
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
    "abdominal_pain": _protocol(
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
    "vomiting_diarrhea": _protocol(
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
    # Stop the Bleed / American Red Cross; NHS nosebleeds.
    "bleeding": _protocol(
        "bleeding",
        emergency(
            "spurting",
            "Is the blood spurting, or soaking through a cloth?",
            "heavy_bleeding",
            "spurting or soaking bleeding",
        ),
        emergency(
            "not_stopping",
            "Is it still bleeding after ten minutes of firm pressure?",
            "heavy_bleeding",
            "bleeding not controlled by 10 minutes of pressure",
        ),
        emergency(
            "faint",
            "Do you feel faint or dizzy?",
            "heavy_bleeding",
            "bleeding with faintness",
        ),
        urgent(
            "thinners",
            "Do you take a blood thinner, like warfarin?",
            "bleeding on an anticoagulant: same-day review",
        ),
    ),
    # ACOG / CDC "Hear Her"; NICE NG126 (ectopic); RCOG reduced fetal movements; NICE NG133.
    "pregnancy": _protocol(
        "pregnancy",
        emergency(
            "bleeding",
            "Are you bleeding heavily, or passing clots?",
            "pregnancy_bleeding",
            "heavy bleeding or clots in pregnancy",
        ),
        emergency(
            "pain",
            "Do you have severe pain in your stomach, or pain on one side?",
            "pregnancy_severe_pain",
            "severe or one-sided abdominal pain in pregnancy",
        ),
        emergency(
            "movements",
            "Has the baby been moving less than usual?",
            "reduced_fetal_movement",
            "reduced fetal movements",
        ),
        emergency(
            "headache_vision",
            "Do you have a bad headache, or any change in your vision?",
            "preeclampsia_signs",
            "severe headache or visual disturbance in pregnancy",
        ),
    ),
    # NHS urinary retention; NICE NG109 / NG111 (lower UTI, pyelonephritis); NICE NG51.
    "urinary": _protocol(
        "urinary",
        emergency(
            "retention",
            "Are you unable to pass any urine at all, even though you need to?",
            "urinary_retention",
            "unable to pass urine",
        ),
        emergency(
            "confused",
            "Are you confused, or much sleepier than usual?",
            "sepsis_signs",
            "urinary symptoms with new confusion or drowsiness",
        ),
        urgent(
            "kidney",
            "Do you have a fever, or pain in your back just below the ribs?",
            "fever or loin pain: possible kidney infection",
        ),
        urgent(
            "pregnant",
            "Is there any chance you could be pregnant?",
            "urinary symptoms in possible pregnancy: same-day review",
        ),
    ),
    # NICE CKS scrotal pain and swelling; BAUS priapism guidance.
    "genital": _protocol(
        "genital",
        emergency(
            "testicle",
            "Is there sudden, severe pain in a testicle?",
            "testicular_torsion",
            "sudden severe testicular pain",
        ),
        emergency(
            "erection",
            "Is there a painful erection that has lasted more than three hours?",
            "priapism",
            "painful erection lasting over 3 hours",
        ),
        urgent(
            "fever",
            "Do you have a fever, or feel generally unwell?",
            "genital symptoms with fever or feeling unwell: same-day assessment",
        ),
    ),
    # JBDS DKA and hypoglycaemia guidance; ADA hypoglycaemia levels; NICE NG19.
    "diabetes": _protocol(
        "diabetes",
        emergency(
            "confused",
            "Is the person confused, or very drowsy?",
            "acute_confusion",
            "confusion or drowsiness with diabetes: severe hypo or DKA",
        ),
        emergency(
            "needed_help",
            "Did a low sugar need someone else's help to treat?",
            "severe_hypoglycemia",
            "hypoglycaemia needing another person's help",
        ),
        emergency(
            "dka",
            "Are you vomiting, or breathing unusually deep and fast?",
            "dka",
            "vomiting or deep fast breathing with diabetes: possible DKA",
        ),
        urgent(
            "foot",
            "Do you have a new sore, or a colour change, on your foot?",
            "diabetic foot problem: same-day review",
        ),
    ),
    # NICE NG143 traffic lights; AAP febrile infant guidance; NICE NG51; NICE CG151.
    "fever": _protocol(
        "fever",
        emergency(
            "infant",
            "Is this a baby under three months old?",
            "infant_fever",
            "fever in a baby under 3 months",
        ),
        emergency(
            "rash",
            "Is there a rash that doesn't fade when you press a glass on it?",
            "meningitis_signs",
            "fever with a non-blanching rash",
        ),
        emergency(
            "drowsy",
            "Is the person confused, very drowsy, or hard to wake?",
            "sepsis_signs",
            "fever with confusion or drowsiness",
        ),
        emergency(
            "chemo",
            "Is the person having chemotherapy?",
            "sepsis_signs",
            "fever during chemotherapy",
        ),
    ),
    # NICE NG240 and the NHS glass test; BAD SJS/TEN guidance; NHS anaphylaxis.
    "rash": _protocol(
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
    "injury": _protocol(
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
    "burn": _protocol(
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
    "skin_wound": _protocol(
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
    # NICE NG59 and CKS back pain red flags; NHS cauda equina; NICE NG234.
    "back_pain": _protocol(
        "back_pain",
        emergency(
            "numb",
            "Is there any numbness around your bottom or between your legs?",
            "cauda_equina",
            "saddle numbness",
        ),
        emergency(
            "bladder",
            "Have you had any new trouble with your bladder or bowels?",
            "cauda_equina",
            "new bladder or bowel dysfunction",
        ),
        emergency(
            "legs",
            "Are both of your legs weak, or getting weaker?",
            "cauda_equina",
            "weakness in both legs",
        ),
        urgent(
            "cancer",
            "Have you ever been treated for cancer?",
            "back pain with a cancer history: possible spinal metastases",
        ),
    ),
    # ESVS 2020 acute limb ischaemia; NICE NG158 (DVT and PE); NICE CKS septic arthritis.
    "musculoskeletal": _protocol(
        "musculoskeletal",
        emergency(
            "cold_limb",
            "Is an arm or leg suddenly cold, pale, or numb?",
            "limb_ischemia",
            "cold, pale or numb limb",
        ),
        emergency(
            "breathless",
            "Have you suddenly become short of breath?",
            "pe_signs",
            "sudden breathlessness with a limb problem",
        ),
        urgent(
            "calf",
            "Is one calf or leg swollen and painful?",
            "one-sided leg swelling and pain: DVT assessment within hours",
        ),
        urgent(
            "hot_joint",
            "Is a joint hot and swollen?",
            "hot swollen joint: same-day assessment",
        ),
    ),
}
