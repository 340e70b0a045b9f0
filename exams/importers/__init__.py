"""Question file formats: Moodle GIFT (``gift``) and CSV/XLSX (``tabular``)."""
