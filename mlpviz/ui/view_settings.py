"""How the user left the window's views, kept across launches in QSettings.

Animate, the speed, phase by phase, what the weight tables show (w, Δw, ∂C/∂w, ...), the
picked unit or weight and the quiz's score (a lesson goes on after a relaunch) come back at the next launch; a window geometry saved on a
larger screen is clipped to the screen it opens on.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSettings

from mlpviz.app.selection import UnitRef, WeightRef
from mlpviz.app.training_status import TrainingStatus
from mlpviz.engine import Architecture
from mlpviz.engine.layers import layer_fed_by

from .tables.weight_table_model import Show

PREFIX = "view/"
RESTORED_SHOWS = (Show.VALUE, Show.CHANGE, Show.GRADIENT)


@dataclass(frozen=True)
class ViewSettings:
    animate: bool = True
    speed: float = 1.0
    phase_by_phase: bool = False
    show: Show = Show.VALUE
    selected: UnitRef | WeightRef | None = None
    quiz_score: tuple[int, int] = (0, 0)  # (asked, right)


def item_text(item) -> str:
    if isinstance(item, UnitRef):
        return f"unit {item.layer} {item.index}"
    if isinstance(item, WeightRef):
        return f"weight {item.layer} {item.row} {item.col}"
    return ""


def item_of(text: str) -> UnitRef | WeightRef | None:
    kind, *numbers = (str(text or "").split() or [""])
    try:
        values = [int(n) for n in numbers]
        if kind == "unit" and len(values) == 2:
            return UnitRef(*values)
        if kind == "weight" and len(values) == 3:
            return WeightRef(*values)
    except (TypeError, ValueError):
        pass
    return None


def fits(item, arch: Architecture) -> bool:
    """Whether ``item`` names a unit or weight (or bias, row -1) of ``arch``."""
    sizes = arch.sizes
    if isinstance(item, UnitRef):
        return 0 <= item.layer < len(sizes) and 0 <= item.index < sizes[item.layer]
    if isinstance(item, WeightRef):
        return (0 <= item.layer < len(sizes) - 1 and -1 <= item.row < sizes[item.layer]
                and 0 <= item.col < sizes[layer_fed_by(item.layer)])
    return False


def save_view_settings(settings: QSettings, status: TrainingStatus, show: Show, selected,
                       quiz_score: tuple[int, int] = (0, 0)) -> None:
    settings.setValue(PREFIX + "animate", bool(status.animate))
    settings.setValue(PREFIX + "speed", float(status.speed))
    settings.setValue(PREFIX + "phase_by_phase", bool(status.phase_by_phase))
    settings.setValue(PREFIX + "weights_show", show.name)
    settings.setValue(PREFIX + "selected", item_text(selected))
    settings.setValue(PREFIX + "quiz_asked", int(quiz_score[0]))
    settings.setValue(PREFIX + "quiz_right", int(quiz_score[1]))


def load_view_settings(settings: QSettings) -> ViewSettings:
    """What was saved (anything missing or unreadable: the default)."""
    default = ViewSettings()

    def flag(key: str, fallback: bool) -> bool:
        value = settings.value(PREFIX + key, fallback)
        return value if isinstance(value, bool) else str(value).lower() in ("true", "1")

    try:
        speed = float(settings.value(PREFIX + "speed", default.speed))
    except (TypeError, ValueError):
        speed = default.speed
    try:
        asked, right = (int(settings.value(PREFIX + key, 0)) for key in ("quiz_asked", "quiz_right"))
    except (TypeError, ValueError):
        asked, right = default.quiz_score
    asked = max(0, asked)
    show = Show.__members__.get(str(settings.value(PREFIX + "weights_show", default.show.name)), default.show)
    if show not in RESTORED_SHOWS:  # a comparison or the gradient check is set up anew each time
        show = default.show
    return ViewSettings(flag("animate", default.animate), speed if speed > 0 else default.speed,
                        flag("phase_by_phase", default.phase_by_phase), show,
                        item_of(settings.value(PREFIX + "selected", "")), (asked, min(max(0, right), asked)))


def clipped_to(geometry: QRect, available: QRect) -> QRect:
    """``geometry`` no larger than ``available`` and moved inside it."""
    width, height = min(geometry.width(), available.width()), min(geometry.height(), available.height())
    x = min(max(geometry.x(), available.x()), available.x() + available.width() - width)
    y = min(max(geometry.y(), available.y()), available.y() + available.height() - height)
    return QRect(x, y, width, height)
