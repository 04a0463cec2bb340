"""The shared cache of anonymous public pages and API answers, and its invalidation.

Every cached answer is keyed by the data version (batteryregion.models.DataVersion) together with the address and
the request headers the answer varies on (Django's learn_cache_key/get_cache_key, so Vary: Accept-Language, Accept,
Cookie and HX-Request are honoured). Any change to a model of the public data — an admin edit, the loader, an import,
a migration — raises the version once its transaction commits, so the next request misses the cache and sees the
change. Stale answers are never found again; they expire after PAGE_CACHE_SECONDS.

Only GET and HEAD requests without a session cookie and without credentials (an Authorization or X-Api-Key header:
a partner API key), outside /admin/ and /i18n/, are served from the cache: a logged-in user (coordinator, partner)
always has a session cookie, so their pages never are; theirs, and answers to credentials, are marked private.
Answers to logged-in users, answers that set a cookie (a CSRF token), are not 200, or say no-store/private are not
stored.
Public answers carry `Cache-Control: public, max-age=0, must-revalidate` and an ETag, so browsers and proxies
revalidate every time and get a 304 while nothing changed; so do they when PAGE_CACHE_SECONDS=0 keeps no page cache.

A hit should cost little more than the framework's own minimum, so the middleware sits near the top of the stack:
- before compression, so that what it stores is the finished answer, already gzipped for clients that accept it
  (`Vary: Accept-Encoding` keeps the two apart), with its security headers; a hit is not compressed again;
- before sessions and authentication, which is why it looks for the session cookie rather than at request.user
  (the user is known on the way back, when it decides whether to store);
- the data version is read from the database at most once per PAGE_CACHE_VERSION_CHECK_SECONDS in each process
  (default 1 s); a change committed by this process is seen at once, one committed by another process (another
  worker, the loader) within that interval.
"""

import time
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import (
    get_cache_key,
    get_conditional_response,
    has_vary_header,
    learn_cache_key,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

# Apps whose models appear on public pages and in the API.
PUBLIC_DATA_APPS = ("skills", "programmes", "gaps", "about", "news")
NOT_CACHED_PREFIXES = ("/admin/", "/i18n/")
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


def current_version() -> int:
    """The data version now (one primary-key query); 0 before the first change."""
    from batteryregion.models import DataVersion

    return (
        DataVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0
    )


class _CheckedVersion:
    """The data version this process last read, and when (time.monotonic())."""

    number: int | None = None
    read_at: float = 0.0


def recent_version() -> int:
    """The data version as read at most PAGE_CACHE_VERSION_CHECK_SECONDS ago by this process (no query in between)."""
    now = time.monotonic()
    if (
        _CheckedVersion.number is None
        or now - _CheckedVersion.read_at >= settings.PAGE_CACHE_VERSION_CHECK_SECONDS
    ):
        _CheckedVersion.number, _CheckedVersion.read_at = current_version(), now
    return _CheckedVersion.number


def forget_version() -> None:
    """Make the next request read the data version again."""
    _CheckedVersion.number = None


def _raise_version() -> None:
    from batteryregion.models import DataVersion

    forget_version()
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})


public_data_changed = Signal()
"""Sent at once, in the process that changes public data (before the commit): caches of this process that hold data
rather than answers (gaps.pathways.network.cached_network) drop it. Other processes see the new data version."""


def data_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Invalidate every cached public answer once the current transaction commits (at once outside one).

    Raising the version after the commit, never before, means a request that read the old version can only store
    what it saw under the old key, where nobody looks again. One raise per transaction, however many rows changed.
    """
    public_data_changed.send(sender=None)
    connection = connections[using]
    if connection.in_atomic_block and any(
        callback is _raise_version
        for _savepoints, callback, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_raise_version, using=using)


def _on_model_change(
    sender: type[models.Model], using: str = DEFAULT_DB_ALIAS, **kwargs: Any
) -> None:
    data_changed(using)


def _on_migrate(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    if getattr(sender, "label", None) == "batteryregion":
        data_changed(using)


def connect_invalidation() -> None:
    """Listen to saves, deletions and many-to-many changes of the public data's models (called from AppConfig.ready).

    Receivers are connected per model, not for every sender, so deletions elsewhere keep Django's fast path. A model
    that says ``is_public_data = False`` is left out: a visitor's form sent is no reason to empty the cache.
    """
    for label in PUBLIC_DATA_APPS:
        for model in apps.get_app_config(label).get_models():
            if not getattr(model, "is_public_data", True):
                continue  # never on a public page (employers' submissions waiting for review)
            post_save.connect(
                _on_model_change,
                sender=model,
                dispatch_uid=f"page-cache-save-{model._meta.label}",
            )
            post_delete.connect(
                _on_model_change,
                sender=model,
                dispatch_uid=f"page-cache-delete-{model._meta.label}",
            )
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(
                    _on_model_change,
                    sender=through,
                    dispatch_uid=f"page-cache-m2m-{through._meta.label}",
                )
    post_migrate.connect(_on_migrate, dispatch_uid="page-cache-migrate")


def _request_is_cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and not request.path.startswith(NOT_CACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not _sends_credentials(request)
    )


def _sends_credentials(request: HttpRequest) -> bool:
    """Whether the request carries credentials (a partner API key): its answer is for that caller alone."""
    return "HTTP_AUTHORIZATION" in request.META or "HTTP_X_API_KEY" in request.META


def _is_logged_in(request: HttpRequest) -> bool:
    user = getattr(
        request, "user", None
    )  # absent when an inner middleware answered early
    return user is not None and user.is_authenticated


def _response_is_cacheable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
    )


def _stored_copy(response: HttpResponse) -> HttpResponse:
    """Status, headers and bytes only: a DRF Response would also pickle its data, unpickled again on every hit."""
    stored = HttpResponse(response.content, status=response.status_code)
    for header, value in response.items():
        stored[header] = value
    return stored


def _mark_public(response: HttpResponse) -> None:
    """Cache-Control and Vary of an answer that anyone may store, provided they revalidate it."""
    # The same address answers htmx with only the results; keep the two apart, in browsers too.
    patch_vary_headers(response, ["HX-Request"])
    # An answer that can never change at its address (its content's digest is in it) keeps its own long
    # lifetime; every other one is revalidated each time.
    if "immutable" not in response.get("Cache-Control", ""):
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


class PublicPageCacheMiddleware:
    """Serves anonymous public answers from the cache; sets Cache-Control on every page and API answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _request_is_cacheable(request):
            response = self.get_response(request)
            if _is_logged_in(request) or _sends_credentials(request):
                patch_cache_control(response, private=True, no_cache=True)
            elif _response_is_cacheable(response) and not request.path.startswith(
                NOT_CACHED_PREFIXES
            ):
                # The same validators and revalidation whether this server keeps a page cache or not.
                _mark_public(response)
            return response

        # Cache keys end in the page's language (Django then leaves Accept-Language out of them); LocaleMiddleware,
        # further in, has not chosen it yet, so choose it here the same way.
        request.LANGUAGE_CODE = translation.get_language_from_request(
            request, check_path=True
        )
        key_prefix = f"v{recent_version()}"
        key = get_cache_key(request, key_prefix, "GET", cache=cache)
        if key is not None and (cached := cache.get(key)) is not None:
            cached["X-Cache"] = "hit"
            return get_conditional_response(
                request, etag=cached.get("ETag"), response=cached
            )

        response = self.get_response(request)
        if _is_logged_in(request):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if not _response_is_cacheable(response):
            return response
        _mark_public(response)
        if has_vary_header(response, "*"):
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        key = learn_cache_key(
            request, response, settings.PAGE_CACHE_SECONDS, key_prefix, cache=cache
        )
        cache.set(key, _stored_copy(response), settings.PAGE_CACHE_SECONDS)
        response["X-Cache"] = "miss"
        return response
