"""mlpviz: watch a small neural network learn, one backprop step at a time."""

__version__ = "0.1.0"
