"""Structure of a transcription: heading, dateline, agents, transmission chain, classification,
references and summary. Pure: a Document (and the dates found in it) in, a Structure out."""

from kartoteka.structure.analysis import Structure, analyse

__all__ = ["Structure", "analyse"]
