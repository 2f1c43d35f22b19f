"""``python -m kartoteka`` runs the command line."""

from kartoteka.cli import main

main()
