package import Foundation

/// Where a PostgreSQL database is and how to reach it, parsed from a `postgres://user[:password]@host[:port]/db`
/// URL (`postgresql://` too). The password comes from the URL, else `$PGPASSWORD`, else the file named by
/// `$DICT_DATABASE_PASSWORD_FILE` (first line); `?sslmode=` is `disable` (the default), `prefer`, `require`
/// (encrypted, certificate not checked) or `verify-full` (encrypted, certificate and host name checked).
package struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS.
    package enum TLSMode: String, Sendable, CaseIterable {
        case disable
        case prefer
        case require
        case verifyFull = "verify-full"
    }

    /// The environment variable naming the database URL (`--database` wins over it).
    package static let urlVariable = "DICT_DATABASE_URL"
    /// The environment variable naming a file whose first line is the password.
    package static let passwordFileVariable = "DICT_DATABASE_PASSWORD_FILE"

    package let host: String
    package let port: Int
    package let user: String
    package let password: String?
    package private(set) var database: String
    package let tls: TLSMode

    /// Parses `url`; `environment` supplies the password when the URL has none.
    package init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else {
            throw PostgresLocationError.notAPostgresURL(found: Self.redacted(url))
        }
        guard let host = components.host, !host.isEmpty else { throw PostgresLocationError.missingPart("host", url: Self.redacted(url)) }
        guard let user = components.user, !user.isEmpty else { throw PostgresLocationError.missingPart("user", url: Self.redacted(url)) }
        let database = String(components.path.drop { $0 == "/" })
        var tls = TLSMode.disable
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw PostgresLocationError.badSSLMode(found: item.value ?? "")
                }
                tls = mode
            default:
                throw PostgresLocationError.unknownParameter(item.name)
            }
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.database = database.isEmpty ? user : database
        self.tls = tls
        if let password = components.password {
            self.password = password
        } else if let password = environment["PGPASSWORD"], !password.isEmpty {
            self.password = password
        } else if let path = environment[Self.passwordFileVariable], !path.isEmpty {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw PostgresLocationError.unreadablePasswordFile(path: path)
            }
            self.password = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        } else {
            self.password = nil
        }
    }

    /// The same server and credentials, another database (tests create throwaway databases this way).
    package func with(database: String) -> PostgresLocation {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL with the password left out, for messages and logs.
    package var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (tls == .disable ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// `url` with any password replaced by `***`, for error messages about a URL that did not parse.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "(unparsable URL)"
    }
}
