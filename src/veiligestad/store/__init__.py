"""The knowledge base on disk: finding its root, reading its config and records safely."""
