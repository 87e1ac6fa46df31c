"""PDF from a report's HTML through WeasyPrint, an optional extra (``veiligestad[pdf]``).

WeasyPrint reads the same HTML as the browser and applies its print rules (``@page``, page
numbers, the table of contents' page references), so there is one layout to maintain.
"""

from __future__ import annotations

import logging
from pathlib import Path

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator


def require_weasyprint(t: Translator) -> None:
    """Fail with a hint on how to install the extra when WeasyPrint cannot be imported."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: the system libraries are missing
        raise UsageError(t("report.pdf_missing", error=str(exc).splitlines()[0]),
                         hint=t("report.pdf_missing_hint")) from exc


def html_to_pdf(html: str, base: Path, print_css: str = "") -> bytes:
    """The PDF of ``html`` with ``print_css`` on top; nothing outside the document is fetched."""
    import weasyprint

    # WeasyPrint logs every CSS property it does not know; a report needs none of that noise.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=str(base), url_fetcher=_no_fetch)
    stylesheets = [weasyprint.CSS(string=print_css, base_url=str(base))] if print_css else []
    return bytes(document.write_pdf(stylesheets=stylesheets, presentational_hints=True))


def _no_fetch(url: str, timeout: int = 10, ssl_context: object = None) -> dict[str, object]:
    """Refuse every outside resource: a report is self-contained, and records are untrusted."""
    raise ValueError(f"not fetched: {url}")
