"""Renderers: text (Rich), JSON, Markdown."""
