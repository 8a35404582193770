"""Loading seed files: parse YAML fast (:mod:`.parse`), read files with positions
(:mod:`.reader`), validate every element against the schema (:mod:`.validate`,
:mod:`.checks`), plan batched writes (:mod:`.plan`) and run the atomic load job (:mod:`.load`)."""
