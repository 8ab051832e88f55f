"""Command-line tools of the kit: the student edition, the site and its browser check."""
