import DictionaryCore
import Testing

/// Flag → environment → processor count, and errors that name the setting.
struct ComputeConfigurationTests {
    @Test func defaultsToEveryProcessorForEverything() throws {
        let configuration = try ComputeConfiguration.resolve(environment: [:], processorCount: 6)
        #expect(configuration == ComputeConfiguration(threads: 6, encoderThreads: 6))
    }

    @Test func environmentThenFlagsOverride() throws {
        let environment = [ComputeConfiguration.EnvironmentKey.threads: " 3 ", ComputeConfiguration.EnvironmentKey.encoderThreads: "2"]
        #expect(try ComputeConfiguration.resolve(environment: environment, processorCount: 8)
                == ComputeConfiguration(threads: 3, encoderThreads: 2))
        #expect(try ComputeConfiguration.resolve(threads: 4, encoderThreads: 1, environment: environment, processorCount: 8)
                == ComputeConfiguration(threads: 4, encoderThreads: 1))
        // Encoder threads follow --threads unless set themselves.
        #expect(try ComputeConfiguration.resolve(threads: 5, environment: [:], processorCount: 8).encoderThreads == 5)
    }

    @Test func unusableValuesNameTheirSetting() {
        #expect(throws: ComputeConfigurationError.invalidValue(setting: "DICT_THREADS", value: "two",
                                                               expected: "an integer from 1 to 1024")) {
            try ComputeConfiguration.resolve(environment: ["DICT_THREADS": "two"], processorCount: 2)
        }
        #expect(throws: ComputeConfigurationError.invalidValue(setting: "--workers", value: "0", expected: "1 to 1024")) {
            try ComputeConfiguration.resolve(encoderThreads: 0, environment: [:], processorCount: 2)
        }
        #expect(throws: ComputeConfigurationError.invalidValue(setting: "DICT_ENCODER_THREADS", value: "-1",
                                                               expected: "an integer from 1 to 1024")) {
            try ComputeConfiguration.resolve(environment: ["DICT_ENCODER_THREADS": "-1"], processorCount: 2)
        }
        // A machine reporting zero processors still gets one thread.
        #expect((try? ComputeConfiguration.resolve(environment: [:], processorCount: 0))?.threads == 1)
    }
}
