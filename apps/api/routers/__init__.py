"""The API's routers, one per area; ``apps.api.api`` mounts them."""
