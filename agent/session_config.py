"""What a call may be tuned with: turn timing, re-prompts, barge-in and the call's limits.

Read by the call owner (:class:`agent.session.Call`) and its turn-taking; kept apart so the
engine and tools can build one without the session's machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agent.turns import TurnConfig


@dataclass(frozen=True, slots=True)
class CallConfig:
    turn: TurnConfig = field(default_factory=TurnConfig)
    reprompt_after_s: float = 7.0  # caller silence before "are you still there?"
    max_call_s: float = 20 * 60.0
    backchannel_max_ms: int = 700  # longer speech over the bot is a real barge-in
    # Speech this soon after the bot began answering means the caller had not finished:
    # the two pieces are one turn, answered once, from the dialogue state before the reply.
    continuation_s: float = 1.0
    # Speech probability that pauses the bot tentatively (lower than the turn threshold: a
    # pause is undone in 80 ms if no speech follows, a late one talks over the caller).
    duck_threshold: float = 0.3
    echo_ratio: float = 0.25  # inbound quieter than this x outbound level is echo, not speech
    dtmf_timeout_s: float = 1.5  # digits are a turn after this pause (or on '#')
    # Partial transcripts while the caller speaks, made only for a reader (the CLI live view).
    partial_every_s: float = 1.0
    mailbox_audio_frames: int = 250  # 5 s of inbound audio; the oldest drops when full
