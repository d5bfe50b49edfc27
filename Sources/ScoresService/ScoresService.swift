// ScoresService: filled in by its issue.
