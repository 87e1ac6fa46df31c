"""The site's open data: the public export as CSV and JSON, and its DCAT catalogue entry.

The files are made by ``veiligestad export``'s own functions from the same public records, so
what a resident downloads from the site is what ``export --audience public`` writes. They are
written to a temporary folder first and then handed to the site's writer, which only replaces
files whose bytes changed.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from veiligestad.commands.export import build_tables, export_rows, write_csv, write_json
from veiligestad.query import Context

JSON_NAME = "veiligestad.json"


def open_data_files(ctx: Context, federated: bool = False
                    ) -> tuple[dict[str, bytes], dict[str, int]]:
    """File name → bytes of every open-data file, and the number of records per kind. On the
    programme-wide site (``federated``: ``ctx.kb`` is a ``FederatedKB``) every record's row
    says its city, after its (qualified) ID."""
    rows = export_rows(ctx, "public")
    if federated:
        city_of = ctx.kb.city_of  # type: ignore[attr-defined]
        rows = {plural: [{"id": row["id"], "city": city_of(str(row["id"])), **row}
                         for row in kind_rows] for plural, kind_rows in rows.items()}
    counts = {plural: len(r) for plural, r in rows.items()}
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="veiligestad-site-") as tmp:
        folder = Path(tmp)
        meta = {"city": ctx.kb.config.city, "audience": "public",
                "exported": ctx.today.isoformat()}
        write_json(rows, meta, folder / JSON_NAME)
        files[JSON_NAME] = (folder / JSON_NAME).read_bytes()
        for path in write_csv(build_tables(rows), folder / "csv"):
            files[path.name] = path.read_bytes()
    return files, counts


def dcat_catalogue(*, city: str, title: str, description: str, base_url: str, data_path: str,
                   files: list[str], issued: dt.date | None, modified: dt.date,
                   lang: str) -> dict[str, Any]:
    """A DCAT catalogue (JSON-LD) describing the dataset and each download, as DCAT-AP-DONL
    harvesters of Dutch government open data read it."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    language = "http://publications.europa.eu/resource/authority/language/" + (
        "NLD" if lang == "nl" else "ENG")
    distributions = []
    for name in files:
        media = "text/csv" if name.endswith(".csv") else "application/json"
        distributions.append({
            "@type": "dcat:Distribution",
            "dct:title": name,
            "dcat:accessURL": {"@id": f"{base}{data_path}{name}"},
            "dcat:downloadURL": {"@id": f"{base}{data_path}{name}"},
            "dcat:mediaType": media,
            "dct:format": "CSV" if media == "text/csv" else "JSON",
        })
    dataset: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "@id": f"{base}{data_path}#dataset",
        "dct:title": {"@value": title, "@language": lang},
        "dct:description": {"@value": description, "@language": lang},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": city},
        "dct:language": {"@id": language},
        "dct:modified": {"@value": modified.isoformat(), "@type": "xsd:date"},
        "dct:accessRights": {"@id": "http://publications.europa.eu/resource/authority/"
                                    "access-right/PUBLIC"},
        "dcat:landingPage": {"@id": f"{base}{data_path}"},
        "dcat:keyword": ["veiligheid", "vrouwen", "meiden", "onderzoek", city],
        "dcat:distribution": distributions,
    }
    if issued is not None:
        dataset["dct:issued"] = {"@value": issued.isoformat(), "@type": "xsd:date"}
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@type": "dcat:Catalog",
        "@id": f"{base}{data_path}catalogus.jsonld",
        "dct:title": {"@value": title, "@language": lang},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": city},
        "dcat:dataset": [dataset],
    }


def dumps(data: dict[str, Any]) -> bytes:
    """JSON as the site writes it: UTF-8, indented, stable."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
