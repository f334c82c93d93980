"""A migrated database for a benchmark: the given URL, or a scratch SQLite file that
is removed when the process ends."""

import atexit
import os
import shutil
import tempfile


def setup_django(database_url: str | None, *, prefix: str) -> str:
    if database_url is None:
        directory = tempfile.mkdtemp(prefix=prefix)
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        database_url = f"sqlite:///{directory}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wirwerk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return database_url
