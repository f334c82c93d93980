"""The REST API under /api/v1/: personal access tokens, and a thin face over the
selectors and services of every app (the top layer: it may import them all)."""
