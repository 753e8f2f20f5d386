"""Follow-up protocols: the back and limbs (back pain, cold limb, clots, hot joints). See the
package docstring."""

from __future__ import annotations

from agent.triage.protocol_table.base import Question, emergency, protocol, urgent

BACK_LIMBS: dict[str, tuple[Question, ...]] = {
    # NICE NG59 and CKS back pain red flags; NHS cauda equina; NICE NG234.
    "back_pain": protocol(
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
    "musculoskeletal": protocol(
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
