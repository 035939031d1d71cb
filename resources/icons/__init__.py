"""Bundled data files (read through ivigdesk.resource_files)."""
