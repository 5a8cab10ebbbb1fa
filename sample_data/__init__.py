"""The bundled sample data: a plan (``plans/``) and a generator of metric files
(``metrics.write_samples``), used by ``parplan run``, ``make dagster`` and the tests."""
