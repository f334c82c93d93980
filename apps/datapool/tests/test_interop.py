"""The browser module (static/datapool/psi.js with @noble/curves) and the Python
party produce the same bytes, so a browser and ``manage.py datapool_psi`` can be the
two sides of one run."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from apps.datapool import psi
from apps.datapool.models import OverlapRun, RunStatus

MODULE = Path(settings.BASE_DIR) / "static" / "datapool" / "psi.js"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def node(script: str, payload: dict) -> dict:
    code = f"import * as psi from {json.dumps(MODULE.as_uri())};\n{script}"
    done = subprocess.run(
        ["node", "--no-warnings", "--input-type=module", "-e", code],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    return json.loads(done.stdout)


STDIN = (
    "import { readFileSync } from 'node:fs';\nconst input = JSON.parse(readFileSync(0, 'utf8'));\n"
)


@needs_node
def test_javascript_and_python_hash_blind_and_commute_alike():
    salt, a, b = psi.new_salt(), psi.new_secret(), psi.new_secret()
    addresses = [" Anna.Schmidt@Example.org", "mailto:ben@beispiel.de", "ärger@umlaut.de"]
    js = node(
        STDIN + "const salt = psi.fromHex(input.salt);\n"
        "const a = psi.fromHex(input.a), b = psi.fromHex(input.b);\n"
        "const u = input.addresses.map((x) => psi.hashToU(x, salt));\n"
        "const once = psi.blind(a, u);\n"
        "console.log(JSON.stringify({\n"
        "  normal: input.addresses.map(psi.normalise),\n"
        "  u: u.map(psi.toHex), once: once.map(psi.toHex),\n"
        "  twice: psi.blind(b, once).map(psi.toHex),\n"
        "}));",
        {"salt": salt.hex(), "a": a.hex(), "b": b.hex(), "addresses": addresses},
    )
    u = [psi.hash_to_u(x, salt) for x in addresses]
    assert js["normal"] == [psi.normalise(x) for x in addresses]
    assert js["u"] == [x.hex() for x in u]
    assert js["once"] == [x.hex() for x in psi.blind_points(a, u)]
    # Commutativity across the two implementations: JS b(a(u)) == Python a(b(u)).
    assert js["twice"] == [x.hex() for x in psi.blind_points(a, psi.blind_points(b, u))]


@needs_node
@pytest.mark.django_db
def test_the_command_and_the_browser_module_count_one_run_together(
    pool, anna, ben, kassel, goettingen, tmp_path
):
    shared = [f"stamm{i}@kunden.de" for i in range(31)]
    csv_a = tmp_path / "kassel.csv"
    csv_a.write_text(
        "Name;E-Mail\n" + "\n".join(f"K;{x}" for x in shared + [f"k{i}@a.de" for i in range(40)])
    )
    key = tmp_path / "run.key"
    call_command(
        "datapool_psi",
        "start",
        pool=pool.pk,
        partner=goettingen.pk,
        user=anna.email,
        csv=csv_a,
        key_file=key,
    )
    run = OverlapRun.objects.get()
    assert key.stat().st_mode & 0o077 == 0

    # Göttingen answers with the browser module (as its page script would).
    listing = "email\n" + "\n".join([x.upper() for x in shared] + [f"g{i}@b.de" for i in range(55)])
    answer = node(
        STDIN + "const addresses = psi.addressesFromCsv(input.csv);\n"
        "const [ab, b] = psi.responderAnswer(\n"
        "  addresses, psi.fromHex(input.a), psi.fromHex(input.salt), psi.newSecret());\n"
        "console.log(JSON.stringify({ab: psi.toHex(ab), b: psi.toHex(b)}));",
        {"csv": listing, "a": bytes(run.a_blinded).hex(), "salt": bytes(run.salt).hex()},
    )
    from apps.datapool.overlap import run_answer

    run_answer(
        user=ben, run=run, ab=bytes.fromhex(answer["ab"]), b_blinded=bytes.fromhex(answer["b"])
    )
    call_command("datapool_psi", "finish", run=run.pk, user=anna.email, key_file=key)
    run.refresh_from_db()
    assert (run.status, run.overlap) == (RunStatus.FINISHED, 31)
