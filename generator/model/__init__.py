"""The frozen data model every stage shares: the site's objects, periods and the package format."""
