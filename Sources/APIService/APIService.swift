// APIService: filled in by its issue.
