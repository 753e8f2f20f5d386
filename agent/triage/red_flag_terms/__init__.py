"""The words behind the red-flag rules: named concepts, each a list of phrasings.

Read this with the `red_flag_rules` package, whose rule table combines these concepts. A
concept is what a clinician would name a finding ("chest pain", "face droop", "infant under
3 months"); its phrasings are what callers, relatives and clinicians actually say for it,
including the speech recogniser's usual mis-hearings ("chess pain", "can't breed", "eppy pen").

How a phrasing is written (every phrasing is matched against a *normalised* transcript):

- lower case; apostrophes dropped ("can't" is `cant`, "he's" is `hes`, "mum's" is `mums`);
  hyphens are spaces ("58-year-old" is `58 year old`); number words are digits ("three month
  old" is `3 month old`, "a hundred and four" is `104`, "two point five" is `2.5`); blood
  pressure "210 over 125" is `210/125`; commas, full stops and other clause breaks are a
  lone `,` between words.
- `~3` means "up to three more words here, within the same clause"; `~~3` may also cross a
  comma; `<gap3>` (written with no spaces round it) is `~3` whose words may not be a negation
  ("bleeding<gap4> heavy" is not "the bleeding isn't heavy"). `<pron>` and the other `<...>`
  names are the shorthands in `MACROS` below. Gestation shorthand keeps its plus: `35+2 weeks`.
- the rest is a Python regular expression: `(a|b)` is either, `x?` is optional, `\\w*` is
  any word ending, `\\d` a digit. Keep phrasings free of nested repeats so matching stays
  linear.

A phrasing never needs its own negation: "no chest pain", "denies chest pain", "he's not
unconscious" are handled once, in `red_flags.py`. A phrasing that *is* a negative finding
("not breathing", "won't wake up", "no wet nappy") is written out in full and is never
cancelled by an earlier "no".

The concepts live in one module per part of the body (`heart`, `brain`, `breathing`, ...),
plus `general` for findings several parts share; this package gathers them, so a rule
names every concept as `red_flag_terms.NAME` whichever module holds it.
"""

from agent.triage.red_flag_terms.abdomen import *  # noqa: F403
from agent.triage.red_flag_terms.base import MACROS as MACROS
from agent.triage.red_flag_terms.base import Concept as Concept
from agent.triage.red_flag_terms.bleeding import *  # noqa: F403
from agent.triage.red_flag_terms.brain import *  # noqa: F403
from agent.triage.red_flag_terms.breathing import *  # noqa: F403
from agent.triage.red_flag_terms.general import *  # noqa: F403
from agent.triage.red_flag_terms.heart import *  # noqa: F403
from agent.triage.red_flag_terms.infection import *  # noqa: F403
from agent.triage.red_flag_terms.injury import *  # noqa: F403
from agent.triage.red_flag_terms.limbs_eyes_skin import *  # noqa: F403
from agent.triage.red_flag_terms.mental_health import *  # noqa: F403
from agent.triage.red_flag_terms.poisoning import *  # noqa: F403
from agent.triage.red_flag_terms.pregnancy import *  # noqa: F403
