import DictStore
import Foundation
import GRDB

extension APIService {
    /// The user's live goals (`sync_data` entities of type `goal`).
    package func goals(userID: String) throws -> [SyncRecord] {
        try entities(userID: userID, type: .goal)
    }

    /// Records progress on a goal, in one transaction: a `goal_progress` row, and the goal's JSON updated through
    /// the sync path (`currentValue` += value; `status` becomes `completed` once a numeric `targetValue` is
    /// reached), so every device receives the new state with its next pull.
    package func recordGoalProgress(
        userID: String, goalID: String, value: Double, notes: String? = nil, sessionID: String? = nil, deviceID: String? = nil
    ) throws -> GoalProgress {
        guard value.isFinite, abs(value) < 1e15 else { throw APIError.invalidInput(field: "value", reason: "not a finite number below 1e15") }
        let notes = try Self.optionalText(notes, field: "notes", maximumLength: 10_000)
        let sessionID = try Self.optionalText(sessionID, field: "session_id")
        return try database.write { db in
            guard let goal = try fetchLiveEntity(userID: userID, type: .goal, id: goalID, db: db),
                  case .object(var members) = goal.data else {
                throw APIError.goalNotFound(userID: userID, goalID: goalID)
            }
            let now = Timestamp.now()
            let id = Self.newID()
            try db.execute(sql: """
                INSERT INTO goal_progress (id, user_id, goal_id, value, notes, session_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, userID, goalID, value, notes, sessionID, now])
            var current = 0.0
            if case .number(let stored) = members["currentValue"] { current = stored }
            current += value
            members["currentValue"] = .number(current)
            if case .number(let target) = members["targetValue"], current >= target {
                members["status"] = .string("completed")
            }
            _ = try apply(.upsert(.goal, goalID, .object(members)), userID: userID, deviceID: deviceID, now: now, db: db)
            guard let row = try Row.fetchOne(db, sql: "SELECT \(GoalProgress.columns) FROM goal_progress WHERE id = ?", arguments: [id]) else {
                throw APIError.goalNotFound(userID: userID, goalID: goalID)
            }
            return GoalProgress(row: row)
        }
    }

    /// The progress history of a goal, oldest first; records of the same millisecond in the order they were written
    /// (`seq`: the ids are random).
    package func goalProgress(userID: String, goalID: String) throws -> [GoalProgress] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(GoalProgress.columns) FROM goal_progress WHERE user_id = ? AND goal_id = ? ORDER BY recorded_at, seq
                """, arguments: [userID, goalID]).map(GoalProgress.init(row:))
        }
    }
}
