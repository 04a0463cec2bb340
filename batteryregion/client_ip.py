"""The address a login attempt comes from, for django-axes (AXES_CLIENT_IP_CALLABLE).

Behind reverse proxies REMOTE_ADDR is the nearest proxy. Each proxy appends the address it was connected from to
X-Forwarded-For, so with TRUSTED_PROXY_COUNT proxies the client is that many entries from the right; anything
further left was written by the client and can be forged. With TRUSTED_PROXY_COUNT=0 the header is ignored.
"""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address: an X-Forwarded-For entry appended by a trusted proxy, else REMOTE_ADDR."""
    remote_addr = request.META.get("REMOTE_ADDR")
    proxy_count = settings.TRUSTED_PROXY_COUNT
    if proxy_count <= 0:
        return remote_addr
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [entry.strip() for entry in header.split(",")] if header else []
    if len(forwarded) < proxy_count:
        # Fewer entries than proxies: the request skipped one of them, so no entry is known to be a proxy's.
        return remote_addr
    candidate = forwarded[-proxy_count]
    try:
        return str(ip_address(candidate))
    except ValueError:
        # Not an address (a misconfigured proxy); AccessAttempt stores addresses only.
        return remote_addr
