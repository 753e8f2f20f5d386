"""The receptionist's stray turns, as a mixin: turns no reason for calling fits, and holds.

A caller's "hang on, let me find my card" (a wait, within limits); a wrong number (let go
only when that is all the turn says); a request for paperwork (the front desk when that is
all it is and no health concern was heard, otherwise a nurse); and another business, a
question about the agent itself or words not caught (asked again, then a person).
:class:`agent.dialogue.ReceptionDialogue` inherits it, as it does
:class:`agent.triage.conversation.TriageConversation`, so its routing and call events, its
triage turns and these turns each read on their own. The mixin plans only through its host:
the host's state, fixed lines, ``_plan``, ``_to_person``, ``_start_triage`` and
``_after_answer``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agent.actions import Action, EndCall, Say, Transfer
from agent.nlu import Triage, Understanding
from agent.slots._text import FILLERS, drop_artefacts
from agent.slots.commands import Command

if TYPE_CHECKING:
    from agent.dialogue import DialogueState, Plan
    from agent.triage.protocols import FollowUp

TAKE_YOUR_TIME = "Take your time."
# Words of the languages the data conventions name for callers in another language (Spanish,
# French, Portuguese, German, Mandarin in pinyin), chosen not to be English words too. The
# model reads such a turn as `other`, so "me duele el pecho" (my chest hurts) went round the
# English menu twice; it goes to a person at once instead, who can bring in an interpreter.
_FOREIGN_WORDS = frozenset(
    "el los las del que por para una uno está estoy tengo tiene duele dolor necesito quiero "
    "hablar español favor ayuda mis sus muy pero porque cuando donde cómo hola buenos buenas "
    "días tardes señor señora hijo hija esposo esposa cita médico pecho fiebre "
    "je j suis ai mal la à tête les des du est pas avec pour mon mes bonjour merci aide "
    "parler français "
    "eu estou tenho dor não com meu minha obrigado obrigada falar português olá "
    "ich habe bin nicht und der die das ein eine mit für mein meine hallo danke hilfe "
    "sprechen deutsch schmerzen wo ni hao shi bu de yisheng teng zhongwen xiexie".split()
)
# "Oh sorry, I think I have the wrong number." -- and nothing more: "wrong number, I'm looking
# for poison control" is not let go, and "is this the wrong number?" is told whom it reached.
_WRONG_NUMBER = re.compile(
    r"\b(?:wrong (?:number|person|place|office)|dialed (?:the )?wrong|misdialed)\b", re.IGNORECASE
)
_WRONG_NUMBER_WORDS = frozenset(
    "oh sorry so very i m think must have got dialed dialled the a it s that this my mistake "
    "bad apologies excuse me never mind oops whoops ok okay um uh er bye goodbye thanks thank "
    "you".split()
)
# Forms, letters and records are `other` to the model (no reason careline serves itself),
# but a receptionist knows where they go: to the front desk, not round the menu three times.
_PAPERWORK = re.compile(
    r"\b(?:forms?|paperwork|records?|letter|fmla|certificate|(?:doctor'?s|sick|work|school) "
    r"note|note for (?:work|school|my (?:work|employer|school)))\b",
    re.IGNORECASE,
)
# The words a plain request for paperwork is made of. Anything else ("a letter for school,
# she fainted in class today") goes to a nurse, who can judge it, not the front desk.
_PAPERWORK_WORDS = frozenset(
    "i m d need needs want wanted would like to get have a an the my his her their our "
    "your me us you can could please just also copy copies of some for from to send sent fax "
    "faxed email emailed mail signed sign filled fill out completed complete done pick picked "
    "up ready about regarding calling call form forms paperwork record records letter letters "
    "note notes certificate fmla disability medical doctor doctors s school work employer job "
    "insurance life parking handicap immunization immunizations vaccination vaccinations "
    "camp sports physical daycare college new release transfer request son daughter "
    "child kid kids wife husband mother mum mom father dad hi hello yes yeah so um uh okay ok "
    "well look after take care when treatment visit appointment last year month week".split()
)
_WORD = re.compile(r"[^\W\d_]+")
# A turn with this many words besides fillers was heard; "Sorry, I didn't catch that" is the
# wrong answer to "Is this Pizza Hut?" or "Are you a robot?".
_HEARD_WORDS = 3


def _only(vocabulary: frozenset[str], text: str) -> bool:
    """Every word of ``text`` is in ``vocabulary``; a number counts as a word, so "wrong
    number, 911" says something more."""
    return all(w in vocabulary for w in re.findall(r"\w+", text.lower()))


def _only_a_wrong_number(text: str) -> bool:
    """The turn says it is a wrong number and nothing else worth staying on the line for."""
    return _only(_WRONG_NUMBER_WORDS, _WRONG_NUMBER.sub(" ", text))


class StrayTurns:
    """The stray turns of :class:`agent.dialogue.ReceptionDialogue`, which supplies what is
    declared here."""

    state: DialogueState
    lines: dict[str, str]

    # Declared for the type checker only, so the host's own methods are the ones that run.
    if TYPE_CHECKING:

        def _plan(self, *actions: Action, **state: object) -> Plan: ...

        def _to_person(self) -> Plan: ...

        def _start_triage(self, t: Triage) -> Plan: ...

        def _after_answer(self, fu: FollowUp) -> Plan: ...

    # -- "hang on": a wait, within limits --------------------------------------------------
    def _waits(self, command: Command | None, u: Understanding) -> bool:
        """ "Hang on, let me find my card", at any prompt -- only when the model reads nothing
        into it ("hold on, let me get his inhaler" is a refill; "... look at the rash" a
        symptom) and the call is no emergency, which is never put on hold."""
        return (
            command is not None
            and command.kind == "wait"
            and command.only
            and self.state.level != "emergency"
            and u.intent == "other"
            and u.triage is None
        )

    def _wait(self) -> Plan:
        """Take your time -- within limits. The question stays as it was ("repeat that"
        repeats it) and the silence count starts afresh. Once a health concern is in hand a
        second wait in a row counts as no answer (a triage question is asked again, then a
        nurse takes over); otherwise a fourth goes to a person. On hold, there is no limit."""
        n = self.state.waits + 1
        concern = self.state.level is not None or self.state.stage in ("triage", "medicine_check")
        if self.state.stage != "transfer" and n > (1 if concern else 3):
            if self.state.stage == "triage" and self.state.follow_up is not None:
                return self._after_answer(self.state.follow_up.no_answer())
            if self.state.stage == "medicine_check" and self.state.held is not None:
                return self._start_triage(self.state.held[1])
            return self._to_person()
        return self._plan(Say(TAKE_YOUR_TIME), silences=0, said=self.state.said, waits=n)

    # -- turns nothing fits ----------------------------------------------------------------
    def _unserved(self, text: str, u: Understanding) -> Plan:
        """A turn no reason for calling fits: paperwork, another business, a wrong number,
        the agent itself, or words not caught."""
        if self.state.stage == "transfer":  # on hold for a person: not a new conversation
            return self._plan(Say(self.lines["connect"]), silences=0)
        # A concern heard on this call, or any triage the model read into this turn.
        concern = self.state.concern_heard or u.triage is not None
        if (
            _WRONG_NUMBER.search(text)
            and "?" not in text
            and not concern
            and self.state.stage in ("reason", "anything_else")
            and _only_a_wrong_number(text)
        ):
            return self._plan(
                Say(self.lines["wrong_number"]), EndCall("wrong_number"), stage="goodbye"
            )
        if _PAPERWORK.search(text):
            front_desk = _only(_PAPERWORK_WORDS, text) and not concern
            return self._plan(
                Say(self.lines["paperwork" if front_desk else "to_nurse"]),
                *((Say(self.lines["connect"]),) if front_desk else ()),
                Transfer("paperwork", "general" if front_desk else "nurse"),
                stage="transfer",
                silences=0,
            )
        words = [w for w in _WORD.findall(drop_artefacts(text).lower()) if w not in FILLERS]
        foreign = sum(w in _FOREIGN_WORDS for w in words)
        if foreign >= 2 and 2 * foreign >= len(words):
            return self._plan(
                Say(self.lines["connect"]),
                Transfer("another_language", "general"),
                stage="transfer",
                silences=0,
            )
        if len(words) >= _HEARD_WORDS:
            return self._misunderstood(self.lines["what_we_do"])
        return self._misunderstood()

    def _misunderstood(self, line: str | None = None) -> Plan:
        n = self.state.misunderstood + 1
        if n >= 3:
            return self._plan(
                Say(self.lines["trouble"]),
                Say(self.lines["connect"]),
                Transfer("not_understood", "general"),
                stage="transfer",
                misunderstood=n,
            )
        return self._plan(Say(line or self.lines["not_caught"]), misunderstood=n, silences=0)
