import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings

from apps.core.demo.personas import ANNA, DEMO_PASSWORD


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _manage(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def test_serve_runs_web_and_worker_a_demo_user_logs_in_and_ctrl_c_stops_both(
    tmp_path: Path,
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "WIRWERK_VAR_DIR": str(tmp_path),
    }
    for args in (("migrate", "--noinput"), ("seed_demo", "--people", "5", "--if-empty")):
        assert _manage(*args, env=env).wait(timeout=120) == 0
    port = _free_port()
    server = _manage("serve", "--addrport", f"127.0.0.1:{port}", env=env)
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = opener.open(f"{base}/konto/login/", timeout=5).read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not come up"
                time.sleep(0.5)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "login": ANNA.email,
            "password": DEMO_PASSWORD,
        }
        request = urllib.request.Request(
            f"{base}/konto/login/",
            data=urllib.parse.urlencode(form).encode(),
            headers={"Referer": f"{base}/konto/login/"},
        )
        dashboard = opener.open(request, timeout=10)
        assert dashboard.url == f"{base}/"
        assert "Guten Tag, Anna" in dashboard.read().decode()
    finally:
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=30)[0].decode()
    assert "Traceback" not in output
    assert "Starting worker" in output  # the background worker ran beside the web server
    assert "driver eingereiht" in output  # and the periodic dispatcher beside both
    assert server.returncode == 0
