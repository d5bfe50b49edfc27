import Foundation
import Testing
@testable import DictionaryCore


@Suite("Random row ids")
struct RandomRowIDTests {
    @Test func areLowercaseVersion4UUIDsAndDistinct() {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = RandomRowID.make()
            #expect(id.count == 36 && id == id.lowercased(), "\(id)")
            let uuid = UUID(uuidString: id)
            #expect(uuid?.uuidString.lowercased() == id, "\(id)")
            let bytes = uuid.map { withUnsafeBytes(of: $0.uuid) { Array($0) } } ?? []
            #expect(bytes.count == 16 && bytes[6] >> 4 == 4 && bytes[8] >> 6 == 0b10, "\(id)")
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }
}
