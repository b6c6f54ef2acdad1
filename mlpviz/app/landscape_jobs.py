"""The Landscape panel's work, off the window's thread: the loss surface and its picture, and races.

The window gathers what it has (``gather``: cheap references to immutable arrays, no copies) and this
controller hands it to ``training.landscape_picture`` or ``training.race`` on a worker thread, then
emits the result; the window never waits for it. A surface asked for while one is computed is
computed once after it (the latest wins); following Run, at most one starts every FOLLOW_SECONDS.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from mlpviz.datasets import Dataset
from mlpviz.engine import Architecture, Params
from mlpviz.training.landscape_picture import (
    DEFAULT_GRID,
    LandscapeInputs,
    PlaneChoice,
    landscape_picture,
    path_steps,
    surface_rows,
)
from mlpviz.training.race import DEFAULT_STEPS, RacePath, run_race
from mlpviz.training.settings import TrainingConfig

FOLLOW_SECONDS = 0.75  # while Run goes on (or steps are taken), the surface follows at most this often
WORKER_NICE = 10  # the workers' priority below the window's (see _yield_to_the_window)


@dataclass(frozen=True)
class LandscapeSource:
    """What the window has when a surface or a race is asked for: the network and the parameters shown
    (at ``step``), the data and targets, the settings (a race starts from them) and the history's kept path."""

    arch: Architecture
    params: Params
    step: int
    dataset: Dataset
    targets: np.ndarray
    config: TrainingConfig
    path_steps: tuple[int, ...]
    path_flats: tuple[np.ndarray, ...]


def gather_from(trainer, state) -> LandscapeSource:
    """The source of a picture of ``state`` (the ViewState shown) from ``trainer`` (the run): references only."""
    history = trainer.history
    steps = tuple(int(s) for s in path_steps(history.steps))
    flats = tuple(history.params_at(s).flat for s in steps)
    return LandscapeSource(state.arch, state.params, state.step, trainer.dataset, trainer.targets, trainer.settings,
                           steps, flats)


def _yield_to_the_window() -> None:
    """Lower this worker thread's priority (Linux: a thread has a nice value of its own), so that on a busy
    machine the window's thread gets the processor first and its event loop keeps turning."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICE)
    except (AttributeError, OSError):  # Windows and macOS have no per-thread nice value: the thread runs as it is
        pass


def race_on_surface_rows(arch, dataset, config, params, step, runners, steps, targets) -> tuple[RacePath, ...]:
    """``run_race`` with each point's loss measured on the rows the surface is measured on (on the worker)."""
    return run_race(arch, dataset, config, params, step, runners, steps, surface_rows(dataset.x_train, targets))


class LandscapeJobs(QObject):
    """Computes pictures (``picture_ready``) and races (``race_ready``) on worker threads; ``failed`` says why not."""

    picture_ready = Signal(object)  # LandscapePicture
    race_ready = Signal(object)  # tuple[RacePath, ...]
    busy_changed = Signal(bool)  # a surface or a race is being computed
    failed = Signal(str)
    _picture_done = Signal(int, object, object)  # (generation, picture, error) from a worker
    _race_done = Signal(int, object, object)

    def __init__(self, gather: Callable[[], LandscapeSource], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gather = gather
        self.choice = PlaneChoice()
        self.grid = DEFAULT_GRID
        self.races: tuple[RacePath, ...] = ()
        self.follow = True
        self.active = False  # the panel is shown: nothing is computed for a hidden panel
        self.picture = None
        self._generation = self._race_generation = 0
        self._surface_busy = self._race_busy = False
        self._again = False
        self._started = -1e9
        self._later = QTimer(self, singleShot=True, timeout=self.recompute)
        self._picture_done.connect(self._picture_finished)
        self._race_done.connect(self._race_finished)

    @property
    def busy(self) -> bool:
        return self._surface_busy or self._race_busy

    # --- commands ----------------------------------------------------------------------

    def set_active(self, on: bool) -> None:
        """The panel was shown (compute now) or hidden (stop following)."""
        self.active = bool(on)
        if self.active:
            self.recompute()
        else:
            self._later.stop()

    def set_choice(self, choice: PlaneChoice) -> None:
        if choice != self.choice:
            self.choice = choice
            if self.active:  # a hidden panel computes when it is shown
                self.recompute()

    def set_follow(self, on: bool) -> None:
        """Follow the run (every step shown, at most every FOLLOW_SECONDS), or keep the picture until Recompute."""
        self.follow = bool(on)
        if self.follow:
            self.state_changed()

    def state_changed(self, *_args) -> None:
        """The picture shown changed (the session's ``state_changed``): recompute soon when following."""
        if not (self.active and self.follow) or self._later.isActive():
            return
        wait = FOLLOW_SECONDS - (time.perf_counter() - self._started)
        self._later.start(max(0, int(wait * 1000)))

    def recompute(self) -> None:
        """A surface of the parameters shown now (after the one being computed, if one is)."""
        self._later.stop()
        if self._surface_busy:
            self._again = True
            return
        try:
            source = self._gather()
            given = LandscapeInputs(source.arch, source.params, source.dataset.x_train, source.targets,
                                    source.path_steps, source.path_flats, self.races, self.choice, self.grid)
        except Exception as exc:  # noqa: BLE001 - the data does not fit the network (mid-change): said, not raised
            self.failed.emit(str(exc))
            return
        self._generation += 1
        self._started = time.perf_counter()
        self._set_busy(surface=True)
        threading.Thread(target=self._work, args=(self._picture_done, self._generation, landscape_picture, given),
                         name="mlpviz-landscape", daemon=True).start()

    def race(self, runners: list[tuple[str, float]], steps: int = DEFAULT_STEPS) -> None:
        """``steps`` steps of each ``(racer, learning rate)`` from the parameters shown, then a new picture."""
        try:
            s = self._gather()
            args = (s.arch, s.dataset, s.config, s.params, s.step, list(runners), int(steps), s.targets)
        except Exception as exc:  # noqa: BLE001
            self.failed.emit(str(exc))
            return
        self._race_generation += 1
        self._set_busy(race=True)
        threading.Thread(target=self._work, args=(self._race_done, self._race_generation, race_on_surface_rows, *args),
                         name="mlpviz-race", daemon=True).start()

    def clear_race(self, *_args) -> None:
        """Forget the race (a new network has none); the next picture is drawn without it."""
        self._race_generation += 1
        self._set_busy(race=False)
        if self.races:
            self.races = ()
            self.race_ready.emit(())
            if self.active:
                self.recompute()

    # --- inside ------------------------------------------------------------------------

    @staticmethod
    def _work(done, generation: int, fn, *args) -> None:
        _yield_to_the_window()
        try:
            value, error = fn(*args), None
        except Exception as exc:  # noqa: BLE001 - said in the panel, never a crash of the window
            value, error = None, exc
        try:
            done.emit(generation, value, error)
        except RuntimeError:  # the window closed meanwhile: nobody is waiting
            pass

    def _picture_finished(self, generation: int, picture, error) -> None:
        if generation != self._generation:
            return
        self._set_busy(surface=False)
        if error is not None:
            self.failed.emit(str(error))
        else:
            self.picture = picture
            self.picture_ready.emit(picture)
        if self._again:
            self._again = False
            self.recompute()

    def _race_finished(self, generation: int, paths, error) -> None:
        if generation != self._race_generation:
            return
        self._set_busy(race=False)
        if error is not None:
            self.failed.emit(str(error))
            return
        self.races = paths
        self.race_ready.emit(paths)
        self.recompute()

    def _set_busy(self, surface: bool | None = None, race: bool | None = None) -> None:
        before = self.busy
        if surface is not None:
            self._surface_busy = surface
        if race is not None:
            self._race_busy = race
        if self.busy != before:
            self.busy_changed.emit(self.busy)

    def set_grid(self, grid: int) -> None:
        """Surfaces of ``grid`` × ``grid`` points from now on."""
        if int(grid) != self.grid:
            self.grid = int(grid)
            if self.active:
                self.recompute()

