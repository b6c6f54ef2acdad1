"""The loss curve: training and test loss per step from the run's LossModel, drawn at most at screen rate.

The curves are drawn straight from the log's arrays (no copies kept); diverged steps
get a red cross; a vertical line marks the step shown.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from mlpviz.app.loss_model import LossModel
from mlpviz.app.view_state import ViewState

from .plain_plot import plain_plot_widget, scale_plot_text, set_plot_look
from .axis_range import pinned, steps_range, steps_reach, values_range
from .legend_place import Drawn, LegendPlacer
from ..widgets.redraw_throttle import RedrawThrottle
from ..widgets.live_label import wrapping_live_label
from ..widgets.wrapping_row import WrappingRow

MAX_REDRAWS_PER_SECOND = 30
TRAIN_PEN = pg.mkPen(8, 81, 156, width=2)  # the colormap's dark blue
TRAIN_PEN_ON_DARK = pg.mkPen(110, 170, 240, width=2)  # the colormap's light blue: dark blue vanishes on a dark page
TEST_PEN = pg.mkPen(230, 120, 30, width=2, style=Qt.DashLine)  # orange, dashed


class LossPlot(QWidget):
    """pyqtgraph plot of ``loss_log``: ``train_curve``, ``test_curve``, ``diverged_points``, ``cursor``.

    Redraws when given a ViewState (``set_state``); the cursor marks the state's step.
    """

    def __init__(self, loss_log: LossModel, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)  # opaque: its live label repaints the plot's panel, not the window behind
        self.loss_log = loss_log
        self._step = state.step
        self._rate: float | None = None  # the learning rate of the step shown
        self._shown_step = state.shown_step
        self._known_up_to: int | None = None  # during a forward pass: the step whose loss is the last known
        self.plot_widget = plain_plot_widget(self.tr("step"), self.tr("loss"))
        item = self.plot_widget.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.25)
        item.setDownsampling(auto=True, mode="peak")  # a million steps draw as fast as a thousand
        item.setClipToView(True)
        item.disableAutoRange()
        self._x_range: tuple[float, float] | None = None
        self._y_range: tuple[float, float] | None = None
        item.addLegend(offset=(-10, 10), colCount=2)  # one row: a short loss panel (1024×768) kept only "train"
        self.legend_placer = LegendPlacer(item)  # (one column when the two do not fit across; a free corner)
        self.train_curve = item.plot(name=self.tr("train"), pen=TRAIN_PEN)
        # one drawLines call instead of a stroked path: a noisy mini-batch curve of a few hundred points
        # painted in 9.5 ms as a path, 2.6 as segments (the dashed test curve stays a path: its dashes)
        self.train_curve.curve.setSegmentedLineMode("on")
        self.test_curve = item.plot(name=self.tr("test"), pen=TEST_PEN, connect="finite")
        self.test_curve.setZValue(1)  # over the noisier mini-batch curve
        self.diverged_points = item.plot(pen=None, symbol="x", symbolSize=12,
                                         symbolPen=pg.mkPen(220, 20, 20, width=2), symbolBrush=pg.mkBrush(220, 20, 20))
        self.far_mark_label = pg.TextItem(anchor=(1, 0.5), color=(220, 20, 20))  # names a ✕ pinned at the edge
        self.far_mark_label.setVisible(False)
        item.addItem(self.far_mark_label)
        self.cursor = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(120, 120, 120, style=Qt.DotLine))
        item.addItem(self.cursor)
        self.log_check = QCheckBox(self.tr("log scale"))
        self.log_check.setToolTip(self.tr("Logarithmic loss axis: shows progress once the loss is small"))
        self.accuracy_check = QCheckBox(self.tr("accuracy"))
        self.accuracy_check.setToolTip(self.tr(
            "Show the accuracy (classes predicted right, %) on the training and test rows instead of the loss"))
        self.accuracy_check.setEnabled(False)
        self.last_label = wrapping_live_label(self._widest_header())

        self.header = WrappingRow(self.last_label, [self.accuracy_check, self.log_check])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.header)
        layout.addWidget(self.plot_widget, 1)

        self._running = False  # Run trains (set_status): the curve stops at the picture's step
        self.throttle = RedrawThrottle(self.redraw, MAX_REDRAWS_PER_SECOND, self)
        self.log_check.toggled.connect(self.set_log_scale)
        self.accuracy_check.toggled.connect(self.set_show_accuracy)
        # a new height: the legend takes another share of it (once the legend has followed the view's corner)
        item.vb.sigResized.connect(lambda *_: QTimer.singleShot(0, self, self._resized))
        self.redraw()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        """The axis labels and the legend's names in the language of the moment (the widgets retranslate themselves)."""
        item = self.plot_widget.getPlotItem()
        for axis, text in (("bottom", self.tr("step")),
                           ("left", self.tr("accuracy (%)") if self.show_accuracy else self.tr("loss"))):
            item.getAxis(axis).setLabel(text)
        for sample, label in item.legend.items if item.legend is not None else ():
            label.setText(self.tr("train") if sample.item is self.train_curve else self.tr("test"))
        self.last_label.set_widest(self._widest_header())
        self.throttle.request()  # the header and the far ✕'s label are written at the redraw

    def _resized(self) -> None:
        """The legend placed again in the view's new size (a redraw outside the throttle's count: a new size does not
        hold back the next step's picture)."""
        if not self.throttle.pending:
            self.redraw()

    def _widest_header(self) -> str:
        """A header as long as they come, for the lines the header keeps (``wrapping_live_label``)."""
        return (self.tr("step {0} · train loss {1:.6g}").format(88888, 0.888888)
                + self.tr(" · test {0:.6g}").format(0.888888) + self.tr(" · learning rate η {0:.4g}").format(0.8888))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(340, 240)

    def getPlotItem(self) -> pg.PlotItem:  # noqa: N802 (pyqtgraph's name: image export uses it)
        """The plot, drawn up to date first (an exported picture never shows a redraw still waiting)."""
        if self.throttle.pending:
            self.throttle.redraw_now()
        return self.plot_widget.getPlotItem()

    def set_look(self, look) -> None:
        """Background, axes and text in an appearance's colours."""
        set_plot_look(self.plot_widget, look)
        self.train_curve.setPen(TRAIN_PEN_ON_DARK if look.is_dark else TRAIN_PEN)

    def set_text_scale(self, scale: float) -> None:
        """Axis numbers, labels and legend at ``scale`` × the desktop text size."""
        scale_plot_text(self.plot_widget.getPlotItem(), scale)  # (the view's new size redraws: sigResized)

    def set_log_scale(self, on: bool) -> None:
        self.log_check.setChecked(on)
        self.plot_widget.getPlotItem().setLogMode(y=bool(on))
        self._y_range = None
        self.redraw()

    @property
    def log_scale(self) -> bool:
        return self.log_check.isChecked() and not self.show_accuracy

    def set_show_accuracy(self, on: bool) -> None:
        """Curves of the accuracy (%) instead of the loss (only data with classes has one)."""
        self.accuracy_check.setChecked(on)
        item = self.plot_widget.getPlotItem()
        item.setLogMode(y=self.log_scale)
        item.setLabel("left", self.tr("accuracy (%)") if self.show_accuracy else self.tr("loss"))
        self.log_check.setEnabled(not self.show_accuracy)
        self._y_range = None
        self.redraw()

    @property
    def show_accuracy(self) -> bool:
        return self.accuracy_check.isChecked()

    def _view_y(self, values: np.ndarray) -> np.ndarray:
        """Values as the view places them: log10 on a log axis (not positive: NaN)."""
        if not self.log_scale:
            return values
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(np.where(values > 0, values, np.nan))

    def _fit_ranges(self, steps: np.ndarray, last: float, curves, marks: tuple[np.ndarray, np.ndarray]) -> None:
        """Move the view only when the ``curves`` ((steps, values) of the kept steps, to step ``last``) leave it (see
        axis_range: axes stay cached during Run); the refused steps' ``marks`` (steps, losses) are drawn at its
        edges, and the legend where it covers none of them (legend_place)."""
        item = self.plot_widget.getPlotItem()
        self.legend_placer.fit_columns()
        x = steps_range(last, self._x_range, float(steps[0]) if steps.size else 0.0)
        values = self._view_y(np.concatenate([c[1] for c in curves]))
        values = values[np.isfinite(values)]
        low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
        y = values_range(low, high, self._y_range)
        if x != self._x_range:
            self._x_range = x
            item.setXRange(*x, padding=0)
        mark_y = self._view_y(marks[1])
        inset = min(0.2, 8 / max(item.vb.height(), 1.0))  # a pinned ✕ (12 px) whole inside the view
        drawn = self._draw_marks(marks[0], mark_y, pinned(mark_y, low, high, y, inset), marks[1], y)
        drawn += [Drawn.curve(c[0], self._view_y(c[1])) for c in curves]  # a pen 2 px wide, a lone point's dot 8 px
        y = self.legend_placer.place(x, y, drawn)
        if y != self._y_range:
            self._y_range = y
            item.setYRange(*y, padding=0)

    @staticmethod
    def _mark_single_point(curve: pg.PlotDataItem, single: bool) -> None:
        """A curve of one point has no line to draw: show the point as a dot in the curve's colour."""
        if single == (curve.opts["symbol"] is not None):
            return
        if single:
            colour = curve.opts["pen"].color()
            curve.setSymbol("o")
            curve.setSymbolSize(8)
            curve.setSymbolPen(pg.mkPen(colour))
            curve.setSymbolBrush(pg.mkBrush(colour))
        else:
            curve.setSymbol(None)

    def _draw_marks(self, xs: np.ndarray, ys: np.ndarray, shown_ys: np.ndarray, losses: np.ndarray,
                    y_range: tuple[float, float]) -> list[Drawn]:
        """The refused steps' ✕ at their steps and losses (view's ``ys``), or at the edge of the view: past the x range
        at its right edge, off the kept curve at ``shown_ys``, the latest of these named. Far in x only while the
        refusal is the latest news: once the user steps on, they are left at their own steps, out of view.
        Returns what is drawn, for the legend to keep clear of."""
        low, high = self._x_range or (0.0, 1.0)
        if not self.loss_log.just_refused:
            keep = xs <= high
            xs, ys, shown_ys, losses = xs[keep], ys[keep], shown_ys[keep], losses[keep]
        far = xs > high
        view = self.plot_widget.getPlotItem().vb.width()
        edge = high - max(0.015, 8 / max(view, 1.0)) * (high - low)  # a ✕ 12 px wide whole at the right edge
        shown_xs = np.where(far, edge, xs)
        off = np.isfinite(ys) & (np.abs(ys - shown_ys) > 1e-12 * np.maximum(1.0, np.abs(ys)))
        self.diverged_points.setData(shown_xs, 10.0 ** shown_ys if self.log_scale else shown_ys)
        drawn = [Drawn.points(shown_xs, shown_ys, 7.0)]  # a ✕ 12 px wide
        named = far | off
        label = self.far_mark_label
        label.setVisible(bool(named.any()))
        if not named.any():
            return drawn
        i = int(np.argmax(np.where(named, xs, -np.inf)))
        text = self.tr("refused step {0} →").format(int(xs[i])) if far[i] else self.tr("refused step {0}").format(int(xs[i]))
        label.setText(text)
        if off[i]:
            loss = (self.tr("loss {0:.3g} ↑") if ys[i] > shown_ys[i] else self.tr("loss {0:.3g} ↓")).format(float(losses[i]))
            label.setText(self.tr("{0} · {1}").format(text, loss))
            if label.textItem.boundingRect().width() > view / 2:  # two lines rather than across the curve
                label.setText(text + "\n" + loss)
        right = shown_xs[i] > (low + high) / 2  # the name left of a ✕ in the right half, else right of it
        hang = 0.0 if shown_ys[i] > sum(y_range) / 2 else 1.0  # under a ✕ in the upper half, else over it
        label.setAnchor((1.0 if right else 0.0, hang))
        at = shown_xs[i] + (-0.02 if right else 0.02) * (high - low)
        label.setPos(at, shown_ys[i])
        box = label.textItem.boundingRect()
        if view >= 1:
            width = box.width() * (high - low) / view
            drawn.append(Drawn(np.array([at - width if right else at]), np.array([at if right else at + width]),
                               np.array([shown_ys[i]]), box.height() * hang, box.height() * (1 - hang)))
        return drawn

    def set_state(self, state: ViewState) -> None:
        """A new picture (the session's ``state_changed``): redraw, never more than MAX_REDRAWS_PER_SECOND."""
        self._step = state.step
        self._rate = None if state.step_record is None else state.step_record.learning_rate  # as the schedule gave it
        self._shown_step = state.shown_step  # the label names the step on screen (scrubbed, or gone back to)
        self._known_up_to = None if state.shows_loss else state.step
        self.throttle.request()

    def set_status(self, status) -> None:
        """During Run the curve ends at the step of the picture (the log runs ahead of it: the fresh tester saw
        step 2043 in the status bar and the curve ending near 1280); leaving Run, the whole log again."""
        running = bool(status.running)
        if running != self._running:
            self._running = running
            self.throttle.request()

    def redraw(self) -> None:
        """Draw the log as it is now (views of its arrays; pyqtgraph copies what it needs)."""
        log = self.loss_log
        steps = log.steps.astype(np.float64)
        train, test, diverged = log.train, log.test, log.diverged
        known = len(steps) if self._known_up_to is None else int(np.searchsorted(steps, self._known_up_to, "right"))
        if self._running:  # not past the picture's step: the curve ends where the canvas and status bar are
            known = min(known, int(np.searchsorted(steps, self._step, "right")))
        has_accuracy = bool(known) and bool(np.isfinite(log.accuracy[:known][-4096:]).any())
        if has_accuracy != self.accuracy_check.isEnabled():
            self.accuracy_check.setEnabled(has_accuracy)
        if self.show_accuracy:
            train, test = 100 * log.accuracy, 100 * log.test_accuracy
        steps, train, test, diverged = steps[:known], train[:known], test[:known], diverged[:known]
        ok = ~diverged
        raw_train, raw_test = train, test
        if self.log_scale:  # log axes need positive numbers; a zero loss would be dropped anyway
            train = np.where(train > 0, train, np.nan)
            test = np.where(test > 0, test, np.nan)
        if self.show_accuracy:  # measured once per picture during Run: join the measured points
            ok = ok & np.isfinite(train)
        self.train_curve.setData(steps[ok], train[ok], connect="finite")
        measured = ok & np.isfinite(test)  # during Run the test loss is measured once per slice
        self.test_curve.setData(steps[measured], test[measured])
        for curve, points in ((self.train_curve, int(ok.sum())), (self.test_curve, int(measured.sum()))):
            self._mark_single_point(curve, points == 1)
        bad = np.flatnonzero(diverged)
        marks = np.zeros(0)
        if bad.size:
            y = train[bad]
            marks = np.where(np.isfinite(y), y, np.nanmax(train[ok]) if ok.any() and np.isfinite(train[ok]).any() else 1.0)
        self.cursor.setValue(self._step)
        applied = steps[~diverged]
        last = float(applied[-1]) if applied.size else float(steps[-1]) if steps.size else 0.0
        # the refused step's ✕ in view too, but it does not squash the curve cut back to the kept step: far in x it
        # is pinned at the right edge, far in y (spiral at η 2.5: a loss of 3 over a curve of 0.7) at the top
        kept = ok if ok.any() else np.ones_like(ok)
        self._fit_ranges(steps, steps_reach(steps[0] if steps.size else 0.0, last, steps[bad]),
                         [(steps[kept], train[kept]), (steps[measured], test[measured])], (steps[bad], marks))
        at = log.log.applied_at(self._shown_step) if known else -1  # the shown step, or the last applied before it
        at = min(at, known - 1)
        while at >= 0 and diverged[at]:  # (the curve cut at the picture's step during Run)
            at -= 1
        if at >= 0:
            text = self.tr("step {0} · train loss {1:.6g}").format(int(steps[at]), raw_train[at])
            finite = np.flatnonzero(np.isfinite(raw_test[:at + 1]))
            if finite.size:
                text += self.tr(" · test {0:.6g}").format(raw_test[finite[-1]])
            if self.show_accuracy:
                measured = np.flatnonzero(np.isfinite(raw_train[:at + 1]))
                if measured.size:
                    text = self.tr("step {0} · train {1:.1f}%").format(int(steps[measured[-1]]), raw_train[measured[-1]])
                    if finite.size:
                        text += self.tr(" · test {0:.1f}%").format(raw_test[finite[-1]])
            if self._rate is not None:
                text += self.tr(" · learning rate η {0:.4g}").format(self._rate)
            self.last_label.setText(text)
        else:
            steps = self._step
            self.last_label.setText(self.tr("No steps yet: press Step (→) or Run (Space)") if steps == 0
                                    else self.tr("At step {0}: the curve starts with the next step").format(steps))
