"""A worker started by `serai serve` drops the settings' secrets from its environment: granian
copies the process environment into every request's WSGI environ (request.META)."""

import json
import subprocess
import sys

from serai.core.management.commands import serve
from tests.core.helpers import environment_without_settings

SECRETS = {
    "SECRET_KEY": "a-secret-key-for-this-test-only-0123456789abcdefghijklmnopqrstuvwxyz",
    "DATABASE_URL": "sqlite:////tmp/serai-secrets-test.sqlite3",
    "CACHE_URL": "locmemcache://secrets-test",
    "EMAIL_URL": "smtp://mailer:a-mail-password@127.0.0.1:2525",
}

# What a granian worker does: import the application, then build its request wrapper from the
# process environment (granian.wsgi._callback_wrapper), and answer a request through it.
WORKER = """
import io, json, os
import serai.wsgi
from django.conf import settings
from granian.wsgi import _callback_wrapper

seen = {}

def app(environ, start_response):
    seen.update(environ)
    return serai.wsgi.application(environ, start_response)

class Proto:
    def response_bytes(self, status, headers, body):
        seen["_status"] = status
    def response_iter(self, status, headers, body):
        seen["_status"] = status
        try:
            while True:
                body.__next__()
        except StopIteration:
            body.close()

scope = {"REQUEST_METHOD": "GET", "PATH_INFO": "/robots.txt", "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
         "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
         "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO()}
_callback_wrapper(app, {})(Proto(), scope)
print(json.dumps({
    "in_environment": sorted(n for n in %(names)r if n in os.environ),
    "in_request": sorted(n for n in %(names)r if n in seen),
    "settings_have_key": settings.SECRET_KEY == %(key)r,
    "status": seen.get("_status"),
}))
"""


def run_worker(tmp_path, *, forget: bool) -> dict:
    env = environment_without_settings()
    env.update(SECRETS, SERAI_ENV="production", SERAI_HOME=str(tmp_path), ALLOWED_HOSTS="127.0.0.1")
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env["DJANGO_SETTINGS_MODULE"] = "serai.settings"
    if forget:
        env["SERAI_FORGET_SECRETS"] = "1"
    code = WORKER % {"names": sorted(SECRETS), "key": SECRETS["SECRET_KEY"]}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_served_worker_keeps_its_secrets_out_of_every_request(tmp_path):
    seen = run_worker(tmp_path, forget=True)
    assert seen == {"in_environment": [], "in_request": [], "settings_have_key": True, "status": 200}


def test_other_processes_keep_their_environment(tmp_path):
    """Tests and management commands start other processes from their own environment."""
    seen = run_worker(tmp_path, forget=False)
    assert seen["in_environment"] == sorted(SECRETS)
    assert seen["in_request"] == sorted(SECRETS)  # what granian does with a full environment


class FakeProcess:
    started: list = []

    def __init__(self, argv, env=None):
        self.argv, self.env, self.returncode = argv, env, 0
        FakeProcess.started.append(self)

    def poll(self):
        return 0

    def wait(self, timeout=None):
        return 0


def test_serai_serve_asks_its_workers_to_forget_the_secrets(monkeypatch, own_signal_handlers):
    from django.core.management import call_command

    FakeProcess.started = []
    monkeypatch.setattr(serve.subprocess, "Popen", FakeProcess)
    call_command("serve", "--no-prepare", "--no-task-worker", "--workers", "2", "--threads", "2")
    (granian,) = FakeProcess.started
    assert granian.argv[-1] == "serai.wsgi:application"
    assert granian.env["SERAI_FORGET_SECRETS"] == "1"
