"""Entities: mentions of people, places, organisations and groups in one document
(``recognizer``), with the rules, word lists and context reading it relies on."""

from __future__ import annotations

from kartoteka.entities.recognizer import recognize, warm

__all__ = ["recognize", "warm"]
