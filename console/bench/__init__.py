"""Benchmarks: `python main.py bench --json` (each area adds a module with figure functions)."""
