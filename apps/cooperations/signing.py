"""The instance's signing key: Ed25519, kept in a file OUTSIDE the database.

An operator with database access can rewrite a version and recompute the hash chain;
without this file they cannot make a new signature. The path comes from the setting
``WIRWERK_SIGNING_KEY`` (env, default ``var/signing-key.pem``); the key is created with
mode 0600 on first use. Back it up apart from the database dumps.

What is signed for a version is ``wirwerk-agreement:v1:<cooperation>:<number>:<hash>``:
the chain hash of the version that came into force, bound to its place.
"""

import base64
import binascii
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings

_cache: dict[Path, Ed25519PrivateKey] = {}


def key_path() -> Path:
    return Path(settings.WIRWERK_SIGNING_KEY)


def _create(path: Path) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two processes starting at once do not overwrite each other's key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _load(path)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def _load(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} holds no Ed25519 private key")
    return key


def private_key() -> Ed25519PrivateKey:
    path = key_path()
    if path not in _cache:
        _cache[path] = _load(path) if path.exists() else _create(path)
    return _cache[path]


def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def public_bytes(key: Ed25519PublicKey | None = None) -> bytes:
    return (key or public_key()).public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def fingerprint(key: Ed25519PublicKey | None = None) -> str:
    """SHA-256 of the raw public key, hex, 64 characters."""
    return hashlib.sha256(public_bytes(key)).hexdigest()


def sign(message: bytes) -> str:
    """The signature of ``message``, base64 (88 characters)."""
    return base64.b64encode(private_key().sign(message)).decode("ascii")


def verify(message: bytes, signature: str, key: Ed25519PublicKey | None = None) -> bool:
    try:
        raw = base64.b64decode(signature.encode("ascii"), validate=True)
        (key or public_key()).verify(raw, message)
    except (InvalidSignature, binascii.Error, ValueError, UnicodeEncodeError):
        return False
    return True


def version_message(*, cooperation_id: int, number: int, content_hash: str) -> bytes:
    return f"wirwerk-agreement:v1:{cooperation_id}:{number}:{content_hash}".encode("ascii")
