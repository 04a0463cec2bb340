"""Partner keys on the API: `Authorization: Api-Key <key>`, or the key alone in `X-Api-Key`.

A request without a key goes on to the session (coordinators in their browser) or stays anonymous. A request with a
key that is unknown, revoked or expired is refused with 401 and a translated reason, never answered as anonymous:
a partner whose key stopped working should learn it, not quietly get less data. Refused keys count toward their
address's anonymous rate limit, so that keys cannot be guessed at speed.
"""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from partners.models import PartnerKey
from partners.principal import KeyHolder
from partners.throttling import ANONYMOUS, PartnerThrottle, anonymous_ident

KEYWORD = "Api-Key"
HEADER = "HTTP_X_API_KEY"  # X-Api-Key

INVALID = _("The API key is not valid.")
REVOKED = _("The API key has been revoked.")
EXPIRED = _("The API key has expired.")


def sent_key(request: Request) -> str | None:
    """The key the request sends, if any ("" for a key header without a key)."""
    scheme, _space, credentials = request.META.get("HTTP_AUTHORIZATION", "").partition(
        " "
    )
    if scheme.lower() == KEYWORD.lower():
        return credentials.strip()
    if HEADER in request.META:
        return request.META[HEADER].strip()
    return None


def key_record(key: str) -> PartnerKey:
    """The usable key record of a key (one query), or AuthenticationFailed saying why it is refused."""
    prefix, dot, _secret = key.partition(".")
    record = PartnerKey.objects.filter(prefix=prefix).first() if dot else None
    if record is None or not PartnerKey.objects.key_generator.verify(
        key, record.hashed_key
    ):
        raise exceptions.AuthenticationFailed(INVALID)
    if record.revoked:
        raise exceptions.AuthenticationFailed(REVOKED)
    if record.has_expired:
        raise exceptions.AuthenticationFailed(EXPIRED)
    return record


def record_use(record: PartnerKey) -> None:
    """Count one request of the key and note when (one UPDATE; concurrent requests each add theirs)."""
    PartnerKey.objects.filter(pk=record.pk).update(
        request_count=F("request_count") + 1, last_used=timezone.now()
    )


def refuse_guessing(request: Request) -> None:
    """Count a refused key against its client address, as an anonymous request; over the limit, answer 429.

    So that keys cannot be tried faster than the anonymous rate allows (API_RATE_ANONYMOUS).
    """
    throttle = PartnerThrottle()
    if not throttle.count(
        request._request, ANONYMOUS, anonymous_ident(request._request)
    ):
        raise exceptions.Throttled(throttle.wait())


class PartnerKeyAuthentication(BaseAuthentication):
    """Authenticates a request by its partner key: request.user is a KeyHolder, request.auth the key record."""

    def authenticate(self, request: Request) -> tuple[KeyHolder, PartnerKey] | None:
        key = sent_key(request)
        if key is None:
            return None
        if not key:
            raise exceptions.AuthenticationFailed(INVALID)
        try:
            record = key_record(key)
        except exceptions.AuthenticationFailed:
            refuse_guessing(request)
            raise
        record_use(record)
        return KeyHolder(record), record

    def authenticate_header(self, request: Request) -> str:
        # Makes a refused key a 401 with WWW-Authenticate, as HTTP asks.
        return KEYWORD
