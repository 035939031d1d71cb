"""The calculation core: pure Python, no Qt. Request in, plan out."""
