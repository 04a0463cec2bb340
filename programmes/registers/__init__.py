"""Programmes read from the national registers of education: Opintopolku (Finland), Skolverket's Susa-navet and
planned educations, and the Swedish National Agency for Higher Vocational Education's open data (Sweden).

Each register module turns the register's public answers into ``records.RegisterProgramme`` values; the rest of
the package matches them to the map's programmes on the register identifiers and applies them without overwriting
what a coordinator changed.
"""
