"""IVIG Desk: an offline IVIG dosing calculator built on Mulhearn & Bruce (2015)."""

__version__ = "0.1.0"
