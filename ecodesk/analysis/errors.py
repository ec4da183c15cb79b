"""Analysis layer: the errors an analysis raises (beyond the model's validation errors)."""

from __future__ import annotations

from ecodesk.model.errors import EcodeskError


class AnalysisCancelled(EcodeskError):
    """The caller's ``cancel()`` callback asked a running analysis to stop; no result exists."""

    def __init__(self, message: str = "", *, stage: str = "") -> None:
        self.stage = stage
        super().__init__(message or f"analysis cancelled{f' during {stage}' if stage else ''}")
