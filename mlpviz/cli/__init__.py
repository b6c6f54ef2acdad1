"""The ``mlpviz`` command line: no arguments opens the GUI, subcommands run headless."""
