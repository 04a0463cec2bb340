"""The gap analysis and pathway search compute from skills and programmes; they store nothing of their own yet."""
