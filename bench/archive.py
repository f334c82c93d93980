"""Benchmark of the cooperation archive ZIP with many agreement versions.

    python -m bench.archive [--versions 43] [--downloads 3] [--database-url URL]

In a scratch SQLite database (or the empty database of ``--database-url``, migrated
first) and a scratch PDF cache: two partners agree on ``versions`` versions through
the services (each one proposed and accepted by both, so each is in force once and
then superseded). Then the archive ZIP is built ``downloads`` times. The first build
renders every version's PDF (what every download cost before PDFs were kept, 8 s for
43 versions in the issue); later builds read the kept files. The last line holds
key=value figures.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import tempfile
import time

SCRATCH_PREFIX = "wirwerk-bench-archive-"


def setup_django(database_url: str | None) -> str:
    directory = tempfile.mkdtemp(prefix=SCRATCH_PREFIX)
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    if database_url is None:
        database_url = f"sqlite:///{directory}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    os.environ["AGREEMENT_PDF_CACHE"] = f"{directory}/agreement-pdfs"
    os.environ["WIRWERK_SIGNING_KEY"] = f"{directory}/signing-key.pem"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wirwerk.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0, interactive=False)
    return database_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=43)
    parser.add_argument("--downloads", type=int, default=3)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    setup_django(args.database_url)

    from apps.accounts.models import User
    from apps.cooperations import documents, services
    from apps.cooperations.models import Membership

    anna = User.objects.create(email="anna@bench.example", name="Anna Bench", password="!")
    ben = User.objects.create(email="ben@bench.example", name="Ben Bench", password="!")
    cooperation = services.cooperation_create(
        founder=anna, title="Archiv-Benchmark", purpose="Viele Fassungen", kind="other"
    )
    Membership.objects.create(cooperation=cooperation, user=ben)
    started = time.perf_counter()
    for number in range(1, args.versions + 1):
        draft = services.agreement_draft(cooperation=cooperation, user=anna)
        fields = {name: getattr(draft, name) for name in services.AGREEMENT_TEXT_FIELDS}
        fields["goals"] = f"Ziele der Fassung {number}."
        fields["free_text"] = f"- Punkt **{number}**\n- Weiteres\n\n> Notiz {number}"
        commitments = {
            c.user_id: {
                "hours_per_month": c.hours_per_month,
                "resources": c.resources,
                "revenue_share": c.revenue_share,
                "cost_share": c.cost_share,
            }
            for c in draft.commitments.all()
        }
        services.agreement_draft_save(
            draft=draft, user=anna, revision=draft.revision, fields=fields, commitments=commitments
        )
        version = services.agreement_propose(draft=draft, user=anna)
        services.agreement_accept(version=version, user=anna)
        services.agreement_accept(version=version, user=ben)
    print(f"{args.versions} versions agreed in {time.perf_counter() - started:.1f} s")

    timings = []
    for download in range(1, args.downloads + 1):
        started = time.perf_counter()
        size = len(documents.archive_zip(cooperation))
        timings.append(time.perf_counter() - started)
        print(f"download {download}: {timings[-1]:.2f} s, {size / 1024:.0f} KiB")
    cold, warm = timings[0], min(timings[1:]) if len(timings) > 1 else timings[0]
    print(
        f"versions={args.versions} cold_seconds={cold:.2f} warm_seconds={warm:.2f} "
        f"speedup={cold / warm:.1f}"
    )


if __name__ == "__main__":
    main()
