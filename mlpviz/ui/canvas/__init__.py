"""The network canvas: nodes in columns, every edge between adjacent layers, the animated step."""
