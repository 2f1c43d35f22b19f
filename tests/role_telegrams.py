"""Made-up embassy telegrams for the roles tests: three name the Prime Minister, the fourth does
not, the fifth is five years later (the conventions of a cable, no published text)."""

TELEGRAMS = [
    "SECRET\n\nTehran, March 3, 1971, 0900Z.\n\n1. Prime Minister Hoveyda received me this morning.\n\nMacArthur\n",
    "SECRET\n\nTehran, April 8, 1971, 1100Z.\n\n1. My talk with Prime Minister Hoveyda went well.\n\nMacArthur\n",
    "SECRET\n\nTehran, June 1, 1971, 1200Z.\n\n1. Prime Minister Hoveyda left for the south today.\n\nMacArthur\n",
    "SECRET\n\nTehran, July 5, 1971, 0800Z.\n\n1. The Prime Minister asked for our reply on the arms request.\n\nMacArthur\n",
    "SECRET\n\nTehran, May 2, 1976, 0800Z.\n\n1. The Prime Minister spoke of oil prices at length.\n\nHelms\n",
]
