import DictionaryCore

/// The dictionary's queues, ledger and workers take the fake clock as their `WallClock`.
extension FakeClock: WallClock {}
