"""`make audit`: Lighthouse on the demo site's main pages, with the scores written to docs/audit.md.

What it does, start to finish, touching nothing outside a temporary folder:

1. builds a throwaway Serai home in a temporary folder (SQLite database, media, static files,
   secret key and page cache all inside it), migrates it and loads `serai demo`;
2. picks the pages: the English home page, the section and the first author of the English
   article with the most published comments, that article, the Comment Policy, and the
   moderation queue;
3. starts `serai serve` (granian, as in production) on a free port and asks each page once
   first, as readers keep a news site's page cache warm;
4. runs Lighthouse (npm's lighthouse, pinned in package.json) with Debian's Chromium on each
   page, with its default mobile profile (a mid-range phone on a slow 4G connection, simulated),
   and keeps the JSON reports in test-artifacts/lighthouse/;
5. stops the server, deletes the folder and writes docs/audit.md.

The moderation queue needs a signed-in moderator. Lighthouse cannot fill in a sign-in form, so
the script signs the demo's moderator in with Django's test client (a real session row in the
throwaway database) and hands Lighthouse the session cookie in a Cookie header
(`--extra-headers`). That header goes with every request of the run, which is harmless here.

It exits with status 1 when a score is below its target (100, and 95 for performance), after
writing the report. `--runs N` runs Lighthouse N times per page and keeps the median, as
performance moves a point or two from run to run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
DOC = ROOT / "docs" / "audit.md"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
SITE = {
    "SERAI_SITE_NAME": "The Steppe Ledger",
    "SERAI_SITE_TAGLINE": "Independent news from the Steppe region (a fictional demo outlet)",
}
# Pages that tell search engines not to index them on purpose: their SEO score is not held to
# the target (Lighthouse counts "noindex" against it).
NOINDEX = {"Moderation queue"}


def free_port(preferred: int = 8765) -> int:
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


def prepare(home: Path) -> dict:
    """Migrate and load the demo in `home`; return the pages to audit and the moderator's cookie."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    from serai.moderation.roles import moderators_group
    from serai.newsroom.models import Article

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))

    article = (
        Article.objects.public()
        .filter(language="en", thread__isnull=False)
        .select_related("section", "thread")
        .order_by("-thread__published_count", "-published_at")
        .first()
    )
    if article is None:
        raise SystemExit("The demo has no English article with a conversation.")
    author = article.byline_authors[0]
    moderator = User.objects.filter(groups=moderators_group(), is_active=True).first()
    if moderator is None:
        moderator = User.objects.create_user("audit-moderator", is_staff=True)
        moderator.groups.add(moderators_group())
    client = Client()
    client.force_login(moderator)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    pages = [
        ("Home", "/en/", None),
        (f"Section ({article.section.name})", article.section.get_absolute_url(), None),
        (f"Author ({author.name})", author.get_absolute_url(), None),
        (
            f"Article ({article.thread.published_count} comments)",
            article.get_absolute_url(),
            None,
        ),
        ("Comment Policy", "/en/pages/comment-policy/", None),
        ("Moderation queue", "/en/moderation/", cookie),
    ]
    return {"pages": pages, "article": article.headline}


def wait_for(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer {url}; see {REPORTS}/server.log.")


def warm(url: str, cookie: str | None, server: subprocess.Popen) -> None:
    """Ask for the page once (it must answer 200 itself, not redirect), retrying a refused connection."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    for attempt in range(20):
        if server.poll() is not None:
            raise SystemExit(f"The server stopped (exit code {server.returncode}); see {REPORTS}/server.log.")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                if response.status != 200 or response.geturl() != url:  # e.g. sent to sign in
                    raise SystemExit(f"{url} answered {response.status} at {response.geturl()}.")
                response.read()
                return
        except urllib.error.URLError as exc:  # a worker being respawned, say
            if isinstance(exc, urllib.error.HTTPError) or attempt == 19:
                raise SystemExit(f"{url}: {exc}") from None
            time.sleep(0.5)


def lighthouse(url: str, cookie: str | None, report: Path, env: dict) -> dict[str, int]:
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}",
    ]  # fmt: skip
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    subprocess.run(command, check=True, env={**env, "CHROME_PATH": CHROMIUM}, timeout=300)
    data = json.loads(report.read_text())
    return {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}


def failing_audits(report: Path) -> list[str]:
    """Titles of the audits that cost points, for the notes under the table."""
    data = json.loads(report.read_text())
    found = []
    for key, category in data["categories"].items():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                found.append(f"{CATEGORIES[key]}: {audit['title']}{value}")
    return found


def versions() -> dict[str, str]:
    def out(command):
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
        except OSError:
            return "?"

    chromium = out([CHROMIUM, "--version"]).splitlines()
    lighthouse_version = json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "chromium": chromium[-1] if chromium else "?",
        "lighthouse": lighthouse_version,
        "node": out(["node", "--version"]),
        "machine": f"{os.cpu_count()} cores, {memory:.0f} GiB memory, {platform.platform(terse=True)}",
    }


def write_doc(results, notes, meta, runs: int) -> None:
    header = "| Page | " + " | ".join(CATEGORIES.values()) + " |"
    rows = [header, "|" + " --- |" * (len(CATEGORIES) + 1)]
    for name, path, scores in results:
        cells = []
        for key in CATEGORIES:
            below = scores[key] < TARGETS[key] and not (key == "seo" and name in NOINDEX)
            cells.append(f"**{scores[key]}** ⚠" if below else str(scores[key]))
        rows.append(f"| {name} `{path}` | " + " | ".join(cells) + " |")
    lost = "\n".join(f"- {name}: {'; '.join(items)}" for name, items in notes if items) or "- none"
    text = f"""# Lighthouse audit

Scores of the demo site's main pages (out of 100), written by `make audit` (see
`tools/audit.py`). Targets: 100 for accessibility, best practices and SEO, at least 95 for
performance; a score below its target is marked ⚠.

Measured on {meta["date"]}, {"the median of " + str(runs) + " runs" if runs > 1 else "one run"} per page:

- machine: {meta["machine"]} (the project's usual machine kind, also CI's);
- Lighthouse {meta["lighthouse"]} on Node {meta["node"]}, {meta["chromium"]}.

{chr(10).join(rows)}

What cost points:

{lost}

## How it is measured

- A throwaway copy of the demo (`serai demo`, SQLite, in a temporary folder) served by
  `serai serve` (granian, several workers, DEBUG off, the page cache on) on 127.0.0.1. Each page
  is requested once before Lighthouse opens it, as a news site's cache is warm for readers.
- Lighthouse's default profile: a mid-range phone on a slow 4G connection with a 4× slower
  CPU, simulated. Performance moves a point or two between runs on a busy machine; run
  `make audit` again (or `.venv/bin/python tools/audit.py --runs 3`) before chasing one point.
- The moderation queue is audited signed in as the demo's moderator: the script creates a
  session in the throwaway database and passes its cookie in a `Cookie` header
  (`--extra-headers`), as Lighthouse cannot fill in the sign-in form.
- {", ".join(sorted(NOINDEX))}: staff-only, served with `<meta name="robots" content="noindex">` on
  purpose, so Lighthouse's "page is blocked from indexing" costs it SEO points by design.
- The full Lighthouse reports (JSON) and the server's log are kept in `test-artifacts/lighthouse/`
  (not committed).
"""
    DOC.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (median kept)")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm install` (make audit does).")
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's chromium is missing: apt-get install chromium (make audit does).")

    home = Path(tempfile.mkdtemp(prefix="serai-audit-"))
    env = {
        **os.environ,
        **SITE,
        "SERAI_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'audit.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "serai.settings",
        "DEBUG": "false",
    }
    # Everything the site writes goes under the throwaway home, whatever this shell had set.
    for name in ("SECRET_KEY", "CACHE_URL", "MEDIA_ROOT", "STATIC_ROOT", "SERAI_PAGE_CACHE_DIR"):
        env.pop(name, None)
        os.environ.pop(name, None)
    os.environ.update(env)
    server = None
    try:
        chosen = prepare(home)
        port = free_port(args.port)
        base = f"http://127.0.0.1:{port}"
        serai = Path(sys.executable).with_name("serai")
        REPORTS.mkdir(parents=True, exist_ok=True)
        log = open(REPORTS / "server.log", "w")  # the server's output, kept with the reports
        server = subprocess.Popen(
            [str(serai), "serve", "--no-prepare", "--no-task-worker", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        wait_for(base + "/en/", server)
        results, notes = [], []
        for index, (name, path, cookie) in enumerate(chosen["pages"]):
            warm(base + path, cookie, server)
            runs = []
            for run in range(args.runs):
                report = REPORTS / f"{index}-{path.strip('/').replace('/', '-') or 'home'}-{run}.json"
                runs.append((lighthouse(base + path, cookie, report, env), report))
            scores = {key: int(statistics.median(r[0][key] for r in runs)) for key in CATEGORIES}
            median_run = min(runs, key=lambda r: abs(r[0]["performance"] - scores["performance"]))
            results.append((name, path, scores))
            notes.append((name, failing_audits(median_run[1])))
            print(f"{name:40} " + "  ".join(f"{CATEGORIES[k]} {v}" for k, v in scores.items()), flush=True)
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(home, ignore_errors=True)

    meta = {"date": datetime.date.today().isoformat(), **versions()}
    write_doc(results, notes, meta, args.runs)
    print(f"Written to {DOC.relative_to(ROOT)}.")
    below = [
        (name, key)
        for name, _path, scores in results
        for key in CATEGORIES
        if scores[key] < TARGETS[key] and not (key == "seo" and name in NOINDEX)
    ]
    if below:
        print("Below target: " + ", ".join(f"{name} {CATEGORIES[key]}" for name, key in below))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
