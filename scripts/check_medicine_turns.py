#!/usr/bin/env python
"""How a reason for calling that only names a medicine is answered, over the real model.

    python scripts/check_medicine_turns.py              # this tree
    python scripts/check_medicine_turns.py --root DIR   # another checkout, to compare

Twenty medicines in seven phrasings ("my EpiPen", "it's about my mum's insulin", ...) go
through the trained NLU and the receptionist dialogue (no clinic database: the switchboard
routes). For each it counts what the model read and what the caller heard first: the
emergency instruction (hang up and call 911), the question whether the call is for a refill,
or a refill route. A refill caller should never hear the instruction for naming a medicine.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MEDICINES = (
    "inhaler", "metformin", "blood pressure pills", "EpiPen", "Ventolin", "insulin",
    "warfarin", "lisinopril", "sertraline", "prescription", "pain pills", "Eliquis",
    "levothyroxine", "amoxicillin", "oxycodone", "albuterol", "atorvastatin", "Xanax",
    "thyroid medicine", "water pills",
)  # fmt: skip
PHRASINGS = (
    "{m}", "my {m}", "I'm calling about my {m}", "it's about my mum's {m}",
    "hi, um, it's about my {m}", "I need more of my {m}", "I've run out of my {m}",
)  # fmt: skip


def heard(reply: str) -> str:
    if "call 911" in reply:
        return "emergency instruction"
    if "calling for a refill" in reply:
        return "asked whether it is for a refill"
    if "refill" in reply:
        return "refill route"
    return "other reply"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout to run")
    ap.add_argument("--verbose", action="store_true", help="print every turn")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.root.resolve()))
    from agent.dialogue import ReceptionDialogue
    from agent.engine import load_nlu

    nlu = load_nlu(None)
    read, first = Counter[str](), Counter[str]()
    for phrasing in PHRASINGS:
        for medicine in MEDICINES:
            text = phrasing.format(m=medicine)
            u = nlu.understand(text)
            d = ReceptionDialogue()
            d.commit(d.greeting())
            reading = u.intent if u.triage is None else f"{u.intent}, level {u.triage.level}"
            read[reading] += 1
            reply = heard(d.respond(text, u).text)
            first[reply] += 1
            if args.verbose:
                print(f"{text!r}: {reading}; {reply}")
    n = len(MEDICINES) * len(PHRASINGS)
    print(f"{n} turns that only name a medicine ({args.root})")
    print("the model read them as:")
    for what, count in read.most_common():
        print(f"  {count:4d}  {what}")
    print("the caller first heard:")
    for what, count in first.most_common():
        print(f"  {count:4d}  {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
