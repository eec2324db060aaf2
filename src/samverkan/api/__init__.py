"""The JSON door for partner systems (``/api/v1/``) and the API tokens that open it."""
