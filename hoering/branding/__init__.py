"""The organisation's own brand: its name, logo, main colour, contact details and footer links."""
