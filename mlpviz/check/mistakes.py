"""The common mistakes of hand-written backprop, each a way to recompute the step wrongly.

A mistake is recognised only when the learner's numbers match the step recomputed with it
(:func:`mlpviz.check.reference.reference_step`), never guessed from a symptom.
"""

from __future__ import annotations

from mlpviz.i18n import msg

# id -> what the report says, in the order the issue lists them.
MISTAKES = {
    "labels_ignored_loss": msg("labels ignored in the loss: it is the loss of a batch whose labels are all 1"),
    "labels_ignored_delta": msg("labels ignored in δ_L: δ = ŷ − 1, as if every label were 1 (use ŷ − y)"),
    "update_adds": msg("δ sign flipped without the update compensating: W' = W + η·∂C/∂W, the step goes uphill"),
    "not_averaged": msg("gradients summed but not averaged: the step is B (the batch size) times too large"),
    "no_hidden_derivative": msg("the derivative left out of a hidden δ: δ_h = Σ_k w·δ_k without the ·f'(z_h)"),
    "derivative_of_a": msg("f' taken of a instead of z: the hidden δ uses f'(f(z))"),
    "update_before_backprop": msg("the update applied before back-propagating: a hidden δ used the already updated "
                              "weights of the layer above (keep the old W until δ has passed through it)"),
    "overwritten_in_place": msg("a stored array overwritten in place: the z kept for the backward pass holds "
                            "f(z) (an activation that writes into its argument, e.g. z[z <= 0] = 0)"),
    "bias_not_summed": msg("a bias gradient not summed over the batch: ∂C/∂b has one row per sample "
                       "(sum δ over axis 0)"),
    "softmax_axis": msg("softmax over the wrong axis: it normalises over the batch (axis 0), not over the outputs (axis 1)"),
    "transposed_forward": msg("a weight matrix used transposed in the forward pass: z = a·Wᵀ + b "
                          "(it runs only because W is square)"),
    "transposed_backward": msg("a weight matrix used transposed in back-propagation: δ·W instead of δ·Wᵀ "
                           "(it runs only because W is square)"),
}
