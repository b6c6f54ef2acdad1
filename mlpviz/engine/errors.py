"""The one error type mlpviz raises for anything a user did or loaded."""


class MlpvizError(ValueError):
    """A refused input: bad settings, a bad file or bad data.

    The message is written for the person who made the mistake; callers show it as is.
    """


class ArchitectureError(MlpvizError):
    """Sizes, activations or loss that do not make a usable network."""


class DataError(MlpvizError):
    """A data set or CSV file that cannot be used with the network."""


class SnapshotError(MlpvizError):
    """A snapshot or session file that cannot be read, or written."""
