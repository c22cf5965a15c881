"""The pure core: model, conditions, engine, calendar, question policy, the pack's checks.

No I/O, no YAML, no terminal: every module here is a function of its arguments."""
