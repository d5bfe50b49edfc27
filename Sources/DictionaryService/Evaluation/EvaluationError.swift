/// Why a query set could not be read.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String)
    case invalidLine(file: String, line: Int)

    public var description: String {
        switch self {
        case .unreadable(let file): "cannot read \(file)"
        case .invalidLine(let file, let line): "\(file) line \(line): expected {\"query\": …, \"expected\": [terms]}, found something else"
        }
    }
}
