@testable import DictEmbedding
import DictTesting
import Foundation
import Testing

/// The safetensors reader: valid files read back exactly; malformed ones give named errors, never a crash.
struct SafetensorsTests {
    @discardableResult
    private func withFile<R>(_ data: Data, _ body: (String) throws -> R) throws -> R {
        let folder = try TemporaryDirectory()
        return try body(try folder.write(data, to: "model.safetensors"))
    }

    @Test func readsFloat32TensorsInPlace() throws {
        var writer = SafetensorsWriter()
        writer.add("a", shape: [2, 3], values: [1, 2, 3, 4, 5, -6.5])
        writer.add("b", shape: [1], values: [.pi])
        try withFile(writer.data()) { path in
            let file = try SafetensorsFile(path: path)
            #expect(try file.float32Tensor("a", shape: [2, 3]).values == [1, 2, 3, 4, 5, -6.5])
            #expect(try file.float32Tensor("b", shape: [1]).values == [.pi])
            #expect(file.entries.count == 2)
        }
    }

    @Test func truncatedHeaderIsNamed() throws {
        var writer = SafetensorsWriter()
        writer.add("a", shape: [4], values: [1, 2, 3, 4])
        let full = writer.data()
        try withFile(full.prefix(20)) { path in
            #expect {
                try SafetensorsFile(path: path)
            } throws: { error in
                guard case .truncatedHeader(_, _, let fileBytes) = error as? SafetensorsError else { return false }
                return fileBytes == 20
            }
        }
        try withFile(Data([1, 2, 3])) { path in
            #expect(throws: SafetensorsError.truncatedHeader(path: path, declaredHeaderBytes: 0, fileBytes: 3)) {
                try SafetensorsFile(path: path)
            }
        }
    }

    @Test func truncatedDataIsNamed() throws {
        var writer = SafetensorsWriter()
        writer.add("a", shape: [4], values: [1, 2, 3, 4])
        let full = writer.data()
        try withFile(full.prefix(full.count - 4)) { path in
            #expect {
                try SafetensorsFile(path: path)
            } throws: { error in
                guard case .invalidDataRange(_, let tensor, _, let end, _, let dataBytes) = error as? SafetensorsError else { return false }
                return tensor == "a" && end == 16 && dataBytes == 12
            }
        }
    }

    @Test func malformedHeaderIsNamed() throws {
        let writer = SafetensorsWriter()
        try withFile(writer.data(headerOverride: "{not json")) { path in
            #expect { try SafetensorsFile(path: path) } throws: { error in
                if case .invalidHeader = error as? SafetensorsError { return true } else { return false }
            }
        }
        try withFile(writer.data(headerOverride: #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0]}}"#)) { path in
            #expect { try SafetensorsFile(path: path) } throws: { error in
                if case .invalidEntry(_, "a", _) = error as? SafetensorsError { return true } else { return false }
            }
        }
        // Shape and byte count disagree: 3 floats announced, 8 bytes given.
        try withFile(writer.data(headerOverride: #"{"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#) + Data(count: 8)) { path in
            #expect { try SafetensorsFile(path: path) } throws: { error in
                if case .invalidDataRange(_, "a", 0, 8, 12, 8) = error as? SafetensorsError { return true } else { return false }
            }
        }
    }

    @Test func wrongDTypeAndShapeAreNamed() throws {
        var writer = SafetensorsWriter()
        writer.add("half", dtype: "F16", shape: [2], bytes: Data(count: 4))
        writer.add("matrix", shape: [2, 2], values: [1, 2, 3, 4])
        try withFile(writer.data()) { path in
            let file = try SafetensorsFile(path: path)
            #expect(throws: SafetensorsError.wrongDType(path: path, tensor: "half", expected: "F32", found: "F16")) {
                try file.float32Tensor("half", shape: [2])
            }
            #expect(throws: SafetensorsError.wrongShape(path: path, tensor: "matrix", expected: [4], found: [2, 2])) {
                try file.float32Tensor("matrix", shape: [4])
            }
            #expect(throws: SafetensorsError.missingTensor(path: path, tensor: "absent")) {
                try file.float32Tensor("absent", shape: [1])
            }
        }
    }

    @Test func missingFileIsUnreadable() {
        #expect { try SafetensorsFile(path: "/nonexistent/model.safetensors") } throws: { error in
            if case .unreadable = error as? SafetensorsError { return true } else { return false }
        }
    }
}
