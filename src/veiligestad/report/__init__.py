"""Quarterly reports and partner digests: what goes into them, built once for every format."""
