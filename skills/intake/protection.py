"""What keeps the public employer form free of abuse, without a third-party service.

- A time token: the form carries the time it was shown, signed with the site's key. A form sent back sooner than
  NEED_FORM_MIN_SECONDS (a person reads and types; a script does not) or later than NEED_FORM_MAX_AGE_SECONDS is
  refused with a message, and the visitor's text is kept to send again.
- A honeypot: a field hidden from people (and from assistive technology) that scripts fill in. A form that fills it
  is answered as if it had been received, and nothing is stored.
- A rate limit per client address through the shared cache (Redis where several app servers run): at most
  NEED_FORM_RATE_LIMIT sendings an hour; the next ones get 429 until the hour has passed.
- Size limits: every field has a maximum length, a sending at most MAX_NEEDS needs (skills/intake/forms.py).
"""

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from batteryregion.client_ip import client_ip_address

TOKEN_SALT = "skills.intake.form-shown"
HONEYPOT_FIELD = "homepage"
"""The hidden field's name: one that form-filling scripts like to fill."""
RATE_WINDOW_SECONDS = 3600


def form_token(now: float | None = None) -> str:
    """The signed time at which the form is shown."""
    return signing.dumps(int(now if now is not None else time.time()), salt=TOKEN_SALT)


class TokenProblem(Exception):
    """Why a form's time token is refused: TOO_FAST, EXPIRED or INVALID."""

    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    INVALID = "invalid"

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def check_token(token: str, now: float | None = None) -> None:
    """Raise TokenProblem unless the form was shown between NEED_FORM_MIN_SECONDS and NEED_FORM_MAX_AGE_SECONDS ago."""
    now = now if now is not None else time.time()
    try:
        shown = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature as error:
        raise TokenProblem(TokenProblem.INVALID) from error
    if not isinstance(shown, int):
        raise TokenProblem(TokenProblem.INVALID)
    age = now - shown
    if age < settings.NEED_FORM_MIN_SECONDS:
        raise TokenProblem(TokenProblem.TOO_FAST)
    if age > settings.NEED_FORM_MAX_AGE_SECONDS:
        raise TokenProblem(TokenProblem.EXPIRED)


def _rate_key(request: HttpRequest) -> str:
    # The address itself is not kept: a keyed digest of it is enough to count, and means nothing without the key.
    address = client_ip_address(request) or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[
        :32
    ]
    return f"need-form-rate:{digest}"


def rate_limited(request: HttpRequest) -> bool:
    """Whether this address has already sent NEED_FORM_RATE_LIMIT forms in the current hour."""
    return cache.get(_rate_key(request), 0) >= settings.NEED_FORM_RATE_LIMIT


def count_sending(request: HttpRequest) -> None:
    """Count one sending from this address; the count lasts an hour from the first."""
    key = _rate_key(request)
    if cache.add(key, 1, timeout=RATE_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=RATE_WINDOW_SECONDS)
