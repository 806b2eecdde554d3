"""Exploitation investigations: the INV-* checks against the Victims' Code and HMICFRS criteria."""

from safeguard.investigations.checks import CHECKS, add_working_days, check_investigation

__all__ = ["CHECKS", "add_working_days", "check_investigation"]
