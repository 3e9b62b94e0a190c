"""The checks, one module per family of rules; importing this package registers them all."""

from photocheck.checks import face_rules, file_rules, image_rules, print_rules, visibility_rules
from photocheck.checks.registry import judge_for

__all__ = ["face_rules", "file_rules", "image_rules", "judge_for", "print_rules",
           "visibility_rules"]
