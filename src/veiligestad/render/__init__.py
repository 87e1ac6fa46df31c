"""Rendering: the Jinja2 environment, sanitised Markdown, charts, PDF and the public view.

Shared by the reports and the site."""
