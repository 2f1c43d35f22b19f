"""The reading room: a local web app to search, read and see an archive, and to correct it signed in."""

from kartoteka.web.app import create_app

__all__ = ["create_app"]
