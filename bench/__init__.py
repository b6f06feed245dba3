"""Benchmarks of the public pages (make bench). See bench/README.md."""
