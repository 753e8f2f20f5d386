"""Home-care advice careline speaks when a call settles at ``self_care``.

**This text must be reviewed and signed off by a licensed clinician before careline speaks it
to real callers.** It is general, conservative advice restated in our own words from the NHS
self-care pages named beside each entry (nhs.uk, "Health A to Z"), not quoted; it gives no
doses and names only common over-the-counter care "as the packet says".

How to review an entry of :data:`ADVICE`:

- ``source``: the public page the advice follows; check the text against it.
- ``text``: one to three short spoken sentences. The caller hears it once, on the phone, so
  it says only what matters most.
- ``safety_net``: always present, always last: what means calling back, and what means calling
  the emergency number (``{emergency_number}``, filled in per deployment) straight away. It
  repeats the complaint's red flags from ``agent/triage/protocol_table/`` in plain words.
- Complaints in :data:`NO_SELF_CARE_ADVICE` get no specific advice: self-care is rarely
  right for them and the wrong home advice could delay care, so the caller hears the generic
  advice and is offered a nurse (:func:`offers_nurse`).

Every answer careline gives about symptoms includes :data:`NOT_A_DIAGNOSIS`;
:func:`self_care_advice` starts with it, so the dialogue must not say it again before.
``{pain_reliever}`` is "paracetamol" by default; a US deployment may pass "acetaminophen".
"""

from __future__ import annotations

from typing import NamedTuple

NOT_A_DIAGNOSIS = "I'm not able to give a diagnosis."
NURSE_OFFER = "If you'd like to talk it through, I can put you through to a nurse."


class Advice(NamedTuple):
    source: str
    text: str
    safety_net: str


# Self-care is rarely the right answer for these, and advice that fits one caller could delay
# care for another (chest pain, breathing, collapse, poisoning, neurological symptoms), or
# depends on an individual plan from the caller's own team (diabetes).
NO_SELF_CARE_ADVICE = frozenset(
    {"chest_pain", "breathing", "unresponsive", "poisoning", "neurological", "diabetes"}
)

GENERIC_ADVICE = Advice(
    "NHS 111: when to get help",
    "Rest, drink plenty of fluids, and keep an eye on how you feel.",
    "Call us back if you're not getting better in a few days, or if you get worse. "
    "Call {emergency_number} straight away if you have trouble breathing, chest pain, "
    "sudden weakness or confusion, or bleeding that won't stop.",
)

ADVICE: dict[str, Advice] = {
    "respiratory_infection": Advice(
        "NHS: common cold; flu",
        "Rest, keep warm, and drink plenty of fluids. {pain_reliever}, taken as the packet "
        "says, can ease aches and a temperature, and a pharmacist can advise on other remedies.",
        "Call us back if you're not starting to feel better in about a week, or your "
        "temperature won't come down. Call {emergency_number} if you struggle to breathe, get "
        "chest pain, or become confused or very drowsy.",
    ),
    "ear_nose_throat": Advice(
        "NHS: sore throat; earache",
        "Drink plenty of fluids, eat soft, cool foods, and rest. {pain_reliever}, taken as the "
        "packet says, can ease the pain, and adults can gargle with warm salty water.",
        "Call us back if it's not better in a week, or the pain gets much worse. Call "
        "{emergency_number} if you can't swallow your saliva, start drooling, or have trouble "
        "breathing.",
    ),
    "dental": Advice(
        "NHS: toothache; mouth ulcers",
        "Take {pain_reliever} as the packet says, eat soft foods, and avoid very hot, cold or "
        "sugary things. Please see a dentist if it doesn't settle in a few days.",
        "Call a dentist or us back if your face starts to swell or you get a fever. Call "
        "{emergency_number} if swelling spreads to your neck or eye, or makes it hard to "
        "swallow or breathe.",
    ),
    "headache": Advice(
        "NHS: headaches",
        "Rest, drink plenty of water, and try to relax. {pain_reliever}, taken as the packet "
        "says, can help, but try not to take painkillers for headaches on many days in a row.",
        "Call us back if the headaches keep coming back or don't ease after a few days. Call "
        "{emergency_number} if it's suddenly the worst headache you've ever had, or comes with "
        "a stiff neck, a rash, confusion, weakness, or trouble speaking.",
    ),
    "allergic_reaction": Advice(
        "NHS: hives; allergies",
        "Try to avoid whatever caused it, and keep the skin cool. A pharmacist can advise on an "
        "antihistamine.",
        "Call us back if the rash spreads or lasts more than a couple of days. Call "
        "{emergency_number} straight away if your lips, tongue or throat swell, or you have any "
        "trouble breathing or feel faint.",
    ),
    "palpitations": Advice(
        "NHS: heart palpitations",
        "Palpitations are often brought on by caffeine, alcohol, stress or tiredness, so "
        "cutting down on these can help. Try slow, relaxed breathing while it passes.",
        "Call us back if they keep happening or last a long time. Call {emergency_number} if "
        "you get chest pain, feel faint or pass out, or are very short of breath.",
    ),
    "dizziness": Advice(
        "NHS: dizziness",
        "Sit or lie down until the dizziness passes, then get up slowly. Drink plenty of water, "
        "and don't drive or climb while you feel dizzy.",
        "Call us back if it keeps happening or doesn't go away. Call {emergency_number} if you "
        "faint, or get chest pain, a racing heart, weakness on one side, or trouble speaking.",
    ),
    "mental_health": Advice(
        "NHS: Every Mind Matters; help for suicidal thoughts",
        "Talking to someone you trust, keeping a regular sleep routine, and gentle exercise can "
        "all help. You can call us any time to book an appointment to talk about how you feel.",
        "If you ever have thoughts of harming yourself or ending your life, please call us, a "
        "crisis line, or {emergency_number} straight away.",
    ),
    "eye": Advice(
        "NHS: conjunctivitis",
        "Gently clean the eye with cotton wool soaked in cooled boiled water, and wash your "
        "hands often. Don't wear contact lenses until it's better.",
        "Call us back if it isn't better in a week, or the eye becomes painful or your sight "
        "changes. Call {emergency_number} if you suddenly lose any vision, or a chemical gets "
        "in the eye.",
    ),
    "abdominal_pain": Advice(
        "NHS: stomach ache",
        "Rest, take small sips of water, and try a hot water bottle on your tummy. Eat small, "
        "plain meals until it settles.",
        "Call us back if the pain lasts more than a day or two, or keeps coming back. Call "
        "{emergency_number} if the pain suddenly gets much worse, your stomach goes hard, you "
        "vomit blood, or you faint.",
    ),
    "vomiting_diarrhea": Advice(
        "NHS: diarrhoea and vomiting",
        "Drink plenty of fluids, little and often, and rest at home. A pharmacist can suggest "
        "rehydration sachets. Wash your hands often, and stay off work or school until two "
        "days after it stops.",
        "Call us back if it lasts more than a few days, you can't keep fluids down, or you see "
        "blood. Call {emergency_number} if the person becomes very drowsy, stops passing urine, "
        "or vomits blood.",
    ),
    "bleeding": Advice(
        "NHS: nosebleeds; cuts and grazes",
        "For a nosebleed, sit up, lean forward, and pinch the soft part of your nose for ten to "
        "fifteen minutes. For a small cut, press on it with a clean cloth, then clean and cover "
        "it.",
        "Call us back if the bleeding keeps coming back. Call {emergency_number} if the "
        "bleeding won't stop after fifteen minutes of firm pressure, or you feel faint.",
    ),
    "pregnancy": Advice(
        "NHS: vomiting and morning sickness in pregnancy",
        "Rest, eat small amounts of plain food often, and sip drinks through the day.",
        "Call your midwife or us back if you can't keep fluids down, or anything worries you. "
        "Call your maternity unit or {emergency_number} straight away if you have heavy "
        "bleeding, severe stomach pain, a bad headache with changes in your vision, or your "
        "baby is moving less than usual.",
    ),
    "urinary": Advice(
        "NHS: urinary tract infections; Pharmacy First",
        "Drink plenty of water, and rest. {pain_reliever}, taken as the packet says, can ease "
        "the pain, and a pharmacist can help with a mild urine infection.",
        "Call us back if it isn't better in a couple of days, or you get a fever, pain in your "
        "back or side, or blood in your urine. Call {emergency_number} if you can't pass urine "
        "at all, or become confused or very drowsy.",
    ),
    "genital": Advice(
        "NHS: thrush; itchy genitals",
        "Wash with plain water, avoid perfumed soaps and products, and wear loose cotton "
        "underwear. A pharmacist can advise on treatment.",
        "Call us back if it isn't better in a week, or you get a fever, sores, unusual "
        "discharge, or pain. Call {emergency_number} if you get sudden, severe pain in a "
        "testicle.",
    ),
    "fever": Advice(
        "NHS: high temperature (fever) in adults and children",
        "Rest, drink plenty of fluids, and don't wrap up too warmly. {pain_reliever}, taken as "
        "the packet says, can help if you feel unwell.",
        "Call us back if the temperature lasts more than a few days, or you're worried. Call "
        "{emergency_number} if there is a rash that doesn't fade under a glass, a stiff neck, "
        "confusion, very fast breathing, or the person is hard to wake.",
    ),
    "rash": Advice(
        "NHS: heat rash; contact dermatitis",
        "Keep the skin cool, wear loose clothing, and avoid anything that seems to set the rash "
        "off. A pharmacist can advise on a soothing cream.",
        "Call us back if it spreads, blisters, or isn't better in a few days. Call "
        "{emergency_number} if the rash doesn't fade when you press a glass on it, or you have "
        "swelling of the face or trouble breathing.",
    ),
    "injury": Advice(
        "NHS: sprains and strains; head injury and concussion",
        "Rest it for a couple of days, and hold an ice pack wrapped in a towel on it for up to "
        "twenty minutes every few hours. Raise it on a pillow when you can.",
        "Call us back if you can't put weight on it, or it isn't improving after a few days. "
        "Call {emergency_number} if the limb turns cold, pale or numb, or after a knock to the "
        "head the person becomes drowsy, confused, or keeps vomiting.",
    ),
    "burn": Advice(
        "NHS: burns and scalds",
        "Cool the burn under cool running water for twenty minutes, and take off rings or "
        "anything tight nearby. Then cover it loosely with cling film, and don't use ice, "
        "creams or butter.",
        "Call us back if it blisters, gets redder or more painful, or looks infected. Call "
        "{emergency_number} if the burn is large or deep, on the face, or caused by "
        "electricity or a chemical.",
    ),
    "skin_wound": Advice(
        "NHS: cuts and grazes",
        "Clean the wound gently under running water, pat it dry, and cover it with a clean "
        "dressing. Keep it clean and dry while it heals.",
        "Call us back if it becomes red, hot, swollen or starts oozing. Call "
        "{emergency_number} if it bleeds heavily and won't stop with pressure, or you feel "
        "very unwell with a fever.",
    ),
    # No named painkiller: NICE NG59 advises against paracetamol alone for low back pain.
    "back_pain": Advice(
        "NHS: back pain",
        "Keep moving and stay as active as the pain allows. A warm bath or a hot water bottle "
        "can help, and a pharmacist can advise on painkillers.",
        "Call us back if it isn't getting better after a few weeks, or you also have a fever. "
        "Call {emergency_number} if you get numbness around your bottom or genitals, problems "
        "controlling your bladder or bowels, or weakness in both legs.",
    ),
    "musculoskeletal": Advice(
        "NHS: sprains and strains; joint pain",
        "Rest the sore area for a day or two, then start moving it gently. An ice pack wrapped "
        "in a towel can help, and a pharmacist can advise on painkillers.",
        "Call us back if it isn't improving after a couple of weeks, or a joint becomes hot "
        "and swollen. Call {emergency_number} if an arm or leg turns cold, pale or numb, or "
        "you suddenly become short of breath.",
    ),
}


def offers_nurse(complaint: str | None) -> bool:
    """True when :func:`self_care_advice` ends by offering a nurse (no reviewed advice)."""
    return complaint not in ADVICE


def self_care_advice(
    complaint: str | None, emergency_number: str = "911", *, pain_reliever: str = "paracetamol"
) -> str:
    """The full spoken self-care answer: not-a-diagnosis, advice, then safety-netting.

    Complaints without reviewed advice get the generic advice and the offer of a nurse.
    """
    advice = ADVICE.get(complaint or "")
    parts = [NOT_A_DIAGNOSIS, *(advice or GENERIC_ADVICE)[1:]]
    if advice is None:
        parts.append(NURSE_OFFER)
    text = " ".join(parts)
    # Not str.format: a stray brace in reviewed text must not break a live call.
    text = text.replace(". {pain_reliever}", ". " + pain_reliever[:1].upper() + pain_reliever[1:])
    text = text.replace("{pain_reliever}", pain_reliever)
    return text.replace("{emergency_number}", str(emergency_number))
