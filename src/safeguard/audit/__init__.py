"""The audit: every check over every case, case grades, and the reports.

Entry points: :func:`safeguard.audit.runner.audit_cases` (library),
``safeguard audit`` (CLI, :mod:`safeguard.commands.audit`). Findings are
:class:`safeguard.engine.finding.Finding`.
"""
