"""parplan: PAR plans and reported figures into an analyst-ready DuckDB warehouse."""

__version__ = "0.1.0"
