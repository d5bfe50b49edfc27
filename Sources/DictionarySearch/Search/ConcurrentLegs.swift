import DictVectors
import Foundation

/// Runs two independent parts of a search at once on two threads and hands back both results or the first error:
/// hybrid's legs (lexical: SQLite; semantic: the query embedding and the vector scan), and the semantic leg's
/// vocabulary check beside the query embedding. The closures touch disjoint state and only read the shared
/// service, which is why they may cross threads.
enum ConcurrentLegs {
    static func run<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
        // Under load every core already runs a search: one after the other on this thread costs less.
        if SearchConcurrency.coresBusy(2) { return (try first(), try second()) }
        var a: Result<A, any Error>?
        var b: Result<B, any Error>?
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let legs = Legs(first: { a = Result(catching: first) }, second: { b = Result(catching: second) })
                DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? legs.first() : legs.second() }
            }
        }
        return (try a!.get(), try b!.get())
    }

    /// The two legs, each writing only its own result.
    private struct Legs: @unchecked Sendable {
        let first: () -> Void
        let second: () -> Void
    }
}
