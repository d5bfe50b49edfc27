// DictEmbedding: filled in by its issue.
