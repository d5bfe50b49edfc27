import DictStore
import Foundation

extension APIService {
    /// The user's live goals (`sync_data` entities of type `goal`).
    package func goals(userID: String) async throws -> [SyncRecord] {
        try await entities(userID: userID, type: .goal)
    }

    /// Records progress on a goal, in one transaction: a `goal_progress` row, and the goal's JSON updated through
    /// the sync path (`currentValue` += value; `status` becomes `completed` once a numeric `targetValue` is
    /// reached), so every device receives the new state with its next pull.
    package func recordGoalProgress(
        userID: String, goalID: String, value: Double, notes: String? = nil, sessionID: String? = nil, deviceID: String? = nil
    ) async throws -> GoalProgress {
        guard value.isFinite, abs(value) < 1e15 else { throw APIError.invalidInput(field: "value", reason: "not a finite number below 1e15") }
        let notes = try Self.optionalText(notes, field: "notes", maximumLength: 10_000)
        let sessionID = try Self.optionalText(sessionID, field: "session_id")
        let progress = GoalProgress(id: Self.newID(), userID: userID, goalID: goalID, value: value, notes: notes, sessionID: sessionID,
                                    recordedAt: Timestamp.now())
        return try await store.recordGoalProgress(progress, deviceID: deviceID)
    }

    /// The progress history of a goal, oldest first; records of the same millisecond in the order they were written
    /// (`seq`: the ids are random).
    package func goalProgress(userID: String, goalID: String) async throws -> [GoalProgress] {
        try await store.goalProgress(userID: userID, goalID: goalID)
    }

    /// The upsert that advances the live `goal` by `progress` (the rule both stores apply inside their transaction):
    /// `APIError.goalNotFound` when the goal is absent, deleted or not an object.
    static func advancedGoal(_ goal: SyncRecord?, by progress: GoalProgress) throws -> PreparedChange {
        guard let goal, case .object(var members) = goal.data else {
            throw APIError.goalNotFound(userID: progress.userID, goalID: progress.goalID)
        }
        var current = 0.0
        if case .number(let stored) = members["currentValue"] { current = stored }
        current += progress.value
        members["currentValue"] = .number(current)
        if case .number(let target) = members["targetValue"], current >= target {
            members["status"] = .string("completed")
        }
        return try PreparedChange(.upsert(.goal, progress.goalID, .object(members)))
    }
}
