"""News items and lessons learned, written by lead coordinators in fi/sv/en."""
