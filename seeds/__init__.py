"""Bundled seed data: source articles verbatim and the curated chronology (package data)."""
