"""laborlens: grounded extraction of events and statistics from Chinese labour news."""
