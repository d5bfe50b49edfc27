/// Why a database URL was refused; every case says what was expected.
package enum PostgresLocationError: Error, Equatable, CustomStringConvertible {
    case notAPostgresURL(found: String)
    case missingPart(String, url: String)
    case badSSLMode(found: String)
    case unknownParameter(String)
    case unreadablePasswordFile(path: String)

    package var description: String {
        switch self {
        case .notAPostgresURL(let found):
            "expected a database URL of the form postgres://user[:password]@host[:port]/database, found \(found)"
        case .missingPart(let part, let url):
            "the database URL \(url) has no \(part); expected postgres://user[:password]@host[:port]/database"
        case .badSSLMode(let found):
            "sslmode must be disable, prefer, require or verify-full, found \"\(found)\""
        case .unknownParameter(let name):
            "the database URL's only parameter is sslmode, found \"\(name)\""
        case .unreadablePasswordFile(let path):
            "cannot read the password file \(path) (named by \(PostgresLocation.passwordFileVariable))"
        }
    }
}
