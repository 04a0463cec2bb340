"""Incremental sync for partners of the API: created and modified times on every resource (kept current by
touch.py), ?modified_since= on every list (filters.py), the change feed /api/v1/changes/ (feed.py, api.py) and old
identifiers that keep answering (aliases.py)."""
