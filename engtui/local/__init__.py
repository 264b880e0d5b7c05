"""engtui's own local files: where they live, how they are written and locked
(:mod:`~engtui.local.paths`). It imports nothing else of engtui, so every layer may use it.
(The recent-engagements history is per profile: :mod:`~engtui.profiles.history`.)"""
