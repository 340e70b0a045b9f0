"""Pages of the assessment side, one module per subject; ``access`` holds the shared checks."""
