"""Helpers shared by the tests, the samples script and the benchmark (real-pixel test photos)."""
