import DictStore
package import Foundation

/// A checked push as a store runs it, with the idempotency rules both engines share.
package struct PushRequest: Sendable {
    /// A key's stored record, as read from `idempotency_keys`.
    package struct StoredResponse: Sendable {
        package var requestHash: String
        /// The `PushResult` as JSON text.
        package var response: String
        package var expiresAt: String

        package init(requestHash: String, response: String, expiresAt: String) {
            self.requestHash = requestHash
            self.response = response
            self.expiresAt = expiresAt
        }
    }

    package var userID: String
    package var changes: [PreparedChange]
    package var deviceID: String?
    /// The idempotency key and the canonical request hash, when the push has a key.
    package var key: (key: String, requestHash: String)?
    package var now: Date
    /// How long the response is replayed.
    package var ttl: TimeInterval

    /// `now` in the stored format.
    package var nowText: String { Timestamp.format(now) }

    /// The stored result to replay for a stored record of this request's key (`replayed` set); nil when the record
    /// expired at or before `now` (the store deletes it and applies the push); `APIError.idempotencyConflict` when
    /// the key was used for a different request.
    package func replay(of stored: StoredResponse) throws -> PushResult? {
        guard stored.expiresAt > nowText else { return nil }
        guard let key, stored.requestHash == key.requestHash else {
            throw APIError.idempotencyConflict(key: key?.key ?? "", userID: userID)
        }
        guard var result = try? JSONDecoder().decode(PushResult.self, from: Data(stored.response.utf8)) else {
            throw APIError.corruptRow(table: "idempotency_keys", column: "response", value: String(stored.response.prefix(80)))
        }
        result.replayed = true
        return result
    }

    /// The record to store under this request's key for `result`: the response as JSON text, its creation and
    /// expiry times.
    package func storedResponse(for result: PushResult) throws -> (response: String, createdAt: String, expiresAt: String) {
        let response = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        return (response, nowText, Timestamp.format(now.addingTimeInterval(ttl)))
    }

    /// The distinct entities the changes name, in first-mention order.
    package var keys: [SyncKey] {
        var seen = Set<SyncKey>()
        return changes.map(\.key).filter { seen.insert($0).inserted }
    }
}
