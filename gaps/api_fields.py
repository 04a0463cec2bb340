"""Serializer fields the pathway and gap analysis APIs share."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from skills.models import Country


# The schema's enum hook already names the FI/SE choice set of the models' "country" fields CountryEnum; a
# ChoiceField under the name "countries" would give the same set a second name (and a warning), so refer to it.
@extend_schema_field(
    {"type": "array", "items": {"$ref": "#/components/schemas/CountryEnum"}}
)
class CountriesField(serializers.ListField):
    """Country codes (FI, SE)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            child=serializers.ChoiceField(choices=Country.choices),
            read_only=True,
            **kwargs,
        )


class RoundedFloatField(serializers.FloatField):
    """A float rounded for reading (2/3 comes out as 0.667, not 0.6666666666666666)."""

    def __init__(self, digits: int, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)
        self.digits = digits

    def to_representation(self, value: float) -> float:
        return round(float(value), self.digits)
