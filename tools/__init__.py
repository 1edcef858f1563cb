"""Development tools that are not part of the generator (the browser launcher and site server)."""
