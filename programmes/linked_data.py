"""The programmes API in linked data: schema.org JSON-LD (?format=jsonld, Accept: application/ld+json) and the
Europass Learning Model (?format=elm, or the ELM profile of the JSON-LD media type), for the list and the detail.

The documents are written from the API's own detail items (every list item is a detail item here, so that skills
and occupations come with their labels), so they say what the JSON says, in the same fixed number of queries. A list
page is a schema.org ItemList or, in the ELM, a Hydra collection of learning opportunities; both carry the
page's links to the next and previous pages (hydra:view), and the answer carries them as Link headers too.
"""

from typing import Any

from django.urls import reverse
from django.utils import translation
from rest_framework.request import Request
from rest_framework.response import Response

from batteryregion.renderers import LinkedDataRenderer
from batteryregion.row_serializers import PLAIN_SLUG, RowSerializer
from programmes.elm import ELM_CONTEXT, learning_opportunity
from programmes.jsonld import SCHEMA_ORG, api_program, choice_labels

HYDRA = "http://www.w3.org/ns/hydra/core#"


class LinkedDataMixin:
    """For ProgrammeViewSet: detail items for every linked-data answer, and the documents written from them."""

    request: Request
    action: str
    detail_serializer_class: type[RowSerializer]
    paginator: Any

    def renders_linked_data(self) -> bool:
        return isinstance(
            getattr(self.request, "accepted_renderer", None), LinkedDataRenderer
        )

    def get_serializer_class(self) -> type[RowSerializer]:
        if self.renders_linked_data():
            return self.detail_serializer_class
        return super().get_serializer_class()  # type: ignore[misc]

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        data = response.data if isinstance(response.data, dict) else {}
        if self.renders_linked_data() and response.status_code < 400:
            links = [
                f'<{data[name]}>; rel="{rel}"'
                for name, rel in (("next", "next"), ("previous", "prev"))
                if data.get(name)
            ]
            if links:
                response["Link"] = ", ".join(links)
        return response

    def linked_data(self, data: dict, profile: str) -> dict:
        """The JSON-LD document of a list page or a detail, in the profile asked for ("schema.org" or "elm")."""
        write = self._elm_writer() if profile == "elm" else self._schema_org_writer()
        if self.action == "retrieve":
            context = ELM_CONTEXT if profile == "elm" else SCHEMA_ORG
            return {"@context": context, **write(data)}
        members = [write(item) for item in data["results"]]
        page_url = self.request.build_absolute_uri()
        view = {
            "@id": page_url,
            "@type": "hydra:PartialCollectionView",
            **({"hydra:next": {"@id": data["next"]}} if data.get("next") else {}),
            **(
                {"hydra:previous": {"@id": data["previous"]}}
                if data.get("previous")
                else {}
            ),
        }
        if profile == "elm":
            return {
                "@context": self._context(profile),
                "id": page_url,
                "type": "hydra:Collection",
                "hydra:totalItems": data["count"],
                "hydra:member": members,
                "hydra:view": view,
            }
        start = self.paginator.page.start_index() if members else 0
        return {
            "@context": self._context(profile),
            "@type": "ItemList",
            "@id": page_url,
            "url": page_url,
            "numberOfItems": data["count"],
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "itemListElement": [
                {"@type": "ListItem", "position": start + index, "item": member}
                for index, member in enumerate(members)
            ],
            "hydra:view": view,
        }

    @staticmethod
    def _context(profile: str) -> Any:
        base = ELM_CONTEXT if profile == "elm" else SCHEMA_ORG
        return [base, {"hydra": HYDRA}]

    def _schema_org_writer(self) -> Any:
        labels = choice_labels()
        language = translation.get_language() or "en"
        language = language if language in ("fi", "sv", "en") else "en"
        return lambda item: api_program(item, labels, language)

    def _elm_writer(self) -> Any:
        labels = choice_labels()
        modes = {
            value: {text["@language"]: text["@value"] for text in texts}
            for value, texts in labels["delivery_mode"].items()
        }
        programme_url = _addresses(self.request, "v1:programme-detail")
        actor_url = _addresses(self.request, "v1:actor-detail")
        return lambda item: learning_opportunity(
            item,
            url=programme_url(item["slug"]),
            provider_url=actor_url(item["provider"]["slug"]),
            mode_labels=modes,
        )


def _addresses(request: Request, view_name: str) -> Any:
    """The absolute API address of a detail by slug, reversed once for the whole page."""
    placeholder = "__slug__"
    before, after = request.build_absolute_uri(
        reverse(view_name, kwargs={"slug": placeholder})
    ).split(placeholder)

    def address(slug: str) -> str:
        if PLAIN_SLUG.fullmatch(slug):
            return f"{before}{slug}{after}"
        return request.build_absolute_uri(reverse(view_name, kwargs={"slug": slug}))

    return address
