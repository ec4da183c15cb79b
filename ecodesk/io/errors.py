"""I/O layer: the error importers and exporters raise, listing every problem found."""

from __future__ import annotations

from typing import Union

from ecodesk.model.errors import EcodeskError, ValidationError

#: How many problems an error message lists before summarising the rest.
MAX_LISTED = 20


#: A problem is a sentence, or a place ("'x.json', flows[3]") and the model's error there.
Problem = Union[str, tuple[str, ValidationError]]  # noqa: UP007


class FormatError(EcodeskError):
    """A file that cannot be imported; one sentence per problem, in English or Chinese."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self._problems: list[Problem] = list(problems) or ["unknown problem"]
        super().__init__("\n".join(self.sentences("en")))

    @property
    def problems(self) -> list[str]:
        return [self._render(p, "en") for p in self._problems]

    @staticmethod
    def _render(problem: Problem, lang: str) -> str:
        if isinstance(problem, str):
            return problem
        where, error = problem
        return f"{where}: {error.sentence(lang)}" + ("。" if lang.startswith("zh") else ".")

    def sentences(self, lang: str = "en") -> list[str]:
        """Every problem as a sentence (at most MAX_LISTED, then a count of the rest)."""
        shown = [self._render(p, lang) for p in self._problems[:MAX_LISTED]]
        more = len(self._problems) - len(shown)
        if more > 0:
            shown.append(f"… 另有 {more} 个问题" if lang.startswith("zh") else f"… and {more} more problems")
        return shown
