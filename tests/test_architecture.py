"""The layers of CONVENTIONS.md hold: `make lint` runs these import contracts.

The contracts live in pyproject.toml ([tool.importlinter]). These tests run
lint-imports on a copy of the code, once as it is and once with one wrong
arrow added, so a contract that stopped catching anything would fail here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_code(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "templates", "static", "fixtures")
    for package in ("apps", "wirwerk"):
        shutil.copytree(ROOT / package, target / package, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")


def _lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=where,
        env={"PYTHONPATH": str(where), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def code_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("code")
    _copy_code(target)
    return target


def test_the_code_keeps_every_import_contract(code_copy: Path) -> None:
    result = _lint_imports(code_copy)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "wrong_import", "refusal"),
    [
        (
            "apps/matching/wrong.py",
            "apps.network.models",
            "apps.matching is not allowed to import apps.network",
        ),
        (
            "apps/cooperations/wrong.py",
            "apps.driver.models",
            "apps.cooperations is not allowed to import apps.driver",
        ),
        (
            "apps/profiles/wrong.py",
            "apps.cooperations.models",
            "apps.profiles is not allowed to import apps.cooperations",
        ),
        (
            "apps/meetings/wrong.py",
            "apps.core.selectors",
            "apps.meetings is not allowed to import apps.core",
        ),
        (
            "apps/base/wrong.py",
            "apps.accounts.models",
            "apps.base is not allowed to import apps.accounts",
        ),
        ("wirwerk/lib/wrong.py", "apps.base.models", "wirwerk.lib is not allowed to import apps"),
    ],
)
def test_a_forbidden_import_breaks_the_lint(
    tmp_path: Path, module: str, wrong_import: str, refusal: str
) -> None:
    _copy_code(tmp_path)
    (tmp_path / module).write_text(f"import {wrong_import}\n")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1
    assert refusal in result.stdout
