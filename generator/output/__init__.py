"""Writing the site: staging folders, the atomic swap and the MkDocs run."""
