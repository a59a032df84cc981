"""WSGI entry point: ``gunicorn wsgi:app``."""
from hoering import create_app

app = create_app()
