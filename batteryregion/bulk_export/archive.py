"""The export zip: jsonl/<resource>.jsonl (one API object per line), csv/<resource>.csv (the same objects flattened:
translated texts and other objects as dotted columns, lists of values joined with "|", lists of objects as a table of
their own keyed by the record's identifier) and manifest.json. Written once per data version to EXPORT_DIR and
served from there."""

import csv
import hashlib
import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from batteryregion.bulk_export.resources import Resource, public_dataset
from batteryregion.bundled_data.loader import Loader
from batteryregion.page_cache import current_version
from batteryregion.renderers import FastJSONRenderer
from skills.serializers import NUTS_VERSION

# Raised when the layout of the files changes, so that exports written by an older release are not served again
# (2: skills and occupations gained esco_version and alt_labels.fi/sv/en).
FORMAT_VERSION = 2
LIST_SEPARATOR = "|"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Export:
    """A written export: the zip, its manifest, and the data version it holds."""

    path: Path
    manifest: dict[str, Any]
    data_version: int

    @property
    def etag(self) -> str:
        return f'"{self.data_version}"'


def bundled_data_version() -> str:
    """The version of the bundled data files shipped with this release (date and short hash)."""
    return Loader(settings.BUNDLED_DATA_DIR).read_version()


def licence() -> dict[str, Any]:
    """The reuse terms of the export, in every interface language."""
    texts: dict[str, dict[str, str]] = {"data": {}, "esco": {}, "boundaries": {}}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts["data"][code] = (
                gettext("The portal's own data is published under %(licence)s.")
                % {"licence": settings.DATA_LICENCE}
                if settings.DATA_LICENCE
                else gettext(
                    "No licence has been declared for the portal's own data; ask the Battery Region partnership "
                    "before reusing it."
                )
            )
            texts["esco"][code] = gettext(
                "This service uses the ESCO classification of the European Commission."
            )
            texts["boundaries"][code] = gettext(
                "© EuroGeographics for the administrative boundaries."
            )
    return {
        "statement": texts["data"],
        "url": settings.DATA_LICENCE_URL or None,
        "attributions": [
            {
                "source": "ESCO",
                "url": "https://esco.ec.europa.eu/",
                "text": texts["esco"],
            },
            {
                "source": "Eurostat GISCO, NUTS 2021",
                "url": "https://ec.europa.eu/eurostat/web/gisco/geodata/statistical-units/territorial-units-statistics",
                "text": texts["boundaries"],
            },
        ],
    }


def object_lists(items: list[dict[str, Any]]) -> set[str]:
    """The fields of these objects that hold lists of objects (in any of them): tables of their own in CSV."""
    return {
        key
        for item in items
        for key, value in item.items()
        if isinstance(value, list) and any(isinstance(v, dict) for v in value)
    }


def flatten(
    item: dict[str, Any], tables_of: set[str], prefix: str = ""
) -> tuple[dict, dict]:
    """An API object as one CSV row and its lists of objects: ({column: value}, {list name: [object, …]});
    `tables_of` names the fields that are lists of objects, empty or not."""
    row: dict[str, Any] = {}
    tables: dict[str, list[dict]] = {}
    for key, value in item.items():
        column = f"{prefix}{key}"
        if isinstance(value, dict) and "coordinates" not in value:
            nested_row, nested_tables = flatten(value, set(), f"{column}.")
            row.update(nested_row)
            tables.update(nested_tables)
        elif column in tables_of:
            tables[column] = value
        elif isinstance(value, list) and all(
            v is None or isinstance(v, str | int | float) for v in value
        ):
            row[column] = LIST_SEPARATOR.join(
                "" if v is None else str(v) for v in value
            )
        elif isinstance(value, list | dict):
            row[column] = json.dumps(value, ensure_ascii=False)  # a GeoJSON geometry
        else:
            row[column] = value
    return row, tables


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(archive: zipfile.ZipFile, name: str, rows: list[dict]) -> None:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    with archive.open(name, "w") as member:
        text = io.TextIOWrapper(member, encoding="utf-8", newline="")
        writer = csv.DictWriter(text, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows({k: _csv_value(v) for k, v in row.items()} for row in rows)
        text.flush()
        text.detach()


def write_resource(
    archive: zipfile.ZipFile, resource: Resource, items: list[dict]
) -> dict[str, Any]:
    """The resource's JSON Lines and CSV files in the archive; returns its manifest entry."""
    jsonl = f"jsonl/{resource.name}.jsonl"
    with archive.open(jsonl, "w") as member:
        renderer = FastJSONRenderer()
        for item in items:
            member.write(renderer.render(item) + b"\n")
    rows: list[dict] = []
    tables_of = object_lists(items)
    children: dict[str, list[dict]] = {name: [] for name in sorted(tables_of)}
    # The record a child row belongs to: programmes.slug (the child's own columns may have the same name).
    owner = f"{resource.name}.{resource.key}"
    for item in items:
        row, tables = flatten(item, tables_of)
        rows.append(row)
        for name, objects in tables.items():
            children[name].extend(
                {owner: item[resource.key], **flatten(child, set())[0]}
                for child in objects
            )
    csv_files = [f"csv/{resource.name}.csv"]
    write_csv(archive, csv_files[0], rows)
    for name, child_rows in children.items():
        csv_files.append(f"csv/{resource.name}__{name}.csv")
        write_csv(archive, csv_files[-1], child_rows)
    return {"count": len(items), "key": resource.key, "jsonl": jsonl, "csv": csv_files}


def write_export(target: Path, base_url: str) -> dict[str, Any]:
    """Write the export zip to `target` (replaced atomically); returns its manifest. A fixed number of queries per
    resource whatever the amount of data."""
    data_version = current_version()
    manifest: dict[str, Any] = {
        "title": "Battery Region Education Map: public data",
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "data_version": data_version,
        "bundled_data_version": bundled_data_version(),
        "format_version": FORMAT_VERSION,
        "api": f"{base_url.rstrip('/')}/api/v1/" if base_url else "/api/v1/",
        "nuts_version": NUTS_VERSION,
        "csv": {
            "list_separator": LIST_SEPARATOR,
            "note": "Objects are dotted columns (name.fi); lists of objects are tables of their own "
            "(<resource>__<list>.csv) whose first column is the record's key (programmes.slug).",
        },
        "licence": licence(),
        "resources": {},
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with (
            os.fdopen(handle, "wb") as file,
            zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            for resource, items in public_dataset(base_url):
                manifest["resources"][resource.name] = write_resource(
                    archive, resource, items
                )
            archive.writestr(
                MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2)
            )
        # Readable by the web server that may publish the folder (mkstemp makes the file private).
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return manifest


def current_export(base_url: str) -> Export:
    """The export of the current data version for this base address: the file written earlier, or a new one (the
    older files are removed)."""
    data_version = current_version()
    digest = hashlib.sha256(
        f"{base_url}\0{bundled_data_version()}\0{FORMAT_VERSION}".encode()
    ).hexdigest()[:8]
    directory = Path(settings.EXPORT_DIR)
    path = directory / f"export-{data_version}-{digest}.zip"
    if path.exists():
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
        return Export(path, manifest, data_version)
    manifest = write_export(path, base_url)
    for old in directory.glob("export-*.zip"):
        if old != path:
            old.unlink(missing_ok=True)
    return Export(path, manifest, manifest["data_version"])
