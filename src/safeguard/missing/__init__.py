"""Missing episodes: the assessed risk grade with its factors in words, and the MIS-* checks."""

from safeguard.missing.checks import check_episode
from safeguard.missing.grading import Assessment, Factor, assess_episode

__all__ = ["Assessment", "Factor", "assess_episode", "check_episode"]
