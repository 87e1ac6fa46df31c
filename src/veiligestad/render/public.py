"""What the public may see: kept importable here for the code that builds public output.

The decision itself lives in one module, ``veiligestad.privacy``; this one re-exports it.
"""

from __future__ import annotations

from veiligestad.privacy import is_public, public_fields, public_ids, public_kb, public_record

__all__ = ["is_public", "public_fields", "public_ids", "public_kb", "public_record"]
