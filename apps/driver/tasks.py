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


@task()
def run_rules(rules: list[str]) -> str:
    """Run some rules at once (e.g. after a "Leave it"), then mail what is urgent."""
    result = services.driver_run(rules=rules)
    services.nudges_mail_urgent()
    return f"created={result.created} resolved={result.resolved}"
