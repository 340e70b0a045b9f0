"""Forms of the assessment, one module per subject: ``schemes`` (the Wagtail admin's scheme
version form), ``metrics``, ``cohorts``, ``scorecards``, ``peer`` and ``periods``."""
