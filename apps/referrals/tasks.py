from django_tasks import task

from apps.referrals import services


@task()
def erase_stale_client_data() -> int:
    """Periodic: erase the client data of lost or stale referrals (idempotent)."""
    return services.referrals_erase_stale_client_data()
