"""Teaching views: the worked-example export dialog and the quiz panel (they draw; ``mlpviz.teaching`` thinks)."""
