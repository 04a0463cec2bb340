"""Employers tell their competence needs through a public form; coordinators review them in the admin.

forms.py (the form), protection.py (time token, honeypot, rate limit), views.py (the public pages), submission.py
(storing a sending), review.py (accept, merge, reject), emails.py (receipt and decision), retention.py (erasing the
contact), admin.py (the review queue). The models are in skills/models/submissions.py.
"""
