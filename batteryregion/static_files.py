"""Static files in production: the front-end libraries we use, taken from the Python packages that ship them, and
the storage that gives every file a content hash, a compressed copy and far-future cache headers (whitenoise)."""

from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.contrib.staticfiles.utils import matches_patterns
from django.core.checks import CheckMessage
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class VendorFinder(BaseFinder):
    """Publishes exactly the files of settings.VENDOR_STATIC_FILES, {prefix: (package folder, [glob, ...])}.

    Listing files instead of whole package folders keeps what the portal does not load (themes, demos, unminified
    copies) out of STATIC_ROOT, and with it CSS that the manifest step cannot process (jQuery UI's theme names
    images in a comment).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sources: dict[str, tuple[FileSystemStorage, list[str]]] = {}
        for prefix, (folder, globs) in settings.VENDOR_STATIC_FILES.items():
            storage = FileSystemStorage(location=folder)
            storage.prefix = prefix
            self.sources[prefix] = (storage, globs)

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return []

    def _published(self, prefix: str) -> Iterator[str]:
        storage, globs = self.sources[prefix]
        root = Path(storage.location)
        for path in sorted(root.rglob("*")):
            name = path.relative_to(root).as_posix()
            if path.is_file() and any(fnmatch(name, pattern) for pattern in globs):
                yield name

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        found = []
        for prefix, (storage, _globs) in self.sources.items():
            if not path.startswith(f"{prefix}/"):
                continue
            name = path.removeprefix(f"{prefix}/")
            if name in set(self._published(prefix)):
                found.append(storage.path(name))
                if not find_all:
                    return found[0]
        return found

    def list(
        self, ignore_patterns: list[str] | None
    ) -> Iterator[tuple[str, FileSystemStorage]]:
        for prefix, (storage, _globs) in self.sources.items():
            for name in self._published(prefix):
                if not matches_patterns(name, ignore_patterns or []):
                    yield name, storage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed names for url() and @import in CSS; source-map comments are left alone.

    Some packages name a source map they do not ship (Leaflet.markercluster's minified file); rewriting those
    comments would stop collectstatic, and browsers only fetch maps with developer tools open.
    """

    patterns = (
        (
            "*.css",
            (
                r"""(?P<matched>url\(['"]{0,1}\s*(?P<url>.*?)["']{0,1}\))""",
                (
                    r"""(?P<matched>@import\s*["']\s*(?P<url>.*?)["'])""",
                    """@import url("%(url)s")""",
                ),
            ),
        ),
    )
