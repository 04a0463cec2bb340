"""The gap analysis: demand against supply per segment, occupation and skill and region, overlapping programmes, and
their pages, CSV export and API."""
