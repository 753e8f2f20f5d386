from __future__ import annotations

import pytest

from agent.slots.medications import (
    MedMatch,
    heard_medications,
    match_medication,
    names_a_medicine,
)

ON_FILE = [
    "Lisinopril 10 mg tablet",
    "Metformin 500 mg",
    "Atorvastatin 20 mg",
    "Levothyroxine 50 mcg",
    "Alprazolam 0.5 mg",
    "Albuterol HFA inhaler",
    "Amlodipine 5 mg",
    "Sertraline 50 mg",
]


@pytest.mark.parametrize(
    ("heard", "name"),
    [
        ("lisinopril", "Lisinopril 10 mg tablet"),
        ("lice in a pril", "Lisinopril 10 mg tablet"),
        ("met for men", "Metformin 500 mg"),
        ("I need a refill on my met for men please", "Metformin 500 mg"),
        ("a tour of a statin", "Atorvastatin 20 mg"),
        ("leave a thyroxine", "Levothyroxine 50 mcg"),
        ("all prazolam", "Alprazolam 0.5 mg"),
        ("albuterol inhaler", "Albuterol HFA inhaler"),
        ("my albuterol", "Albuterol HFA inhaler"),
        ("am low dipine", "Amlodipine 5 mg"),
        ("sir tra leen", "Sertraline 50 mg"),
        ("METFORMIN.", "Metformin 500 mg"),
    ],
)
def test_recognition_errors(heard: str, name: str) -> None:
    match = match_medication(heard, ON_FILE)
    assert match is not None, heard
    assert match.name == name
    assert match.confident and not match.ambiguous
    assert match.said_as is None


@pytest.mark.parametrize(
    ("heard", "name"),
    [
        ("I need a refill on my lice and a pril please", "Lisinopril 10 mg tablet"),
        ("leave oh thigh rocks in", "Levothyroxine 50 mcg"),
    ],
)
def test_harder_errors_still_match(heard: str, name: str) -> None:
    match = match_medication(heard, ON_FILE)
    assert match is not None
    assert match.name == name


@pytest.mark.parametrize(
    ("heard", "name", "said_as"),
    [
        ("my Lipitor", "Atorvastatin 20 mg", "Lipitor"),
        ("Synthroid", "Levothyroxine 50 mcg", "Synthroid"),
        ("the glucophage", "Metformin 500 mg", "Glucophage"),
        ("Xanax", "Alprazolam 0.5 mg", "Xanax"),
        ("norvasc", "Amlodipine 5 mg", "Norvasc"),
        ("Zoloft", "Sertraline 50 mg", "Zoloft"),
        ("the ventolin inhaler", "Albuterol HFA inhaler", "Ventolin"),
        ("zestril", "Lisinopril 10 mg tablet", "Zestril"),
    ],
)
def test_brand_names_find_generics(heard: str, name: str, said_as: str) -> None:
    match = match_medication(heard, ON_FILE)
    assert match is not None
    assert (match.name, match.said_as, match.confident) == (name, said_as, True)


def test_generic_names_find_brands_on_file() -> None:
    match = match_medication("atorvastatin", ["Lipitor 20mg", "Synthroid"])
    assert match is not None
    assert (match.name, match.said_as) == ("Lipitor 20mg", "atorvastatin")
    named = match_medication("atorvastatin (Lipitor) 20 mg", ["atorvastatin (Lipitor) 20 mg"])
    assert named is not None and named.said_as is None


def test_two_close_candidates_ask_which() -> None:
    match = match_medication("hydro zine", ["hydroxyzine 25 mg", "hydralazine 25 mg"])
    assert match is not None
    assert not match.confident
    assert match.ambiguous and match.alternatives == ("hydralazine 25 mg",)
    exact = match_medication("hydralazine", ["hydroxyzine 25 mg", "hydralazine 25 mg"])
    assert exact == MedMatch("hydralazine 25 mg", 1.0, True)


@pytest.mark.parametrize(
    "heard",
    ["I need a refill", "my blood pressure pill", "metoprolol", "", "yes", "the blue one"],
)
def test_nothing_close(heard: str) -> None:
    assert match_medication(heard, ON_FILE) is None


def test_bad_candidates_are_ignored() -> None:
    assert match_medication("metformin", []) is None
    assert match_medication("metformin", ["", "5 mg", None]) is None  # type: ignore[list-item]
    assert match_medication("metformin", "metformin") is None  # type: ignore[arg-type]
    assert heard_medications("metformin", None) == []  # type: ignore[arg-type]


def test_several_medications_in_one_turn() -> None:
    found = heard_medications(
        "um my lisinopril and the met for men, oh and also a tour of a statin", ON_FILE
    )
    assert [m.name for m in found] == [
        "Lisinopril 10 mg tablet",
        "Metformin 500 mg",
        "Atorvastatin 20 mg",
    ]
    assert all(m.confident for m in found)
    back_to_back = heard_medications("lisinopril metformin", ON_FILE)
    assert [m.name for m in back_to_back] == ["Lisinopril 10 mg tablet", "Metformin 500 mg"]
    assert [m.name for m in heard_medications("Xanax and Zoloft", ON_FILE)] == [
        "Alprazolam 0.5 mg",
        "Sertraline 50 mg",
    ]
    assert heard_medications("just the usual please", ON_FILE) == []


def test_a_candidate_is_named_once() -> None:
    found = heard_medications("metformin, I said metformin", ON_FILE)
    assert [m.name for m in found] == ["Metformin 500 mg"]


@pytest.mark.parametrize(
    "text",
    [
        "Penicillin.",
        "amoxicillin please",
        "my Lipitor",
        "um, omeprazole",
        "metformin and lisinopril",
    ],
)
def test_a_short_answer_naming_a_medicine_is_one(text: str) -> None:
    assert names_a_medicine(text)


@pytest.mark.parametrize(
    "text",
    ["chest pain", "I'm not sure", "Can a chill in?", "the blue inhaler", "examine me", "", "help",
     "penicillin allergy", "I took all my amoxicillin and my lips are swelling",
     # a number beside a name is no bare name: a cry for help, or how many were taken
     "Oxycodone 911", "Tylenol 40", "the lisinopril 10",
     # an English word with a drug's ending ("-pril")
     "April", "in April", "cholesterol", "my cholesterol",
     # a long turn is read whole or not at all
     "insulin " + "please " * 60 + "he has a rash and a fever"],
)  # fmt: skip
def test_anything_else_is_not_a_medicine_name(text: str) -> None:
    assert not names_a_medicine(text)


def test_a_medicine_name_check_never_raises() -> None:
    assert not names_a_medicine(None)
    assert not names_a_medicine("x" * 10_000)
