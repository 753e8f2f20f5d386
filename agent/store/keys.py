"""Lookup keys: how a spoken or typed name or number meets the one on file.

Speech recognition and front-desk typing disagree on accents, apostrophes, hyphens and
spacing ("O'Brien", "OBrien", "o brien"; "Núñez", "Nunez"), so patients are looked up by a
key with all of that removed. The real columns keep the name exactly as registered.
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter plus a mark, spelled the way an
# English-speaking recogniser or keyboard would write them.
_FOLD = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",  # dotless i (Turkish)
    }
)

# The part of a number that survives every way of writing it: "+1 (555) 123-4567",
# "555 123 4567" and "15551234567" share their last 9 digits, as do "+33 1 23 45 67 89" and
# "01 23 45 67 89" (trunk prefixes and country codes are 1-3 leading digits). A shared key
# between two households only widens the candidate list: identity is still verified by name
# and date of birth before anything is said.
PHONE_KEY_DIGITS = 9


def name_key(name: str) -> str:
    """Casefolded, accents stripped, and only letters and digits kept."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in base.translate(_FOLD) if ch.isalnum())


def phone_key(phone: str) -> str:
    """The last ``PHONE_KEY_DIGITS`` digits of a phone number ("" when it has none)."""
    digits = "".join(ch for ch in phone if ch.isdigit() and ch.isascii())
    return digits[-PHONE_KEY_DIGITS:]
