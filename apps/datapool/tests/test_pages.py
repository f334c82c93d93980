"""The pool's pages: members see them, everyone else gets 404; the agreement is
recorded with who, when and the text's hash; leaving cancels open runs."""

import os
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.datapool import psi
from apps.datapool.agreement import text_hash
from apps.datapool.models import AuditKind, OverlapRun, PoolMember, RunStatus
from apps.datapool.overlap import run_start
from apps.datapool.services import pool_create
from apps.datapool.tests.conftest import organisation_with

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


PAGES = ["detail", "agreement", "audit", "run-new", "planning", "leave"]


def test_people_outside_the_member_organisations_get_404(pool, carla):
    carla_org = organisation_with("Bildungswerk Süd", carla)  # an organisation, but not in the pool
    assert carla_org.pk
    client = client_for(carla)
    for name in PAGES:
        assert client.get(reverse(f"datapool:{name}", args=[pool.pk])).status_code == 404
    assert pool.name not in client.get(reverse("datapool:list")).content.decode()


def test_members_see_every_page(pool, anna, ben):
    for user in (anna, ben):
        client = client_for(user)
        for name in PAGES:
            response = client.get(reverse(f"datapool:{name}", args=[pool.pk]))
            assert response.status_code == 200, name


def test_the_acceptance_records_who_when_and_the_texts_hash(pool, ben, goettingen):
    member = PoolMember.objects.get(pool=pool, organisation=goettingen)
    assert member.accepted_by == ben
    assert member.accepted_at is not None
    assert member.accepted_hash == text_hash(pool.agreement_text) == pool.agreement_hash
    assert "Art. 26 DSGVO" in pool.agreement_text
    page = client_for(ben).get(reverse("datapool:detail", args=[pool.pk])).content.decode()
    assert "Vereinbarung angenommen" in page  # the audit log, visible to members


def test_an_invited_organisation_accepts_on_the_agreement_page(anna, carla, kassel):
    south = organisation_with("Bildungswerk Süd", carla)
    pool = pool_create(user=anna, organisation=kassel, name="P", purpose="Z", partners=[south])
    client = client_for(carla)
    assert (
        "ist eingeladen" in client.get(reverse("datapool:detail", args=[pool.pk])).content.decode()
    )
    client.post(reverse("datapool:agreement", args=[pool.pk]), {"organisation": south.pk})
    assert PoolMember.objects.get(pool=pool, organisation=south).accepted_by == carla


def test_leaving_cancels_open_runs_and_ends_access(pool, anna, ben, kassel, goettingen):
    salt = psi.new_salt()
    addresses = [f"k{i}@beispiel.de" for i in range(60)]
    run = run_start(
        user=anna,
        pool=pool,
        initiator=kassel,
        responder=goettingen,
        salt=salt,
        a_blinded=psi.initiator_start(addresses, salt=salt, secret=psi.new_secret()),
    )
    client = client_for(ben)
    client.post(reverse("datapool:leave", args=[pool.pk]), {"organisation": goettingen.pk})
    assert OverlapRun.objects.get(pk=run.pk).status == RunStatus.CANCELLED
    assert pool.audit.filter(kind=AuditKind.LEFT, organisation=goettingen).exists()
    assert client.get(reverse("datapool:detail", args=[pool.pk])).status_code == 404


def test_only_the_asked_side_may_fetch_the_request_message(pool, anna, ben, kassel, goettingen):
    salt = psi.new_salt()
    addresses = [f"k{i}@beispiel.de" for i in range(60)]
    run = run_start(
        user=anna,
        pool=pool,
        initiator=kassel,
        responder=goettingen,
        salt=salt,
        a_blinded=psi.initiator_start(addresses, salt=salt, secret=psi.new_secret()),
    )
    url = reverse("datapool:run-message", args=[pool.pk, run.pk, "anfrage"])
    assert client_for(anna).get(url).status_code == 404
    response = client_for(ben).get(url)
    assert response.status_code == 200 and len(response.content) == 60 * 32


def test_the_pool_page_does_not_grow_in_queries_with_runs_and_log(pool, anna, kassel, goettingen):
    client = client_for(anna)
    url = reverse("datapool:detail", args=[pool.pk])

    def add_runs(n: int) -> None:
        for _ in range(n):
            salt = psi.new_salt()
            run_start(
                user=anna,
                pool=pool,
                initiator=kassel,
                responder=goettingen,
                salt=salt,
                a_blinded=os.urandom(32 * 50),
            )

    add_runs(1)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add_runs(9)
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    assert len(ten) == len(one)


def test_an_admin_founds_a_pool_and_invites_a_partner(anna, kassel, goettingen):
    client = client_for(anna)
    response = client.post(
        reverse("datapool:new"),
        {
            "organisation": kassel.pk,
            "name": "Kassel und Göttingen",
            "purpose": "Programmplanung",
            "legal_basis": "legitimate",
            "partners": [goettingen.pk],
        },
    )
    member = PoolMember.objects.get(organisation=kassel)
    assert response.status_code == 302 and member.accepted_by == anna
    assert PoolMember.objects.get(organisation=goettingen).accepted_at is None


def test_a_person_without_an_admin_role_cannot_found_a_pool(carla):
    assert client_for(carla).get(reverse("datapool:new")).status_code == 404


def test_the_data_export_lists_what_the_person_did(pool, anna):
    from apps.base.data_export import user_data_export

    kinds = [e["kind"] for e in user_data_export(anna)["datapool"]]
    assert kinds[:3] == ["created", "accepted", "invited"]


def test_staff_see_the_pool_but_are_told_that_only_the_administration_counts(pool, carla, kassel):
    from apps.organisations.models import OrganisationMember, Role

    OrganisationMember.objects.create(organisation=kassel, user=carla, role=Role.STAFF)
    client = client_for(carla)
    page = client.get(reverse("datapool:run-new", args=[pool.pk])).content.decode()
    assert "kann die Verwaltung einer teilnehmenden Organisation" in page
    planning = client.get(reverse("datapool:planning", args=[pool.pk])).content.decode()
    assert "Zahlen Ihrer Organisation melden" not in planning
    assert client.get(reverse("datapool:demand-report", args=[pool.pk])).status_code == 404


def test_the_run_pages_allow_their_import_map_by_nonce_and_nothing_inline_else(pool, anna):
    response = client_for(anna).get(reverse("datapool:run-new", args=[pool.pk]))
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)  # type: ignore[union-attr]
    html = response.content.decode()
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert "unsafe-inline" not in policy
    # The curve library comes from our own static files, never from a CDN.
    assert '"@noble/curves/": "/static/vendor/noble-curves/"' in html
