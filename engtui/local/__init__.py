"""engtui's own local files: where they live, how they are written and locked
(:mod:`~engtui.local.paths`), and the recent-engagements history
(:mod:`~engtui.local.history`)."""
