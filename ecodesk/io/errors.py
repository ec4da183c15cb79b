"""I/O layer: the error importers and exporters raise, listing every problem found."""

from __future__ import annotations

from ecodesk.model.errors import EcodeskError

#: How many problems an error message lists before summarising the rest.
MAX_LISTED = 20


class FormatError(EcodeskError):
    """A file that cannot be imported; ``problems`` holds one sentence per problem."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems or ["unknown problem"]
        shown = self.problems[:MAX_LISTED]
        more = len(self.problems) - len(shown)
        text = "\n".join(shown) + (f"\n… and {more} more problems" if more > 0 else "")
        super().__init__(text)
