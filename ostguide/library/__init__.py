"""Finding the listener's audio for a guide: scanning, caching and matching files to tracks."""
