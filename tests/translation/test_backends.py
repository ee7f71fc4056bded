"""Machine translation backends: a LibreTranslate-compatible service on this machine, asked
for real over HTTP (answering well, with garbage, with an error, or not at all), Argos Translate
when it is not installed, and `machine_draft`, which turns every failure into a reason."""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from serai.translation import backends
from serai.translation.backends import ArgosBackend, LibreTranslateBackend, TranslationUnavailable


class Service(BaseHTTPRequestHandler):
    """Answers as the test sets `server.mode`, and keeps what it was asked in `server.asked`."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.asked.append((self.path, body))
        mode = self.server.mode
        if mode == "hang":
            self.server.release.wait(30)  # the client gives up long before
            return
        status, payload = {
            "ok": (200, json.dumps({"translatedText": f"<{body['target']}> {body['q']}"}).encode()),
            "garbage": (200, b"<html>Welcome to nginx!</html>"),
            "wrong-json": (200, json.dumps({"error": "no"}).encode()),
            "not-text": (200, json.dumps({"translatedText": ["a", "b"]}).encode()),
            "error": (500, b'{"error": "boom"}'),
        }[mode]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def service():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Service)
    server.daemon_threads = True
    server.mode, server.asked, server.release = "ok", [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def client_of(server, **extra) -> LibreTranslateBackend:
    host, port = server.server_address
    return LibreTranslateBackend(url=f"http://{host}:{port}/", timeout=0.5, **extra)


def test_libretranslate_asks_the_service_and_returns_its_translation(service):
    """The request is LibreTranslate's: q, source, target, format text, the key when set."""
    translated = client_of(service, api_key="k3y").translate("Salam [sic]", source="ru", target="en")
    assert translated == "<en> Salam [sic]"
    path, body = service.asked[0]
    assert path == "/translate"
    assert body == {"q": "Salam [sic]", "source": "ru", "target": "en", "format": "text", "api_key": "k3y"}


def test_no_api_key_is_sent_when_none_is_set(service):
    client_of(service).translate("Salam", source="ru", target="en")
    assert "api_key" not in service.asked[0][1]


@pytest.mark.parametrize("mode", ["garbage", "wrong-json", "not-text"])
def test_an_answer_that_is_not_a_translation_is_refused(service, mode):
    service.mode = mode
    with pytest.raises(TranslationUnavailable, match="not a translation"):
        client_of(service).translate("Salam", source="ru", target="en")


def test_an_http_error_says_so(service):
    service.mode = "error"
    with pytest.raises(TranslationUnavailable, match="HTTP 500"):
        client_of(service).translate("Salam", source="ru", target="en")


def test_a_service_that_hangs_is_cut_off_by_the_timeout(service):
    """The service would hold the request for 30 s; the backend gives up after its timeout."""
    service.mode = "hang"
    with pytest.raises(TranslationUnavailable, match=r"within 0\.5 seconds"):
        client_of(service).translate("Salam", source="ru", target="en")
    assert len(service.asked) == 1


def test_a_service_that_is_down_says_so(service):
    host, port = service.server_address
    service.shutdown()
    service.server_close()
    backend = LibreTranslateBackend(url=f"http://{host}:{port}", timeout=0.5)
    with pytest.raises(TranslationUnavailable, match="cannot be reached"):
        backend.translate("Salam", source="ru", target="en")


@pytest.mark.parametrize("url", ["", "127.0.0.1:5000", "file:///etc/passwd"])
def test_libretranslate_needs_a_web_address(settings, url):
    settings.SERAI_TRANSLATION_BACKEND = "libretranslate"
    settings.SERAI_TRANSLATION_URL = url
    with pytest.raises(ImproperlyConfigured, match="SERAI_TRANSLATION_URL"):
        backends._build("libretranslate")


def test_the_configured_backend_is_built_from_settings(settings, service):
    host, port = service.server_address
    settings.SERAI_TRANSLATION_URL = f"http://{host}:{port}"
    settings.SERAI_TRANSLATION_TIMEOUT = 0.5
    built = backends._build("libretranslate")
    assert isinstance(built, LibreTranslateBackend) and built.timeout == 0.5
    assert isinstance(backends._build("argos"), ArgosBackend)
    with pytest.raises(ImproperlyConfigured, match="none, libretranslate, argos or dummy"):
        backends._build("deepl")


def test_argos_not_installed_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "argostranslate", None)  # import fails as if not installed
    with pytest.raises(TranslationUnavailable, match="Argos Translate is not installed"):
        ArgosBackend().translate("Salam", source="ru", target="en")


def test_argos_without_the_language_pair_says_so(monkeypatch):
    """Installed, but without the operator's package for this pair."""

    class Language:
        def __init__(self, code):
            self.code = code

    class Translate:
        @staticmethod
        def get_installed_languages():
            return [Language("en"), Language("es")]

    package = type(sys)("argostranslate")
    package.translate = Translate
    monkeypatch.setitem(sys.modules, "argostranslate", package)
    monkeypatch.setitem(sys.modules, "argostranslate.translate", Translate)
    with pytest.raises(TranslationUnavailable, match="no language package from ru to en"):
        ArgosBackend().translate("Salam", source="ru", target="en")


@pytest.fixture
def configured(settings, service):
    host, port = service.server_address
    settings.SERAI_TRANSLATION_BACKEND = "libretranslate"
    settings.SERAI_TRANSLATION_URL = f"http://{host}:{port}"
    settings.SERAI_TRANSLATION_TIMEOUT = 0.5
    backends.backend.cache_clear()
    yield service
    backends.backend.cache_clear()


def test_machine_draft_never_raises_and_says_why(configured):
    assert backends.machine_draft("Salam", source="ru", target="en").text == "<en> Salam"
    configured.mode = "hang"
    draft = backends.machine_draft("Salam", source="ru", target="en")
    assert not draft.ok and draft.text == "" and "0.5 seconds" in draft.problem
    assert draft.backend == "libretranslate"
