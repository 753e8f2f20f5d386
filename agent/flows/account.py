"""Billing and test results: one answer each, after identity, and a person for the rest.

careline reads a balance and the last payment; disputes and payment plans go to billing.
It never reads or interprets a result: it says whether results are in and that the care
team will call, and puts a worried caller through to a nurse.
"""

from __future__ import annotations

import re

from agent.actions import Say, Write
from agent.flows.base import FlowContext, Step, done, hand_to
from agent.slots.speak import say_date, say_money

_BILLING_PERSON = re.compile(
    r"\b(?:dispute|wrong|mistake|error|overcharg|charged twice|payment plan|instal+ments?|"
    r"can't (?:afford|pay)|cannot (?:afford|pay)|collections?|refund|insurance (?:denied|didn't))",
    re.IGNORECASE,
)
_WORRIED = re.compile(
    r"\b(?:worried|scared|anxious|nervous|concerned|frightened|what does (?:it|that) mean|"
    r"is (?:it|that) (?:bad|serious|cancer)|abnormal)\b",
    re.IGNORECASE,
)
TO_BILLING = "Our billing team can help with that."
NO_BALANCE = "I don't see a balance on this account. You don't owe anything right now."
BALANCE = "The balance on the account is {amount}."
LAST_PAYMENT = "The last payment we received was {amount}, on {day}."
PAY_HOW = "If you'd like to pay or set up a payment plan, just ask me for billing."
NO_TESTS = "I don't see any recent tests on file. If you were expecting one, a nurse can check."
RESULTS_IN = (
    "The {tests} results are in. The care team will call to go over them with you; I can't "
    "read results over the phone."
)
RESULTS_PENDING = "The {tests} results aren't in yet. The care team will call when they are."
TO_NURSE = "I understand. A nurse can talk that through with you."


def billing(ctx: FlowContext, text: str) -> Step:
    assert ctx.patient_id is not None
    if _BILLING_PERSON.search(text):
        return hand_to("billing", "billing_person", TO_BILLING)
    summary = ctx.store.billing(ctx.patient_id)
    audit = Write("audit", (("action", "read_billing"), ("patient_id", ctx.patient_id)))
    if summary is None or summary.balance_cents <= 0:
        return Step((audit, Say(NO_BALANCE)), None, finished=True)
    lines = [BALANCE.format(amount=say_money(summary.balance_cents))]
    if summary.last_payment_cents and summary.last_payment_on:
        lines.append(
            LAST_PAYMENT.format(
                amount=say_money(summary.last_payment_cents),
                day=say_date(summary.last_payment_on, ctx.today),
            )
        )
    lines.append(PAY_HOW)
    return Step((audit, *done(*lines).actions), None, finished=True)


def results(ctx: FlowContext, text: str) -> Step:
    assert ctx.patient_id is not None
    if _WORRIED.search(text):
        return hand_to("nurse", "results_worried", TO_NURSE)
    statuses = list(ctx.store.results_status(ctx.patient_id))
    audit = Write("audit", (("action", "read_results_status"), ("patient_id", ctx.patient_id)))
    if not statuses:
        return Step((audit, Say(NO_TESTS)), None, finished=True)
    ready = [s.test_name for s in statuses if s.status == "resulted"]
    waiting = [s.test_name for s in statuses if s.status != "resulted"]
    lines = []
    if ready:
        lines.append(RESULTS_IN.format(tests=_and(ready)))
    if waiting:
        lines.append(RESULTS_PENDING.format(tests=_and(waiting)))
    return Step((audit, *done(*lines).actions), None, finished=True)


def _and(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]
