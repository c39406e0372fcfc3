"""Renderers: turn loaded messages and catalogs into outputs, one module per output kind."""
