"""Training pipeline for the support-message classifier shipped in models/default."""
