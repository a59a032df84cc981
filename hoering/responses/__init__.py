"""Formal responses (høringssvar): the register of invited bodies, and which are invited to a consultation."""
