/// One recorded step of progress towards a goal (a `sync_data` entity of type `goal`).
package struct GoalProgress: Codable, Sendable, Equatable, Identifiable {
    package var id: String
    package var userID: String
    package var goalID: String
    package var value: Double
    package var notes: String?
    package var sessionID: String?
    package var recordedAt: String
}
