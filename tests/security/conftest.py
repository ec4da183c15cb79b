"""The UI tests here run isolated like tests/ui (own settings, dialogs that answer at once)."""

from tests.ui.conftest import _isolated_ui, boxes, window  # noqa: F401  (fixtures)
