"""The one-time token: only the first of many simultaneous POSTs runs the create."""

import threading
import time
import uuid

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from apps.base import idempotency


class Someone:
    pk = 7


def post(token: str) -> object:
    request = RequestFactory().post("/neu/", {idempotency.FIELD: token})
    request.user = Someone()  # type: ignore[assignment]
    return request


def test_parallel_repeats_wait_for_the_first_and_follow_it() -> None:
    token = uuid.uuid4().hex
    created: list[str] = []
    answers: list[str] = []
    start = threading.Barrier(4)

    def send() -> None:
        start.wait()
        once = idempotency.claim(post(token), scope="test", fallback="/liste/")  # type: ignore[arg-type]
        if once.repeat_of:
            answers.append(once.repeat_of)
            return
        time.sleep(0.2)  # the create takes a moment
        created.append("record")
        once.done("/record/1/")
        answers.append("/record/1/")

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert created == ["record"]
    assert answers == ["/record/1/"] * 4


def test_without_a_valid_token_or_user_nothing_is_held() -> None:
    assert idempotency.claim(post("not-a-uuid"), scope="t", fallback="/").key is None  # type: ignore[arg-type]
    request = post(uuid.uuid4().hex)
    request.user = AnonymousUser()  # type: ignore[attr-defined]
    assert idempotency.claim(request, scope="t", fallback="/").key is None  # type: ignore[arg-type]
