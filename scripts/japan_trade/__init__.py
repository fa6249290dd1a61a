"""Japan trade statistics warehouse: loaders, synthetic data, dbt orchestration and release rendering."""

__version__ = "0.1.0"
