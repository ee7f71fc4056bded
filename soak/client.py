"""The soak's load: readers fetching pages and posters sending comments and votes.

Plain HTTP/1.1 over asyncio streams, one connection per request (`Connection: close`), so a worker
killed mid-request shows up as exactly that request failing. Nothing is retried: a POST that got
no answer is recorded as unknown, never sent again.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

TOKEN = re.compile(rb'name="token" value="([^"]+)"')
POST_ACTION = re.compile(rb'action="(/[a-z]{2}/comments/(\d+)/post/)"')
VOTE_ACTION = re.compile(rb'action="(/[a-z]{2}/comments/\d+/vote/)"')
ARTICLE_LINK = re.compile(
    rb'href="(/[a-z]{2}/(?!pages/|authors/|comments/|moderation/)[a-z0-9-]+/[a-z0-9-]+/)"'
)
SECTION_LINK = re.compile(rb'href="(/[a-z]{2}/(?!pages/|authors/)[a-z0-9-]+/)"')


@dataclass
class Record:
    kind: str  # read, form, comment, vote
    method: str
    path: str
    start: float  # seconds since the load started
    end: float
    status: int  # 0: no HTTP answer (connection refused or reset, timeout)
    error: str = ""
    text_id: str = ""  # comments: the unique id inside the text
    cache_control: str = ""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


class HTTPError(Exception):
    pass


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size_line = await reader.readline()
            if not size_line:
                raise HTTPError("connection closed inside a chunked body")
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"]))
    return await reader.read()


async def http(
    host: str,
    port: int,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    timeout: float = 20,
) -> Response:
    async def exchange() -> Response:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            lines = [
                f"{method} {path} HTTP/1.1",
                f"Host: {host}:{port}",
                "Connection: close",
                "User-Agent: serai-soak",
                "Accept: text/html",
            ]
            lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
            if body or method == "POST":
                lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            await writer.drain()
            status_line = await reader.readline()
            if not status_line:
                raise HTTPError("connection closed before the status line")
            parts = status_line.split(None, 2)
            if len(parts) < 2 or not parts[1].isdigit():
                raise HTTPError(f"bad status line {status_line[:60]!r}")
            response_headers: dict[str, str] = {}
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b"\n"):
                    break
                if not line:
                    raise HTTPError("connection closed inside the headers")
                name, _sep, value = line.decode("latin-1").partition(":")
                response_headers[name.strip().lower()] = value.strip()
            status = int(parts[1])
            content = (
                b""
                if method == "HEAD" or status in (204, 304)
                else await _read_body(reader, response_headers)
            )
            return Response(status, response_headers, content)
        finally:
            writer.close()
            try:
                await asyncio.wait_for(writer.wait_closed(), 2)
            except (TimeoutError, OSError):
                pass

    return await asyncio.wait_for(exchange(), timeout)


@dataclass
class Load:
    host: str
    port: int
    articles: list[str]  # article paths
    pages: list[str]  # every page readers fetch (articles, home pages, sections)
    duration: float
    readers: int = 8
    posters: int = 3
    reader_pause: float = 0.02
    poster_pause: float = 0.15
    timeout: float = 20
    records: list[Record] = field(default_factory=list)
    t0: float = 0.0
    _address_counter: int = 0

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def now(self) -> float:
        return time.monotonic() - self.t0

    def _next_address(self, poster: int) -> str:
        """A different reader address for every write, so the per-address rate limit stays out of it."""
        self._address_counter += 1
        n = self._address_counter
        return f"10.{poster + 1}.{(n // 250) % 250}.{n % 250 + 1}"

    async def _do(
        self, kind: str, method: str, path: str, *, body: bytes = b"", headers=None, text_id: str = ""
    ) -> tuple[Record, Response | None]:
        start = self.now()
        response = None
        error = ""
        try:
            response = await http(
                self.host, self.port, method, path, headers=headers, body=body, timeout=self.timeout
            )
        except TimeoutError:
            error = "timeout"
        except (OSError, HTTPError, asyncio.IncompleteReadError, ValueError) as exc:
            error = f"{type(exc).__name__}: {exc}"[:120]
        record = Record(
            kind=kind,
            method=method,
            path=path,
            start=start,
            end=self.now(),
            status=response.status if response else 0,
            error=error,
            text_id=text_id,
            cache_control=response.headers.get("cache-control", "") if response else "",
        )
        self.records.append(record)
        return record, response

    async def reader(self, index: int) -> None:
        rng = random.Random(index)
        while self.now() < self.duration:
            await self._do("read", "GET", rng.choice(self.pages))
            await asyncio.sleep(self.reader_pause)

    async def poster(self, index: int) -> None:
        rng = random.Random(1000 + index)
        round_ = 0
        while self.now() < self.duration:
            round_ += 1
            path = rng.choice(self.articles)
            _record, page = await self._do("form", "GET", path)
            token = TOKEN.search(page.body) if page and page.status == 200 else None
            action = POST_ACTION.search(page.body) if page and page.status == 200 else None
            if not (token and action):
                await asyncio.sleep(self.poster_pause)
                continue
            text_id = uuid.uuid4().hex
            form = {
                "author_name": f"Soak poster {index + 1}",
                "email": f"poster{index + 1}@example.org",
                "text": f"Soak comment {text_id}: a reader's view, posted while the servers are tested.",
                "token": token.group(1).decode(),
                "parent": "",
                "website": "",
            }
            headers = {"Origin": self.origin, "X-Forwarded-For": self._next_address(index)}
            await self._do(
                "comment",
                "POST",
                action.group(1).decode(),
                body=urlencode(form).encode(),
                headers=headers,
                text_id=text_id,
            )
            vote = VOTE_ACTION.search(page.body)
            if vote and round_ % 2 == 0:
                headers = {"Origin": self.origin, "X-Forwarded-For": self._next_address(index)}
                body = urlencode({"liked": rng.choice(["yes", "no"])}).encode()
                await self._do("vote", "POST", vote.group(1).decode(), body=body, headers=headers)
            await asyncio.sleep(self.poster_pause)

    async def run(self) -> None:
        tasks = [asyncio.create_task(self.reader(i)) for i in range(self.readers)]
        tasks += [asyncio.create_task(self.poster(i)) for i in range(self.posters)]
        await asyncio.gather(*tasks)


async def discover(host: str, port: int, *, timeout: float = 60) -> tuple[list[str], list[str]]:
    """The article and section paths linked from the English and Russian home pages."""
    deadline = time.monotonic() + timeout
    articles: set[str] = set()
    sections: set[str] = set()
    homes = ["/en/", "/ru/"]
    for home in homes:
        while True:
            try:
                response = await http(host, port, "GET", home, timeout=10)
                if response.status == 200:
                    break
            except (TimeoutError, OSError, HTTPError, asyncio.IncompleteReadError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{home} did not answer 200 within {timeout:.0f} s.")
            await asyncio.sleep(0.5)
        articles.update(m.decode() for m in ARTICLE_LINK.findall(response.body))
        sections.update(m.decode() for m in SECTION_LINK.findall(response.body))
    sections -= set(homes)
    if not articles:
        raise RuntimeError("The home pages link no articles: was the demo loaded?")
    return sorted(articles), sorted(homes) + sorted(sections)
