"""Dated snapshots of the map: the public dataset and the gap figures of a day, read-only, with their public pages."""
