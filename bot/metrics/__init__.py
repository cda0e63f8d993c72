"""Campaign results: spend, post metrics, conversions and CPE/CPM/ROI. Pure domain code (no I/O)."""
