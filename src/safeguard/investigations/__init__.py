"""Exploitation investigations: the INV-* checks against the Victims' Code and HMICFRS criteria."""

from safeguard.investigations.checks import add_working_days, check_investigation

__all__ = ["add_working_days", "check_investigation"]
