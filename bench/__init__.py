"""Benchmarks and the production data generator (not part of the test run)."""
