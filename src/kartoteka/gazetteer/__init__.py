"""Gazetteer: places with coordinates and alternate names, and authority lists of persons."""

from kartoteka.gazetteer.places import Gazetted, PlaceKind, is_scannable, resolve

__all__ = ["Gazetted", "PlaceKind", "is_scannable", "resolve"]
