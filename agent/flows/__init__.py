"""Self-service flows: what careline does by itself for a caller, step by step.

Each flow is a small state machine over a frozen state (its slots and the step it is on).
Flows *read* the clinic's data while planning a reply (a plan may be thrown away, and reads
have no effect) and *change* it only through :class:`agent.dialogue.Write` actions, which
the call owner carries out when the plan is committed, before its words are heard. A write
that loses a race (a slot another call just took) comes back to the flow as a failure, and
the caller hears the truth, never a booking that did not happen.

The receptionist dialogue (:mod:`agent.dialogue`) owns what applies at every prompt:
emergencies and symptoms leave any flow for triage, a person is always one request (or 0)
away, "repeat that" and "go back" work everywhere, and silence re-prompts, then offers a
person.
"""
