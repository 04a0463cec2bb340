"""What a news item must have: a title in some language, and a description of its image when it has one."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

# The smallest valid GIF: 1×1 px.
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_an_image_without_a_description_is_refused(media):
    item = NewsItemFactory.build(image=SimpleUploadedFile("line.gif", GIF, "image/gif"))
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "image_alt_fi" in error.value.message_dict


def test_an_image_described_in_one_language_is_enough_and_is_stored_through_the_storage(
    media, client
):
    item = NewsItemFactory.build(
        slug="with-image",
        image=SimpleUploadedFile("line.gif", GIF, "image/gif"),
        image_alt_sv="Studerande vid en battericellslinje.",
    )
    item.full_clean()
    item.save()
    assert item.image.name.startswith("news/")
    assert (media / item.image.name).exists()
    html = client.get("/en/news/with-image/").content.decode()
    # The Swedish description stands in on the English page, and says which language it is in.
    assert (
        f'<img src="/media/{item.image.name}" alt="Studerande vid en battericellslinje." lang="sv">'
        in html
    )


def test_a_title_in_no_language_is_refused():
    item = NewsItemFactory.build(title_fi="", title_sv="", title_en="")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "title_fi" in error.value.message_dict


def test_without_an_image_no_description_is_needed():
    NewsItemFactory.build().full_clean()
