"""Helpers for scripts/build_basemap.py."""
