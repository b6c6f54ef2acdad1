"""Number views of a step: weight and bias tables, the step-values tree and the formula panel."""
