"""The hostile corpus: payloads that have broken (or could break) a page, and the tools to plant
them into the example data and to check the built site.

What it covers
--------------
- ``payloads.py``: the payload kinds as a table (kind → payloads): YAML escapes, quotes,
  backslashes, newlines (and front-matter breakers), HTML, Markdown (``javascript:`` links,
  remote images, reference definitions, attr_list, abbreviations...), template syntax, Unicode
  tricks (RTL override, zero-width, NUL, very long words) and spreadsheet formulas. A script in a
  payload sets ``window.__pwned`` to ``kind:field``; a remote address points at ``REMOTE``.
  A kind check refuses names its problem code (``refused_as``): it is then checked at ``check``
  instead of in the built site. ``FORMULA_REFUSED_AT_CHECK`` switches the formula kind over.
- ``fields.py``: the free-text fields, read from ``generator/model/format.py`` (a new text field
  is covered without editing the corpus).
- ``plant.py``: copies the example packages and plants payloads into every free-text field
  (``plant_everywhere``) or into seeded random cells (``plant_randomly``).
- ``static.py``: reads built pages for anything that could run or load from another host.
- ``browse.py``: loads pages in Chromium with every request to another host stopped and recorded.
- ``sites.py``: builds each hostile site once per run, shared by the xdist workers.

The tests: ``tests/test_hostile_corpus.py`` (every field × every kind, and the refused kinds),
``tests/test_hostile_fuzz.py`` (seeded random payloads in random cells: ``PERFSITE_FUZZ_SEED``),
``tests/test_hostile_paths.py`` (path fields × traversal forms, refused at check).

To add a payload kind, add a ``Kind`` row to ``KINDS`` in ``payloads.py``; every test picks it up.
"""
