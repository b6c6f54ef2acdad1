"""Check my backprop: the panel listing a learner's numbers beside mlpviz's, and the File menu action."""
