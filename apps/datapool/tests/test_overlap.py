"""Acceptance 1: what the server stores of an overlap run holds no address and no
deterministic hash of one; the count is the true overlap."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.datapool import psi
from apps.datapool.models import AuditEntry, AuditKind, OverlapRun, RunStatus
from apps.datapool.overlap import run_answer, run_cancel, run_finish, run_start

pytestmark = pytest.mark.django_db


def customers(prefix: str, n: int) -> list[str]:
    return [f"{prefix}.kunde{i}@beispiel.de" for i in range(n)]


SHARED = customers("gemeinsam", 23)
LIST_A = SHARED + customers("kassel", 60)
# B's export spells the shared customers differently: normalisation makes them equal.
LIST_B = [f"  {x.upper()} " for x in SHARED] + customers("goettingen", 70)


def full_run(pool, anna, ben, kassel, goettingen, list_a=LIST_A, list_b=LIST_B):
    salt, secret_a, secret_b = psi.new_salt(), psi.new_secret(), psi.new_secret()
    a = psi.distinct_addresses(list_a)
    b = psi.distinct_addresses(list_b)
    run = run_start(
        user=anna,
        pool=pool,
        initiator=kassel,
        responder=goettingen,
        salt=salt,
        a_blinded=psi.initiator_start(a, salt=salt, secret=secret_a),
    )
    ab, b_blinded = psi.responder_answer(b, bytes(run.a_blinded), salt=salt, secret=secret_b)
    run = run_answer(user=ben, run=run, ab=ab, b_blinded=b_blinded)
    run = run_finish(user=anna, run=run, ba=psi.initiator_finish(b_blinded, secret=secret_a))
    return OverlapRun.objects.get(pk=run.pk)


def stored_bytes(run: OverlapRun) -> bytes:
    return (
        b"".join(
            bytes(getattr(run, field)) for field in ("salt", "a_blinded", "ab", "b_blinded", "ba")
        )
        + "".join(e.detail for e in AuditEntry.objects.all()).encode()
    )


def test_the_count_is_the_true_overlap_and_both_sides_see_it(pool, anna, ben, kassel, goettingen):
    run = full_run(pool, anna, ben, kassel, goettingen)
    assert run.status == RunStatus.FINISHED
    assert run.overlap == len(SHARED)
    assert (run.initiator_size, run.responder_size) == (83, 93)
    assert AuditEntry.objects.filter(kind=AuditKind.RUN_FINISHED, pool=pool).exists()


def test_stored_messages_hold_no_address_and_no_hash_of_one(pool, anna, ben, kassel, goettingen):
    first = full_run(pool, anna, ben, kassel, goettingen)
    second = full_run(pool, anna, ben, kassel, goettingen)
    stored = stored_bytes(first) + stored_bytes(second)
    for address in LIST_A + LIST_B:
        normal = psi.normalise(address).encode()
        assert normal not in stored and address.encode() not in stored
        for digest in (hashlib.sha256, hashlib.sha1, hashlib.md5):
            assert digest(normal).digest() not in stored
            assert digest(normal).hexdigest().encode() not in stored
        # Not even the protocol's own salted hash is stored.
        assert psi.hash_to_u(address, bytes(first.salt)) not in stored
    # The same addresses in two runs give unrelated messages: no value recurs.
    for field in ("a_blinded", "ab", "b_blinded", "ba"):
        assert not set(psi.unpack(bytes(getattr(first, field)))) & set(
            psi.unpack(bytes(getattr(second, field)))
        )
    assert first.overlap == second.overlap == len(SHARED)


def test_a_list_below_the_minimum_size_is_refused(pool, anna, kassel, goettingen):
    salt, secret = psi.new_salt(), psi.new_secret()
    with pytest.raises(ValidationError, match="mindestens 50"):
        run_start(
            user=anna,
            pool=pool,
            initiator=kassel,
            responder=goettingen,
            salt=salt,
            a_blinded=psi.initiator_start(customers("x", 49), salt=salt, secret=secret),
        )


def test_only_the_admin_of_the_asked_organisation_may_answer(pool, anna, carla, kassel, goettingen):
    salt, secret = psi.new_salt(), psi.new_secret()
    run = run_start(
        user=anna,
        pool=pool,
        initiator=kassel,
        responder=goettingen,
        salt=salt,
        a_blinded=psi.initiator_start(LIST_A, salt=salt, secret=secret),
    )
    ab, b_blinded = psi.responder_answer(LIST_B, bytes(run.a_blinded), salt=salt, secret=secret)
    for user in (anna, carla):
        with pytest.raises(PermissionDenied):
            run_answer(user=user, run=run, ab=ab, b_blinded=b_blinded)
    run_cancel(user=anna, run=run)
    assert OverlapRun.objects.get(pk=run.pk).status == RunStatus.CANCELLED


def test_a_list_with_repeated_values_is_refused(pool, anna, kassel, goettingen):
    salt, secret = psi.new_salt(), psi.new_secret()
    # Without deduplication the same customer would count twice.
    message = psi.initiator_start(LIST_A + LIST_A[:5], salt=salt, secret=secret)
    with pytest.raises(ValidationError, match="doppelte"):
        run_start(
            user=anna,
            pool=pool,
            initiator=kassel,
            responder=goettingen,
            salt=salt,
            a_blinded=message,
        )
