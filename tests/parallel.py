"""Tests of real parallel writers on SQLite use a database file shared by separate
processes (the in-memory test database cannot be shared); the fixture
``migrated_sqlite_file`` (root conftest) gives copies of one migrated file. They run on
the SQLite leg; the PostgreSQL leg has threaded variants against the server.
"""

import pytest
from django.db import connection

sqlite_leg_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="parallel SQLite processes run on the SQLite leg"
)
