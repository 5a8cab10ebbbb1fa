"""One dynamic partition per submitted file, keyed by the SHA-256 of its content.

A hex digest is safe in the UI (no commas or slashes) and makes the key the file's
identity: a renamed copy is the same partition, a corrected file a new one.
"""

import dagster as dg

SUBMISSIONS = "submissions"  # the partitions' name
submissions = dg.DynamicPartitionsDefinition(name=SUBMISSIONS)
