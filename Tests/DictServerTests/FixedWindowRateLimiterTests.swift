@testable import DictServer
import Foundation
import Testing

@Suite("FixedWindowRateLimiter")
struct FixedWindowRateLimiterTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func refusesTheRequestOverTheLimitAndResetsAfterTheWindow() {
        let limiter = FixedWindowRateLimiter()
        let decisions = (0..<4).map { i in
            limiter.consume(client: "a", bucket: "b", limit: 3, windowSeconds: 60, now: start.addingTimeInterval(Double(i)))
        }
        #expect(decisions.map(\.allowed) == [true, true, true, false])
        #expect(decisions.map(\.remaining) == [2, 1, 0, 0])
        #expect(decisions[3].resetAt == start.addingTimeInterval(60))
        #expect(decisions[3].retryAfterSeconds(now: start.addingTimeInterval(3)) == 57)
        let afterWindow = limiter.consume(client: "a", bucket: "b", limit: 3, windowSeconds: 60, now: start.addingTimeInterval(60))
        #expect(afterWindow.allowed)
        #expect(afterWindow.remaining == 2)
    }

    @Test func clientsAndBucketsAreIndependent() {
        let limiter = FixedWindowRateLimiter()
        #expect(limiter.consume(client: "a", bucket: "x", limit: 1, windowSeconds: 60, now: start).allowed)
        #expect(!limiter.consume(client: "a", bucket: "x", limit: 1, windowSeconds: 60, now: start).allowed)
        #expect(limiter.consume(client: "b", bucket: "x", limit: 1, windowSeconds: 60, now: start).allowed)
        #expect(limiter.consume(client: "a", bucket: "y", limit: 1, windowSeconds: 60, now: start).allowed)
    }

    @Test func refusedRequestsDoNotExtendTheWindow() {
        let limiter = FixedWindowRateLimiter()
        _ = limiter.consume(client: "a", bucket: "b", limit: 1, windowSeconds: 10, now: start)
        let refused = limiter.consume(client: "a", bucket: "b", limit: 1, windowSeconds: 10, now: start.addingTimeInterval(9))
        #expect(!refused.allowed)
        #expect(refused.resetAt == start.addingTimeInterval(10))
    }

    @Test func memoryStaysBoundedUnderManyClients() {
        let limiter = FixedWindowRateLimiter(maximumClients: 100)
        for i in 0..<10_000 {
            _ = limiter.consume(client: "client-\(i)", bucket: "b", limit: 5, windowSeconds: 60, now: start.addingTimeInterval(Double(i) / 1000))
        }
        #expect(limiter.trackedWindowCount <= 100)
        // Expired windows are swept as time moves on.
        for i in 0..<60 {
            _ = limiter.consume(client: "late-\(i)", bucket: "b", limit: 5, windowSeconds: 60, now: start.addingTimeInterval(1000))
        }
        #expect(limiter.trackedWindowCount <= 60)
    }

    /// With the table full of live windows, every new client used to filter and sort the whole table under the
    /// lock (100,000 entries per request at the default size). Eviction must look at O(1) entries per request.
    @Test func evictionWorkPerRequestDoesNotGrowWithTheTable() {
        let capacity = 20_000
        let limiter = FixedWindowRateLimiter(maximumClients: capacity)
        for i in 0..<capacity {
            _ = limiter.consume(client: "resident-\(i)", bucket: "b", limit: 5, windowSeconds: 60, now: start)
        }
        let before = limiter.examinedEntryCount
        let newcomers = 5_000
        for i in 0..<newcomers {
            let decision = limiter.consume(client: "new-\(i)", bucket: "b", limit: 5, windowSeconds: 60, now: start.addingTimeInterval(1))
            #expect(decision.allowed)
        }
        let perRequest = Double(limiter.examinedEntryCount - before) / Double(newcomers)
        #expect(perRequest <= 2 * Double(FixedWindowRateLimiter.expiredDropsPerRequest), "examined \(perRequest) entries per request")
        #expect(limiter.trackedWindowCount == capacity)
        // The oldest residents were evicted first; the newest are still counted.
        #expect(!limiter.consume(client: "new-0", bucket: "b", limit: 1, windowSeconds: 60, now: start.addingTimeInterval(2)).allowed)
        #expect(limiter.consume(client: "resident-0", bucket: "b", limit: 1, windowSeconds: 60, now: start.addingTimeInterval(2)).allowed)
    }

    @Test func nonCanonicalSpellingsOfAnAPIPathAreLimited() {
        let policy = RateLimitPolicy.standard
        #expect(policy.bucket(method: "GET", path: "//api/v1/nothing", routeTemplate: nil)?.name == "default")
        #expect(policy.bucket(method: "GET", path: "/%61pi/v1/x", routeTemplate: nil)?.name == "default")
        #expect(policy.bucket(method: "GET", path: "/x/../api/v1/x", routeTemplate: nil)?.name == "default")
        #expect(policy.bucket(method: "POST", path: "//api/v1/batch/query", routeTemplate: "/api/v1/batch/query")?.limit.limit == 30)
    }

    @Test func policyChoosesRouteBucketOtherwiseDefaultAndSkipsNonAPI() {
        let policy = RateLimitPolicy.standard
        #expect(policy.bucket(method: "GET", path: "/api/v1/search", routeTemplate: "/api/v1/search")?.limit.limit == 100)
        #expect(policy.bucket(method: "GET", path: "/api/v1/terms/x", routeTemplate: "/api/v1/terms/{term}")?.limit.limit == 120)
        #expect(policy.bucket(method: "GET", path: "/api/v1/other", routeTemplate: nil)?.name == "default")
        #expect(policy.bucket(method: "GET", path: "/metrics", routeTemplate: "/metrics") == nil)
        #expect(policy.bucket(method: "GET", path: "/apix", routeTemplate: nil) == nil)
        #expect(RateLimitPolicy.disabled.bucket(method: "GET", path: "/api/v1/search", routeTemplate: "/api/v1/search") == nil)
        let scaled = RateLimitPolicy.scaled(toDefaultPerMinute: 600)
        #expect(scaled.defaultLimit.limit == 600)
        #expect(scaled.routeLimits["GET /api/v1/search"]?.limit == 1000)
        #expect(RateLimitPolicy.scaled(toDefaultPerMinute: 0).isEnabled == false)
    }
}
