"""Check a learner's own backprop against mlpviz's, number by number, to the first wrong one (Qt-free).

``from mlpviz.check import check`` in a notebook; ``mlpviz check FILE`` in a terminal; File ▸ Check
my backprop… in the app. The learner's file runs in a separate process (:mod:`.sandbox`).
"""

from .api import DEFAULT_TOLERANCE, check, check_file
from .report import AGREES, COULD_NOT_RUN, DIFFERS, Mark, Report, Row

__all__ = ["AGREES", "COULD_NOT_RUN", "DEFAULT_TOLERANCE", "DIFFERS", "Mark", "Report", "Row", "check", "check_file"]
