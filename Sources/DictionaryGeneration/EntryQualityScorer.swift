package import DictionaryCore
/// A deterministic 0–100 quality score for a generated entry, so routing to manual review does not depend on a
/// second model call. Points:
/// - concise definition present: 25, plus 10 when 20–250 characters (the prompt asks for 1–2 sentences);
/// - detailed definition present: 25, plus 10 when 150–1,500 characters (the prompt asks for 3–5 sentences);
/// - etymology 8, pronunciation 7, usage example 8, at least one related term 7;
/// - minus 20 when the detailed text merely repeats the concise one.
/// A complete entry scores 100; required fields at good lengths plus two extras reach the default threshold 85.
package enum EntryQualityScorer {
    /// The score of `entry`, clamped to 0...100.
    package static func score(_ entry: GeneratedEntry) -> Double {
        var points = 0.0
        let concise = entry.concise.count
        let detailed = entry.detailed.count
        if concise > 0 { points += 25 }
        if (20...250).contains(concise) { points += 10 }
        if detailed > 0 { points += 25 }
        if (150...1_500).contains(detailed) { points += 10 }
        if entry.etymology?.isEmpty == false { points += 8 }
        if entry.pronunciation?.isEmpty == false { points += 7 }
        if entry.usageExample?.isEmpty == false { points += 8 }
        if !entry.relatedTerms.isEmpty { points += 7 }
        if detailed > 0, entry.detailed.lowercased() == entry.concise.lowercased() { points -= 20 }
        return min(100, max(0, points))
    }
}
