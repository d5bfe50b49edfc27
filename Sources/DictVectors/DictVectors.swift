// DictVectors: filled in by its issue.
