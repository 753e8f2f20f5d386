from __future__ import annotations

import pytest

from agent.slots.commands import (
    Answer,
    Command,
    CommandKind,
    Confirmation,
    classify_command,
    parse_confirmation,
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("say that again", CommandKind.REPEAT),
        ("Can you repeat that?", CommandKind.REPEAT),
        ("what?", CommandKind.REPEAT),
        ("Sorry?", CommandKind.REPEAT),
        ("huh", CommandKind.REPEAT),
        ("sorry I didn't hear", CommandKind.REPEAT),
        ("I didn't catch that", CommandKind.REPEAT),
        ("come again?", CommandKind.REPEAT),
        ("go back", CommandKind.GO_BACK),
        ("no wait, that's wrong", CommandKind.GO_BACK),
        ("that's not right", CommandKind.GO_BACK),
        ("start over", CommandKind.GO_BACK),
        ("I don't know", CommandKind.DONT_KNOW),
        ("not sure", CommandKind.DONT_KNOW),
        ("I can't remember", CommandKind.DONT_KNOW),
        ("I dont know", CommandKind.DONT_KNOW),
        ("no idea", CommandKind.DONT_KNOW),
        ("agent", CommandKind.PERSON),
        ("a real person please", CommandKind.PERSON),
        ("Operator!", CommandKind.PERSON),
        ("representative", CommandKind.PERSON),
        ("can I talk to someone", CommandKind.PERSON),
        ("let me speak to a human", CommandKind.PERSON),
        ("that's all", CommandKind.GOODBYE),
        ("nothing else, bye", CommandKind.GOODBYE),
        ("Goodbye.", CommandKind.GOODBYE),
        ("no that's it", CommandKind.GOODBYE),
        ("okay thanks", CommandKind.ACKNOWLEDGE),
        ("great", CommandKind.ACKNOWLEDGE),
        ("alright", CommandKind.ACKNOWLEDGE),
        ("Okay, thank you so much.", CommandKind.ACKNOWLEDGE),
        ("got it", CommandKind.ACKNOWLEDGE),
        ("hang on", CommandKind.WAIT),
        ("wait", CommandKind.WAIT),
        ("One moment please.", CommandKind.WAIT),
        ("Oh, um, hang on, let me find my card.", CommandKind.WAIT),
        ("Hang on a minute, I need to find his date of birth", CommandKind.WAIT),
        ("hold on, I'll get my husband", CommandKind.WAIT),
        ("bear with me", CommandKind.WAIT),
    ],
)
def test_commands(text: str, kind: CommandKind) -> None:
    command = classify_command(text)
    assert command is not None, text
    assert command.kind is kind
    assert command.only, command


@pytest.mark.parametrize(
    "text",
    [
        "",
        "I need a refill",
        "okay I need a refill",
        "what time do you close",
        "I don't want an agent",
        "no need for an operator",
        "are you a real person?",
        "someone told me to call",
        "Tuesday at 3",
        None,
    ],
)
def test_not_commands(text: str | None) -> None:
    assert classify_command(text) is None


def test_commands_keep_the_rest() -> None:
    assert classify_command("no wait, that's wrong, it's Tuesday") == Command(
        CommandKind.GO_BACK, "it's Tuesday", only=False
    )
    assert classify_command("I'm not sure, maybe Tuesday?") == Command(
        CommandKind.DONT_KNOW, "maybe Tuesday?", only=False
    )
    # a wait keeps what else was said, which the NLU still reads
    assert classify_command("hang on, he's turning blue") == Command(
        CommandKind.WAIT, "he's turning blue", only=False
    )
    fell = classify_command("hang on let me get my husband he fell")
    assert fell is not None and not fell.only and fell.rest == "he fell"
    wait = classify_command("hold on, let me get his inhaler, he can't breathe")
    assert wait is not None and not wait.only and "can't breathe" in wait.rest
    person = classify_command("I want to talk to a real person about my bill")
    assert person is not None and person.kind is CommandKind.PERSON
    assert not person.only and "about my bill" in person.rest


def test_keypad_zero_is_a_person() -> None:
    assert classify_command("", "0") == Command(CommandKind.PERSON, "", True, via_keypad=True)
    assert classify_command(None, " 0 ") == Command(CommandKind.PERSON, "", True, via_keypad=True)
    assert classify_command("", "1") is None


@pytest.mark.parametrize(
    ("text", "answer", "rest"),
    [
        ("yes", Answer.YES, ""),
        ("Yes please.", Answer.YES, ""),
        ("yeah that works", Answer.YES, ""),
        ("correct", Answer.YES, ""),
        ("that's right", Answer.YES, ""),
        ("sounds good", Answer.YES, ""),
        ("uh yeah", Answer.YES, ""),
        ("mm-hmm", Answer.YES, ""),
        ("sure, why not", Answer.YES, ""),
        ("no problem", Answer.YES, ""),
        ("okay", Answer.YES, ""),
        ("yes and I also need a refill", Answer.YES, "I also need a refill"),
        ("Tuesday works, thanks", Answer.YES, "Tuesday works, thanks"),
        ("no", Answer.NO, ""),
        ("No.", Answer.NO, ""),
        ("nope", Answer.NO, ""),
        ("no no no", Answer.NO, ""),
        ("not that one", Answer.NO, ""),
        ("actually no", Answer.NO, ""),
        ("I don't think so", Answer.NO, ""),
        ("that's wrong", Answer.NO, ""),
        ("yes, I mean no", Answer.NO, ""),
        ("no sorry, yes", Answer.YES, ""),
        ("yeah no", Answer.NO, ""),
        ("no thanks", Answer.NO, ""),
        ("no I want a different day", Answer.NO, "I want a different day"),
        ("no, it's Mary O'Brien", Answer.NO, "it's Mary O'Brien"),
        ("no, Tuesday is fine", Answer.NO, "Tuesday is fine"),
        ("no but Wednesday works", Answer.NO, "Wednesday works"),
        ("Tuesday doesn't work", Answer.NO, "Tuesday doesn't work"),
        ("yes but can it be later", Answer.CHANGE, "can it be later"),
        ("sure, but not before 10", Answer.CHANGE, "not before 10"),
        ("yes, can it be later though?", Answer.CHANGE, "can it be later though?"),
        ("that's fine but a different doctor", Answer.CHANGE, "a different doctor"),
        ("yes but", Answer.CHANGE, ""),
        ("no that's fine", Answer.UNCLEAR, "no that's fine"),
        ("yes no", Answer.UNCLEAR, "yes no"),
        ("maybe", Answer.UNCLEAR, "maybe"),
        ("I don't know", Answer.UNCLEAR, "I don't know"),
        ("what?", Answer.UNCLEAR, "what?"),
        ("", Answer.UNCLEAR, ""),
    ],
)
def test_confirmation(text: str, answer: Answer, rest: str) -> None:
    assert parse_confirmation(text) == Confirmation(answer, rest)


@pytest.mark.parametrize(
    ("text", "keys", "answer"),
    [
        ("", "1", Answer.YES),
        (None, "2", Answer.NO),
        ("hmm", "1", Answer.YES),
        ("yes", "1", Answer.YES),
        ("yes", "2", Answer.UNCLEAR),
        ("", "5", Answer.UNCLEAR),
        ("yes", "#", Answer.YES),
    ],
)
def test_confirmation_by_keypad(text: str | None, keys: str, answer: Answer) -> None:
    result = parse_confirmation(text, keys)
    assert result.answer is answer
    assert result.via_keypad == (keys in ("1", "2"))
