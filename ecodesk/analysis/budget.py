"""Analysis layer: the budget of an *automatic* analysis run (issue 14).

The trial and order settings are stored in the project (up to ``MAX_TRIALS`` = 10⁷ trials
and ``MAX_ORDERS`` = 10⁵ orders), and the app analyses a scenario as soon as it is opened or
edited. A shared file asking for 10⁷ trials would then start minutes of full-CPU work on
open. The stored ceilings stay as they are — the command line (``--trials``) and the Run
button may ask for any allowed run, and nothing the user typed is ever changed — but the app
never *starts by itself* a run whose estimated cost is above these budgets:

* Monte Carlo: ``trials × (entities + flows)`` above :data:`AUTO_TRIAL_ITEMS`
  (2·10⁹: the default 10,000 trials up to 200,000 entities and flows; about 31,000 trials
  on the seed-size platform of 63,145; a few seconds of work);
* robustness: ``orders × entities`` above :data:`AUTO_ORDER_ENTITIES` (2.5·10⁷: the removal
  curves of every order are kept, 8 bytes per order and entity, so at most 200 MB).

:func:`auto_run_refusal` gives the sentence (English and Chinese) that says why a run was
not started, or None when an automatic run is fine. Memory of any run is bounded anyway
(Monte Carlo runs in blocks, :mod:`ecodesk.analysis.montecarlo`); this bounds the *time*
and CPU an opened file can take without the user asking.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecodesk.model.objects import AnalysisSettings

#: Largest ``trials × (entities + flows)`` started without the user asking.
AUTO_TRIAL_ITEMS = 2_000_000_000
#: Largest ``orders × entities`` started without the user asking.
AUTO_ORDER_ENTITIES = 25_000_000


@dataclass(frozen=True)
class AutoRunRefusal:
    """Why an automatic run was not started, in both languages."""

    en: str
    zh: str

    def text(self, chinese: bool) -> str:
        return self.zh if chinese else self.en


def auto_run_refusal(n_entities: int, n_flows: int, settings: AnalysisSettings) -> AutoRunRefusal | None:
    """None when the run is within the automatic budget, else the sentence saying which
    setting makes it too large (the settings themselves are left as they are)."""
    items = n_entities + n_flows
    if settings.trials * items > AUTO_TRIAL_ITEMS:
        return AutoRunRefusal(
            f"{settings.trials:,} Monte Carlo trials on {items:,} entities and flows is too large "
            "to start automatically.",
            f"在 {items:,} 个主体与资源流上进行 {settings.trials:,} 次蒙特卡洛试验，规模过大，不自动开始。",
        )
    if settings.orders * n_entities > AUTO_ORDER_ENTITIES:
        return AutoRunRefusal(
            f"{settings.orders:,} random removal orders on {n_entities:,} entities is too large "
            "to start automatically.",
            f"在 {n_entities:,} 个主体上进行 {settings.orders:,} 次随机移除，规模过大，不自动开始。",
        )
    return None
