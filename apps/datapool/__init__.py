"""Placeholder package; its app is being built."""
