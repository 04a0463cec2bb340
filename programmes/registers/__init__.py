"""Programmes read from the national registers of education: Opintopolku (Finland), Skolverket's Susa-navet and
planned educations, and the Swedish National Agency for Higher Vocational Education's open data (Sweden).

Each register module turns the register's public answers into ``records.RegisterProgramme`` values; the rest of
the package matches them to the map's programmes on the register identifiers and applies them without overwriting
what a coordinator changed.

The package: records.py (the common types), client.py (HTTP and recorded answers), registry.py (the registers by
name: module, identifier fields, search words), opintopolku.py (Finland; skolverket.py and yh.py for Sweden),
ownership.py (whose value a field holds, from the history), matching.py (the preview), preview.py (its plain data), apply.py (writing it),
run.py (one fetch from query to report), report.py (the report for people) and admin_views.py (the admin page).
"""
