"""The network canvas, the main window's central widget: draws each ViewState it is given.

Nodes in columns (input on the left), every edge between adjacent layers (the strongest
ones only for big layer pairs), node fill = activation or δ of the selected sample, a ring
= bias, the phase in progress as a title. Hover shows a unit's or a weight's numbers; a
click selects it for every view. All numbers come from the record (see ``frame_model``). The texts
(``canvas_labels.py``), what is under the pointer (``canvas_pointer.py``) and which edges are drawn with
what values (``canvas_edges.py``) are mixed in.
"""

from __future__ import annotations

import html
import time
from collections import deque
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QTextOption
from PySide6.QtWidgets import QGraphicsView, QWidget

from mlpviz.app.selection import Selection
from mlpviz.app.view_state import ViewState
from mlpviz.i18n import msg

from . import level_of_detail as lod
from .check_marks import CheckMarks
from .colormap import normalise
from .edges_item import EdgesItem
from .steady_label import SteadyLabelItem
from .frame_model import ACTIVATION, DELTA, DIFFERENCE, GRADIENT, STEP, WEIGHT, Frame, frame_of
from .input_pictures import InputPictures
from .layout import NetworkLayout, edge_endpoints
from .asked_mark import AskedMark
from .labels_item import LabelsItem
from .legend_item import WIDTH as LEGEND_WIDTH, LegendItem
from .canvas_labels import CanvasLabels
from .canvas_edges import CanvasEdges
from .canvas_layout_choice import CanvasLayoutChoice
from .canvas_pointer import CanvasPointer
from .nodes_item import NodesItem
from .rings import RING_FACTOR

HINT = msg("Drag to pan, wheel to zoom, double-click to fit. Hover for numbers; click to select.")
STRIP_BELOW_PX = 760  # a canvas narrower than this has its legend under the network (see _scale_legend): at
# 1024×768, presenting beside the loss curve, a column of colour keys took 150 of the network's 711 px
SHORT_HINT = msg("Drag to pan, wheel to zoom; hover or click.")  # a narrow canvas: nothing cut
HINT_ROOM_PX = 560  # a canvas shorter than this (times the text size) shows the hint in the status bar instead
QWIDGETSIZE_MAX = (1 << 24) - 1

class NetworkCanvas(CanvasLabels, CanvasLayoutChoice, CanvasPointer, CanvasEdges, pg.GraphicsLayoutWidget):
    """Draws each ViewState given to ``set_state``; clicks set ``selection.item``; node values follow ``selection.sample``."""

    def __init__(self, state: ViewState, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, show=False)
        self.selection = selection
        self.setBackground("w")
        self.setViewportUpdateMode(QGraphicsView.BoundingRectViewportUpdate)  # edges clipped to many rects cost ~10x
        self.full_detail = False  # True: draw every edge (exported images)
        self._paint_times: deque[float] = deque(maxlen=240)
        self._layout: NetworkLayout | None = None
        self._state: ViewState | None = None
        self._frame: Frame | None = None
        self._auto_fit = True
        self._choices: list[lod.EdgeChoice] = []
        self._layer_titles: list[pg.TextItem] = []
        self._lod_note = ""
        self._exporting = False
        self._text_scale = 1.0  # the app's text size (View ▸ Text size)
        self._presenting = False  # presentation mode: the numbers for the back row (see node_numbers)
        self.number_plan = None  # how the numbers of the frame on screen are drawn (node_numbers.NumberPlan)
        self._look = None  # the appearance's colours (None: the light defaults)
        self._title_pt = 0.0  # the layer titles' point size now (they follow the network's scale)
        self._titles_roomy: bool | None = None  # whether they have their units line (see _roomy)
        self._rechosen_for = None  # (sizes, view size, text size, presenting) the layout was chosen again for
        self._title_key = None  # (pixels per unit, text scale, point size) they were last sized for
        self._title_chars = 0  # the canvas title is sized for texts up to this long (``_scale_legend``)
        self._fit_pads = (0.0,) * 6  # pixels left above and under the nodes, the badges' width, the end titles',
        # the class names' digits, at the last fit
        self._refitting = False

        self.ci.setContentsMargins(8, 6, 8, 4)
        self.title = SteadyLabelItem("", size="17pt", color="#222", bold=True)
        self.ci.addItem(self.title, row=0, col=0, colspan=2)
        self.view = self.ci.addViewBox(row=1, col=0, lockAspect=True, enableMenu=False)
        self.legend = LegendItem()
        self.ci.addItem(self.legend, row=1, col=1)
        self.note = self.ci.addLabel(str(HINT), row=2, col=0, colspan=2, size="9pt", color="#555")
        self.edges = EdgesItem()
        self.rings = NodesItem(outline_width=0.8, z=9)
        self.nodes = NodesItem(outline_width=1.5, z=10)
        self.marker = pg.ScatterPlotItem(pxMode=False, symbol="o", brush=pg.mkBrush(None), pen=NodesItem.make_pen(QColor(0, 0, 0), 3.5))
        self.marker.setZValue(11)
        self.value_labels = LabelsItem((0.5, 0.5))
        self.bias_labels = LabelsItem((0.5, 0.0), (0.0, 2.0))
        self.bias_names = LabelsItem((1.0, 0.0))  # "b′" under a column of bare bias labels
        self.target_labels, self.asked_mark = LabelsItem((0.0, 0.5), (6.0, 0.0)), AskedMark()  # and a quiz's "?"
        for item in (self.edges, self.rings, self.nodes, self.marker, self.value_labels, self.bias_labels, self.bias_names,
                     self.target_labels, self.asked_mark):
            self.view.addItem(item)
        self.pictures = InputPictures(self.view)
        self.check_marks = CheckMarks(self.view)  # where a learner's backprop differs (Check my backprop)
        self._hovered_unit: int | None = None  # a unit of hidden layer 1 under the pointer
        self.view.sigRangeChangedManually.connect(self._on_view_range_changed_manually)
        self.view.sigRangeChanged.connect(self._on_view_range_changed)
        self.view.sigResized.connect(self._on_view_resized)  # (after the widget's resize: its layout settles later)
        self.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)

        selection.sample_changed.connect(self._on_selection_sample_changed)
        selection.item_changed.connect(self._on_selection_item_changed)
        self.set_state(state)

    # --- what tests and the status bar read ----------------------------------------------

    @property
    def frames_per_second(self) -> float:
        """Canvas paints in the last second."""
        now = time.perf_counter()
        return float(sum(1 for t in self._paint_times if now - t <= 1.0))

    @property
    def layer_title_points(self) -> float:
        """The layer titles' point size now (they follow the network's size on screen)."""
        return self._title_pt

    @property
    def layout_model(self) -> NetworkLayout | None:
        return self._layout

    @property
    def frame(self) -> Frame | None:
        """The arrays of the frame on screen (see frame_model.Frame)."""
        return self._frame

    @property
    def node_count(self) -> int:
        return len(self.nodes.data)

    @property
    def edge_count(self) -> int:
        """Edges the network has (drawn or not)."""
        return sum(c.total for c in self._choices)

    @property
    def drawn_edge_count(self) -> int:
        return len(self.edges.endpoints)

    def drawn_edge_values(self, layer: int) -> np.ndarray | None:
        """Values of weight layer ``layer`` as drawn this frame, ``(fan_in, fan_out)`` (before normalising)."""
        return None if self._frame is None else self._frame.edge_values[layer]

    def set_full_detail(self, on: bool) -> None:
        """Draw every edge (for exported images) instead of the strongest ones of big layers."""
        self.full_detail = bool(on)
        self._choices = []
        if self._frame is not None:
            self._draw(self._frame)

    @contextmanager
    def full_detail_for_export(self):
        """The canvas as an exported picture while the block runs: every edge, no pointer hint,
        no selection frame; then the level of detail, the hint and the selection again."""
        before = self.full_detail
        self._exporting = True
        self.set_full_detail(True)
        self._set_note()
        self.marker.hide()
        self.edges.set_highlight([])
        try:
            yield self
        finally:
            self._exporting = False
            self.marker.show()
            self.set_full_detail(before)
            self._set_note()
            self._show_selection()

    def fit(self) -> None:
        """Fit the whole network into the view."""
        self._auto_fit = True
        if self._layout is not None:
            x0, y0, x1, y1 = self._layout.bounds
            if self.pictures.visible:  # the pictures and their captions whole
                x0 = self.pictures.fit_left(x1, y0, y1, (self.view.width(), self.view.height())) - 0.3
            x1 += self._class_name_room(x1 - x0, y1 - y0)
            x0, x1 = self._title_room(x0, x1)
            y0, y1 = self._text_room(x1 - x0, y0, y1)
            self.view.setRange(QRectF(x0, y0, x1 - x0, y1 - y0), padding=0.0)

    # --- what it draws, and the selection -----------------------------------------------------------

    def set_state(self, state: ViewState) -> None:
        """Draw ``state`` (the session's ``state_changed``)."""
        if self.closed:  # pyqtgraph's close() has cleared the scene
            return
        named = self._state is not None and bool(self._state.output_names)
        if self._layout is None or self._layout.sizes != state.arch.sizes:
            self._rebuild(state.arch.sizes)
        self._state = state
        if named != bool(state.output_names) and self._auto_fit:
            self.fit()  # room for the class names, or no more
        self._frame = frame_of(state, self.selection.sample, self.edges_by_step)
        self._draw(self._frame)

    def set_architecture(self, arch) -> None:
        """The network's shapes changed: lay it out again (the session's ``network_rebuilt``)."""
        if not self.closed:
            self._rebuild(arch.sizes)

    def set_check_marks(self, items) -> None:
        """Mark these units and weights (UnitRef / WeightRef) as where a learner's numbers differ; [] clears."""
        self.check_marks.set_items(items, self._layout)

    def _on_selection_sample_changed(self, sample: int) -> None:
        if self._state is not None:
            self.set_state(self._state)

    def _on_selection_item_changed(self, item) -> None:
        if not self.closed:
            self._show_selection()
            self._draw_pictures()

    # --- building --------------------------------------------------------------------------

    def set_look(self, look) -> None:
        """Colours of an appearance (``ui.appearance.Look``): page, text, outlines."""
        self._look = look
        self.setBackground(look.background)
        self.title.setText(self.title.text, color=look.text.name())
        self.note.setText(self.note.text, color=look.muted.name())
        self.legend.set_text_colour(look.text, look.line)
        for item in (self.nodes, self.rings):
            item.set_outline(look.line, look.outline_width if item is self.nodes else look.outline_width * 0.55)
        self.edges.set_marks_colour(look.text)
        self.edges.set_strong(look.outline_width >= 3)  # high contrast: weak edges stay visible
        self.marker.setPen(NodesItem.make_pen(look.text, 3.5))
        self._title_pt = 0.0
        self._update_labels()

    def set_text_scale(self, scale: float) -> None:
        """Every text on the canvas (title, layer titles, node values, legend) times ``scale``."""
        self._text_scale = float(scale)
        self._set_note()
        self._scale_legend()
        self._title_pt = 0.0
        self._relayout_to_view()
        self._update_labels()

    def set_presenting(self, on: bool) -> None:
        """Presentation mode: the numbers at their presentation size (``node_numbers.digit_target``)."""
        self._presenting = bool(on)
        self._set_note()
        self._relayout_to_view()  # the numbers' size changed: so did the shape that fits them best
        self._update_labels()

    def _scale_legend(self) -> None:
        """The legend and the title grow with the canvas (a 4K screen) and the text size; the network keeps
        most of the room."""
        # the larger of the two, not their product: 2× text on a big canvas must leave the network its room
        size = float(np.clip(self.height() / 700, 1.0, 2.2))
        text = self._text_scale
        scale = text * size if text < 1 else min(max(text, size), 2.0)
        scale = round(min(scale, 0.22 * self.width() / LEGEND_WIDTH), 2)  # the key never takes the canvas (nor its height, as a strip)
        if scale != self.legend.text_scale:
            self.legend.set_text_scale(scale)
        strip = self.width() < STRIP_BELOW_PX
        if strip != self.legend.strip:  # a small canvas: the key under the network, which gets the width
            self.ci.removeItem(self.legend)
            self.ci.addItem(self.legend, **(dict(row=3, col=0, colspan=2) if strip else dict(row=1, col=1)))
            self.legend.set_strip(strip)
        title = text * min(size, 1.6) if text < 1 else min(max(text, min(size, 1.6)), 2.0)
        self._scale_title(title)

    def _rebuild(self, sizes) -> None:
        layout = self._fitted_layout(sizes)
        self._layout = layout
        self._choices = []
        self._endpoints = [edge_endpoints(layout, l) for l in range(len(sizes) - 1)]
        positions = layout.all_positions()
        diameters = np.concatenate([np.full(n, d) for n, d in zip(sizes, layout.diameters)])
        self._node_diameters = diameters
        self._node_layer = np.concatenate([np.full(n, l) for l, n in enumerate(sizes)])
        self._node_index = np.concatenate([np.arange(n) for n in sizes])
        self.nodes.set_nodes(positions, diameters)
        ring = diameters * RING_FACTOR
        ring[: sizes[0]] = diameters[: sizes[0]]  # inputs have no bias
        self.rings.set_nodes(positions, ring)
        self._build_labels(layout, positions)
        self.pictures.set_layout(layout)
        self.check_marks.draw(layout)
        self._auto_fit = True
        self.fit()
        self._show_selection()

    # --- drawing ---------------------------------------------------------------------------

    def _draw(self, frame: Frame) -> None:
        self._draw_edges(frame)
        self._draw_nodes(frame)
        self._draw_pictures()
        self.title.setText(html.escape(frame.title))  # LabelItem draws HTML; the title may name a file
        if self._title_outgrown(frame.title):
            self._scale_legend()
        node_scales = [(k, frame.scales[k]) for k in (ACTIVATION, DELTA) if k in frame.node_kinds[1:]]
        edge_kind = next((k for k in (DIFFERENCE, GRADIENT, STEP) if k in frame.edge_kinds), WEIGHT)
        edge_name = self.tr("w′ (updated)") if frame.parameters_updated and edge_kind == WEIGHT else edge_kind
        self.legend.set_scales(node_scales or [(ACTIVATION, frame.scales[ACTIVATION])], (edge_name, frame.scales[edge_kind]))
        self.legend.set_ring_label(self.tr("ring: new bias b′") if frame.parameters_updated else self.tr("ring: bias b"))

    def _roomy(self) -> bool:
        """Whether the canvas has height to spare for lines around the network (the hint under it, the units
        under the layer titles): not on a short canvas (a 1024×768 projector beside the panels), nor presenting."""
        return self.height() >= HINT_ROOM_PX * self._text_scale and not self._presenting

    def _set_note(self) -> None:
        """The level-of-detail note and the pointer hint (short on a narrow canvas). The hint's line goes to the
        network's numbers when exporting, presenting, or on a short canvas (a 1024×768 projector); it is the
        canvas's status tip then, shown in the status bar while the pointer is over the network."""
        hint = HINT if self.width() >= 760 * self._text_scale else SHORT_HINT
        roomy = self._roomy()
        parts = [self._lod_note] + ([str(hint)] if roomy and not self._exporting else [])
        text = "  ·  ".join(p for p in parts if p)
        # a big network's note wrapped at the canvas's width: unwrapped, it made the canvas wider than itself (right cut)
        self.note.item.document().setDefaultTextOption(QTextOption(Qt.AlignHCenter))
        self.note.item.setTextWidth(max(100.0, self.width() - 24.0) if self._lod_note else -1)
        self.note.setText(text, size=f"{9 * self._text_scale:.1f}pt")
        self.note.setMaximumHeight(QWIDGETSIZE_MAX if text else 0)  # an empty line gives its height to the view
        if self._lod_note:
            self.ci.setGeometry(self.range)  # (laid out before the note was wrapped for this width, it kept the old one)
        self.note.setToolTip(str(HINT))
        self.setStatusTip("" if roomy else str(HINT))

    def _draw_nodes(self, frame: Frame) -> None:
        t = [
            np.full(n, np.nan) if v is None else normalise(v, frame.scales[k])
            for n, v, k in zip(self._layout.sizes, frame.node_values, frame.node_kinds)
        ]
        self.nodes.set_values(np.concatenate(t), 1.0)
        bias_scale = frame.scales[DIFFERENCE if DIFFERENCE in frame.edge_kinds else WEIGHT]
        bias_t = [np.full(self._layout.sizes[0], np.nan)] + [normalise(b, bias_scale) for b in frame.biases[1:]]
        self.rings.set_values(np.concatenate(bias_t), 1.0)
        self._update_labels()

    def _pixels_per_unit(self) -> float:
        w, _ = self.view.viewPixelSize()
        return 1.0 / w if w > 0 else 0.0

    def _on_view_range_changed_manually(self, *args) -> None:
        self._auto_fit = False

    def _on_view_range_changed(self, *args) -> None:
        if not self.closed:
            ppu = self._pixels_per_unit()
            self.nodes.set_pixels_per_unit(ppu)
            self.rings.set_pixels_per_unit(ppu)
            self._update_labels()

    # --- Qt events -------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if getattr(self, "_auto_fit", False) and not self.closed:
            self._relayout_to_view()
            self.fit()
        if hasattr(self, "_text_scale") and not self.closed:  # (Qt resizes it while pyqtgraph builds it)
            self._set_note()
            self._scale_legend()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.closed:
            return
        super().paintEvent(event)
        self._paint_times.append(time.perf_counter())
