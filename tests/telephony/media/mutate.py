"""Seeded input generation for the parser fuzz tests: mutants of valid packets plus noise."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "rtp"


def fixture(name: str) -> bytes:
    return (FIXTURES / f"{name}.bin").read_bytes()


def mutants(seeds: Sequence[bytes], count: int, seed: int) -> Iterator[bytes]:
    """``count`` inputs: bit flips, truncations, extensions, byte pokes and splices of the
    seeds, and one in eight pure random bytes; the same ``seed`` gives the same inputs."""
    rng = random.Random(seed)
    for i in range(count):
        kind = i % 8
        data = bytearray(rng.choice(seeds))
        if kind == 7 or not data:
            yield rng.randbytes(rng.randrange(0, 80))
            continue
        if kind in (0, 5):  # flip one to four bits, mostly in the header
            for _ in range(rng.randrange(1, 5)):
                pos = rng.randrange(min(len(data), 24)) if rng.random() < 0.8 else None
                pos = rng.randrange(len(data)) if pos is None else pos
                data[pos] ^= 1 << rng.randrange(8)
        if kind in (1, 5):  # cut anywhere
            del data[rng.randrange(len(data) + 1) :]
        elif kind == 2:  # grow by random bytes
            data += rng.randbytes(rng.randrange(1, 40))
        elif kind == 3:  # poke boundary values into a random byte
            data[rng.randrange(len(data))] = rng.choice((0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF))
        elif kind == 4:  # splice two seeds
            other = rng.choice(seeds)
            data = data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]
        elif kind == 6:  # a length-ish field set to a random 16-bit value
            if len(data) >= 4:
                pos = rng.randrange(len(data) - 1)
                data[pos : pos + 2] = rng.randrange(65536).to_bytes(2, "big")
        yield bytes(data)
