from django_tasks import task

from apps.matching import services


@task()
def index_profile(user_id: int) -> None:
    services.index_update_profile(user_id=user_id)


@task()
def rebuild_index() -> None:
    services.index_rebuild()


@task()
def prune_index_changes() -> None:
    services.index_changes_prune()
