"""Fast Run's pictures come less often while the worker is short of its core, and as often again once it has it."""

from __future__ import annotations

from mlpviz.app.background_run import MOST_STRETCH, BackgroundRun


def test_the_pace_stretches_while_the_worker_is_short_of_a_core_and_comes_back(qtbot):
    run = BackgroundRun()
    for _ in range(20):
        run._adapt(0.5)  # noqa: SLF001 - the rule itself, without a worker
    assert run._stretch == MOST_STRETCH  # noqa: SLF001 - at most three frames apart
    run._adapt(0.9)  # between the two marks: kept as it is
    assert run._stretch == MOST_STRETCH  # noqa: SLF001
    run._adapt(float("nan"))  # a report that cannot tell: kept
    assert run._stretch == MOST_STRETCH  # noqa: SLF001
    for _ in range(20):
        run._adapt(0.99)
    assert run._stretch == 1.0  # noqa: SLF001 - a picture a frame again
