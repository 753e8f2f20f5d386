"""The human side of careline: agents, the transfer queue, the console, the WebRTC bridge."""

from handoff.port import AlwaysAccept, Handoff, NoAgents

__all__ = ["AlwaysAccept", "Handoff", "NoAgents"]
