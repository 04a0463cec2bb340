"""News items and lessons-learned articles: what the partnership has done and learned, in fi, sv and en."""

from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from batteryregion.news.sanitise import SanitisedHTMLField
from batteryregion.records import PublicationState, TrackedRecord


class NewsItemQuerySet(models.QuerySet):
    def published(self) -> Self:
        """Items shown on public pages: published, with a publication time that has come."""
        return self.filter(
            state=PublicationState.PUBLISHED, published_at__lte=timezone.now()
        )


class NewsItem(TrackedRecord):
    """A news item or a lessons-learned article, linked to the segments, regions, actions and programmes it is about."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        LESSON = "lesson", _("Lesson learned")

    # Drafts and published items only: an article is not discontinued, it stays as written on its date.
    STATES = [
        (PublicationState.DRAFT.value, PublicationState.DRAFT.label),
        (PublicationState.PUBLISHED.value, PublicationState.PUBLISHED.label),
    ]

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(
        _("type"), max_length=10, choices=Kind.choices, default=Kind.NEWS
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=STATES,
        default=PublicationState.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        help_text=_("A published item with a later date is shown from that date on."),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_(
            "One or two sentences for the list, the home page and the news feed."
        ),
    )
    body = SanitisedHTMLField(
        _("text"),
        blank=True,
        help_text=_(
            "HTML with headings (h2–h4), paragraphs, lists, links (http, https, mailto), emphasis and quotations; "
            "anything else is removed when the item is saved."
        ),
    )
    image = models.ImageField(_("image"), upload_to="news/%Y/", blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for those who cannot see it. Required with an image."
        ),
    )
    segments = models.ManyToManyField(
        "skills.Segment",
        blank=True,
        related_name="news_items",
        verbose_name=_("value-chain segments"),
    )
    regions = models.ManyToManyField(
        "skills.Region",
        blank=True,
        related_name="news_items",
        verbose_name=_("regions"),
    )
    actions = models.ManyToManyField(
        "gaps.Action",
        blank=True,
        related_name="news_items",
        verbose_name=_("cooperation actions"),
    )
    programmes = models.ManyToManyField(
        "programmes.Programme",
        blank=True,
        related_name="news_items",
        verbose_name=_("programmes"),
    )

    # Columns added by modeltranslation (see translation.py)
    title_fi: str | None
    title_sv: str | None
    title_en: str | None
    summary_fi: str | None
    summary_sv: str | None
    summary_en: str | None
    body_fi: str | None
    body_sv: str | None
    body_en: str | None
    image_alt_fi: str | None
    image_alt_sv: str | None
    image_alt_en: str | None

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news and lessons learned")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    state__in=[PublicationState.DRAFT, PublicationState.PUBLISHED]
                ),
                name="newsitem_state_draft_or_published",
                violation_error_message=_(
                    "A news item is either a draft or published."
                ),
            )
        ]

    def __str__(self) -> str:
        return (
            self.title or self.title_fi or self.title_sv or self.title_en or self.slug
        )

    def get_absolute_url(self) -> str:
        return reverse("news:article", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.state == PublicationState.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Whether everyone sees it now: published, and its publication date has come (NewsItemQuerySet.published)."""
        return self.is_published and self.published_at <= timezone.now()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if not (self.title_fi or self.title_sv or self.title_en):
            errors["title_fi"] = _("Enter the title in at least one language.")
        if self.image and not (
            self.image_alt_fi or self.image_alt_sv or self.image_alt_en
        ):
            errors["image_alt_fi"] = _(
                "Describe the image in at least one language: people who cannot see it read the description."
            )
        if errors:
            raise ValidationError(errors)
