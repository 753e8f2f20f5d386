"""What a rule is: a flag, its complaint, the reason, and the concepts that must be said."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias

from agent.triage.red_flag_terms import Concept

__all__ = ["AllOf", "AnyOf", "Rule", "Term", "all_of", "any_of"]


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Term, ...]


Term: TypeAlias = Concept | AllOf | AnyOf


def all_of(*parts: Term) -> AllOf:
    return AllOf(parts)


def any_of(*parts: Term) -> AnyOf:
    return AnyOf(parts)


@dataclass(frozen=True, slots=True)
class Rule:
    flag: str
    complaint: str
    reason: str
    when: Term
    unless: Term | None = None

    @property
    def concepts(self) -> tuple[Concept, ...]:
        found = list(_concepts(self.when))
        if self.unless is not None:
            found += _concepts(self.unless)
        return tuple(dict.fromkeys(found))

    @property
    def patterns(self) -> tuple[str, ...]:
        """Every phrasing this rule can match, as written in `red_flag_terms`."""
        return tuple(p for c in self.concepts for p in c.patterns)

    def describe(self) -> str:
        text = f"{self.flag}: {_describe(self.when)}"
        return text + (f" unless {_describe(self.unless)}" if self.unless is not None else "")


def _concepts(term: Term) -> Iterable[Concept]:
    if isinstance(term, Concept):
        yield term
    else:
        for part in term.parts:
            yield from _concepts(part)


def _describe(term: Term) -> str:
    if isinstance(term, Concept):
        return term.name
    joined = ", ".join(_describe(p) for p in term.parts)
    return f"{'all_of' if isinstance(term, AllOf) else 'any_of'}({joined})"
