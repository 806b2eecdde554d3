"""Sub-commands of the ``safeguard`` CLI; one module per command (see :mod:`safeguard.cli`)."""
