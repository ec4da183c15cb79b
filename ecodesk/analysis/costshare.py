"""Analysis layer: the ecosystem cost game of SPEC §3.2 (成本分摊) — Shapley split, alternatives, core.

Players are the entities that own a capability or receive a capability flow, in scenario
entity order. For a coalition S,

    c(S) = Σ_k [o∈S]·F + Σ_{i∈S∩C_k} ( [o∈S]·u·v_ik + [o∉S]·A_ik ).

Summed over capabilities this is a quadratic pseudo-boolean function of the membership
vector x: c(x) = Σ_j (f_j + a_j)·x_j + Σ_{o,i} W_oi·x_o·x_i with f the fixed costs an entity
owns, a the standalone costs it would pay as a consumer and W_oi = Σ_k (u·v_ik − A_ik) = −s_oi
(minus the pair's savings). Hence the closed-form Shapley value (each pair's savings split
half/half) and the identity c(S) − φ(S) = ½·Σ_pairs s·[exactly one of the pair in S], which
makes the core check a signed cut problem: with no negative-savings pair the Shapley split is
always in the core. The engine checks it exactly over all 2^n coalitions for n ≤ 20 and, beyond,
exactly per connected component of the pair graph when the components holding a negative pair
are small, or by a documented search otherwise.

Pools are another module's job (``ecodesk.analysis.pools``); :func:`analyze_cost_sharing`
takes an optional ``pool_analyzer`` whose rows land under ``pools``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ecodesk.analysis.pools import PoolResult
from ecodesk.analysis.reuse import capability_usage
from ecodesk.model import Scenario

#: Exact enumeration of every coalition up to this many players (2^20 ≈ 1 M coalitions).
EXACT_MAX_PLAYERS = 20
#: Blocking coalitions reported (smallest first); ``blocking_count`` gives how many were found.
MAX_BLOCKING = 20
_CHUNK = 1 << 16

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class PairSaving:
    """One (capability, consumer) pair of the game: what sharing saves the consumer."""

    capability: str
    owner: str
    consumer: str
    volume: float
    standalone: float
    savings: float


@dataclass(slots=True)
class EcosystemGame:
    """The cost game in quadratic form over ``players`` (see the module docstring)."""

    players: tuple[str, ...]
    fixed: FloatArray  # f_j: Σ F of the capabilities j owns
    alone: FloatArray  # a_j: Σ A_jk over the capabilities j consumes
    #: W[o, i] = Σ_k (u·v_ik − A_ik) over o's capabilities used by i — sparse: the seed-size
    #: platform has thousands of players but only one pair per capability flow.
    interaction: sparse.csr_matrix
    pairs: list[PairSaving] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.players)

    def index(self, player: str) -> int:
        return self.players.index(player)

    def standalone(self) -> FloatArray:
        """c({i}) for every player (W has a zero diagonal: nobody consumes its own capability)."""
        return self.fixed + self.alone

    def cost_members(self, members: NDArray[Any]) -> FloatArray:
        """c(S) for each row of a 0/1 membership matrix of shape (m, n)."""
        x = np.asarray(members, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.n:
            raise ValueError(f"membership matrix must have {self.n} columns")
        lin = self.fixed + self.alone
        xw = np.asarray(self.interaction.T.dot(x.T).T)
        return np.asarray(x @ lin + np.einsum("ij,ij->i", xw, x), dtype=np.float64)

    def cost(self, masks: NDArray[Any] | Sequence[int]) -> FloatArray:
        """c(S) for each bitmask S (bit j = ``players[j]``), vectorised; same shape as ``masks``."""
        if self.n > 62:
            raise ValueError("bitmasks cover at most 62 players; use cost_members")
        m = np.asarray(masks, dtype=np.int64)
        flat = m.ravel()
        if flat.size and (flat.min() < 0 or flat.max() >= (1 << self.n)):
            raise ValueError(f"bitmasks must lie in [0, 2^{self.n})")
        out = np.empty(flat.size, dtype=np.float64)
        shifts = np.arange(self.n, dtype=np.int64)
        for start in range(0, flat.size, _CHUNK):
            part = flat[start : start + _CHUNK]
            out[start : start + part.size] = self.cost_members((part[:, None] >> shifts) & 1)
        return out.reshape(m.shape)

    def cost_of(self, coalition: Iterable[str]) -> float:
        """c(S) for a coalition given by player ids."""
        x = np.zeros((1, self.n))
        for p in coalition:
            x[0, self.index(p)] = 1.0
        return float(self.cost_members(x)[0])

    def table(self) -> FloatArray:
        """c(S) for every mask 0 … 2^n − 1 (n ≤ 20)."""
        if self.n > EXACT_MAX_PLAYERS:
            raise ValueError(f"a full table needs n ≤ {EXACT_MAX_PLAYERS} players (n = {self.n})")
        return self.cost(np.arange(1 << self.n, dtype=np.int64))

    def pair_savings(self) -> sparse.csr_matrix:
        """Symmetric sparse matrix of savings per unordered pair: s_oi + s_io."""
        s = -self.interaction
        return sparse.csr_matrix(s + s.T)


def ecosystem_game(scenario: Scenario) -> EcosystemGame:
    """Build the SPEC §3.2 ecosystem cost game of ``scenario``."""
    usage = capability_usage(scenario)
    involved: set[str] = set()
    for cap in scenario.capabilities:
        involved.add(cap.owner)
        involved.update(usage[cap.id])
    players = tuple(e.id for e in scenario.entities if e.id in involved)
    pos = {p: j for j, p in enumerate(players)}
    n = len(players)
    fixed, alone = np.zeros(n), np.zeros(n)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    pairs: list[PairSaving] = []
    for cap in scenario.capabilities:
        o = pos[cap.owner]
        fixed[o] += cap.fixed_cost
        for consumer, (v, a) in usage[cap.id].items():
            i = pos[consumer]
            alone[i] += a
            rows.append(o)
            cols.append(i)
            vals.append(cap.unit_cost * v - a)
            pairs.append(PairSaving(cap.id, cap.owner, consumer, v, a, a - cap.unit_cost * v))
    inter = sparse.coo_matrix((vals, (rows, cols)), shape=(n, n)).tocsr()  # duplicates are summed
    return EcosystemGame(players, fixed, alone, inter, pairs)


def closed_form_shapley(game: EcosystemGame) -> dict[str, float]:
    """φ_i = c({i}) − ½·Σ savings of the pairs involving i (the game is additive over pairs)."""
    half = 0.5 * _row_sums(game.pair_savings())
    phi = game.standalone() - half
    return {p: float(phi[j]) for j, p in enumerate(game.players)}


@dataclass(slots=True)
class CoreCheck:
    """Whether an allocation lies in the core, the blocking coalitions found, and how it was checked."""

    in_core: bool
    blocking: list[tuple[tuple[str, ...], float]]
    blocking_count: int
    method: str


def check_core(game: EcosystemGame, phi: Sequence[float] | FloatArray, *, limit: int = MAX_BLOCKING) -> CoreCheck:
    """Look for coalitions S with Σ_{i∈S} φ_i > c(S) (they would rather leave).

    Any allocation up to 20 players; beyond that only the closed-form Shapley split, whose
    excess has the cut structure the check relies on (ValueError otherwise).
    """
    x = np.asarray(phi, dtype=np.float64)
    tol = 1e-9 * max(
        1.0,
        float(np.abs(game.fixed).sum() + np.abs(game.alone).sum() + abs(game.interaction).sum() + np.abs(x).sum()),
    )
    if game.n <= EXACT_MAX_PLAYERS:
        return _core_exact(game, x, tol, limit)
    return _core_structured(game, x, tol, limit)


def _rank(
    found: list[tuple[tuple[int, ...], float]], players: tuple[str, ...], limit: int
) -> list[tuple[tuple[str, ...], float]]:
    """Smallest first, then larger excess, then members in player order."""
    found.sort(key=lambda t: (len(t[0]), -round(t[1], 9), t[0]))
    return [(tuple(players[j] for j in members), excess) for members, excess in found[:limit]]


def _core_exact(game: EcosystemGame, phi: FloatArray, tol: float, limit: int) -> CoreCheck:
    """Enumerate all 2^n coalitions in vectorised chunks."""
    n = game.n
    shifts = np.arange(n, dtype=np.int64)
    keep_masks: list[NDArray[np.int64]] = []
    keep_excess: list[FloatArray] = []
    for start in range(1, 1 << n, _CHUNK):
        masks = np.arange(start, min(start + _CHUNK, 1 << n), dtype=np.int64)
        bits = ((masks[:, None] >> shifts) & 1).astype(np.float64)
        excess = bits @ phi - game.cost_members(bits)
        hit = excess > tol
        if hit.any():
            keep_masks.append(masks[hit])
            keep_excess.append(excess[hit])
    method = f"exact over all 2^{n} = {1 << n} coalitions"
    if not keep_masks:
        return CoreCheck(True, [], 0, method)
    masks = np.concatenate(keep_masks)
    excess = np.concatenate(keep_excess)
    ibits = (masks[:, None] >> shifts) & 1
    size = ibits.sum(axis=1)
    # lexicographic order of member positions = descending order of the bit-reversed mask
    rev = (ibits << (n - 1 - shifts)).sum(axis=1)
    order = np.lexsort((-rev, -np.round(excess, 9), size))[:limit]
    found = [(tuple(int(j) for j in np.flatnonzero(ibits[k])), float(excess[k])) for k in order]
    return CoreCheck(False, _rank(found, game.players, limit), int(masks.size), method)


def _cut(x: FloatArray, w: FloatArray, d: FloatArray) -> FloatArray:
    """Σ_{i<j} w_ij·[exactly one of i, j in S] for each 0/1 row of ``x``."""
    return np.asarray(x @ d - np.einsum("ij,ij->i", x @ w, x), dtype=np.float64)


def _row_sums(w: sparse.spmatrix) -> FloatArray:
    return np.asarray(w.sum(axis=1), dtype=np.float64).ravel()


def _components(w: sparse.csr_matrix, tol: float) -> list[list[int]]:
    """Connected components of the graph of pairs with non-negligible savings, each sorted,
    ordered by their smallest member."""
    strong = sparse.csr_matrix(abs(w) > tol)
    count, labels = connected_components(strong, directed=False)
    groups: list[list[int]] = [[] for _ in range(count)]
    for j, label in enumerate(labels):
        groups[label].append(j)
    return sorted(groups, key=lambda g: g[0])


def _core_structured(game: EcosystemGame, phi: FloatArray, tol: float, limit: int) -> CoreCheck:
    """n > 20: φ(S) − c(S) = −½·cut(S) on the signed pair-savings graph (exact for the closed form).

    Only a component of that graph holding a negative pair can block, and the smallest
    blocking coalitions lie within one component. Components up to 20 players are enumerated
    exactly; larger ones are searched (all coalitions of 1–3 players, then Kernighan–Lin local search).
    """
    w = game.pair_savings()
    drift = float(np.abs(game.standalone() - 0.5 * _row_sums(w) - phi).max(initial=0.0))
    if drift > tol * 1e3:
        raise ValueError(f"beyond {EXACT_MAX_PLAYERS} players only the closed-form Shapley split can be checked")
    coo = w.tocoo()
    neg_nodes = {int(j) for j in coo.row[coo.data < -tol]}
    if not neg_nodes:
        method = (
            "exact by structure: c(S) − φ(S) = ½·Σ savings of the (owner, consumer) pairs split by S, "
            "and no pair has negative savings, so no coalition blocks"
        )
        return CoreCheck(True, [], 0, method)
    found: list[tuple[tuple[int, ...], float]] = []
    count, exact = 0, True
    big: list[int] = []
    for comp in _components(w, tol):
        if not neg_nodes.intersection(comp):
            continue
        k = len(comp)
        wc = w[comp][:, comp].toarray()
        dc = wc.sum(axis=1)
        if k <= EXACT_MAX_PLAYERS:
            shifts = np.arange(k, dtype=np.int64)
            for start in range(1, (1 << k) - 1, _CHUNK):
                masks = np.arange(start, min(start + _CHUNK, (1 << k) - 1), dtype=np.int64)
                bits = ((masks[:, None] >> shifts) & 1).astype(np.float64)
                excess = -0.5 * _cut(bits, wc, dc)
                hit = np.flatnonzero(excess > tol)
                count += hit.size
                hb = bits[hit].astype(np.int64)
                rev = (hb << (k - 1 - shifts)).sum(axis=1)
                rows = hit[np.lexsort((-rev, -np.round(excess[hit], 9), hb.sum(axis=1)))][:limit]
                found += [(tuple(comp[j] for j in np.flatnonzero(bits[r])), float(excess[r])) for r in rows]
        else:
            exact = False
            big.append(k)
            n_found, local = _search_big(wc, dc, [comp.index(j) for j in neg_nodes if j in comp], tol, limit)
            count += n_found
            found += [(tuple(sorted(comp[j] for j in members)), ex) for members, ex in local]
    if exact:
        method = (
            "exact by structure: every connected component of the signed pair-savings graph that holds a "
            "negative-savings pair has at most 20 players and was enumerated in full "
            "(c(S) − φ(S) = ½·Σ savings of the pairs split by S)"
        )
    else:
        method = (
            f"partial: components with a negative-savings pair of {', '.join(map(str, big))} players were "
            "searched exhaustively over coalitions of 1, then 2, then 3 players (stopping at the first size that "
            "blocks, whose coalitions are then counted), and otherwise by Kernighan–Lin local search from every "
            "player in a negative pair — not over all coalitions; smaller components were enumerated in full"
        )
    method += "; blocking_count counts blocking coalitions lying within one component"
    if not exact and count == 0:
        method += "; none was found, so in_core is true but not proven"
    unique = {m: e for m, e in found}
    return CoreCheck(count == 0, _rank(list(unique.items()), game.players, limit), count, method)


def _search_big(
    w: FloatArray, d: FloatArray, neg: list[int], tol: float, limit: int
) -> tuple[int, list[tuple[tuple[int, ...], float]]]:
    """Blocking coalitions of a large component: (how many found, the best ``limit`` of them).

    Sizes 1, 2, 3 are searched exhaustively in turn and the search stops at the first size that
    blocks, so a coalition found there is a smallest one. A coalition without a player of a
    negative pair cannot block (its split pairs all have savings ≥ 0), so every triple holds one.
    Only when no coalition of 1–3 players blocks does a local search from each such player run.
    """
    k = w.shape[0]
    one = -0.5 * d
    hit = np.flatnonzero(one > tol)
    if hit.size:
        return int(hit.size), [((int(a),), float(one[a])) for a in hit]
    two = -0.5 * (d[:, None] + d[None, :] - 2 * w)
    rows, cols = np.nonzero(np.triu(two > tol, 1))
    if rows.size:
        order = np.lexsort((cols, rows, -np.round(two[rows, cols], 9)))[:limit]
        return int(rows.size), [((int(rows[j]), int(cols[j])), float(two[rows[j], cols[j]])) for j in order]
    count, found = 0, []
    negs = sorted(neg)
    for n_a, a in enumerate(negs):  # a = the triple's first player of a negative pair
        allowed = np.ones(k, dtype=bool)
        allowed[negs[: n_a + 1]] = False
        rest = np.flatnonzero(allowed)
        three = -0.5 * (
            d[a]
            + d[rest][:, None]
            + d[rest][None, :]
            - 2 * (w[a, rest][:, None] + w[a, rest][None, :] + w[np.ix_(rest, rest)])
        )
        rb, rc = np.nonzero(np.triu(three > tol, 1))
        count += int(rb.size)
        for j in np.argsort(-three[rb, rc], kind="stable")[:limit]:
            members = tuple(sorted((int(a), int(rest[rb[j]]), int(rest[rc[j]]))))
            found.append((members, float(three[rb[j], rc[j]])))
    if count:
        return count, found
    out: dict[tuple[int, ...], float] = {}
    for start in itertools.islice(negs, 64):
        x = np.zeros(k)
        x[start] = 1.0
        x = _local_search(x, w, d, tol)
        cut = float(_cut(x[None, :], w, d)[0])
        members = tuple(int(j) for j in np.flatnonzero(x))
        if -0.5 * cut > tol and 0 < len(members) < k:
            out[members] = -0.5 * cut
    return len(out), list(out.items())


def _local_search(x: FloatArray, w: FloatArray, d: FloatArray, tol: float) -> FloatArray:
    """Lower the cut of ``x`` by Kernighan–Lin passes: flip every player once, best first (even
    when a flip costs), and keep the best proper coalition seen; repeat while a pass improves."""
    k = x.size
    best = float(_cut(x[None, :], w, d)[0])
    for _ in range(k):
        y, s = x.copy(), w @ x
        locked = np.zeros(k, dtype=bool)
        cur, found = best, None
        for _step in range(k):
            delta = (1 - 2 * y) * (d - 2 * s)
            delta[locked] = np.inf
            j = int(np.argmin(delta))
            if not np.isfinite(delta[j]):
                break
            s += w[:, j] * (1 - 2 * y[j])
            y[j] = 1 - y[j]
            cur += float(delta[j])
            locked[j] = True
            if cur < best - tol and 0 < y.sum() < k:
                best, found = cur, y.copy()
        if found is None:
            break
        x = found
    return x


@dataclass(slots=True)
class CostShareResult:
    """The cost-sharing analysis of one scenario (``cost_sharing`` in SPEC §5)."""

    players: list[str] = field(default_factory=list)
    total_cost: float = 0.0
    total_standalone: float = 0.0
    standalone: dict[str, float] = field(default_factory=dict)
    shapley: dict[str, float] = field(default_factory=dict)
    savings: dict[str, float] = field(default_factory=dict)
    proportional: dict[str, float] = field(default_factory=dict)
    equal_savings: dict[str, float] = field(default_factory=dict)
    in_core: bool = True
    blocking_coalitions: list[dict[str, Any]] = field(default_factory=list)
    blocking_count: int = 0
    core_check: str = ""
    pairs: list[PairSaving] = field(default_factory=list)
    pools: list[PoolResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def total_savings(self) -> float:
        """What the players save together: Σ standalone − c(N)."""
        return self.total_standalone - self.total_cost

    def pool(self, pool_id: str) -> PoolResult | None:
        """The result of pool ``pool_id`` (None when there is none)."""
        return next((p for p in self.pools if p.id == pool_id), None)

    def to_json(self) -> dict[str, Any]:
        """The SPEC §5 JSON form (maps keyed by entity id)."""
        return {
            "players": list(self.players),
            "total_cost": self.total_cost,
            "total_standalone": self.total_standalone,
            "total_savings": self.total_savings,
            "standalone": dict(self.standalone),
            "shapley": dict(self.shapley),
            "savings": dict(self.savings),
            "proportional": dict(self.proportional),
            "equal_savings": dict(self.equal_savings),
            "in_core": self.in_core,
            "blocking_coalitions": [dict(b) for b in self.blocking_coalitions],
            "blocking_count": self.blocking_count,
            "core_check": self.core_check,
            "pairs": [
                {
                    "capability": p.capability,
                    "owner": p.owner,
                    "consumer": p.consumer,
                    "volume": p.volume,
                    "standalone": p.standalone,
                    "savings": p.savings,
                }
                for p in self.pairs
            ],
            "pools": [p.to_json() for p in self.pools],
            "notes": list(self.notes),
        }


def analyze_cost_sharing(
    scenario: Scenario, *, seed: int = 0, pool_analyzer: Callable[..., Any] | None = None
) -> CostShareResult:
    """Split the ecosystem's capability costs: Shapley (closed form), alternatives and the core test.

    ``pool_analyzer`` (e.g. ``ecodesk.analysis.pools.analyze_pools``) is called as
    ``pool_analyzer(scenario, seed=seed)``; its rows (``to_json()`` list, or its ``pools`` key)
    become ``pools``. Without it ``pools`` is empty.
    """
    game = ecosystem_game(scenario)
    res = CostShareResult(players=list(game.players), pairs=list(game.pairs))
    if pool_analyzer is not None:
        res.pools = _pool_rows(pool_analyzer(scenario, seed=seed))
    n = game.n
    if n == 0:
        res.core_check = "nothing to check: no players"
        res.notes.append("No capability is owned or used: the cost game has no players and every total is 0.")
        return res
    alone = game.standalone()
    full = float(game.cost_members(np.ones((1, n)))[0])
    phi = closed_form_shapley(game)
    res.total_cost = full
    res.total_standalone = float(alone.sum())
    res.standalone = {p: float(alone[j]) for j, p in enumerate(game.players)}
    res.shapley = phi
    res.savings = {p: res.standalone[p] - phi[p] for p in game.players}
    if res.total_standalone > 0:
        res.proportional = {p: full * res.standalone[p] / res.total_standalone for p in game.players}
    else:
        res.proportional = {p: full / n for p in game.players}
        res.notes.append("Every standalone cost is 0, so the proportional split falls back to equal shares.")
    share = (res.total_standalone - full) / n
    res.equal_savings = {p: res.standalone[p] - share for p in game.players}
    core = check_core(game, [phi[p] for p in game.players])
    res.in_core = core.in_core
    res.blocking_count = core.blocking_count
    res.blocking_coalitions = [{"members": list(m), "excess": e} for m, e in core.blocking]
    res.core_check = core.method
    if any(p.savings < 0 for p in game.pairs):
        res.notes.append(
            "Some consumers pay less alone than through the ecosystem (standalone cost below u·v): "
            "those pairs have negative savings, and the Shapley split may leave the core."
        )
    if not core.in_core:
        res.notes.append(
            f"{core.blocking_count} coalition(s) pay more under the Shapley split than on their own; "
            f"the {len(core.blocking)} smallest are listed (smallest first, then larger excess)."
        )
    res.notes.append(
        "Standalone cost c({i}) of a player: the fixed cost of the capabilities it owns plus what it "
        "would pay alone (A) for the capabilities it uses."
    )
    return res


def _pool_rows(value: Any) -> list[PoolResult]:
    """Normalise whatever the pool analyser returns (PoolResults, or JSON rows) into PoolResults."""
    if hasattr(value, "to_json") and not isinstance(value, PoolResult):
        value = value.to_json()
    if isinstance(value, dict):
        value = value.get("pools", [])
    return [row if isinstance(row, PoolResult) else PoolResult.from_json(
        row.to_json() if hasattr(row, "to_json") else dict(row)) for row in value or []]
