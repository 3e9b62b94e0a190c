"""Benchmarks for photocheck: `python -m benchmarks` measures every bar of performance.md."""
