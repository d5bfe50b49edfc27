/// Where a service database lives: a file (WAL, pooled readers) or a private in-memory database.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case file(path: String)
    case inMemory

    /// `:memory:` maps to `.inMemory`; anything else is a file path.
    public init(_ text: String) {
        self = text == ":memory:" ? .inMemory : .file(path: text)
    }

    public var description: String {
        switch self {
        case .file(let path): path
        case .inMemory: ":memory:"
        }
    }
}
