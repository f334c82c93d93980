from django_tasks import task

from apps.driver import services


@task()
def dispatch() -> str:
    """The driver's periodic job: run every rule, mail urgent nudges and due digests."""
    return services.driver_dispatch().line()


@task()
def mail_urgent_nudges() -> int:
    """Enqueued after a run created urgent nudges; each is mailed once only."""
    return services.nudges_mail_urgent()
