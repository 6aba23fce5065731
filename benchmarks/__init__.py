"""NavDesk benchmark harness: ``python -m benchmarks.run`` (see :mod:`benchmarks.run`)."""
