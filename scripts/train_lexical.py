"""Fit careline's lexical intent model (models/lexical.py) with torch.

Used by ``scripts/train_nlu.py`` for every model it trains, and by
``scripts/tune_lexical.py`` to choose its settings on the dev fifth. Multinomial logistic
regression over the hashed word and letter n-grams, L2 penalty, full batch, L-BFGS: a few
seconds on 2 cores, and deterministic (no sampling; the rows are in a fixed order).
"""

from __future__ import annotations

import numpy as np

from models.lexical import LexicalModel, design

# Chosen on the dev fifth with scripts/tune_lexical.py (see the data README's model choices).
L2 = 1e-4
BLEND = 0.3


def fit(
    torch, texts: list[str], labels: list[int], n_labels: int, *, l2: float, blend: float
) -> LexicalModel:
    """Train on the given texts (their noisy variants included by the caller)."""
    rows, cols, vals = design(texts)
    slots, compact = np.unique(cols, return_inverse=True)
    x = torch.sparse_coo_tensor(
        torch.tensor(np.stack([rows, compact])),
        torch.tensor(vals),
        (len(texts), len(slots)),
        check_invariants=True,
    ).coalesce()
    y = torch.tensor(labels)
    w = torch.zeros(len(slots), n_labels, requires_grad=True)
    b = torch.zeros(n_labels, requires_grad=True)
    opt = torch.optim.LBFGS(
        [w, b], lr=1.0, max_iter=500, tolerance_grad=1e-6, line_search_fn="strong_wolfe"
    )

    def closure():
        opt.zero_grad()
        z = torch.sparse.mm(x, w) + b
        loss = torch.nn.functional.cross_entropy(z, y) + 0.5 * l2 * (w * w).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return LexicalModel.build(slots, w.detach().numpy(), b.detach().numpy(), blend)
