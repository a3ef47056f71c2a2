"""The local web app: HTML pages (Jinja2 + htmx) and a JSON API, both thin over services."""
