from django_tasks import task

from apps.network import services


@task()
def match_ask(ask_id: int) -> None:
    services.ask_match_people(ask_id=ask_id)
