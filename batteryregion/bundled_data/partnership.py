"""The partnership file: the organisations that run the portal, shown on the About page and named in the privacy
notice. Each row is compared with its record by the Loader's save(), so a lead coordinator's edit in the admin is
kept and reported like any other."""

from about.models import PartnerOrganisation
from batteryregion.bundled_data.rows import translated_columns

_t = translated_columns


class PartnershipFiles:
    """The Loader's step for partners.csv (mixed into batteryregion.bundled_data.loader.Loader)."""

    def load_partners(self) -> None:
        columns = [
            "slug",
            "role",
            "country",
            *_t("name"),
            *_t("description"),
            "website",
            "email",
            "position",
            "source_url",
        ]
        for row in self.rows("partners.csv", columns, "slug"):
            slug = row.text("slug", required=True)
            values = {
                "role": row.choice("role", PartnerOrganisation.Role),
                # Empty for an organisation of neither country; the model checks the code.
                "country": row.text("country"),
                **row.translated("name"),
                **row.translated("description"),
                "website": row.url("website"),
                "email": row.text("email"),
                "position": row.integer("position", required=True, low=0, high=32767),
                "source_url": row.url("source_url", required=True),
            }
            if row.ok:
                self.save(row, PartnerOrganisation, {"slug": slug}, values)
