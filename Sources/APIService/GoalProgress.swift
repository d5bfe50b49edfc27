import GRDB

/// One recorded step of progress towards a goal (a `sync_data` entity of type `goal`).
package struct GoalProgress: Codable, Sendable, Equatable, Identifiable {
    package var id: String
    package var userID: String
    package var goalID: String
    package var value: Double
    package var notes: String?
    package var sessionID: String?
    package var recordedAt: String

    static let columns = "id, user_id, goal_id, value, notes, session_id, recorded_at"

    init(row: Row) {
        id = row["id"]
        userID = row["user_id"]
        goalID = row["goal_id"]
        value = row["value"]
        notes = row["notes"]
        sessionID = row["session_id"]
        recordedAt = row["recorded_at"]
    }
}
