"""safeguard: makes failures to protect missing and exploited children visible, with evidence."""

__version__ = "0.1.0"
