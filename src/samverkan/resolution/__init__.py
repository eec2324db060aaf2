"""``samverkan.resolution``: probabilistic linking of person records (Splink, DuckDB).

Pure Python: nothing here imports Django except the management commands
and ``apps``. The flow is one way:

mentions -> ``records`` (comparison forms) -> ``scoring`` (a Splink model,
``model``) -> ``clustering`` (two thresholds, deterministic links by
personal number, analysts' judgements) -> clusters and a review list.

Evaluation against a generated world's ground truth is in ``evaluation``;
``csv_linking`` deduplicates any CSV of person records with a model trained
on that CSV.
"""
