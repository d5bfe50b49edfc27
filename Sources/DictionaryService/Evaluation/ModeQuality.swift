/// Recall of one search mode over a query set: the share of queries whose expected term is the first result
/// (recall@1) or among the first ten (recall@10), with the mean time per query.
public struct ModeQuality: Sendable, Hashable, Encodable {
    public var mode: String
    public var queries: Int
    public var hitsAt1: Int
    public var hitsAt10: Int
    public var meanMilliseconds: Double

    public var recallAt1: Double { queries == 0 ? 0 : Double(hitsAt1) / Double(queries) }
    public var recallAt10: Double { queries == 0 ? 0 : Double(hitsAt10) / Double(queries) }

    enum CodingKeys: String, CodingKey {
        case mode, queries
        case hitsAt1 = "hits_at_1", hitsAt10 = "hits_at_10"
        case recallAt1 = "recall_at_1", recallAt10 = "recall_at_10"
        case meanMilliseconds = "mean_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mode, forKey: .mode); try c.encode(queries, forKey: .queries)
        try c.encode(hitsAt1, forKey: .hitsAt1); try c.encode(hitsAt10, forKey: .hitsAt10)
        try c.encode(recallAt1, forKey: .recallAt1); try c.encode(recallAt10, forKey: .recallAt10)
        try c.encode(meanMilliseconds, forKey: .meanMilliseconds)
    }
}
