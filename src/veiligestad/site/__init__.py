"""The public website of results: ``veiligestad site build`` (docs/site.md).

``model`` turns the public knowledge base into page data, ``pages`` renders it with the one
sandboxed Jinja environment, ``writer`` writes only what changed, ``search`` indexes it with
Pagefind and ``opendata`` writes the public export beside the pages.
"""
