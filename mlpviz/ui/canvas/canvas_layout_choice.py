"""Mixed into NetworkCanvas: which layout of the network fills the view, chosen again when the view's shape,
the text size or presentation changes, and once more when a step's numbers come out smaller than their size."""

from __future__ import annotations

from .canvas_labels import LABEL_NODE_LIMIT
from .layout import NetworkLayout, layout_network
from .layout_fit import best_layout, text_needs
from .node_numbers import digit_target


class CanvasLayoutChoice:
    """The layout for the view (``_fitted_layout``), rebuilt when another fits better (``_relayout_to_view``)."""

    def _view_aspect(self) -> float | None:
        """Width / height of the view box on screen (None before it has a size)."""
        rect = self.view.sceneBoundingRect()
        return rect.width() / rect.height() if rect.width() > 20 and rect.height() > 20 else None

    def _relayout_to_view(self) -> None:
        """Spread or close up the columns to the view's shape, so the network fills it."""
        if self._layout is None or self._state is None:
            return
        layout = self._fitted_layout(self._layout.sizes)
        old = self._layout.bounds
        if (abs(layout.bounds[2] - old[2]) > 0.005 * (old[2] - old[0])  # wider or narrower columns
                or abs(layout.bounds[3] - old[3]) > 0.005 * (old[3] - old[1])):  # rows spread or closed up
            self._rebuild(self._layout.sizes)
            self._draw(self._frame)

    def _rechoose_layout(self) -> None:
        """Choose the layout again for the numbers on screen, once per network, view size and text size: chosen
        when the network was built (its biases 0, a sample number standing in), it can cramp the numbers a step
        brings (4-12-3 at 1024×768 under X11: 13 px after the first step, 16 once chosen for them)."""
        frame, sizes = self._frame, self._layout.sizes
        if frame is None or not frame.parameters_updated:  # (a step's animation: its numbers are not all there yet)
            return
        if tuple(len(b) for b in frame.biases[1:]) != sizes[1:] or (
                frame.edge_values and frame.edge_values[0].size != sizes[0] * sizes[1]):
            return  # (a frame of the network before, while a new one is being drawn)
        key = (sizes, round(self.view.width()), round(self.view.height()), self._text_scale, self._presenting)
        if self._auto_fit and key != self._rechosen_for:
            self._rechosen_for = key
            self._relayout_to_view()

    def _fitted_layout(self, sizes) -> NetworkLayout:
        """The layout for the view's shape; for a network small enough to show its numbers, the one that gives
        them the most room (``layout_fit``), at the size they are drawn at now (text size, presentation)."""
        aspect = self._view_aspect()
        if aspect is None or sum(sizes) > LABEL_NODE_LIMIT or self.pictures.visible:
            return layout_network(sizes, aspect)
        rect = self.view.sceneBoundingRect()
        target = digit_target(self._text_scale, self._presenting)
        needs = text_needs(target, "b′", self._titles_px(), *self._numbers_on_screen(sizes))
        return best_layout(sizes, rect.width() - self._names_px(self._names_digits_px()), rect.height(), needs)

    def _on_view_resized(self) -> None:
        """The view box got its new size (the canvas's own resize comes before its layout gives the view its
        share): the layout that fits the numbers is chosen for the view's real shape."""
        if getattr(self, "_auto_fit", False) and not self.closed:
            self._relayout_to_view()
            self.fit()
