from __future__ import annotations

import pytest

from agent.slots.names import (
    NAME_MATCH_THRESHOLD,
    SpokenName,
    name_similarity,
    normalise_name,
    parse_spoken_name,
)

INJECTION = "Robert'); DROP TABLE patients;--"


@pytest.mark.parametrize(
    ("text", "given", "family"),
    [
        ("my name is Mary O'Brien", "Mary", "O'Brien"),
        ("My name's Mary O'Brien.", "Mary", "O'Brien"),
        ("mary o'brien", "Mary", "O'Brien"),  # a lower-case transcript
        ("MARY O'BRIEN", "Mary", "O'Brien"),
        ("it's Smith, John", "John", "Smith"),  # a comma: family name first
        ("this is Zoë Núñez", "Zoë", "Núñez"),
        ("this is Zoe\u0308 Nu\u0301n\u0303ez", "Zoë", "Núñez"),  # decomposed accents
        ("John Smith", "John", "Smith"),
        ("uh, hi, yeah, this is John Smith calling about my appointment", "John", "Smith"),
        ("It's Maria de la Cruz.", "Maria", "de la Cruz"),
        ("Mary-Jane Watson", "Mary-Jane", "Watson"),
        ("I'm Ann", "Ann", None),
        ("Dr. Patel here", None, "Patel"),
        ("it's Mrs. Anne Lee", "Anne", "Lee"),
    ],
)
def test_names_in_sentences(text: str, given: str | None, family: str | None) -> None:
    name = parse_spoken_name(text)
    assert name is not None, text
    assert (name.given, name.family) == (given, family)
    assert not name.for_someone_else


def test_middle_names_nicknames_and_suffixes() -> None:
    assert parse_spoken_name("uh yeah it's Robert, Bob, Jones") == SpokenName(
        given="Robert", family="Jones", nicknames=("Bob",)
    )
    assert parse_spoken_name('Robert "Bob" Jones') == SpokenName(
        given="Robert", family="Jones", nicknames=("Bob",)
    )
    assert parse_spoken_name("it's Robert, Bob Jones") == SpokenName(
        given="Robert", family="Jones", nicknames=("Bob",)
    )
    assert parse_spoken_name("Mary Ann O'Brien") == SpokenName(
        given="Mary", middle="Ann", family="O'Brien"
    )
    name = parse_spoken_name("It's John Q. Smith Jr.")
    assert name == SpokenName(given="John", middle="Q", family="Smith")
    assert name.full == "John Q Smith"


@pytest.mark.parametrize(
    ("text", "given", "family", "spelled"),
    [
        ("John Smith S M I T H", "John", "Smith", "SMITH"),
        ("John Smyth, S-M-I-T-H", "John", "Smith", "SMITH"),  # the letters win
        ("it's Jon, J O N, Smyth", "Jon", "Smyth", "JON"),
        ("John Smith, S as in Sam, M, I, T, H", "John", "Smith", "SMITH"),
        ("Anne Lee, that's L double E", "Anne", "Lee", "LEE"),
        ("S.M.I.T.H.", None, "Smith", "SMITH"),
        ("my name is Ng, N G, Wei", "Ng", "Wei", "NG"),
        ("it's John, and my last name is spelled K O W A L S K I", "John", "Kowalski", "KOWALSKI"),
    ],
)
def test_spelled_letters(text: str, given: str | None, family: str, spelled: str) -> None:
    name = parse_spoken_name(text)
    assert name is not None
    assert (name.given, name.family, name.spelled) == (given, family, spelled)


def test_someone_else() -> None:
    for text in (
        "I'm calling for my mother, her name is Ann Lee",
        "I'm calling for my mother Ann Lee",
        "this is John, calling about my mother, Ann Lee",
        "my mom's name is Ann Lee",
        "the patient is Ann Lee",
        "it's for my mother, her name's Ann Lee",
    ):
        assert parse_spoken_name(text) == SpokenName(
            given="Ann", family="Lee", for_someone_else=True
        ), text
    assert parse_spoken_name("I'm calling for my husband") == SpokenName(for_someone_else=True)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "uh",
        "Hi, I'm calling to book an appointment",
        "1950",
        None,
        "yes",
        "[BLANK_AUDIO]",
    ],
)
def test_no_name(text: str | None) -> None:
    assert parse_spoken_name(text) is None


def test_injection_is_just_text() -> None:
    name = parse_spoken_name(INJECTION)
    assert name is not None and name.given == "Robert"
    assert normalise_name(INJECTION) == "robertdroptablepatients"
    assert name_similarity(INJECTION, "Robert Jones") < NAME_MATCH_THRESHOLD
    assert name_similarity(INJECTION, "Bobby Tables") < NAME_MATCH_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("O'Brien", "OBrien"),
        ("O'Brien", "O Brien"),
        ("Zoë Núñez", "zoe nunez"),
        ("Mary-Jane", "Mary Jane"),
        ("Straße", "STRASSE"),
        ("Søren Kierkegaard", "Soren Kierkegaard"),
        ("Łukasz", "Lukasz"),
    ],
)
def test_normalise_name(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b) != ""


@pytest.mark.parametrize(
    ("heard", "on_file"),
    [
        ("John Smith", "John Smith"),
        ("Jon Smyth", "John Smith"),
        ("John Smyth", "John Smith"),
        ("Smith John", "John Smith"),
        ("Smith, John", "John Smith"),
        ("O Brien Mary", "Mary O'Brien"),
        ("Mary OBrien", "Mary O'Brien"),
        ("Bob Jones", "Robert Jones"),
        ("Bill Turner", "William Turner"),
        ("Peggy Hill", "Margaret Hill"),
        ("Liz Taylor", "Elizabeth Taylor"),
        ("Mary O'Brien", "Mary Ann O'Brien"),  # middle name left out
        ("Katherine Smith", "Kathryn Smith"),
        ("Steven Brown", "Stephen Brown"),
        ("Mohammed Ali", "Muhammad Ali"),
        ("Micheal Jonson", "Michael Johnson"),
        ("Shawn Murphy", "Sean Murphy"),
        ("Zoe Nunez", "Zoë Núñez"),
        ("Maria Cruz", "Maria de la Cruz"),
    ],
)
def test_same_name(heard: str, on_file: str) -> None:
    assert name_similarity(heard, on_file) >= NAME_MATCH_THRESHOLD


@pytest.mark.parametrize(
    ("heard", "on_file"),
    [
        ("Jane Smith", "John Smith"),
        ("Mary Smith", "John Smith"),
        ("Smith", "John Smith"),  # one name of two
        ("John", "John Smith"),
        ("Ann Lee", "Ian Lee"),
        ("Lee Wong", "Li Wang"),
        ("Peter Parker", "Mary O'Brien"),
        ("", "John Smith"),
        ("John Smith", ""),
    ],
)
def test_different_name(heard: str, on_file: str) -> None:
    assert name_similarity(heard, on_file) < NAME_MATCH_THRESHOLD


def test_similarity_is_bounded_and_symmetric_enough() -> None:
    assert name_similarity("Mary O'Brien", "Mary O'Brien") == 1.0
    assert name_similarity(None, "x") == 0.0
    assert 0.0 <= name_similarity("a" * 10_000, "b" * 10_000) <= 1.0
    a, b = name_similarity("Jon Smyth", "John Smith"), name_similarity("John Smith", "Jon Smyth")
    assert abs(a - b) < 0.05
