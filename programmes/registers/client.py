"""Reading the registers over HTTP (``HttpClient``) or from recorded answers in a folder (``RecordedClient``).

Both implement ``records.JsonClient``. The HTTP client uses the standard library only: a timeout on every request,
retries with exponential back-off on connection errors, 5xx and 429 answers (a 429's or 503's Retry-After is
honoured up to a cap), and a User-Agent that names the portal, its version and address, so that a register's
operators know who asks. Any other answer (4xx) fails at once with a ``RegisterHttpError`` naming the address and
status; ``RegisterNotFound`` (404) is its own kind, because a register module reads it as "no longer listed".

Recorded answers: a request is mapped to a file name by ``recorded_name(url, params)``: the address without its
scheme, every character other than letters, digits, dot, dash and underscore replaced by "_", then, when there are
query parameters, "__" and the parameters sorted by name and written ``name=value`` joined by "&" and treated the
same way; ".json" for ``get_json``, ".txt" for ``get_text``; a name longer than 180 characters is cut at 160 and
ends with the first 16 hex digits of the SHA-256 of the whole name. A missing file is a 404 (``RegisterNotFound``):
a recorded folder says what the register had when it was recorded. ``post_json`` adds "__post" and the hash of the
body to the name.
"""

import email.utils
import hashlib
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

# Answers that a register may give when busy or briefly down; another try may succeed.
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


class RegisterHttpError(Exception):
    """A register could not be read: the address, and why (status, timeout, unreadable answer)."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class RegisterNotFound(RegisterHttpError):
    """The register has no such record (HTTP 404, or no recorded answer)."""


def user_agent() -> str:
    """ "BatteryRegionEducationMap/0.1.0 (+https://…)": the portal, its version and, when PORTAL_URL is set, where
    to find who runs it."""
    try:
        version = metadata.version("batteryregion")
    except metadata.PackageNotFoundError:
        version = "dev"
    url = settings.PORTAL_URL
    return f"BatteryRegionEducationMap/{version}" + (f" (+{url})" if url else "")


def with_params(url: str, params: Mapping[str, Any] | None) -> str:
    """The address with the query parameters appended (lists and tuples joined by commas, as the registers take
    them); None values are left out."""
    if not params:
        return url
    pairs = [
        (
            name,
            ",".join(map(str, value))
            if isinstance(value, list | tuple)
            else str(value),
        )
        for name, value in params.items()
        if value is not None
    ]
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{urllib.parse.urlencode(pairs)}" if pairs else url


class HttpClient:
    """A JSON and text client on urllib with timeouts, retries with exponential back-off and a User-Agent."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        attempts: int = 4,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        # attempts: tries in all (1 = no retry); wait before try n+1: backoff × 2^(n-1) seconds, at most max_wait.
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.user_agent = user_agent()

    def get_json(self, url: str, params: Mapping[str, Any] | None = None) -> Any:
        return self._json(
            with_params(url, params), self._request(with_params(url, params))
        )

    def post_json(self, url: str, body: Any) -> Any:
        data = json.dumps(body).encode()
        return self._json(
            url, self._request(url, data=data, content_type="application/json")
        )

    def get_text(self, url: str, params: Mapping[str, Any] | None = None) -> str:
        full = with_params(url, params)
        raw, charset = self._request(full, accept="text/csv, text/plain, */*")
        try:
            return raw.decode(charset or "utf-8")
        except (UnicodeDecodeError, LookupError) as error:
            raise RegisterHttpError(
                full,
                _("the answer is not text in %(charset)s")
                % {"charset": charset or "utf-8"},
            ) from error

    def _json(self, url: str, answer: tuple[bytes, str | None]) -> Any:
        raw, charset = answer
        try:
            return json.loads(raw.decode(charset or "utf-8"))
        except (UnicodeDecodeError, LookupError, json.JSONDecodeError) as error:
            raise RegisterHttpError(
                url, _("the answer is not JSON (%(error)s)") % {"error": error}
            ) from error

    def _request(
        self,
        url: str,
        *,
        data: bytes | None = None,
        content_type: str = "",
        accept: str = "application/json",
    ) -> tuple[bytes, str | None]:
        """The body and charset of a successful answer, after up to ``attempts`` tries."""
        headers = {"User-Agent": self.user_agent, "Accept": accept}
        if content_type:
            headers["Content-Type"] = content_type
        last_error: RegisterHttpError | None = None
        for attempt in range(1, self.attempts + 1):
            request = urllib.request.Request(url, data=data, headers=headers)
            retry_after: float | None = None
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read(), response.headers.get_content_charset()
            except urllib.error.HTTPError as error:
                if error.code == 404:
                    raise RegisterNotFound(
                        url, _("not found (HTTP 404)"), 404
                    ) from error
                if error.code not in RETRIED_STATUSES:
                    raise RegisterHttpError(
                        url, _("HTTP %(status)s") % {"status": error.code}, error.code
                    ) from error
                last_error = RegisterHttpError(
                    url, _("HTTP %(status)s") % {"status": error.code}, error.code
                )
                retry_after = retry_after_seconds(error.headers.get("Retry-After"))
            except TimeoutError as error:
                last_error = RegisterHttpError(
                    url,
                    _("no answer within %(seconds)s seconds")
                    % {"seconds": f"{self.timeout:g}"},
                )
                last_error.__cause__ = error
            except urllib.error.URLError as error:
                if isinstance(error.reason, TimeoutError | socket.timeout):
                    last_error = RegisterHttpError(
                        url,
                        _("no answer within %(seconds)s seconds")
                        % {"seconds": f"{self.timeout:g}"},
                    )
                else:
                    last_error = RegisterHttpError(
                        url,
                        _("connection failed (%(error)s)") % {"error": error.reason},
                    )
            except (ConnectionError, OSError) as error:
                last_error = RegisterHttpError(
                    url, _("connection failed (%(error)s)") % {"error": error}
                )
            if attempt < self.attempts:
                wait = self.backoff * 2 ** (attempt - 1)
                if retry_after is not None:
                    wait = max(wait, retry_after)
                self.sleep(min(wait, self.max_wait))
        assert last_error is not None
        raise RegisterHttpError(
            last_error.url,
            _("%(reason)s; gave up after %(tries)s tries")
            % {"reason": last_error.reason, "tries": self.attempts},
            last_error.status,
        )


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
MAX_NAME = 180


def recorded_name(
    url: str, params: Mapping[str, Any] | None = None, suffix: str = ".json"
) -> str:
    """The file name of a recorded answer (the rule is in this module's docstring)."""
    parsed = urllib.parse.urlsplit(with_params(url, None))
    name = NAME_UNSAFE.sub("_", f"{parsed.netloc}{parsed.path}")
    query = dict(urllib.parse.parse_qsl(parsed.query))
    for key, value in (params or {}).items():
        if value is not None:
            query[key] = (
                ",".join(map(str, value))
                if isinstance(value, list | tuple)
                else str(value)
            )
    if query:
        pairs = "&".join(f"{key}={query[key]}" for key in sorted(query))
        name += "__" + NAME_UNSAFE.sub("_", pairs)
    if len(name) > MAX_NAME:
        name = name[:160] + "_" + hashlib.sha256(name.encode()).hexdigest()[:16]
    return name + suffix


class RecordedClient:
    """Answers from files recorded in a folder (tests, and runs without network); see ``recorded_name``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.requested: list[str] = []

    def _read(self, url: str, name: str) -> str:
        self.requested.append(name)
        path = self.folder / name
        if not path.is_file():
            raise RegisterNotFound(
                url, _("no recorded answer (%(file)s)") % {"file": name}, 404
            )
        return path.read_text(encoding="utf-8")

    def get_json(self, url: str, params: Mapping[str, Any] | None = None) -> Any:
        full = with_params(url, params)
        text = self._read(full, recorded_name(url, params))
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise RegisterHttpError(
                full, _("the answer is not JSON (%(error)s)") % {"error": error}
            ) from error

    def post_json(self, url: str, body: Any) -> Any:
        digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[
            :16
        ]
        name = (
            recorded_name(url, None, suffix="")[: MAX_NAME - 30]
            + f"__post_{digest}.json"
        )
        text = self._read(url, name)
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise RegisterHttpError(
                url, _("the answer is not JSON (%(error)s)") % {"error": error}
            ) from error

    def get_text(self, url: str, params: Mapping[str, Any] | None = None) -> str:
        return self._read(
            with_params(url, params), recorded_name(url, params, suffix=".txt")
        )
