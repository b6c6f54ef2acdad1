"""The app layer: the session that owns the network and training loop, and what it emits.

Uses QtCore (signals, timers) but no widgets; views in ``mlpviz.ui`` subscribe to it.
"""
