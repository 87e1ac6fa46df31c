"""PDF from a report's HTML through WeasyPrint, an optional extra (``veiligestad[pdf]``).

WeasyPrint reads the same HTML as the browser and applies its print rules (``@page``, page
numbers, the table of contents' page references), so there is one layout to maintain.

The HTML and the print stylesheet come from templates a knowledge base can override, so both
go through one URL fetcher that allows only files inside the template folders (the tool's own
and the knowledge base's ``templates/``, links resolved) and ``data:`` URLs: never a file
elsewhere on the machine, never the network. A template that asks for anything else stops the
PDF with a clear error (exit code 2).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator


def require_weasyprint(t: Translator) -> None:
    """Fail with a hint on how to install the extra when WeasyPrint cannot be imported."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: the system libraries are missing
        raise UsageError(t("report.pdf_missing", error=str(exc).splitlines()[0]),
                         hint=t("report.pdf_missing_hint")) from exc


def allowed_file(url: str, folders: Sequence[Path]) -> Path | None:
    """The local file ``url`` names when it lies inside one of ``folders`` (after resolving
    links and ``..``), else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(os.path.realpath(url2pathname(unquote(parts.path))))
    for folder in folders:
        base = Path(os.path.realpath(folder))
        if path.is_relative_to(base) and path.is_file():
            return path
    return None


def _fetcher(folders: Sequence[Path], t: Translator) -> Any:
    """A WeasyPrint URL fetcher (the ``URLFetcher`` class of WeasyPrint 70) for ``folders``."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class Refused(FatalURLFetchingError):  # type: ignore[misc]
        pass

    class LocalTemplatesOnly(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False,
                             fail_on_errors=True)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.lower().startswith("data:"):
                return super().fetch(url, headers)
            path = allowed_file(url, folders)
            if path is None:
                raise Refused(t("report.pdf_refused", url=url[:200]))
            return URLFetcherResponse(path.as_uri(), path.read_bytes())

    return LocalTemplatesOnly()


def html_to_pdf(html: str, base: Path, print_css: str = "", *, t: Translator | None = None,
                folders: Sequence[Path] = (), css_base: Path | None = None) -> bytes:
    """The PDF of ``html`` with ``print_css`` on top; only files inside ``folders`` (the
    template folders) are fetched, for the document and the stylesheet alike."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    t = t or Translator()
    # WeasyPrint logs every CSS property it does not know; a report needs none of that noise.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    fetcher = _fetcher(folders, t)
    try:
        document = weasyprint.HTML(string=html, base_url=str(base), url_fetcher=fetcher)
        stylesheets = [weasyprint.CSS(string=print_css, base_url=str(css_base or base),
                                      url_fetcher=fetcher)] if print_css else []
        return bytes(document.write_pdf(stylesheets=stylesheets, presentational_hints=True))
    except FatalURLFetchingError as exc:
        cause = exc.__cause__ if isinstance(exc.__cause__, FatalURLFetchingError) else exc
        raise UsageError(str(cause).splitlines()[0] if str(cause) else t("report.pdf_refused",
                                                                          url="?"),
                         hint=t("report.pdf_refused_hint")) from None
