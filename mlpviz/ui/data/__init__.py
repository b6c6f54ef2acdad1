"""The data views: the batch table, the data-set chooser, and opening data files."""
