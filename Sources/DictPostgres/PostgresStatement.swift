package import PostgresNIO

/// A statement built piece by piece with its values bound, never spliced: `bind(value)` appends the value and
/// returns its placeholder (`$1`, `$2`, …) to write into the SQL text.
package struct PostgresStatement {
    package private(set) var bindings = PostgresBindings()

    package init() {}

    /// Binds `value` and returns its placeholder.
    package mutating func bind(_ value: some PostgresNonThrowingEncodable) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds `value`, or NULL when it is nil, and returns its placeholder. A NULL carries no type: write a cast
    /// (`$1::text`) where the statement does not determine one.
    package mutating func bind<Value: PostgresNonThrowingEncodable>(_ value: Value?) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds each of `values` and returns their placeholders separated by commas (for `IN (…)`).
    package mutating func bindList(_ values: [some PostgresNonThrowingEncodable]) -> String {
        values.map { bind($0) }.joined(separator: ", ")
    }

    /// The statement `sql` (written with this statement's placeholders) and its values.
    package func query(_ sql: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
