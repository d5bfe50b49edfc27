/// Short, user-facing descriptions of `JSONDecoder` failures ("missing key \"term\"", "vector.3: expected Double").
enum JSONProblem {
    static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { key in key.intValue.map(String.init) ?? key.stringValue }.joined(separator: ".")
        }
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing key \"\(key.stringValue)\""
        case DecodingError.typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case DecodingError.valueNotFound(let type, let context): return "\(path(context)): expected \(type), found null"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}
