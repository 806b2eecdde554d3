"""Missing episodes: the assessed risk grade with its factors in words, and the MIS-* checks."""

from safeguard.missing.checks import CHECKS, check_episode
from safeguard.missing.grading import Assessment, Factor, assess_episode

__all__ = ["CHECKS", "Assessment", "Factor", "assess_episode", "check_episode"]
