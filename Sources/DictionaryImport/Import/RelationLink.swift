/// One relation an imported entry asks for: a name to resolve (preferring `lang`, then English), the relationship
/// type and its confidence; `bothWays` links the target back as well (a translation and its original).
struct RelationLink: Sendable, Equatable {
    let name: String
    let lang: String
    let type: String
    let confidence: Double
    var bothWays = false
}
