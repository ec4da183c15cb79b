"""Analysis layer: the errors an analysis raises (beyond the model's validation errors)."""

from __future__ import annotations

from ecodesk.model.errors import EcodeskError


class AnalysisCancelled(EcodeskError):
    """The caller's ``cancel()`` callback asked a running analysis to stop; no result exists."""

    def __init__(self, message: str = "", *, stage: str = "") -> None:
        self.stage = stage
        super().__init__(message or f"analysis cancelled{f' during {stage}' if stage else ''}")


class AnalysisTooLarge(EcodeskError):
    """A run whose working memory would exceed a named limit, refused before it starts
    (rather than ending in MemoryError); ``sentence(lang)`` says which setting and limit."""

    def __init__(self, message: str, message_zh: str) -> None:
        self.message, self.message_zh = message, message_zh
        super().__init__(message)

    def sentence(self, lang: str = "en") -> str:
        return self.message_zh if lang.startswith("zh") else self.message

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # raised in a background child, raised again here
        return type(self), (self.message, self.message_zh)


class BackgroundFailed(EcodeskError):
    """The part of an analysis run in a child process (:mod:`ecodesk.analysis.background`)
    ended without a result: killed, out of memory, or an error that could not be sent back."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"the part of the analysis run in a separate process failed: {detail}")

    def sentence(self, lang: str = "en") -> str:
        if lang.startswith("zh"):
            return f"在单独进程中运行的分析部分失败：{self.detail}"
        return str(self)

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return type(self), (self.detail,)
