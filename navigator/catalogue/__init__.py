"""Catalogue packs: one SQLite file per region (schema, reader, builder, validator)."""
