"""Translated fields of news items (title_fi, title_sv, title_en …), and their history."""

from modeltranslation.translator import TranslationOptions, register

from batteryregion.news.models import NewsItem
from batteryregion.records import track_history


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt")


# After the translation fields exist, so that each version copies title_fi, title_sv, title_en … too.
track_history(NewsItem, m2m_fields=("segments", "regions", "actions", "programmes"))
