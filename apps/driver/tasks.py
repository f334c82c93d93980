from django_tasks import task

from apps.driver import delivery, services
from apps.driver.dispatch import driver_dispatch


@task()
def dispatch() -> str:
    """The driver's periodic job: its steps, every rule, urgent mails and due digests."""
    return driver_dispatch().line()


@task()
def mail_urgent_nudges() -> int:
    """Enqueued after a run created urgent nudges; each is mailed once only."""
    return delivery.nudges_mail_urgent()


@task()
def run_rules(rules: list[str]) -> str:
    """Run some rules at once (e.g. after a "Leave it"), then mail what is urgent."""
    result = services.driver_run(rules=rules)
    delivery.nudges_mail_urgent()
    return f"created={result.created} resolved={result.resolved}"
