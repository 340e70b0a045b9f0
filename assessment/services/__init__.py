"""Writes of the assessment (HackSoftware style: keyword-only functions), one module per subject:
``schemes``, ``metrics``, ``tokens``, ``scorecards`` and ``peer``. Every refusal is an
:class:`assessment.errors.AssessmentError`."""
