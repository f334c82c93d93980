"""Query budgets: every page asks the database as often at ten times the data as at once.

``PAGES`` lists every GET page of the project: its URL name and how to build its URL
from the dataset (``tests/budgets/world.py``: the demo network, grown by one unit,
then by nine more). Each page is asked twice at both sizes (the first answer may
create what a page creates once, like a draft or a cache entry); the second count
must be the same. A new page goes into ``PAGES``; a URL that is no page goes into
``EXCLUDED`` with the reason – ``test_every_page_has_a_budget`` fails until one of
them names it. Actions that only take POST need no entry: they answer 405 to GET.
API operations (``api:*``, /api/v1/) are asked with anna's read key
(``Authorization: Bearer``) instead of a session: ``Page(..., bearer=True)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.notifications.mail import unsubscribe_token
from tests.budgets.places import week
from tests.budgets.world import World, build, grow, latest_entry, sizes

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[World], str]
    user: str = "anna"  # who asks: a World attribute
    query: str = ""  # appended to the URL
    bearer: bool = False  # asked with anna's read API key instead of a session


def r(name: str, *args: Callable[[World], Any]) -> Callable[[World], str]:
    """The URL of ``name`` with arguments taken from the world."""
    return lambda world: reverse(name, args=[arg(world) for arg in args])


def main(w: World) -> int:
    return int(w.main.pk)


def latest(w: World) -> int:
    return int(latest_entry(w.contribution).pk)


def of(attribute: str, field: str = "pk") -> Callable[[World], Any]:
    return lambda w: getattr(getattr(w, attribute), field)


def fixed(value: str) -> Callable[[World], str]:
    return lambda w: value


def token(w: World) -> str:
    return unsubscribe_token(w.anna)


version = of("version", "number")
kassel = of("kassel")
pool = of("pool")
run = of("run")


def api(name: str, *args: Callable[[World], Any], query: str = "") -> Page:
    """An API operation, asked with anna's read key (``Authorization: Bearer``)."""
    return Page(f"api:{name}", r(f"api:{name}", *args), query=query, bearer=True)


def in_week(name: str, *args: Callable[[World], Any]) -> Callable[[World], str]:
    """The week calendar at the week the world's bookings go to."""
    return lambda world: r(name, *args)(world) + f"?woche={week(world)}"


EXPORT = "?since=2026-01-01&until=2026-12-31&format=csv&adviser=1001&client=1"

PAGES: list[Page] = [
    # core, profiles, matching
    Page("core:dashboard", r("core:dashboard")),
    Page("core:healthz", r("core:healthz")),
    Page("core:my-data", r("core:my-data")),
    Page("core:my-data-download", r("core:my-data-download")),
    Page("core:account-delete", r("core:account-delete")),
    Page("profiles:edit", r("profiles:edit")),
    Page("profiles:terms", r("profiles:terms")),
    Page("profiles:detail", r("profiles:detail", of("ben"))),
    Page("matching:suggestions", r("matching:suggestions")),
    Page("matching:search", r("matching:search"), query="?q=Moderation"),
    # network
    Page("network:connections", r("network:connections")),
    Page("network:request-new", r("network:request-new", of("carla"))),
    Page("network:connection-remove", r("network:connection-remove", of("ben"))),
    Page("network:block", r("network:block", of("stranger"))),
    Page("network:unblock", r("network:unblock", of("blocked"))),
    Page("network:ask-close", r("network:ask-close", of("own_ask"))),
    Page("network:blocked", r("network:blocked")),
    Page("network:asks", r("network:asks")),
    Page("network:ask-new", r("network:ask-new")),
    Page("network:ask-detail", r("network:ask-detail", of("ask"))),
    # cooperations
    Page("cooperations:list", r("cooperations:list")),
    Page("cooperations:new", r("cooperations:new")),
    Page("cooperations:detail", r("cooperations:detail", main)),
    Page("cooperations:edit", r("cooperations:edit", main)),
    Page("cooperations:timeline", r("cooperations:timeline", main)),
    Page("cooperations:invite", r("cooperations:invite", main)),
    Page("cooperations:member-remove", r("cooperations:member-remove", main, of("ben"))),
    Page("cooperations:fit-check", r("cooperations:fit-check", main)),
    Page("cooperations:agreement", r("cooperations:agreement", main)),
    Page("cooperations:agreement-draft", r("cooperations:agreement-draft", main)),
    Page("cooperations:agreement-compare", r("cooperations:agreement-compare", main)),
    Page("cooperations:agreement-version", r("cooperations:agreement-version", main, version)),
    Page("cooperations:agreement-pdf", r("cooperations:agreement-pdf", main, version)),
    Page("cooperations:agreement-receipt", r("cooperations:agreement-receipt", main, version)),
    Page("cooperations:agreement-verify", r("cooperations:agreement-verify", main)),
    Page("cooperations:exit", r("cooperations:exit", of("leaving"))),
    Page("cooperations:archive", r("cooperations:archive", main)),
    Page("cooperations:delete", r("cooperations:delete", main)),
    # check-ins
    Page("checkins:overview", r("checkins:overview", main)),
    Page("checkins:round", r("checkins:round", main, of("check_in"))),
    Page("checkins:health", r("checkins:health", main)),
    # meetings
    Page("meetings:meeting-list", r("meetings:meeting-list", main)),
    Page("meetings:meeting-new", r("meetings:meeting-new", main)),
    Page("meetings:meeting-detail", r("meetings:meeting-detail", main, of("meeting"))),
    Page("meetings:meeting-edit", r("meetings:meeting-edit", main, of("meeting"))),
    Page("meetings:meeting-protocol", r("meetings:meeting-protocol", main, of("meeting"))),
    Page("meetings:meeting-ics", r("meetings:meeting-ics", main, of("meeting"))),
    Page("meetings:decision-list", r("meetings:decision-list", main)),
    Page("meetings:decision-edit", r("meetings:decision-edit", main, of("decision"))),
    Page("meetings:decision-confirm", r("meetings:decision-confirm", main, of("decision"))),
    Page("meetings:decision-discard", r("meetings:decision-discard", main, of("decision"))),
    Page("meetings:action-list", r("meetings:action-list", main), query="?status=all"),
    Page("meetings:action-new", r("meetings:action-new", main)),
    Page("meetings:action-edit", r("meetings:action-edit", main, of("action"))),
    Page("meetings:poll-new", r("meetings:poll-new", main)),
    Page("meetings:poll-detail", r("meetings:poll-detail", main, of("poll"))),
    Page("meetings:my-actions", r("meetings:my-actions"), query="?status=all"),
    Page("meetings:calendar", r("meetings:calendar")),
    Page("meetings:calendar-revoke", r("meetings:calendar-revoke")),
    Page("meetings:calendar-feed", r("meetings:calendar-feed", of("feed", "token"))),
    # contributions
    Page("contributions:ledger", r("contributions:ledger", main)),
    Page("contributions:new", r("contributions:new", main)),
    Page("contributions:detail", r("contributions:detail", main, of("contribution"))),
    Page("contributions:correct", r("contributions:correct", main, latest)),
    Page("contributions:remove", r("contributions:remove", main, latest)),
    # driver, notifications
    Page("driver:nudges", r("driver:nudges")),
    Page("notifications:settings", r("notifications:settings")),
    Page("notifications:unsubscribe", r("notifications:unsubscribe", token)),
    # referrals
    Page("referrals:list", r("referrals:list")),
    Page("referrals:create", r("referrals:create")),
    Page("referrals:find", r("referrals:find")),
    Page("referrals:balance", r("referrals:balance")),
    Page("referrals:export", r("referrals:export")),
    Page("referrals:detail", r("referrals:detail", of("referral"))),
    Page("referrals:decline", r("referrals:decline", of("to_decline"))),
    Page("referrals:withdraw", r("referrals:withdraw", of("to_withdraw"))),
    Page("referrals:erase", r("referrals:erase", of("to_withdraw"))),
    Page("referrals:won", r("referrals:won", of("accepted"))),
    Page("referrals:lost", r("referrals:lost", of("accepted"))),
    # finances
    Page("finances:overview", r("finances:overview", main)),
    Page("finances:engagements", r("finances:engagements", main)),
    Page("finances:engagement-new", r("finances:engagement-new", main)),
    Page("finances:engagement", r("finances:engagement", main, of("engagement"))),
    Page("finances:engagement-edit", r("finances:engagement-edit", main, of("engagement"))),
    Page("finances:line-add", r("finances:line-add", main, of("engagement"))),
    Page("finances:key-propose", r("finances:key-propose", main, of("engagement"), fixed("cost"))),
    Page("finances:shared-costs", r("finances:shared-costs", main)),
    Page("finances:settlements", r("finances:settlements", main)),
    # invoices
    Page("invoices:mine", r("invoices:mine")),
    Page("invoices:settings", r("invoices:settings")),
    Page("invoices:export", r("invoices:export"), query=EXPORT),
    Page("invoices:cooperation", r("invoices:cooperation", main)),
    Page("invoices:new", r("invoices:new", main)),
    Page("invoices:detail", r("invoices:detail", main, of("invoice"))),
    Page("invoices:pdf", r("invoices:pdf", main, of("invoice"))),
    Page("invoices:xml", r("invoices:xml", main, of("invoice"))),
    Page("invoices:correct", r("invoices:correct", main, of("invoice"))),
    # co-creation
    Page("cocreation:circle-list", r("cocreation:circle-list")),
    Page("cocreation:circle-new", r("cocreation:circle-new")),
    Page("cocreation:circle-detail", r("cocreation:circle-detail", of("circle"))),
    Page("cocreation:circle-join", r("cocreation:circle-join", of("circle")), user="stranger"),
    Page("cocreation:circle-leave", r("cocreation:circle-leave", of("circle")), user="ben"),
    Page("cocreation:gathering-new", r("cocreation:gathering-new", of("circle"))),
    Page("cocreation:circle-ics", r("cocreation:circle-ics", of("circle"))),
    Page("cocreation:post-detail", r("cocreation:post-detail", of("circle"), of("post"))),
    Page("cocreation:circle-sessions", r("cocreation:circle-sessions", of("circle"))),
    Page("cocreation:circle-session-new", r("cocreation:circle-session-new", of("circle"))),
    Page("cocreation:cooperation-sessions", r("cocreation:cooperation-sessions", main)),
    Page("cocreation:cooperation-session-new", r("cocreation:cooperation-session-new", main)),
    Page("cocreation:session-detail", r("cocreation:session-detail", of("live"))),
    Page("cocreation:session-live", r("cocreation:session-live", of("live"))),
    Page("cocreation:session-export", r("cocreation:session-export", of("live"), fixed("md"))),
    # organisations
    Page("organisations:list", r("organisations:list")),
    Page("organisations:create", r("organisations:create")),
    Page("organisations:detail", r("organisations:detail", kassel)),
    Page("organisations:edit", r("organisations:edit", kassel)),
    Page("organisations:member-remove", r("organisations:member-remove", kassel, of("staff"))),
    Page("organisations:leave", r("organisations:leave", kassel)),
    Page("organisations:training-new", r("organisations:training-new", kassel)),
    Page("organisations:trainings", r("organisations:trainings")),
    Page("organisations:training", r("organisations:training", of("training"))),
    Page("organisations:cooperation", r("organisations:cooperation", main)),
    # resources
    Page("resources:list", r("resources:list")),
    Page("resources:new", r("resources:new")),
    Page("resources:mine", r("resources:mine")),
    Page("resources:detail", in_week("resources:detail", of("room"))),
    Page("resources:manage", r("resources:manage", of("room"))),
    Page("resources:cancel", r("resources:cancel", of("booking"))),
    Page("resources:cooperation", r("resources:cooperation", main)),
    # data pool
    Page("datapool:list", r("datapool:list")),
    Page("datapool:new", r("datapool:new")),
    Page("datapool:detail", r("datapool:detail", pool)),
    Page("datapool:agreement", r("datapool:agreement", pool)),
    Page("datapool:leave", r("datapool:leave", pool)),
    Page("datapool:audit", r("datapool:audit", pool)),
    Page("datapool:run-new", r("datapool:run-new", pool)),
    Page("datapool:run", r("datapool:run", pool, run)),
    Page("datapool:run-message", r("datapool:run-message", pool, run, fixed("antwort"))),
    Page("datapool:planning", r("datapool:planning", pool)),
    Page("datapool:demand-report", r("datapool:demand-report", pool)),
    # API keys
    Page("api-tokens:list", r("api-tokens:list")),
    Page("api-tokens:revoke", r("api-tokens:revoke", of("api_token"))),
    # the API (/api/v1/): every GET operation, with a read key
    Page("api:openapi-json", r("api:openapi-json")),
    Page("api:openapi-view", r("api:openapi-view")),
    api("me"),
    api("suggestions"),
    api("connections"),
    api("contact_requests"),
    api("cooperations"),
    api("cooperation", main),
    api("members", main),
    api("agreements", main),
    api("agreement", main, version),
    api("meetings", main),
    api("meeting", main, of("meeting")),
    api("decisions", main),
    api("actions", main),
    api("contributions", main),
    api("balance", main),
    api("nudges"),
    api("referrals"),
    api("referral", of("referral")),
    api("engagements", main),
    api("engagement", main, of("engagement")),
    api("balances", main),
    api("cooperation_invoices", main),
    api("my_invoices"),
    api("invoice", of("invoice")),
    api("circles"),
    api("circle", of("circle")),
    api("circle_sessions", of("circle")),
    api("cooperation_sessions", main),
    api("session", of("live")),  # the circle session that gathers ideas
]  # fmt: skip

EXCLUDED: dict[str, str] = {
    "set_language": "Django's language switch: a redirect, no page",
    "cooperations:invitation-link": "an e-mail link's token exists only in the mail sent; "
    "the invitation's page reads one invitation (apps/cooperations/tests)",
    "api:api-root": "django-ninja's /api/v1/ root: 404 without DEBUG (a redirect to the "
    "docs with it), no data",
    # API write operations on the same path as a read one: GET there is the read.
    "api:contact_request_send": "POST on the path of api:contact_requests (budgeted)",
    "api:meeting_create": "POST on the path of api:meetings (budgeted)",
    "api:action_create": "POST on the path of api:actions (budgeted)",
    "api:contribution_log": "POST on the path of api:contributions (budgeted)",
}
# Whole families that are not our pages.
EXCLUDED_PREFIXES: dict[str, str] = {
    "admin:": "Django's admin: staff only, Django's own pages",
    "account_": "django-allauth's account pages: forms without lists of our data",
    "mfa_": "django-allauth's two-factor pages: forms without lists of our data",
}


def patterns(
    resolver: URLResolver | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    """Every named URL pattern with its full name (``namespace:name``)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from patterns(entry, inner)
        elif entry.name:
            yield ":".join(filter(None, [namespace, entry.name])), entry


def count_queries(world: World, clients: dict[str, Client]) -> dict[str, int]:
    counts, failed = {}, []
    for page in PAGES:
        headers = {}
        if page.bearer:
            client = clients.setdefault("bearer", Client())
            headers["Authorization"] = f"Bearer {world.api_secret}"
        else:
            client = clients.setdefault(page.user, Client())
            client.force_login(getattr(world, page.user))
        url = page.url(world) + page.query
        client.get(url, headers=headers)  # the first answer may create a draft or fill a cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, headers=headers)
        if response.status_code != 200:
            failed.append(f"{page.name}: {url} answered {response.status_code}")
        counts[page.name] = len(queries)
    assert not failed, failed
    return counts


def test_every_page_asks_as_often_at_ten_times_the_data() -> None:
    world = build()
    grow(world, 1)
    clients: dict[str, Client] = {}
    small, before = count_queries(world, clients), sizes(world)
    grow(world, 9)
    large, after = count_queries(world, clients), sizes(world)
    assert not [name for name in before if after[name] <= before[name]], (before, after)
    print("queries per page at 10× the data:", large)  # the figures for the report
    grown = {name: (small[name], large[name]) for name in small if small[name] != large[name]}
    assert not grown, f"query counts that grow with the data (1× → 10×): {grown}"


def test_every_page_has_a_budget(client: Client, anna: Any) -> None:
    """A named URL is in PAGES, excluded with a reason, or an action that refuses GET."""
    client.force_login(anna)
    listed = {page.name for page in PAGES}
    missing = []
    for name, pattern in patterns():
        if name in listed or name in EXCLUDED or name.startswith(tuple(EXCLUDED_PREFIXES)):
            continue
        dummy = {
            key: 1 if type(converter).__name__ == "IntConverter" else "x"
            for key, converter in pattern.pattern.converters.items()
        }
        if client.get(reverse(name, kwargs=dummy)).status_code != 405:
            missing.append(name)
    assert not missing, f"pages without a query budget (add them to PAGES): {missing}"
    assert len(listed) == len(PAGES), "a page is listed twice"
    assert not listed & set(EXCLUDED), "a page is both listed and excluded"
