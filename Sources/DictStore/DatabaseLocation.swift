/// Where a service database lives: a file (WAL, pooled readers) or a private in-memory database.
package enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case file(path: String)
    case inMemory

    /// `:memory:` maps to `.inMemory`; anything else is a file path.
    package init(_ text: String) {
        self = text == ":memory:" ? .inMemory : .file(path: text)
    }

    package var description: String {
        switch self {
        case .file(let path): path
        case .inMemory: ":memory:"
        }
    }
}
