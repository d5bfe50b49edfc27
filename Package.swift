// swift-tools-version: 6.1
// dict: a dictionary search and embedding engine. Module layout and dependency direction: docs/ARCHITECTURE.md.
import PackageDescription

/// One settings array shared by every Swift target (Swift 6 language mode is the tools-version default).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// C kernels are hot loops: `-O2` in debug builds as well (release builds optimize them already).
let optimizedInDebug: [CSetting] = [.unsafeFlags(["-O2"], .when(configuration: .debug))]

let package = Package(
    name: "dict",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dict", targets: ["DictCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Only for tests: NIOEmbedded drives a channel handler's clocks without a socket.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The second database engine (issue 16): PostgreSQL through postgres-nio, TLS through swift-nio-ssl.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),

        // Build-time embedding of migrations/<service>/*.sql into the binary.
        .executableTarget(name: "MigrationEmbedder", swiftSettings: swiftSettings),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["MigrationEmbedder"]),
        .target(name: "DictMigrations", dependencies: ["DictStore"], swiftSettings: swiftSettings, plugins: ["EmbedMigrations"]),

        // Storage and numerics.
        .target(
            name: "DictStore",
            dependencies: ["CSQLite", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL engine: connection settings from a URL, statement splitting and the migration runner over
        // migrations/postgres/<service>/ (one schema per service). It shares DictStore's migration types.
        .target(
            name: "DictPostgres",
            dependencies: [
                "DictStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Scan kernels in C: AVX2 chosen at run time, a scalar loop beside it.
        // The C kernels are optimized in debug builds too: the test suite runs debug, and unoptimized kernels made
        // the multilingual model's parity tests take minutes instead of seconds.
        .target(name: "CVectorKernels", cSettings: optimizedInDebug),
        .target(
            name: "DictVectors",
            dependencies: ["COpenBLAS", "CVectorKernels"],
            swiftSettings: swiftSettings
        ),
        // The encoder's AVX2 kernels (chosen at run time, portable C otherwise): C because Swift cannot target one
        // function at AVX2 while the package stays baseline x86-64.
        .target(name: "CEncoderKernels", cSettings: optimizedInDebug),
        .target(name: "DictEmbedding", dependencies: ["CEncoderKernels"], swiftSettings: swiftSettings),

        // The dictionary service, split by what each part does; dependencies point down only:
        // Core ← Search, Import, Queues ← Generation (docs/ARCHITECTURE.md draws the graph).
        .target(
            name: "DictionaryCore",
            dependencies: [
                "CSQLite", "DictStore", "DictVectors", "DictEmbedding", "DictPostgres",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DictionarySearch",
            dependencies: [
                "DictionaryCore", "DictStore", "DictVectors", "DictEmbedding", "DictPostgres",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DictionaryImport",
            dependencies: [
                "DictionaryCore", "DictStore", "DictMigrations", "DictVectors", "DictPostgres",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DictionaryQueues",
            dependencies: [
                "DictionaryCore", "DictStore", "DictPostgres",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DictionaryGeneration",
            dependencies: [
                "DictionaryCore", "DictionaryQueues", "DictStore", "DictVectors", "DictEmbedding", "DictPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // Sibling services: each owns one database and never imports another service.
        .target(
            name: "ScoresService",
            dependencies: [
                "DictStore", "DictMigrations", "DictPostgres",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "APIService",
            dependencies: [
                "DictStore", "DictMigrations", "DictPostgres",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // HTTP surface: routes, DTOs, middleware; served by `dict serve`.
        .target(
            name: "DictServer",
            dependencies: [
                "DictionaryCore", "DictionarySearch", "DictionaryImport", "DictionaryQueues", "DictionaryGeneration", "DictStore", "DictMigrations",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Benchmarks live beside the code they measure; `dict bench …` runs them.
        .target(
            name: "DictBenchmarks",
            dependencies: ["DictStore", "DictVectors", "DictEmbedding", "DictionaryCore", "DictionarySearch", "DictionaryImport", "DictionaryGeneration", "CEncoderKernels", "COpenBLAS",
                           "DictMigrations", "DictPostgres",
                           .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Benchmarks/DictBenchmarks",
            swiftSettings: swiftSettings
        ),

        // Product surface.
        .executableTarget(
            name: "DictCLI",
            dependencies: [
                "DictStore", "DictMigrations", "DictVectors", "DictEmbedding", "DictionaryCore", "DictionarySearch", "DictionaryImport", "DictionaryQueues", "DictionaryGeneration",
                "ScoresService", "APIService", "DictBenchmarks", "DictServer", "DictPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),

        // Test support and tests: one test target per module.
        .target(
            name: "DictTesting",
            dependencies: ["DictStore", "DictMigrations", "DictionaryCore", "DictPostgres", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DictStoreTests", dependencies: ["DictStore", "DictMigrations", "DictTesting", "COpenBLAS"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DictPostgresTests",
            dependencies: [
                "DictPostgres", "DictStore", "DictMigrations", "DictTesting",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DictVectorsTests", dependencies: ["DictVectors", "DictionaryCore", "DictMigrations", "DictStore", "CVectorKernels", "DictTesting", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(name: "DictEmbeddingTests", dependencies: ["DictEmbedding", "DictTesting"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(
            name: "DictionaryCoreTests",
            dependencies: [
                "DictionaryCore", "DictionarySearch", "DictTesting", "DictPostgres", "DictVectors", "DictStore", "DictMigrations",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DictionarySearchTests",
            dependencies: [
                "DictionarySearch", "DictionaryCore", "DictionaryGeneration", "DictionaryImport", "DictionaryQueues", "DictEmbedding", "DictVectors", "DictTesting",
                "DictPostgres", .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DictionaryImportTests",
            dependencies: [
                "DictionaryImport", "DictionaryCore", "DictionarySearch", "DictionaryQueues", "DictTesting", "DictPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DictionaryQueuesTests",
            dependencies: [
                "DictionaryQueues", "DictionaryCore", "DictTesting", "DictPostgres", "DictMigrations",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DictionaryGenerationTests",
            dependencies: [
                "DictionaryGeneration", "DictionaryQueues", "DictionaryCore", "DictEmbedding", "DictTesting", "DictPostgres", "DictMigrations",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ScoresServiceTests",
            dependencies: ["ScoresService", "DictTesting", "DictPostgres", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "APIServiceTests",
            dependencies: ["APIService", "DictTesting", "DictPostgres", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DictServerTests",
            dependencies: [
                "DictServer", "DictEmbedding", "DictTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DictCLITests",
            dependencies: ["DictTesting", "DictPostgres", "DictMigrations", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
    ]
)
