from django_tasks import task

from apps.driver import services


@task()
def dispatch() -> dict[str, int]:
    """The driver's periodic job: run every rule."""
    result = services.driver_run()
    return {"created": result.created, "resolved": result.resolved}
