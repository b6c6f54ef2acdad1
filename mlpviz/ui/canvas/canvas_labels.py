"""The canvas's texts: layer titles that grow with the network on screen, node values, biases under the
rings and, beside the outputs, the class names with ŷ and y; sized for the zoom and the text size."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from mlpviz.engine.unit_names import layer_title
from mlpviz.i18n import msg_n

from .colormap import palette_rgb, text_is_dark
from .frame_model import after_step_title
from .layout import NetworkLayout
from .node_numbers import (BADGE_PAD, GAP_PX, LABEL_PAD, badge_height, digit_height, digit_target, font_for_digits,
                           label_height, plan_numbers)
from .nodes_item import EMPTY_COLOUR
from .rings import RING_FACTOR

LABEL_NODE_LIMIT = 80  # print values inside nodes only for networks this small...
CLASS_NAME_PIXELS = 12  # beside a class name: its offset from the ring and a little air
TITLE_WIDEST = after_step_title(88888, 0.088888)  # the longest title of a Run; a longer one is measured
TEXT_DARK, TEXT_LIGHT, TEXT_BIAS = QColor(17, 17, 17), QColor(255, 255, 255), QColor(68, 68, 68)


class CanvasLabels:
    """Mixed into NetworkCanvas: builds (``_build_labels``) and updates (``_update_labels``) its texts, and
    keeps room for them when the view is fitted (``_text_room``)."""

    def _build_labels(self, layout: NetworkLayout, positions: np.ndarray) -> None:
        for item in self._layer_titles:
            self.view.removeItem(item)
        self._layer_titles = []
        L = len(layout.sizes) - 1
        self._title_pt, self._title_key, self._titles_roomy = 0.0, None, None  # new title items: size them
        for l, n in enumerate(layout.sizes):
            item = pg.TextItem(color="#333", anchor=(0.5, 1.0))
            item.setPos(layout.column_x[l], layout.title_y)
            item.parts = (layer_title(l, L), str(msg_n("{n} unit", "{n} units", n)))
            self.view.addItem(item)
            self._layer_titles.append(item)
        small = layout.node_count <= LABEL_NODE_LIMIT
        self.value_labels.set_positions(positions if small else np.zeros((0, 2)))
        self._bias_side = None  # (side, badge size, node size) the bias labels are placed for: left of, or under, a node
        self.bias_labels.set_positions(positions[layout.sizes[0]:] if small else np.zeros((0, 2)))
        self.bias_names.set_positions(np.array([p[-1] for p in layout.positions[1:]]) if small else np.zeros((0, 2)))
        right = layout.positions[-1].copy()
        right[:, 0] += layout.diameters[-1] * RING_FACTOR / 2
        self.target_labels.set_positions(right)  # the classes' names always, ŷ and y when small

    # --- drawing ---------------------------------------------------------------------------

    def _update_layer_titles(self) -> None:
        """Layer titles grow with the network on screen (its fit and wheel zoom) and the text size."""
        if self._layout is None or not self._layer_titles:
            return
        ppu, roomy = self._pixels_per_unit(), self._roomy()  # (short of height: the units line goes)
        key = (round(ppu, 2), self._text_scale, self._title_pt, roomy)
        if key == self._title_key:  # every frame calls this; the titles change only with the scale
            return
        pt = float(np.clip(ppu * 0.14, 9, 30)) * self._text_scale
        gap_px = ppu * float(np.min(np.diff(self._layout.column_x))) if len(self._layout.column_x) > 1 else 1e9
        font = QFont()
        font.setPointSizeF(pt)
        font.setBold(True)
        widest = max(QFontMetricsF(font).horizontalAdvance(item.parts[0]) for item in self._layer_titles)
        if widest > 0.92 * gap_px:  # neighbouring titles must not run into each other
            pt = max(7.0, pt * 0.92 * gap_px / widest)
        pt = round(pt, 1)
        self._title_key = (round(ppu, 2), self._text_scale, pt, roomy)
        if (pt, roomy) == (self._title_pt, self._titles_roomy):
            return
        self._title_pt, self._titles_roomy = pt, roomy
        for item in self._layer_titles:
            title, units = item.parts
            text, muted = ("#333", "#666") if self._look is None else (self._look.text.name(), self._look.muted.name())
            second = f'<br><span style="font-size:{pt * 0.8:.1f}pt; color:{muted}">{units}</span>' if roomy else ""
            item.setHtml(f'<div style="text-align:center; font-size:{pt}pt; color:{text}"><b>{title}</b>{second}</div>')

    def _scale_title(self, title: float) -> None:
        """The canvas title at ``title`` × 17 pt, smaller on a narrow canvas (a projector, 2× text, presentation
        mode at 1024×768) so that a Run's titles and the one shown now ("Step 0: loss 0.693 on the next batch",
        a compared file's name) fit whole: it is centred, so a longer one was cut at both ends."""
        font = QFont()
        font.setPointSizeF(17 * title)
        font.setBold(True)
        texts = (str(TITLE_WIDEST), html.unescape(self.title.text or ""))
        self._title_chars, widest = max(map(len, texts)), max(map(QFontMetricsF(font).horizontalAdvance, texts))
        if widest > 0.96 * self.width() > 0:
            title *= 0.96 * self.width() / widest
        title_pt = f"{17 * title:.1f}pt"
        if self.title.opts.get("size") != title_pt:
            self.title.setText(self.title.text, size=title_pt)

    def _title_outgrown(self, text: str) -> bool:
        """Whether the title's size was measured for other texts: ``text`` is longer than a Run's title, or the
        title was and ``text`` is not (a Run's titles, each frame, keep their size: no measuring)."""
        return max(len(text), len(str(TITLE_WIDEST))) != self._title_chars

    def _update_labels(self) -> None:
        self._update_layer_titles()
        frame = self._frame
        if frame is None or self._layout is None:
            return
        if self._layout.node_count > LABEL_NODE_LIMIT:  # the class names only, each within its output's row
            font = QFont()
            font.setPointSizeF(10 * self._text_scale)
            self.target_labels.set_texts(self._class_names(), [TEXT_DARK] * self._layout.sizes[-1],
                                         _within_rows(font, 1, self._pixels_per_unit() * float(self._layout.spacing[-1])))
            self.number_plan = None  # (a small network's plan, from before, must not pad this one)
            self._refit_for_texts()  # the layer titles grew with the zoom: room for them
            return
        ppu, layout = self._pixels_per_unit(), self._layout
        node_px = ppu * float(layout.diameters.min())
        gap_px = ppu * float(np.min(np.diff(layout.column_x))) if len(layout.column_x) > 1 else 1e9
        values = np.concatenate([np.full(n, np.nan) if v is None else v for n, v in zip(layout.sizes, frame.node_values)])
        biases = np.concatenate(frame.biases[1:])
        name = "b′" if frame.parameters_updated else "b"  # the new biases, or the ones that gave z
        drawn = [() if v is None else v[~np.isnan(v)] for v in frame.node_values]  # (a quiz's "?" is not a number)
        plan = plan_numbers(digit_target(self._text_scale, self._presenting), drawn, frame.biases[1:], name,
                            node_px, node_px * RING_FACTOR, ppu * float(layout.spacing.min()), gap_px)
        self.number_plan, font, show = plan, plan.font, plan.values_shown
        palette = palette_rgb()
        levels = self.nodes.levels
        dark = text_is_dark(palette[np.minimum(levels, len(palette) - 1)]) | (levels >= len(palette))
        fills = [EMPTY_COLOUR if lv >= len(palette) else QColor(*(int(c) for c in palette[lv])) for lv in levels]
        texts = ["" if not show or np.isnan(v) else plan.text(float(v)) for v in values]
        self.value_labels.set_texts(texts, [TEXT_DARK if d else TEXT_LIGHT for d in dark], font)
        line = TEXT_DARK if self._look is None else self._look.line
        self.value_labels.set_badges(fills, line, 0.92 * node_px, BADGE_PAD)  # a number wider than its node: on a badge
        self.asked_mark.show_asked(frame, layout, font)
        spacing_px = ppu * float(layout.spacing.min())
        below = plan.badge_h / 2 + GAP_PX  # under the value's badge; under the ring when the rows have the room
        next_top = max(plan.badge_h, node_px * RING_FACTOR) / 2  # the next row's value badge, or its ring, reaches up
        ring_room = spacing_px - next_top - label_height(plan.bias_font) - 2 * GAP_PX  # (a label sat on that ring)
        full = digit_height(plan.bias_font) >= round(digit_target(self._text_scale, self._presenting))  # not cramped
        self._bias_below_px = max(below, min(node_px * RING_FACTOR / 2 + GAP_PX, ring_room)) if full else below
        placed = (plan.bias_side, round(plan.badge_h, 1), tuple(round(b, 1) for b in plan.column_badges),
                  round(self._bias_below_px, 1), round(node_px, 1), plan.bias_font.key())
        if placed != self._bias_side and layout.node_count <= LABEL_NODE_LIMIT:
            self._bias_side = placed  # the labels' offsets follow the badges' size and the nodes' zoom
            if plan.bias_side == "left":  # each beside its own layer's badges
                self.bias_labels.set_anchor((1.0, 0.5), (0.0, 0.0), [-plan.left_of_node(l, node_px * RING_FACTOR)
                                                                     for l, n in enumerate(layout.sizes) if l for _ in range(n)])
            else:  # under the ring, clear of the value (issue 22), else just under the value's badge
                self.bias_labels.set_anchor((0.5, 0.0), (0.0, self._bias_below_px))
        page = QColor(255, 255, 255) if self._look is None else self._look.background
        texts = [plan.bias_text(name, float(b)) if plan.bias_side else "" for b in biases]
        self.bias_labels.set_texts(texts, [TEXT_BIAS if self._look is None else self._look.muted] * len(texts),
                                   plan.bias_font)
        self.bias_labels.set_badges([page] * len(texts), page, -1.0, LABEL_PAD, thin=True)  # readable over the edges
        self._name_bare_biases(plan, name, node_px, page)
        self._refit_for_texts()
        texts = self._class_names()
        if show and frame.targets is not None:
            texts = [f"{name}\nŷ {plan.text(float(o))}\ny {plan.text(float(t))}".lstrip("\n")
                     for name, o, t in zip(texts, frame.outputs, frame.targets)]
        rows = max(t.count("\n") + 1 for t in texts) if texts else 1
        room = ppu * float(layout.spacing[-1]) if layout.sizes[-1] > 1 else 1e9  # the outputs' rows: no overlap
        target_font = QFont(font)
        line_px = QFontMetricsF(font).height() * rows
        if line_px > 0.95 * room:
            target_font.setPointSizeF(max(6.0, font.pointSizeF() * 0.95 * room / line_px))
        beside = max(0.0, plan.badge_of(-1) / 2 - node_px * RING_FACTOR / 2) + 6.0  # right of an output's badge too
        self.target_labels.set_anchor((0.0, 0.5), (beside, 0.0))
        self.target_labels.set_texts(texts, [TEXT_DARK if self._look is None else self._look.text] * len(texts),
                                     target_font)
        if min(digit_height(font), digit_height(plan.bias_font) if plan.bias_side else 0.0) < round(
                digit_target(self._text_scale, self._presenting)):
            self._rechoose_layout()  # cramped: the layout was chosen before these numbers were known

    def _name_bare_biases(self, plan, name: str, node_px: float, page: QColor) -> None:
        """Under each column of bare bias labels (too little room to name each one), their name once, in line."""
        bare = plan.bias_side == "left" and not plan.bias_named
        n = len(self._layout.sizes) - 1 if bare and self._layout.node_count <= LABEL_NODE_LIMIT else 0
        self.bias_names.set_anchor((1.0, 0.0), (0.0, label_height(plan.bias_font) / 2 + GAP_PX),
                                   [-plan.left_of_node(l, node_px * RING_FACTOR) for l in range(1, n + 1)])
        colour = TEXT_BIAS if self._look is None else self._look.muted
        texts = [name] * n + [""] * (len(self._layout.sizes) - 1 - n)
        self.bias_names.set_texts(texts, [colour] * len(texts), plan.bias_font)
        self.bias_names.set_badges([page] * len(texts), page, -1.0, BADGE_PAD)  # (whole over the edges: its prime)

    def _refit_for_texts(self) -> None:
        """Fit again when the numbers or the titles changed size: room for them above and under the nodes."""
        if (self._auto_fit and not self._refitting
                and any(abs(a - b) > 2 for a, b in zip(self._text_pads_px(), self._fit_pads))):
            self._refitting = True
            try:
                self.fit()
            finally:
                self._refitting = False

    def _class_name_room(self, width: float, height: float) -> float:
        """View units to add right of a ``width`` × ``height`` picture so the longest class name (or ŷ and y) is
        not cut."""
        names = self._output_texts()
        if not names or self._layout is None:
            return 0.0
        layout = self._layout
        free = layout.bounds[2] - (float(layout.column_x[-1]) + float(layout.diameters[-1]) * RING_FACTOR / 2)
        w_px, h_px = self.view.width(), self.view.height()
        room = 0.0
        for _ in range(3):  # the zoom sets the font, the font the room, the room the zoom: settle it
            ppu = min(w_px / (width + room), h_px / height) if w_px > 0 and h_px > 0 else 50.0
            font = font_for_digits(self._names_digits_px())  # as large as the labels get
            text_px = max(QFontMetricsF(font).horizontalAdvance(name) for name in names) + CLASS_NAME_PIXELS
            if self.number_plan is not None:  # the names sit right of the outputs' badges
                text_px += max(0.0, self.number_plan.badge_of(-1) / 2 - ppu * float(layout.diameters[-1]) * RING_FACTOR / 2)
            room = max(0.0, text_px / ppu - free)
        return room

    def _names_digits_px(self) -> float:
        """How tall the class names' digits are drawn: as the values', up to their size for the text size. Not the
        size alone: room kept for names larger than the values get (presenting 4-12-3 at 1024×768 after Ctrl+=)
        was taken from the network, whose numbers came out smaller than before Ctrl+= (25 → 22 px)."""
        target = digit_target(self._text_scale, self._presenting)
        plan = self.number_plan
        return min(target, digit_height(plan.font)) if plan is not None and plan.values_shown else target

    def _names_px(self, target_px: float) -> float:
        """Pixels the outputs' texts take right of their nodes (class names, ŷ and y) with digits ``target_px`` tall."""
        names = self._output_texts()
        metrics = QFontMetricsF(font_for_digits(target_px))
        return max(map(metrics.horizontalAdvance, names)) + CLASS_NAME_PIXELS if names else 0.0

    def _output_texts(self) -> list[str]:
        """The widest lines beside the outputs: the class names, and ŷ and y when the numbers are shown."""
        names = list(self._state.output_names) if self._state is not None else []
        shown = self._frame is not None and self._frame.targets is not None
        small = self._layout is not None and self._layout.node_count <= LABEL_NODE_LIMIT
        return names + (["ŷ -0.888"] if shown and small else [])

    def _class_names(self) -> list[str]:
        """What each output unit stands for (the data's class names), or "" each."""
        n = self._layout.sizes[-1]
        names = self._state.output_names if self._state is not None else ()
        return list(names) if len(names) == n else [""] * n

    def _numbers_on_screen(self, sizes) -> tuple:
        """(values, biases) of the frame on screen, one array per layer, when it belongs to a network of
        ``sizes``, else () (the layout is chosen for them on a resize or a new text size, not at every step)."""
        frame = self._frame
        if frame is None or len(frame.biases) != len(sizes):
            return ()
        values = [np.zeros(0) if v is None else v[np.isfinite(v)] for v in frame.node_values]
        biases = [b[np.isfinite(b)] for b in frame.biases[1:]]
        return (values, biases) if any(v.size for v in values) and any(b.size for b in biases) else ()

    def _titles_px(self) -> float:
        """Pixels the layer titles take above the top node: as drawn (two lines and their margins), and the
        little they sit above it; 2 more, the change that does not call for a refit."""
        titles = [item.textItem.boundingRect().height() for item in self._layer_titles if self._title_pt > 0]
        title_px = max(titles) if titles else 9 * self._text_scale * 96 / 72 * 2.2
        layout, ppu = self._layout, self._pixels_per_unit()
        above = 0.0 if layout is None else (layout.title_y - max(float(p[0, 1]) for p in layout.positions)
                                            - float(layout.diameters.max()) / 2) * ppu
        return title_px + max(0.0, above) + 2.0

    def _end_titles_px(self) -> tuple[float, float]:
        """Half the width in pixels of the first and the last layer title, centred over their columns."""
        if not self._layer_titles or self._title_pt <= 0:
            return 0.0, 0.0
        return tuple(item.textItem.boundingRect().width() / 2 for item in (self._layer_titles[0], self._layer_titles[-1]))

    def _title_room(self, x0: float, x1: float) -> tuple[float, float]:
        """The view's x range widened so the first and the last layer titles are whole (a wide "outputs" title in
        presentation at 1024×768 ran past the view's right edge)."""
        ppu, layout = self._pixels_per_unit(), self._layout
        if ppu <= 0 or layout is None:
            return x0, x1
        first, last = (half + 4.0 for half in self._end_titles_px())  # (4: air, and the refit's slack)
        return min(x0, float(layout.column_x[0]) - first / ppu), max(x1, float(layout.column_x[-1]) + last / ppu)

    def _text_pads_px(self) -> tuple[float, ...]:
        """Pixels the texts need above the top node's ring (the layer titles; a badge taller than its node) and
        under the lowest (its badge, its bias label under it), the outputs' badges' width, the end titles' half
        widths and the class names' digits' height."""
        plan, layout = self.number_plan, self._layout
        radius = 0.0 if layout is None else self._pixels_per_unit() * float(layout.diameters.min()) / 2
        h = plan.badge_h if plan is not None else 0.0
        top = self._titles_px() + max(0.0, h / 2 - radius)
        reach = h / 2 + 2 * GAP_PX  # from a node's centre: its badge, or its bias label under it
        if plan is not None and plan.bias_side == "below":
            reach = self._bias_below_px + label_height(plan.bias_font) + GAP_PX
        elif plan is not None and plan.bias_side == "left" and not plan.bias_named:  # the name under the lowest
            reach = max(reach, label_height(plan.bias_font) / 2 + GAP_PX + badge_height(plan.bias_font) + GAP_PX)
        bottom = 0.0 if plan is None else max(0.0, reach - radius)
        named = plan is not None and bool(self._output_texts())
        return (top, bottom, plan.badge_of(-1) if named else 0.0,  # (class names sit right of the outputs' badges)
                *self._end_titles_px(), self._names_digits_px() if named else 0.0)  # (and as large as the values)

    def _text_room(self, width: float, y0: float, y1: float) -> tuple[float, float]:
        """The view's y range widened so the layer titles and the numbers of the top and lowest nodes are not cut."""
        layout = self._layout
        half = (y1 - y0) / 2
        top_y = max(float(p[0, 1]) for p in layout.positions) + float(layout.diameters.max()) / 2
        low_y = min(float(p[-1, 1]) for p in layout.positions) - float(layout.diameters.max()) / 2
        self._fit_pads = self._text_pads_px()
        top_px, bottom_px = self._fit_pads[:2]
        w_px, h_px = self.view.width(), self.view.height()
        if not (w_px > 0 and h_px > top_px + bottom_px + 20) or half <= 0:
            return y0, y1
        ppu = min(w_px / width, (h_px - top_px - bottom_px) / (top_y - low_y))
        return min(y0, low_y - bottom_px / ppu), max(y1, top_y + top_px / ppu)


def _within_rows(font: QFont, lines: int, row_px: float) -> QFont:
    """``font``, smaller if ``lines`` lines of it are taller than the outputs' rows ``row_px`` apart: the class names
    beside a big network's outputs do not overlap (the digits' 0-9 were 15 px tall, 13 px apart, at 1024×768)."""
    line_px = QFontMetricsF(font).height() * lines
    if line_px <= 0.95 * row_px:
        return font
    smaller = QFont(font)
    smaller.setPointSizeF(max(6.0, font.pointSizeF() * 0.95 * row_px / line_px))
    while smaller.pointSizeF() > 6.0 and QFontMetricsF(smaller).height() * lines > 0.95 * row_px:
        smaller.setPointSizeF(max(6.0, smaller.pointSizeF() - 0.25))  # (hinted heights go in steps)
    return smaller
