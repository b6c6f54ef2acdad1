"""How big a bias ring is beside its node: one factor for the drawing, the labels and picking."""

RING_FACTOR = 1.36  # bias ring diameter / node diameter
