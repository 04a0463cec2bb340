"""Who last changed each label: a label is the project's to replace only while its latest change was made by the
project's own tools (the bundled-data loader or an import) and it still holds what they wrote."""

from django.db import models

from batteryregion.records import ChangeChannel

TOOL_CHANNELS = (ChangeChannel.LOADER, ChangeChannel.IMPORT)


class LabelHistory:
    """Reads the versions of one kind of concept once (one query) and answers per record and field."""

    def __init__(self, model: type[models.Model], fields: list[str]) -> None:
        self.fields = fields
        # record id -> field -> (value after its latest change, the channel of that change)
        self._written: dict[int, dict[str, tuple[str, str]]] = {}
        historical = model.history.model  # type: ignore[attr-defined]
        previous: dict[int, dict[str, str]] = {}
        rows = historical._default_manager.order_by(
            "history_date", "history_id"
        ).values_list("id", "history_channel", *fields)
        for record_id, channel, *values in rows:
            before = previous.get(record_id, {})
            state = self._written.setdefault(record_id, {})
            for name, value in zip(fields, values, strict=True):
                value = value or ""
                if record_id in previous and before.get(name, "") == value:
                    continue  # this version did not change the field
                state[name] = (value, channel)
            previous[record_id] = dict(
                zip(fields, (v or "" for v in values), strict=True)
            )

    def written_by_tools(
        self, obj: models.Model, name: str, channels: tuple[str, ...] = TOOL_CHANNELS
    ) -> bool:
        """Whether the field's latest change came through one of the channels (by default the loader or an import)
        and it still holds that value; a record without history (made before history was kept) is not."""
        value, channel = self._written.get(obj.pk, {}).get(name, (None, ""))
        return channel in channels and value == (getattr(obj, name) or "")
