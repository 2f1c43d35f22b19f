"""Name knowledge in data files: transliteration rules and name particles, each with its reason."""

from kartoteka.names.folding import Rule, fingerprint, particles, transliteration_rules

__all__ = ["Rule", "fingerprint", "particles", "transliteration_rules"]
