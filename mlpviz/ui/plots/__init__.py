"""The plots: the loss curve and the decision map."""
