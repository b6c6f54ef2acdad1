"""The rules of one training run, Qt-free: settings, target fitting, history, loss log and the Trainer.

The app, the command line, the session file and the crash handler all train through here.
"""
