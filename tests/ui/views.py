"""Single views built and connected to a session the way MainWindow._connect does it, for tests of one view."""

from __future__ import annotations

from mlpviz.app.selection import Selection
from mlpviz.app.session import Session
from mlpviz.ui.canvas.network_canvas import NetworkCanvas
from mlpviz.ui.controls.control_panel import ControlPanel
from mlpviz.ui.data.data_panel import DataPanel
from mlpviz.ui.data.dataset_chooser import DatasetChooser
from mlpviz.ui.data.open_data import DataOpener
from mlpviz.ui.controls.notice_banner import DivergenceNotice
from mlpviz.ui.plots.decision_map import DecisionMap
from mlpviz.ui.plots.loss_plot import LossPlot
from mlpviz.ui.tables.formula_panel import FormulaPanel
from mlpviz.ui.tables.step_values_view import StepValuesView
from mlpviz.ui.tables.weights_dock import WeightsDock


def canvas(session: Session, selection: Selection, parent=None) -> NetworkCanvas:
    view = NetworkCanvas(session.state, selection, parent)
    session.state_changed.connect(view.set_state)
    session.network_rebuilt.connect(view.set_architecture)
    return view


def control_panel(session: Session) -> ControlPanel:
    view = ControlPanel(session.arch, session.config, session.set_architecture, session.set_config)
    session.network_rebuilt.connect(view.set_architecture)
    session.config_changed.connect(view.set_config)
    view.reset_requested.connect(session.reset)
    return view


def _with_status(view, session: Session):
    view.set_status(session.status)
    session.status_changed.connect(view.set_status)
    session.state_changed.connect(view.set_state)
    return view


def weights_dock(session: Session, selection: Selection) -> WeightsDock:
    view = _with_status(WeightsDock(session.state, selection, session.edit_weight, session.edit_bias), session)
    session.network_rebuilt.connect(view.set_architecture)
    return view


def formula_panel(session: Session, selection: Selection) -> FormulaPanel:
    return _with_status(FormulaPanel(session.state, selection), session)


def step_values_view(session: Session, selection: Selection) -> StepValuesView:
    return _with_status(StepValuesView(session.state, selection), session)


def loss_plot(session: Session) -> LossPlot:
    view = LossPlot(session.loss_log, session.state)
    session.state_changed.connect(view.set_state)
    return view


def decision_map(session: Session, **kwargs) -> DecisionMap:
    view = DecisionMap(session.state, session.dataset, **kwargs)
    session.state_changed.connect(view.set_state)
    session.data_changed.connect(view.set_dataset)
    return view


def data_panel(session: Session) -> DataPanel:
    view = DataPanel(session.dataset, session.config.seed,
                     lambda: (session.trainer.batch_position, session.trainer.batch_indices(session.trainer.step)), session.set_data)
    session.data_changed.connect(view.set_dataset)
    session.state_changed.connect(view.set_state)
    session.config_changed.connect(view.set_config)
    view.message.connect(session.message)
    return view


def dataset_chooser(session: Session) -> DatasetChooser:
    view = DatasetChooser(session.dataset, session.arch, session.set_data)
    session.data_changed.connect(view.set_dataset)
    session.network_rebuilt.connect(view.set_architecture)
    view.message.connect(session.message)
    return view


def divergence_notice(session: Session, parent=None) -> DivergenceNotice:
    view = DivergenceNotice(session.config, session.set_config, parent, standardize_inputs=session.standardize_inputs)
    session.config_changed.connect(view.set_config)
    session.diverged.connect(lambda _record: view.show_divergence(session.trainer.divergence))
    session.step_applied.connect(lambda _record: view.dismiss())
    session.network_rebuilt.connect(lambda _arch: view.dismiss())
    view.message.connect(session.message)
    return view


def data_opener(session: Session, parent) -> DataOpener:
    opener = DataOpener(session.load_data, parent)
    opener.message.connect(session.message)
    return opener
