"""ecodesk: plan mutual supply ecosystems (互供生态) — model, analyses, files and a Qt desktop app."""

__version__ = "0.1.0"
