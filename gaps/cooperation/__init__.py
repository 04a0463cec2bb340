"""Cooperation actions: the joint work that closes the gaps the analysis finds (models, admin, pages)."""
