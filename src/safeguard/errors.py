"""Errors shared across the package (standard library only: the CLI imports this lazily)."""

from __future__ import annotations


class KnowledgeFileError(ValueError):
    """A knowledge file (rule files, ``context.yml``, the standards, the risk definitions, the
    access policy, the web wording) is not valid. The message names the file and, where it can,
    the entry and the field, so that whoever edited it can put it right; the CLI prints it
    without a traceback."""
