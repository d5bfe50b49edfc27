import DictPostgres
import Foundation
import Testing

@Suite("PostgreSQL URL")
struct PostgresLocationTests {
    @Test("A full URL gives host, port, user, password, database and TLS mode; the description hides the password")
    func fullURL() throws {
        let location = try PostgresLocation(url: "postgres://dict:s3cret@db.example:6543/music?sslmode=require", environment: [:])
        #expect(location.host == "db.example")
        #expect(location.port == 6543)
        #expect(location.user == "dict")
        #expect(location.password == "s3cret")
        #expect(location.database == "music")
        #expect(location.tls == .require)
        #expect(location.description == "postgres://dict@db.example:6543/music?sslmode=require")
        #expect(!location.description.contains("s3cret"))
    }

    @Test("Defaults: port 5432, database named after the user, no TLS, no password")
    func defaults() throws {
        let location = try PostgresLocation(url: "postgresql://alice@localhost", environment: [:])
        #expect(location.port == 5432)
        #expect(location.database == "alice")
        #expect(location.tls == .disable)
        #expect(location.password == nil)
    }

    @Test("The password comes from the URL, else PGPASSWORD, else the password file")
    func passwordSources() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dict-pw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("password").path
        try "from-file\nignored\n".write(toFile: file, atomically: true, encoding: .utf8)

        let url = "postgres://u@h/d"
        #expect(try PostgresLocation(url: "postgres://u:inline@h/d", environment: ["PGPASSWORD": "env"]).password == "inline")
        #expect(try PostgresLocation(url: url, environment: ["PGPASSWORD": "env", PostgresLocation.passwordFileVariable: file]).password == "env")
        #expect(try PostgresLocation(url: url, environment: [PostgresLocation.passwordFileVariable: file]).password == "from-file")
        #expect(throws: PostgresLocationError.unreadablePasswordFile(path: file + ".missing")) {
            try PostgresLocation(url: url, environment: [PostgresLocation.passwordFileVariable: file + ".missing"])
        }
    }

    @Test("Bad URLs are refused with what was expected, and never echo a password")
    func badURLs() {
        #expect(throws: PostgresLocationError.notAPostgresURL(found: "mysql://u:***@h/d")) {
            try PostgresLocation(url: "mysql://u:pw@h/d", environment: [:])
        }
        #expect(throws: PostgresLocationError.missingPart("user", url: "postgres://h/d")) {
            try PostgresLocation(url: "postgres://h/d", environment: [:])
        }
        #expect(throws: PostgresLocationError.badSSLMode(found: "maybe")) {
            try PostgresLocation(url: "postgres://u@h/d?sslmode=maybe", environment: [:])
        }
        #expect(throws: PostgresLocationError.unknownParameter("search_path")) {
            try PostgresLocation(url: "postgres://u@h/d?search_path=x", environment: [:])
        }
        #expect(throws: PostgresLocationError.notAPostgresURL(found: "not a url")) {
            try PostgresLocation(url: "not a url", environment: [:])
        }
    }
}
