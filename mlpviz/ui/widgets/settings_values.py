"""Values read from QSettings, checked: a settings file is edited by hand, synced, or damaged.

QSettings hands back whatever the file holds (text, a list, a number) whatever was
written; each reader here turns it into the expected type or gives the default.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray


def whole_number(value, default: int, low: int, high: int) -> int:
    """A settings value (text in an INI file, an int in the registry) as an int in ``low..high``.

    Text that is not a whole number, lists, byte arrays: ``default``. Out of range: clamped.
    """
    if isinstance(value, bool) or value is None:
        return default
    if isinstance(value, str):
        value = value.strip()
        if not value.lstrip("+-").isdigit() or len(value) > 30:
            return default
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return min(max(number, low), high)


def true_or_false(value, default: bool) -> bool:
    """A settings value as a bool: a bool, or the text true/false/1/0/yes/no; anything else ``default``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "1", "yes", "false", "0", "no"):
        return value.strip().lower() in ("true", "1", "yes")
    return default


def byte_array(value) -> QByteArray | None:
    """A saved window geometry or dock state: a QByteArray (or bytes), else None (use the default layout)."""
    if isinstance(value, QByteArray):
        return value if not value.isEmpty() else None
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


def text_list(value, most: int) -> list[str]:
    """A saved list of texts (recent files): one text, or a list of texts; anything else is dropped."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    return [v for v in value if isinstance(v, str) and v and "\0" not in v][:most]
