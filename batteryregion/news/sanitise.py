"""The small, safe subset of HTML that a news body may use, and the field that keeps a body within it.

nh3 (the Rust sanitiser ammonia) parses the text as a browser would and keeps only what is listed here: headings,
paragraphs, lists, links, emphasis and quotations. Everything else goes: scripts and styles with their content,
event handlers, style and class attributes, and links other than http, https and mailto. Links get
rel="noopener noreferrer" so that a page opened from one cannot reach back into ours.
"""

from typing import Any

import nh3
from django.db import models

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Dropped with everything inside them, not only their tags (nh3 keeps the text of other unknown tags).
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "template", "noscript"}


def sanitised_html(text: str) -> str:
    """The text with only the allowed tags, attributes and link schemes left."""
    if not text:
        return text
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags=DROPPED_WITH_CONTENT,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class SanitisedHTMLField(models.TextField):
    """A text field whose value is sanitised whenever its record is saved, whatever saves it (admin, shell,
    import); the modeltranslation copies (body_fi, body_sv, body_en) are subclasses and do the same."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = sanitised_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
