"""Mixed journeys of logged-in demo people, for Locust (run by ``python -m bench.load``).

Each simulated user logs in through the real login form (CSRF token from the form,
the demo password) as one of the accounts listed in the JSON file named by
``WIRWERK_LOAD_TARGETS`` (written by ``bench/load.py`` from the seeded demo data:
the account's e-mail and, where it has them, a cooperation, a meeting in it, a
co-creation session it takes part in and whether it may write in the cooperation).
Then it walks, with a think time between pages:

- the dashboard and the partner suggestions,
- its cooperation's page and a meeting's page,
- a contribution: GET the form, POST it with the CSRF and once tokens,
- the live poll of a co-creation session (``/sessions/<pk>/live/``), sending the
  ETag it holds like the page's htmx poll: mostly 304, a render after a change.

A journey whose object the account does not have falls back to the dashboard.
``FloorUser`` asks the bare ``/healthz`` view with the same client setup: the floor
the mixed figures are compared with.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from datetime import date, timedelta
from typing import Any

from locust import HttpUser, between, task

TARGETS_ENV = "WIRWERK_LOAD_TARGETS"
PASSWORD_ENV = "WIRWERK_LOAD_PASSWORD"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
THINK = between(0.5, 2.5)


def _accounts() -> list[dict[str, Any]]:
    path = os.environ.get(TARGETS_ENV)
    if not path:
        raise RuntimeError(f"{TARGETS_ENV} must name the targets file (see bench/load.py)")
    with open(path, encoding="utf-8") as file:
        accounts: list[dict[str, Any]] = json.load(file)["accounts"]
    return accounts


ACCOUNTS = _accounts() if os.environ.get(TARGETS_ENV) else []
NEXT_ACCOUNT = itertools.count()
LOGGED_IN = itertools.count(1)


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden inputs of a page's form (CSRF token, once token)."""
    return dict(HIDDEN.findall(html))


class DemoPerson(HttpUser):
    """A logged-in demo person walking the main pages."""

    wait_time = THINK

    def on_start(self) -> None:
        number = next(NEXT_ACCOUNT)
        self.account = ACCOUNTS[number % len(ACCOUNTS)]
        # Every person comes from an address of their own through the reverse proxy
        # (the server trusts one proxy): the login rate limits count per address.
        self.client.headers["X-Forwarded-For"] = f"10.77.{number // 250}.{number % 250 + 1}"
        self.etag = ""
        self.rng = random.Random(self.account["email"])
        form = self.client.get("/konto/login/", name="login form")
        fields = hidden_fields(form.text)
        with self.client.post(
            "/konto/login/",
            data={
                "csrfmiddlewaretoken": fields.get("csrfmiddlewaretoken", ""),
                "login": self.account["email"],
                "password": os.environ.get(PASSWORD_ENV, ""),
            },
            name="login",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "/konto/login/" in response.url:
                response.failure(f"login of {self.account['email']} failed")
                return
        # The figures start when everyone is in: a login (argon2, deliberately slow)
        # is once per person, the journeys are the steady state.
        runner = self.environment.runner
        if runner is not None and next(LOGGED_IN) == runner.target_user_count:
            self.environment.stats.reset_all()

    def page(self, path: str, name: str) -> str:
        """GET a page; sent to the login form means the journey failed."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/konto/login/" in response.url:
                response.failure(f"{name}: {response.status_code} {response.url}")
            return str(response.text)

    @task(4)
    def dashboard(self) -> None:
        self.page("/", "dashboard")

    @task(2)
    def suggestions(self) -> None:
        self.page("/partner/", "suggestions")

    @task(2)
    def cooperation(self) -> None:
        pk = self.account.get("cooperation")
        if pk is None:
            return self.dashboard()
        self.page(f"/kooperationen/{pk}/", "cooperation")

    @task(2)
    def meeting(self) -> None:
        pk, meeting = self.account.get("cooperation"), self.account.get("meeting")
        if meeting is None:
            return self.dashboard()
        self.page(f"/kooperationen/{pk}/besprechungen/{meeting}/", "meeting")

    @task(1)
    def contribution(self) -> None:
        pk = self.account.get("cooperation")
        if pk is None or not self.account.get("can_write"):
            return self.dashboard()
        url = f"/kooperationen/{pk}/beitraege/neu/"
        form = self.page(url, "contribution form")
        data = {
            **hidden_fields(form),
            "kind": "hours",
            # Yesterday: never in the future for the server, whatever the time zones.
            "done_on": (date.today() - timedelta(days=1)).isoformat(),
            "hours": self.rng.choice(["0,5", "1", "1,5", "2"]),
            "description": "Lasttest: Vorbereitung",
        }
        with self.client.post(url, data=data, name="contribution post", catch_response=True) as r:
            # Saved: redirected to the ledger. The form again means it was refused.
            if r.status_code != 200 or not r.url.endswith(f"/kooperationen/{pk}/beitraege/"):
                r.failure(f"contribution not saved ({r.status_code} {r.url})")

    @task(4)
    def session_poll(self) -> None:
        pk = self.account.get("session")
        if pk is None:
            return self.dashboard()
        headers = {"HX-Request": "true"}
        if self.etag:
            headers["If-None-Match"] = self.etag
        with self.client.get(
            f"/sessions/{pk}/live/", headers=headers, name="session poll", catch_response=True
        ) as response:
            if response.status_code not in (200, 304) or "/konto/login/" in response.url:
                response.failure(f"poll answered {response.status_code}")
            else:
                self.etag = response.headers.get("ETag", self.etag)
                response.success()


class FloorUser(HttpUser):
    """The floor: a bare Django view (no database) with the same client and think time."""

    wait_time = THINK

    @task
    def health(self) -> None:
        self.client.get("/healthz", name="healthz")
