@testable import DictEmbedding
import DictTesting
import Foundation
import Testing

/// Finding the model folder, and typed errors (naming the install command) for missing or corrupt models.
struct ModelLoadingTests {
    @Test func locatorOrderExplicitEnvironmentCurrentDirectoryExecutable() throws {
        let root = try TemporaryDirectory()
        try root.write(Data("{}".utf8), to: "package/models/all-MiniLM-L6-v2/config.json")
        try root.write(Data("{}".utf8), to: "elsewhere/config.json")
        let executable = root.path + "/package/.build/release/dict"

        let fromExecutable = ModelLocator(environment: [:], currentDirectory: "/", executablePath: executable)
        #expect(try fromExecutable.locate() == root.path + "/package/models/all-MiniLM-L6-v2")

        let fromCurrent = ModelLocator(environment: [:], currentDirectory: root.path + "/package", executablePath: nil)
        #expect(try fromCurrent.locate() == root.path + "/package/models/all-MiniLM-L6-v2")

        let fromEnvironment = ModelLocator(environment: ["DICT_MODEL_DIR": root.path + "/elsewhere"],
                                           currentDirectory: root.path + "/package", executablePath: executable)
        #expect(try fromEnvironment.locate() == root.path + "/elsewhere")

        let explicit = ModelLocator(explicitPath: "elsewhere", environment: ["DICT_MODEL_DIR": "/nowhere"],
                                    currentDirectory: root.path, executablePath: executable)
        #expect(try explicit.locate() == root.path + "/elsewhere")
    }

    @Test func e5LocatorLooksForItsOwnFolderFileAndVariable() throws {
        let root = try TemporaryDirectory()
        try root.write(Data("{}".utf8), to: "package/models/all-MiniLM-L6-v2/config.json")
        try root.write(Data(), to: "package/models/multilingual-e5-small/e5-small-q4.bin")
        let locator = ModelLocator.multilingualE5(environment: ["DICT_MODEL_DIR": root.path + "/package/models/all-MiniLM-L6-v2"],
                                                  currentDirectory: root.path + "/package", executablePath: nil)
        #expect(locator.firstMatch() == root.path + "/package/models/multilingual-e5-small")
        let overridden = ModelLocator.multilingualE5(environment: ["DICT_E5_MODEL_DIR": "/nowhere"], currentDirectory: root.path,
                                                     executablePath: nil)
        #expect(overridden.candidates == ["/nowhere"] && overridden.firstMatch() == nil)
        #expect { try MultilingualE5Embedder(locator: overridden) } throws: { error in
            guard case .notFound(["/nowhere"]) = error as? E5ModelFileError else { return false }
            return "\(error)".contains("bash models/install.sh multilingual-e5-small")
        }
    }

    @Test func missingModelIsTypedErrorNamingInstallCommand() throws {
        let locator = ModelLocator(explicitPath: "/nonexistent/model", environment: [:], currentDirectory: "/", executablePath: nil)
        do {
            _ = try MiniLMEmbedder(locator: locator)
            Issue.record("loading a missing model succeeded")
        } catch let error as ModelError {
            guard case .modelNotFound(let searched) = error else { Issue.record("unexpected \(error)"); return }
            #expect(searched == ["/nonexistent/model"])
            #expect(error.description.contains("bash models/install.sh"))
        }
    }

    @Test func corruptOrIncompleteFolderIsTypedError() throws {
        let model = try TinyModel(seed: 7)
        let weights = model.folder.path + "/model.safetensors"
        let original = try Data(contentsOf: URL(fileURLWithPath: weights))

        try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: weights))
        #expect { try MiniLMEmbedder(modelDirectory: model.folder.path) } throws: { error in
            guard case .invalidWeights(.invalidDataRange) = error as? ModelError else { return false }
            return "\(error)".contains("bash models/install.sh")
        }

        try FileManager.default.removeItem(atPath: weights)
        #expect { try MiniLMEmbedder(modelDirectory: model.folder.path) } throws: { error in
            if case .missingFile(weights) = error as? ModelError { return true } else { return false }
        }

        try original.write(to: URL(fileURLWithPath: weights))
        try model.folder.write(Data("a\nb\n".utf8), to: "vocab.txt")
        #expect { try MiniLMEmbedder(modelDirectory: model.folder.path) } throws: { error in
            if case .invalidVocabulary = error as? ModelError { return true } else { return false }
        }

        try model.folder.write(Data(#"{"model_type": "bert", "hidden_act": "gelu_new"}"#.utf8), to: "config.json")
        #expect { try MiniLMEmbedder(modelDirectory: model.folder.path) } throws: { error in
            if case .invalidConfiguration = error as? ModelError { return true } else { return false }
        }
    }

    @Test func nonFiniteWeightsGiveTypedErrorNotVectors() throws {
        let model = try TinyModel(seed: 11)
        var writer = SafetensorsWriter()
        for name in model.tensors.keys.sorted() {
            var values = model.tensors[name]!.values
            if name == "embeddings.word_embeddings.weight" { values[5 * TinyModel.hidden] = .nan }  // token "a"
            writer.add(name, shape: model.tensors[name]!.shape, values: values)
        }
        try model.folder.write(writer.data(), to: "model.safetensors")
        let embedder = try MiniLMEmbedder(modelDirectory: model.folder.path)
        #expect(try embedder.embed(["b c"]).count == 1)
        #expect(throws: EncoderError.nonFiniteVector(index: 1)) { try embedder.embed(["b c", "a"]) }
    }
}
