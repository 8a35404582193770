"""Presentation: results as tables and text (:mod:`.tables`), offline graph pages
(:mod:`.pages`, with :mod:`.network`, :mod:`.styles`, :mod:`.tooltips` and the page's own
CSS and script in ``static/``), the report site (:mod:`.report`) and whole-graph exports
(:mod:`.export`). It reads results and the application core; nothing below imports it."""
