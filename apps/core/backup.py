"""Backup and restore of the whole database (``manage.py backup OUT`` / ``restore IN``).

SQLite: the online backup API (a consistent copy while web and worker keep running).
PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean`` (the client tools
must be installed; the connection settings come from ``DATABASES``).
"""

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections


def _settings(alias: str) -> dict[str, Any]:
    return connections[alias].settings_dict


def _raw_sqlite(alias: str) -> sqlite3.Connection:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.connection


def _pg_env(settings: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def vendor(alias: str = "default") -> str:
    return connections[alias].vendor


def backup(out: Path, *, alias: str = "default") -> None:
    """Write a consistent copy of the database to ``out``."""
    settings = _settings(alias)
    if vendor(alias) == "sqlite":
        target = sqlite3.connect(out)
        try:
            _raw_sqlite(alias).backup(target)
        finally:
            target.close()
        return
    if vendor(alias) == "postgresql":
        args, env = _pg_env(settings)
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--file",
                str(out),
                *args,
                str(settings["NAME"]),
            ],
            env=env,
            check=True,
        )
        return
    raise _unsupported(alias)


def _unsupported(alias: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"backup and restore know SQLite and PostgreSQL, not {vendor(alias)}"
    )


def restore(source: Path, *, alias: str = "default") -> None:
    """Replace the database's content with the backup ``source``."""
    if not source.exists():
        raise FileNotFoundError(source)
    settings = _settings(alias)
    if vendor(alias) == "sqlite":
        backup_file = sqlite3.connect(source)
        try:
            backup_file.backup(_raw_sqlite(alias))
        finally:
            backup_file.close()
        return
    if vendor(alias) == "postgresql":
        connections[alias].close()
        args, env = _pg_env(settings)
        subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                "--dbname",
                str(settings["NAME"]),
                str(source),
            ],
            env=env,
            check=True,
        )
        return
    raise _unsupported(alias)
