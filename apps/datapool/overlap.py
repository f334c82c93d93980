"""Services of the overlap runs. The server is only the relay: it checks the sizes,
stores the blinded messages, and at the end counts equal values in the two doubly
blinded lists — which it can do without learning anything but that count."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.datapool import psi
from apps.datapool.models import AuditKind, OverlapRun, Pool, RunStatus
from apps.datapool.services import active_member, audit, require_admin
from apps.organisations.models import Organisation

MAX_LIST_SIZE = 500_000


def _size(message: bytes, *, pool: Pool) -> int:
    if not message or len(message) % psi.POINT_SIZE:
        raise ValidationError(_("Die Nachricht ist beschädigt (keine verblindeten Werte)."))
    size = len(message) // psi.POINT_SIZE
    if len(set(psi.unpack(message))) != size:
        # Blinding is deterministic within a run: a repeated value is a repeated
        # address, which would count twice.
        raise ValidationError(_("Die Liste enthält doppelte Werte."))
    if size < pool.min_list_size:
        raise ValidationError(
            _(
                "Die Liste hat %(size)s Adressen; nötig sind mindestens %(min)s, damit "
                "nur eine Anzahl und nichts über einzelne Personen sichtbar wird."
            )
            % {"size": size, "min": pool.min_list_size}
        )
    if size > MAX_LIST_SIZE:
        raise ValidationError(
            _("Die Liste ist zu lang (höchstens %(max)s Adressen).") % {"max": MAX_LIST_SIZE}
        )
    return size


@transaction.atomic
def run_start(
    *,
    user: User,
    pool: Pool,
    initiator: Organisation,
    responder: Organisation,
    salt: bytes,
    a_blinded: bytes,
) -> OverlapRun:
    """An admin of ``initiator`` asks ``responder`` for an overlap count."""
    require_admin(user=user, organisation=initiator)
    if initiator.pk == responder.pk:
        raise ValidationError(_("Wählen Sie eine andere Organisation als Ihre eigene."))
    active_member(pool=pool, organisation=initiator)
    active_member(pool=pool, organisation=responder)
    if len(salt) != psi.SALT_SIZE:
        raise ValidationError(_("Die Nachricht ist beschädigt (Salz)."))
    run = OverlapRun.objects.create(
        pool=pool,
        initiator=initiator,
        responder=responder,
        started_by=user,
        salt=salt,
        a_blinded=a_blinded,
        initiator_size=_size(a_blinded, pool=pool),
    )
    audit(
        pool=pool,
        kind=AuditKind.RUN_STARTED,
        user=user,
        organisation=initiator,
        detail=_("Abgleich Nr. %(pk)s mit %(other)s, %(size)s Adressen")
        % {"pk": run.pk, "other": responder.name, "size": run.initiator_size},
    )
    return run


def _locked(run: OverlapRun, status: str) -> OverlapRun:
    locked = OverlapRun.objects.select_for_update().get(pk=run.pk)
    if locked.status != status:
        raise ValidationError(_("Dieser Abgleich ist in diesem Schritt nicht mehr offen."))
    return locked


@transaction.atomic
def run_answer(*, user: User, run: OverlapRun, ab: bytes, b_blinded: bytes) -> OverlapRun:
    """The responder's admin returns A's values re-blinded and its own list blinded."""
    require_admin(user=user, organisation=run.responder)
    run = _locked(run, RunStatus.WAITING)
    active_member(pool=run.pool, organisation=run.responder)
    if len(ab) != len(run.a_blinded):
        raise ValidationError(_("Die Antwort passt nicht zur Anfrage (Anzahl der Werte)."))
    run.responder_size = _size(b_blinded, pool=run.pool)
    run.ab, run.b_blinded = ab, b_blinded
    run.answered_by, run.answered_at, run.status = user, timezone.now(), RunStatus.ANSWERED
    run.save()
    audit(
        pool=run.pool,
        kind=AuditKind.RUN_ANSWERED,
        user=user,
        organisation=run.responder,
        detail=_("Abgleich Nr. %(pk)s, %(size)s Adressen")
        % {"pk": run.pk, "size": run.responder_size},
    )
    return run


@transaction.atomic
def run_finish(*, user: User, run: OverlapRun, ba: bytes) -> OverlapRun:
    """The initiator returns B's values re-blinded; the server counts the matches."""
    require_admin(user=user, organisation=run.initiator)
    run = _locked(run, RunStatus.ANSWERED)
    if len(ba) != len(run.b_blinded):
        raise ValidationError(_("Die Antwort passt nicht zur Anfrage (Anzahl der Werte)."))
    run.ba = ba
    run.overlap = psi.overlap_count(bytes(run.ab), ba)
    run.finished_at, run.status = timezone.now(), RunStatus.FINISHED
    run.save()
    audit(
        pool=run.pool,
        kind=AuditKind.RUN_FINISHED,
        user=user,
        organisation=run.initiator,
        detail=_("Abgleich Nr. %(pk)s: %(count)s gemeinsame Adressen")
        % {"pk": run.pk, "count": run.overlap},
    )
    return run


@transaction.atomic
def run_cancel(*, user: User, run: OverlapRun) -> OverlapRun:
    """Either side's admin ends an open run (e.g. the browser's key was lost)."""
    side = next((o for o in (run.initiator, run.responder) if _is_admin_of(user, o)), None)
    if side is None:
        raise PermissionDenied(
            _("Nur die Verwaltung einer der beiden Organisationen darf den Abgleich abbrechen.")
        )
    run = OverlapRun.objects.select_for_update().get(pk=run.pk)
    if run.status not in (RunStatus.WAITING, RunStatus.ANSWERED):
        raise ValidationError(_("Dieser Abgleich ist bereits beendet."))
    run.status = RunStatus.CANCELLED
    run.save(update_fields=["status"])
    audit(
        pool=run.pool,
        kind=AuditKind.RUN_CANCELLED,
        user=user,
        organisation=side,
        detail=_("Abgleich Nr. %(pk)s") % {"pk": run.pk},
    )
    return run


def _is_admin_of(user: User, organisation: Organisation) -> bool:
    try:
        require_admin(user=user, organisation=organisation)
    except PermissionDenied:
        return False
    return True
