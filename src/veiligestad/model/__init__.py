"""Record kinds, fields, statuses, IDs: what a knowledge base may hold."""
