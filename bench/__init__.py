"""Benchmarks for Realtime Session Studio: `python -m bench` prints a table and FIGURE lines."""
