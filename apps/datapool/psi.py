"""Private set intersection cardinality (DH-PSI-CA) over X25519 — one party's side.

No Django here: the browser (``static/datapool/psi.js`` with @noble/curves), the
management command and the benchmark all run the same four steps.

1. Both parties normalise each e-mail address (:func:`normalise`) and hash it with
   the run's salt to a 32-byte X25519 u-coordinate (:func:`hash_to_u`).
2. The initiator A blinds its list with its secret scalar ``a`` — ``x25519(a, H(x))``
   — shuffles it and sends it (message ``a_blinded``).
3. The responder B re-blinds A's values with its secret ``b`` and shuffles them
   (``ab``), and blinds its own list (``b_blinded``).
4. A re-blinds B's values with ``a`` and shuffles them (``ba``). Because scalar
   multiplication commutes, ``x25519(b, x25519(a, H(x))) == x25519(a, x25519(b, H(x)))``:
   the number of equal values in ``ab`` and ``ba`` is the size of the overlap.

What protects the addresses is the secret scalars, which never leave a party: the
salt is public (the server hands it out), so a hash alone could be tested against
guessed addresses; a blinded value cannot without the scalar. Fresh scalars per run
make the same address look unrelated in two runs. Both shuffles hide which of one's
own entries matched, so only the count is learnt (semi-honest parties).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

DOMAIN_TAG = b"wirwerk-datapool-psi-v1\x00"
POINT_SIZE = 32
SALT_SIZE = 16


class ProtocolError(ValueError):
    """A message that is not a whole number of 32-byte points."""


def normalise(address: str) -> str:
    """The form in which two lists compare addresses.

    Trim white space and a ``mailto:`` prefix and lower-case the whole address (in
    practice mailboxes are case-insensitive; Python's ``lower`` and JavaScript's
    ``toLowerCase`` agree on the Unicode default mapping).
    Deliberately NOT done: removing dots or ``+tags`` — that is provider-specific
    (true for Gmail only) and would merge different people elsewhere.
    The browser's ``normalise`` in ``psi.js`` does exactly the same.
    """
    text = address.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower()


def looks_like_address(text: str) -> bool:
    local, at, domain = text.partition("@")
    return bool(at and local and "." in domain and " " not in text)


def hash_to_u(address: str, salt: bytes) -> bytes:
    """SHA-256 of tag, salt and the normalised address: a u-coordinate for X25519."""
    return hashlib.sha256(DOMAIN_TAG + salt + normalise(address).encode("utf-8")).digest()


def new_secret() -> bytes:
    return secrets.token_bytes(32)


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_SIZE)


def blind_points(secret: bytes, points: Iterable[bytes]) -> list[bytes]:
    """``x25519(secret, u)`` for each u (RFC 7748: the scalar is clamped)."""
    key = X25519PrivateKey.from_private_bytes(secret)
    exchange = key.exchange
    from_bytes = X25519PublicKey.from_public_bytes
    return [exchange(from_bytes(u)) for u in points]


def shuffled(values: Sequence[bytes]) -> list[bytes]:
    out = list(values)
    secrets.SystemRandom().shuffle(out)
    return out


def pack(values: Iterable[bytes]) -> bytes:
    return b"".join(values)


def unpack(message: bytes) -> list[bytes]:
    if len(message) % POINT_SIZE:
        raise ProtocolError("message length is not a multiple of 32")
    return [message[i : i + POINT_SIZE] for i in range(0, len(message), POINT_SIZE)]


def distinct_addresses(addresses: Iterable[str]) -> list[str]:
    """Normalised, valid and each once: a duplicate would count twice in the overlap."""
    seen: dict[str, None] = {}
    for raw in addresses:
        address = normalise(raw)
        if looks_like_address(address):
            seen.setdefault(address, None)
    return list(seen)


# The three party steps ----------------------------------------------------------


def initiator_start(addresses: Sequence[str], *, salt: bytes, secret: bytes) -> bytes:
    """A's first message: its blinded list, shuffled."""
    return pack(shuffled(blind_points(secret, (hash_to_u(x, salt) for x in addresses))))


def responder_answer(
    addresses: Sequence[str], a_blinded: bytes, *, salt: bytes, secret: bytes
) -> tuple[bytes, bytes]:
    """B's answer: (A's values re-blinded and shuffled, B's own list blinded and shuffled)."""
    ab = pack(shuffled(blind_points(secret, unpack(a_blinded))))
    b_blinded = pack(shuffled(blind_points(secret, (hash_to_u(y, salt) for y in addresses))))
    return ab, b_blinded


def initiator_finish(b_blinded: bytes, *, secret: bytes) -> bytes:
    """A's last message: B's values re-blinded, shuffled."""
    return pack(shuffled(blind_points(secret, unpack(b_blinded))))


def overlap_count(ab: bytes, ba: bytes) -> int:
    """How many doubly blinded values the two messages share."""
    return len(set(unpack(ab)) & set(unpack(ba)))
