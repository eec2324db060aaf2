"""Reports: what partners saw, as they submitted it."""
