"""Exploitation investigations: the INV-* checks against the Victims' Code and HMICFRS criteria."""

from safeguard.investigations.checks import check_investigation

__all__ = ["check_investigation"]
