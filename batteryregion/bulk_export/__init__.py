"""The whole public dataset in one file: every resource of the partner API as JSON Lines and as CSV, in a zip with a
manifest, written once per data version (GET /api/v1/export/, manage.py export_public_data)."""
