"""The resident gkg: one waiting process per installation that has already imported gkg,
Typer, the store clients and the table code, and forks a fresh child for each command.

``gkg query NAME`` then costs a Python start, a few small imports and a hand-over instead
of ~0.2 s of imports. Nothing is cached but imported code: each child runs the command
exactly as a new process would (the user's working folder, environment, arguments,
terminal and exit code; the query runs on the store at that moment), so an answer can
never be stale. Only the commands that read and print go this way (see
:data:`gkg.resident.client.COMMANDS`); ``GKG_RESIDENT=0`` turns it off.

- :mod:`~gkg.resident.wire`: where the socket is, and the request's framing.
- :mod:`~gkg.resident.client`: the launcher's side (standard library only, so it is cheap).
- :mod:`~gkg.resident.server`: the waiting process; :mod:`~gkg.resident.child` runs one
  command in a forked child.
"""
