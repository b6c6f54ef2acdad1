"""``python -m mlpviz`` does what the ``mlpviz`` command does."""

from mlpviz.cli.main import main

raise SystemExit(main())
