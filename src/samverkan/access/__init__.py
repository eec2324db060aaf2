"""Who may see and do what: organisations, users, and (later) roles, handling codes and audit."""
