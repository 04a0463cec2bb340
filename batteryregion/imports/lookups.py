"""Finding the records a file links to: by code (slug, NUTS code …), in any case, or by a name that only one record
has in any of the portal's languages (``Koulutuskuntayhtymä OSAO`` for ``osao``). A name two records share is
refused with both codes, never guessed.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from batteryregion.bundled_data.rows import translated_columns

# The translated field that names a record of a kind (a site by its town), in the order they are looked for.
NAME_FIELDS = ("name", "label", "town")
# Up to this many codes of a kind are listed after an unknown one.
SHOWN_CODES = 25


def folded(text: str) -> str:
    """A code or name compared without case, and with spaces, hyphens and underscores alike: ``On site`` is
    ``on_site``."""
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


def in_every_language(label: Any) -> list[str]:
    """A translatable label (a choice's, a kind's) as each of the portal's languages gives it."""
    names = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.append(str(label))
    return names


def name_columns(model: type[models.Model]) -> list[str]:
    """The fields that hold a record's name in each language (name_fi, name_sv, name_en), if it has one."""
    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    for name in NAME_FIELDS:
        if name in translated:
            return translated_columns(name)
    return []


class CodeLookup:
    """The records of a model by code, read in one query when first needed; a code not found then (a record the
    same import created) is looked up on its own."""

    def __init__(self, model: type[models.Model], field: str) -> None:
        self.model = model
        self.field = field
        self._known: dict[str, models.Model] | None = None
        self._codes: dict[Any, str] | None = None
        self._names: dict[str, list[models.Model]] | None = None

    def find(self, codes: list[str]) -> tuple[dict[str, models.Model], list[str]]:
        """The records of the codes found, and the codes not found."""
        if self._known is None:
            self._known = {
                str(getattr(obj, self.field)): obj
                for obj in self.model._default_manager.all()
            }
        missing = [code for code in codes if code not in self._known]
        if missing:
            for obj in self.model._default_manager.filter(
                **{f"{self.field}__in": missing}
            ):
                self._known[str(getattr(obj, self.field))] = obj
        found = {}
        for code in codes:
            if code in self._known:
                found[code] = self._known[code]
            elif (same := self._one_of(self._in_other_case(code))) is not None:
                found[code] = same  # fi1d9 for FI1D9: codes differ in more than case
            elif (named := self._one_of(self._named(code))) is not None:
                found[code] = named
        return found, [code for code in codes if code not in found]

    def ambiguity(self, text: str) -> str:
        """Why a value that names several records is refused, with their codes; "" if it names one or none."""
        records = self._in_other_case(text) or self._named(text)
        if len(records) < 2:
            return ""
        return _(
            "“%(value)s” names more than one %(model)s; write the code of the one meant: %(codes)s."
        ) % {
            "value": text,
            "model": self.model._meta.verbose_name,
            "codes": ", ".join(sorted(self.code(record) for record in records)),
        }

    def known_codes(self) -> str:
        """The codes there are, as a hint after an unknown one, for a short list of values (segments, regions,
        languages); "" for records named by slugs (actors, programmes, skills)."""
        codes = sorted(self._known or {})
        if self.field == "slug" or not codes or len(codes) > SHOWN_CODES:
            return ""
        return _("The codes are: %(codes)s.") % {"codes": ", ".join(codes)}

    def code(self, record: models.Model) -> str:
        return str(getattr(record, self.field))

    def _in_other_case(self, code: str) -> list[models.Model]:
        return [
            obj
            for known, obj in (self._known or {}).items()
            if known.casefold() == code.casefold()
        ]

    def _named(self, text: str) -> list[models.Model]:
        if self._names is None:
            self._names = {}
            columns = name_columns(self.model)
            for obj in (self._known or {}).values():
                for name in {folded(str(getattr(obj, c) or "")) for c in columns}:
                    if name:
                        self._names.setdefault(name, []).append(obj)
        return self._names.get(folded(text), [])

    @staticmethod
    def _one_of(records: list[models.Model]) -> models.Model | None:
        return records[0] if len(records) == 1 else None

    def code_of(self, pk: Any) -> str:
        """The code of the record with this key, without loading the record."""
        if pk is None:
            return ""
        if self._codes is None:
            self._codes = dict(
                self.model._default_manager.values_list("pk", self.field)
            )
        if pk not in self._codes:
            self._codes.update(
                self.model._default_manager.filter(pk=pk).values_list("pk", self.field)
            )
        return str(self._codes.get(pk, ""))
