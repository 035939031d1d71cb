"""Configuration, Qt-free: where the data come from (the site policy) and the user's settings."""
