"""Evaluation against gold data, benchmarks and the synthetic data they run on."""
