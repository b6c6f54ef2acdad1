"""What the window keeps between launches besides its layout: the session (network, data, run; restored at
launch and saved at quit through ``app/session_store.py``) and the view settings (Animate, speed, phase by
phase, the weight tables' view, the picked unit, the quiz's score, what the timeline compares with)."""

from __future__ import annotations

import sys

from mlpviz.app.session_store import SessionStore, restore_session
from mlpviz.io.atomic import remove_temporaries

from .view_settings import fits, load_view_settings, save_view_settings

STALE_TEMPORARY_SECONDS = 3600


class SessionKeeping:
    """Mixed into MainWindow: ``enable_session_persistence`` and ``save_session``, and the view settings
    restored (``_restore_view_settings``) and saved; needs ``session``, ``settings``, ``selection``,
    ``snapshots``, ``weights_view``, ``quiz_panel``, ``timeline`` and ``show_message``."""

    def _restore_view_settings(self) -> None:
        """Animate, speed, phase by phase, the weight tables' view, the picked unit and the quiz's score, as last left."""
        view = load_view_settings(self.settings)
        s = self.session
        s.set_animate(view.animate)
        s.set_speed(view.speed)
        s.set_phase_by_phase(view.phase_by_phase)
        self.weights_view.set_show(view.show)
        self.quiz_panel.set_score(*view.quiz_score)
        self._saved_pick = view.selected  # picked again once the last session's network is back
        self._select_saved(view.selected)

    def _select_saved(self, item) -> None:
        if item is not None and fits(item, self.session.arch):
            self.selection.set_item(item)

    def enable_session_persistence(self, store: SessionStore | None = None) -> str:
        """Restore the last session now (unless opted out) and save it when the window closes.

        Off until called (the app calls it): tests and embedded windows never touch the
        user's session file by accident. Returns the status message shown: what was restored
        or set aside, a session folder that cannot be used, or that another running mlpviz
        shares the session.
        """
        self.store = store or SessionStore()
        # A kill mid-write leaves ".<name>.<random>.tmp"; an hour-old one is no write in progress.
        remove_temporaries(self.snapshots.preferences.snapshots_folder, ("mlpviz-",),
                           older_than=STALE_TEMPORARY_SECONDS)
        selected = self.selection.item or self._saved_pick
        if not self.snapshots.preferences.restore_session:
            self._select_saved(selected)
            return ""
        problem = self.store.problem()
        messages = [restore_session(self.store, self.session)]
        self._select_saved(selected)  # the unit picked last time, in the network restored
        self.timeline.compare_again(str(self.settings.value("view/compare", "")))  # in the timeline restored
        if problem:
            messages.append(self.tr("The session will not be kept: %s.") % problem)
        elif not self.store.claim():
            messages.append(self.tr("Another mlpviz window is open and shares the saved session: "
                                    "the one closed last is what opens next time."))
        message = " ".join(m for m in messages if m)
        if message:
            self.show_message(message)
        return message

    def save_session(self) -> None:
        """Save at quit; a failure (whatever it is) is one line on stderr, never an exception into Qt."""
        if self.store is None or not self.snapshots.preferences.restore_session:
            return
        try:
            if not self.store.problem():  # already said at launch
                self.store.save(self.session)
        except Exception as exc:  # noqa: BLE001 - quitting: nobody to show a dialog to
            print(f"mlpviz: the session could not be saved: {' '.join(str(exc).split())}", file=sys.stderr)
        finally:
            self.store.release()

    def _save_view_settings(self) -> None:
        quiz = self.quiz_panel.quiz
        save_view_settings(self.settings, self.session.status, self.weights_view.show, self.selection.item,
                           (quiz.asked, quiz.right))
        self.settings.setValue("view/compare", self.timeline.compare_source)
