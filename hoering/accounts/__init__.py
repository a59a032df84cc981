"""Staff accounts: users, roles, login, and the access rule every route declares."""
