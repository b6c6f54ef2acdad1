"""The session: owns the network, the data and the training loop, and emits what views draw.

Views never compute: they call the commands here (step, run, pause, set_...) and draw
the ViewState carried by ``state_changed``. Training runs on the GUI thread in short
time slices, so input is never blocked; during fast Run, ``state_changed`` fires at
most once per frame with the latest state.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from mlpviz.engine import Architecture, MlpvizError, Params, StepRecord, forward, init_params, train_step
from mlpviz.engine.batches import batch_count, batch_for_step
from mlpviz.datasets import Dataset, make_dataset

from mlpviz.training.history import History
from mlpviz.training.loss_log import LossLog
from .player import StepPlayer
from mlpviz.training.settings import TrainingConfig
from .view_state import Phase, ViewState

SLICE_SECONDS = 0.012  # longest stretch of training between two looks at the event queue
FRAME_SECONDS = 1 / 30  # fastest rate at which fast Run publishes a new picture: smooth to watch, and
# leaves most of each second to training (every view redraws on each picture)
DEFAULT_ARCH = Architecture((2, 3, 1), "relu", "sigmoid", "bce")


class Session(QObject):
    """One network being trained: architecture, parameters, data, settings and loss log."""

    state_changed = Signal(object)  # ViewState: redraw
    network_rebuilt = Signal(object)  # Architecture: shapes changed, rebuild layouts
    data_changed = Signal(object)  # Dataset
    config_changed = Signal(object)  # TrainingConfig
    running_changed = Signal(bool)
    step_applied = Signal(object)  # StepRecord of every applied step (cheap slots only)
    diverged = Signal(object)  # StepRecord that was refused
    message = Signal(str)  # for the status bar

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.arch = DEFAULT_ARCH
        self.config = TrainingConfig()
        self.dataset: Dataset = make_dataset("notebook", seed=self.config.seed)
        self.params: Params = init_params(self.arch, self.config.init_method, self.config.seed)
        self.velocity = None
        self.step_count = 0
        self.loss_log = LossLog()
        self.history = History()  # parameters of every step, for the timeline (issue 6)
        self.history.record(0, self.params)
        self.compare_to: Params | None = None  # shown as ViewState.compare_to when set
        self.compare_label = ""
        self.last_record: StepRecord | None = None
        self.animate = True
        self.steps_per_second = 0.0
        self._running = False
        self._targets = self._fit_targets(self.dataset, self.arch)
        self._state: ViewState | None = None
        self._last_publish = 0.0
        self._pending_record: StepRecord | None = None  # latest Run step waiting to be published
        self._rate_mark = (time.perf_counter(), 0)
        self.player = StepPlayer(self)
        self.player.frame.connect(self._publish)
        self.player.finished.connect(self._on_player_finished)
        self._slice_timer = QTimer(self)
        self._slice_timer.setInterval(0)
        self._slice_timer.timeout.connect(self._on_slice_timer_timeout)

    # --- what views read -------------------------------------------------------------

    @property
    def state(self) -> ViewState:
        if self._state is None:
            self._state = self._idle_state()
        return self._state

    @property
    def is_running(self) -> bool:
        return self._running

    @property
    def current_batch_indices(self) -> np.ndarray:
        """Row numbers (into the training data) of the mini-batch the next step trains on."""
        return self._batch_of_step(self.step_count)[2]

    @property
    def current_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """Inputs ``(B, n0)`` and targets ``(B, nL)`` of the mini-batch the next step trains on."""
        idx = self.current_batch_indices
        x, y = self.dataset.x_train[idx], self._targets[idx]
        x.setflags(write=False)  # fresh copies: read-only, so the engine's record can keep them as they are
        y.setflags(write=False)
        return x, y

    @property
    def batch_position(self) -> tuple[int, int, int]:
        """``(epoch, batch number in the epoch, batches per epoch)`` of the next step, 0-based."""
        epoch, number, _ = self._batch_of_step(self.step_count)
        return epoch, number, batch_count(len(self.dataset.x_train), self._batch_size())

    # --- commands --------------------------------------------------------------------

    def step(self) -> None:
        """Take one step; if a step is playing, finish it at once first."""
        if self.player.is_playing:
            self.player.finish()
        elif self._state is not None and self._state.step < self.step_count and self._state.params is not self.params:
            self.message.emit(
                f"Stepping on from the latest step {self.step_count}, not the step {self._state.step} shown; "
                f"to train from step {self._state.step}, press Continue here (under the canvas)"
            )
        record = self._advance()
        if record is not None:
            self._show(record)

    def advance_phase(self) -> None:
        """Phase-by-phase mode: show the next phase, or start a new step when none is playing."""
        if self.player.is_waiting:
            self.player.advance()
        elif not self.player.is_playing:
            self.step()

    def run(self) -> None:
        if self._running:
            return
        self._running = True
        self._rate_mark = (time.perf_counter(), self.step_count)
        self.running_changed.emit(True)
        if self.animate:
            if not self.player.is_playing:
                self.step()
        else:
            self.player.finish()
            self._slice_timer.start()

    def pause(self) -> None:
        """Stop Run after the current step (an animation in progress plays to its end)."""
        if not self._running:
            return
        self._running = False
        self._slice_timer.stop()
        self.steps_per_second = 0.0
        self._publish(self._idle_state(), force=True)
        self.running_changed.emit(False)

    def toggle_run(self) -> None:
        self.pause() if self._running else self.run()

    def set_animate(self, on: bool) -> None:
        self.animate = bool(on)
        if self._running:
            if on:
                self._slice_timer.stop()
                if not self.player.is_playing:
                    self.step()
            else:
                self.player.finish()
                self._slice_timer.start()

    def reset(self) -> None:
        """New initial parameters from the seed; the step count and loss log start again."""
        self._set_params(init_params(self.arch, self.config.init_method, self.config.seed), restart=True)
        self.message.emit(f"Reset: new {self.config.init_method} initial parameters from seed {self.config.seed}")

    def set_architecture(self, arch: Architecture) -> None:
        """Use ``arch``; a change of shapes rebuilds the network from the seed."""
        if arch == self.arch:
            return
        shapes_changed = arch.sizes != self.arch.sizes
        targets = self._fit_targets(self.dataset, arch)
        self._stop_for_change()
        self.arch, self._targets = arch, targets
        self._set_params(init_params(arch, self.config.init_method, self.config.seed), restart=True, rebuilt=True)
        self.message.emit(
            f"Network rebuilt as {arch.label()} with new initial parameters" if shapes_changed
            else f"Now {arch.hidden_activation} hidden, {arch.output_activation} output, {arch.loss} loss; network re-initialised"
        )

    def set_network(self, arch: Architecture, params: Params, step: int = 0) -> None:
        """Load a network (a snapshot, a preset): architecture and parameters as given."""
        params.check_fits(arch)
        targets = self._fit_targets(self.dataset, arch)
        self._stop_for_change()
        rebuilt = arch != self.arch
        self.arch, self._targets = arch, targets
        self._set_params(params, restart=True, rebuilt=rebuilt, step=step)

    def set_config(self, config: TrainingConfig) -> None:
        """New settings; learning rate, momentum and decay apply from the next step on."""
        self.config = config
        self.config_changed.emit(config)

    def set_data(self, dataset: Dataset, arch: Architecture | None = None) -> None:
        """Train on ``dataset`` from now on; ``arch`` (if given) replaces the network to fit it."""
        arch = arch or self.arch
        targets = self._fit_targets(dataset, arch)
        self._stop_for_change()
        self.dataset, self._targets = dataset, targets
        self.data_changed.emit(dataset)
        if arch != self.arch:
            self.arch = arch
            self._set_params(init_params(arch, self.config.init_method, self.config.seed), restart=True, rebuilt=True)
        else:
            self._publish(self._idle_state(), force=True)

    def edit_weight(self, layer: int, row: int, col: int, value: float) -> None:
        """Set one weight (a table edit); the next step starts from it."""
        self._edit(self.params.with_weight(layer, row, col, self._finite(value)))

    def edit_bias(self, layer: int, unit: int, value: float) -> None:
        self._edit(self.params.with_bias(layer, unit, self._finite(value)))

    # --- history (issue 6) -------------------------------------------------------------

    def show_step(self, step: int) -> None:
        """Show the network as it was after ``step`` (the nearest kept step at or below it).

        Training state is untouched: the next step still trains on from the latest step.
        """
        self._stop_for_change()
        kept = self.history.nearest(step)
        params = self.history.params_at(kept)
        _, _, idx = self._batch_of_step(kept)
        record = forward(self.arch, params, self.dataset.x_train[idx], self._targets[idx])
        self._publish(ViewState(self.arch, params, record, Phase.IDLE, 0, 1.0, kept), force=True)

    def continue_from(self, step: int) -> None:
        """Discard the steps after ``step`` (nearest kept) and train on from its parameters.

        The batch of a step depends on the step number alone, so this equals a fresh run
        stopped there (momentum starts again from zero).
        """
        self._stop_for_change()
        kept = self.history.nearest(step)
        params = self.history.params_at(kept)
        self.history.truncate_after(kept)
        self.loss_log.truncate(int(np.searchsorted(self.loss_log.steps, kept, side="right")))
        self.params, self.velocity, self.last_record, self.step_count = params, None, None, kept
        self._publish(self._idle_state(), force=True)
        self.message.emit(f"Continuing from step {kept}; the later steps were discarded")

    def set_compare(self, params: Params | None, label: str = "") -> None:
        """Colour views by the difference to ``params`` (None: stop comparing); same shapes only.

        ``label`` names what is compared with ("step 12", a file name) for the views' titles.
        """
        if params is not None:
            params.check_fits(self.arch)
        self.compare_to, self.compare_label = params, (label if params is not None else "")
        self._publish(dataclasses.replace(self.state, compare_to=params, compare_label=self.compare_label), force=True)

    # --- the loop --------------------------------------------------------------------

    def _advance(self, measure_test: bool = True) -> StepRecord | None:
        """Compute one step on the next mini-batch and apply it, unless it diverged.

        Fast Run passes ``measure_test=False`` for all but the last step of a slice: the
        test loss is then logged as NaN (a gap the loss curve bridges) instead of
        doubling the cost of every step.
        """
        x, y = self.current_batch
        c = self.config
        record = train_step(self.arch, self.params, x, y, c.learning_rate, c.momentum, c.weight_decay, self.velocity)
        self.last_record = record
        if record.diverged:
            self.loss_log.append(self.step_count + 1, record.loss, diverged=True)
            self.pause()
            self.diverged.emit(record)
            self.message.emit(
                f"Step {self.step_count + 1} diverged (loss {record.loss:g}): the update was not applied. "
                f"Try a smaller learning rate than {c.learning_rate:g}."
            )
            return None
        self.params, self.velocity = record.params_after, record.velocity
        self.step_count += 1
        self.history.record(self.step_count, self.params)
        test_loss = self._test_loss(record.params_after) if measure_test else float("nan")
        self.loss_log.append(self.step_count, record.loss, test_loss)
        self.step_applied.emit(record)
        return record

    def _test_loss(self, params: Params) -> float:
        if self.dataset.x_test is None or len(self.dataset.x_test) == 0:
            return float("nan")
        return forward(self.arch, params, self.dataset.x_test, self._test_targets()).loss

    def _show(self, record: StepRecord) -> None:
        if self.animate:
            self.player.play(record, self.step_count)
        else:
            self._publish(self._final_state(record), force=not self._running)

    def _on_player_finished(self, record: StepRecord) -> None:
        if self._running and self.animate:
            QTimer.singleShot(0, self._continue_animated_run)

    def _continue_animated_run(self) -> None:
        if self._running and self.animate and not self.player.is_playing:
            self.step()

    def _on_slice_timer_timeout(self) -> None:
        start = time.perf_counter()
        record = None
        while self._running and time.perf_counter() - start < SLICE_SECONDS:
            record = self._advance(measure_test=False) or record
        if record is not None and len(self.loss_log):
            self.loss_log.set_last_test(self._test_loss(self.params))
        if record is not None and self._running:
            # Publish from the next turn of the event loop, not from inside the slice: input
            # and timers get a look-in between the training and the views' redrawing.
            if self._pending_record is None:
                QTimer.singleShot(0, self._publish_pending)
            self._pending_record = record
        self._update_rate()

    def _publish_pending(self) -> None:
        record, self._pending_record = self._pending_record, None
        if record is not None and self._running and record is self.last_record:
            self._publish(self._final_state(record), force=False)

    def _update_rate(self) -> None:
        t0, s0 = self._rate_mark
        now = time.perf_counter()
        if now - t0 >= 0.5:
            self.steps_per_second = (self.step_count - s0) / (now - t0)
            self._rate_mark = (now, self.step_count)

    # --- helpers ---------------------------------------------------------------------

    def _final_state(self, record: StepRecord) -> ViewState:
        return ViewState(self.arch, record.params_after, record, Phase.IDLE, 0, 1.0, self.step_count)

    def _idle_state(self) -> ViewState:
        x, y = self.current_batch
        record = self.last_record
        if record is None or record.diverged or record.params_after is not self.params:
            record = forward(self.arch, self.params, x, y)
        return ViewState(self.arch, self.params, record, Phase.IDLE, 0, 1.0, self.step_count)

    def _publish(self, state: ViewState, force: bool = True) -> None:
        now = time.perf_counter()
        if not force and now - self._last_publish < FRAME_SECONDS:
            return
        self._last_publish = now
        if self.compare_to is not None and state.compare_to is None:
            state = dataclasses.replace(state, compare_to=self.compare_to, compare_label=self.compare_label)
        self._state = state
        self.state_changed.emit(state)

    def _set_params(self, params: Params, restart: bool, rebuilt: bool = False, step: int = 0) -> None:
        self.player.stop()
        self.params = params
        self.velocity = None
        self.last_record = None
        if restart:
            self.step_count = step
            self.loss_log.clear()
            self.compare_to = None
        self.history.restart(self.step_count, params)
        if rebuilt:
            self.network_rebuilt.emit(self.arch)
        self._publish(self._idle_state(), force=True)

    def _edit(self, params: Params) -> None:
        self.player.finish()
        self.params = params
        self.history.record(self.step_count, params)
        self.velocity = None
        self.last_record = None
        self._publish(self._idle_state(), force=True)

    def _stop_for_change(self) -> None:
        if self._running:
            self.pause()
        self.player.stop()

    @staticmethod
    def _finite(value: float) -> float:
        value = float(value)
        if not np.isfinite(value):
            raise MlpvizError(f"a parameter must be a finite number, got {value}")
        return value

    def _batch_size(self) -> int | None:
        """The configured batch size, or None for the full batch."""
        n = len(self.dataset.x_train)
        return self.config.batch_size if 0 < self.config.batch_size < n else None

    def _batch_of_step(self, step: int):
        """``(epoch, number, indices)`` of the batch step ``step`` trains on: a function of the step alone."""
        size = self._batch_size()
        return batch_for_step(len(self.dataset.x_train), size, step, self.config.seed, self.config.shuffle and size is not None)

    @staticmethod
    def _fit_targets(dataset: Dataset, arch: Architecture) -> np.ndarray:
        """The training targets shaped for ``arch`` (one-hot for a softmax over classes); DataError if they can't be."""
        if dataset.n_inputs != arch.sizes[0]:
            raise MlpvizError(
                f"the data set {dataset.name!r} has {dataset.n_inputs} input column(s); "
                f"the {arch.label()} network needs {arch.sizes[0]}"
            )
        return dataset.targets_for(arch.sizes[-1])

    def _test_targets(self) -> np.ndarray:
        return self.dataset.targets_for(self.arch.sizes[-1], test=True)
