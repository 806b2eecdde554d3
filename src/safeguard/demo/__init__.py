"""Realistic, deterministic demo data with a truth file of seeded defects.

:func:`write_demo` streams one child's case at a time into an exchange-format folder (via
:class:`safeguard.records.io.ExchangeWriter`) and writes ``truth.jsonl`` beside it: one line
per defect the records exhibit, under the audit's check ids, and one ``GOOD-PRACTICE`` line per
child whose case has none.
"""

from safeguard.demo.write import DemoSummary, write_demo, write_demo_parquet

__all__ = ["DemoSummary", "write_demo", "write_demo_parquet"]
