"""The Qt face of IVIG Desk: it renders dose plans from the core and computes nothing itself."""
