"""Making the site's pages and downloads from the model: views, charts, templates (no I/O)."""
