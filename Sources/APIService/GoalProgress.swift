import GRDB

/// One recorded step of progress towards a goal (a `sync_data` entity of type `goal`).
public struct GoalProgress: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var userID: String
    public var goalID: String
    public var value: Double
    public var notes: String?
    public var sessionID: String?
    public var recordedAt: String

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
