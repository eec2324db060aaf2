"""The pages people use: start page, login, and the shared layout."""
