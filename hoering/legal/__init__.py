"""The legal pages every public service needs: the privacy statement (/personvern) and the page on
accessibility (/tilgjengelighet), both filled from the brand and the settings."""
