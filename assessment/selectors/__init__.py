"""Reads of the assessment, one module per subject: ``schemes``, ``engineers``, ``scorecards``
(live and finalised), ``cohorts`` (cohort table and what-if), ``metrics`` and ``peer``."""
