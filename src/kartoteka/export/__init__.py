"""Exports: the record contract (JSON Lines), TEI P5, CMIF, CSV, graphs, GeoJSON, JSON-LD."""
