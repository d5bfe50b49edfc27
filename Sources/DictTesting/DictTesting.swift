// DictTesting: filled in by its issue.
