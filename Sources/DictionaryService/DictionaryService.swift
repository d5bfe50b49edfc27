// DictionaryService: filled in by its issue.
