"""Small widgets and helpers every view shares: number entry, labels, plain-text messages, work off the GUI
thread, the redraw throttle, the paint guard, the loop guard, checked settings values."""
