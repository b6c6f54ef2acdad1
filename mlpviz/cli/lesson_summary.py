"""What ``mlpviz inspect LESSON.mlpviz`` prints: the lesson's title, note, run, data, timeline and checkpoints."""

from __future__ import annotations


def print_lesson(path) -> int:
    from mlpviz.document import read_lesson
    from mlpviz.i18n import msg, text

    lesson = read_lesson(path)
    snap, data = lesson.snapshot, lesson.dataset
    print(f"{path}: mlpviz lesson")
    print(f"title      {lesson.title or '(none)'}")
    print(f"network    {snap.arch.label()}  ({snap.arch.parameter_count:,} parameters); hidden "
          f"{snap.arch.hidden_activation}, output {snap.arch.output_activation}; loss {snap.arch.loss}")
    config = lesson.config
    print(f"step       {snap.step:,}")
    print(f"settings   lr {config.learning_rate!r}, momentum {config.momentum!r}, weight decay {config.weight_decay!r}, "
          f"batch {config.batch_size or 'full'}, shuffle {'on' if config.shuffle else 'off'}, seed {config.seed}, "
          f"init {config.init_method}")
    classes = f", {data.n_classes} classes" if data.n_classes else ""
    named = f" ({', '.join(data.class_names)})" if data.class_names else ""
    print(f"data       {data.name}: {data.n_train:,} training and {data.n_test:,} test samples, "
          f"{data.n_inputs} inputs{classes}{named}")
    log = len(lesson.loss_log) if lesson.loss_log is not None else 0
    kept = len(lesson.history) if lesson.history is not None else 0
    print(f"loss log   {log:,} entries")
    unknown = lesson.history.states_unknown_before if kept and config.make_optimizer().state_names else 0
    states = text(msg("with the optimizer's state") if not unknown else msg(
        "without the optimizer's state before step {step:,} (an older lesson: continuing there starts at rest)",
        step=unknown))
    print(f"timeline   {kept:,} kept steps" + (f", {states}" if kept else ""))
    for key, value in sorted(lesson.view.items()):
        print(f"view       {key} = {value}")
    for key, value in sorted(lesson.quiz.items()):
        print(f"quiz       {key} = {value}")
    if lesson.note:
        print("note")
        for line in lesson.note.splitlines():
            print(f"  {line}")
    print(f"checkpoints {len(lesson.checkpoints)}")
    for i, point in enumerate(lesson.checkpoints, 1):
        print(f"  {i}. {point.name} (step {point.step:,})")
        for line in point.note.splitlines():
            print(f"     {line}")
    return 0
