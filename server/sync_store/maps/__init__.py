"""Entity maps of the features added after the core (placements, attachments, employers...).

One module per feature, each with `MAPS: list[EntityMap]`; `mapping._feature_maps` finds them.
A map writes through the feature's domain functions (`server/records/`, `server/<feature>/`),
never around them.
"""
