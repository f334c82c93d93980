"""The hash chain over accepted agreement versions.

Each accepted version's hash covers its content, its commitments, its acceptance
records and the hash of the version accepted before it. Editing any of these behind
the application's back breaks the chain, and ``verify_agreements`` reports it.

Someone with database access could rewrite a version and recompute every hash after
it; so each version is also signed, when it comes into force, with the instance's key
kept outside the database (``signing``). A recomputed hash fails the signature.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from apps.cooperations import signing
from apps.cooperations.models import Acceptance, AgreementVersion, Commitment, VersionStatus

CONTENT_FIELDS = AgreementVersion.CONTENT_FIELDS


def version_payload(
    version: AgreementVersion,
    *,
    commitments: Iterable[Commitment] | None = None,
    acceptances: Iterable[Acceptance] | None = None,
) -> dict[str, Any]:
    """Everything an accepted version stands for, in a canonical form.

    Commitments and acceptances default to the version's related rows (prefetched ones
    when the caller prefetched them).
    """
    if commitments is None:
        commitments = version.commitments.all()
    if acceptances is None:
        acceptances = version.acceptances.all()
    return {
        "cooperation": version.cooperation_id,
        "number": version.number,
        "content": {
            name: (str(value) if (value := getattr(version, name)) is not None else None)
            for name in CONTENT_FIELDS
        },
        "commitments": sorted(
            (
                {
                    "user": c.user_id,
                    "hours_per_month": str(c.hours_per_month),
                    "resources": c.resources,
                    "revenue_share": str(c.revenue_share),
                    "cost_share": str(c.cost_share),
                }
                for c in commitments
            ),
            key=lambda c: c["user"],
        ),
        "acceptances": sorted(
            (
                {"user": a.user_id, "name": a.name, "at": a.accepted_at.isoformat()}
                for a in acceptances
            ),
            key=lambda a: (a["at"], a["name"]),
        ),
    }


def _digest(payload: dict[str, Any], previous_hash: str) -> str:
    canonical = json.dumps(
        {"previous": previous_hash, "version": payload},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def version_hash(version: AgreementVersion, *, previous_hash: str) -> str:
    """The hash that seals ``version`` as it is stored now.

    Commitments and acceptances are read from the database, not from the instance: a
    version loaded with its acceptances prefetched (as the accept view loads it) would
    otherwise be sealed without the acceptance that has just put it in force.
    """
    payload = version_payload(
        version,
        commitments=Commitment.objects.filter(version_id=version.pk),
        acceptances=Acceptance.objects.filter(version_id=version.pk),
    )
    return _digest(payload, previous_hash)


@dataclass(frozen=True)
class ChainProblem:
    cooperation_id: int
    number: int | None
    problem: str


def verify_chain(versions: list[AgreementVersion]) -> list[ChainProblem]:
    """Check the accepted versions of one cooperation, oldest first."""
    problems: list[ChainProblem] = []
    previous = ""
    accepted = [
        v for v in versions if v.status in (VersionStatus.IN_FORCE, VersionStatus.SUPERSEDED)
    ]
    for version in sorted(accepted, key=lambda v: v.number or 0):
        where = (version.cooperation_id, version.number)
        if version.previous_hash != previous:
            problems.append(ChainProblem(*where, "link to the previous version broken"))
        if version.content_hash != _digest(version_payload(version), version.previous_hash):
            problems.append(ChainProblem(*where, "content does not match its hash"))
        previous = version.content_hash
    in_force = [v for v in accepted if v.status == VersionStatus.IN_FORCE]
    if accepted and (
        len(in_force) != 1 or in_force[0].number != max(v.number or 0 for v in accepted)
    ):
        problems.append(
            ChainProblem(
                accepted[0].cooperation_id, None, "the newest accepted version is not in force"
            )
        )
    return problems


def sign_version(version: AgreementVersion) -> None:
    """Set the signature over the version's chain hash (the caller saves it)."""
    assert version.cooperation_id is not None and version.number is not None
    version.signature = signing.sign(
        signing.version_message(
            cooperation_id=version.cooperation_id,
            number=version.number,
            content_hash=version.content_hash,
        )
    )
    version.signing_key = signing.fingerprint()


SIGNATURE_MISSING = "signature missing"
SIGNATURE_OTHER_KEY = "signed with another key"
SIGNATURE_INVALID = "signature does not match"


def signature_problem(version: AgreementVersion) -> str | None:
    """None when the version carries a valid signature of this instance's key."""
    if not version.signature:
        return SIGNATURE_MISSING
    if version.signing_key != signing.fingerprint():
        return SIGNATURE_OTHER_KEY
    message = signing.version_message(
        cooperation_id=version.cooperation_id,
        number=version.number or 0,
        content_hash=version.content_hash,
    )
    return None if signing.verify(message, version.signature) else SIGNATURE_INVALID


def signature_valid(version: AgreementVersion) -> bool:
    return signature_problem(version) is None
