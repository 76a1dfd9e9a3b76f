// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "zenglow",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "zenglow", targets: ["zenglow"]),
        .library(name: "ZenGlowEmbedded", targets: ["ZenGlowEmbedded"]),
        .library(name: "ZenGlowDoctor", targets: ["ZenGlowDoctor"]),
        .library(name: "ZenGlowDB", targets: ["ZenGlowDB"]),
        .library(name: "ZenGlowMigrator", targets: ["ZenGlowMigrator"]),
        .library(name: "ZenGlowIngest", targets: ["ZenGlowIngest"]),
        .library(name: "ZenGlowCache", targets: ["ZenGlowCache"]),
        .library(name: "ZenGlowEval", targets: ["ZenGlowEval"]),
        .library(name: "ZenGlowKeys", targets: ["ZenGlowKeys"]),
        .library(name: "ZenGlowAPI", targets: ["ZenGlowAPI"]),
        .library(name: "ZenGlowEmbedding", targets: ["ZenGlowEmbedding"]),
        .library(name: "ZenGlowSpool", targets: ["ZenGlowSpool"]),
        .library(name: "ZenGlowStats", targets: ["ZenGlowStats"]),
        .library(name: "ZenGlowMaintenance", targets: ["ZenGlowMaintenance"]),
        .library(name: "ZenGlowBackup", targets: ["ZenGlowBackup"]),
        .library(name: "ZenGlowTracing", targets: ["ZenGlowTracing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        // OTLP over HTTP only: the gRPC exporter would add grpc-swift to every build.
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // hiredis.pc adds -D_FILE_OFFSET_BITS=64, a flag SwiftPM refuses with a warning on every build;
        // its header and library sit on the default search paths, so the module map names them directly.
        // Debian's libopenblas-dev puts cblas.h and libopenblas.so on the default search paths.
        .systemLibrary(
            name: "CBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Compiled optimised in every configuration, like ZenGlowEmbedding; AVX2 is chosen at run time.
        .target(
            name: "CZenGlowKernels",
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        .target(
            name: "ZenGlowEmbedding",
            dependencies: [
                "CBLAS", "CZenGlowKernels",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The forward pass is loops over floats: unoptimised, a debug build (and so every test
            // run) would embed a hundred times slower than a release build.
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"])]
        ),
        .systemLibrary(
            name: "CHiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        .target(
            name: "ZenGlowIngest",
            dependencies: [
                "CZstd", "ZenGlowDB", "ZenGlowEmbedding",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowEval",
            dependencies: [
                "ZenGlowIngest", "ZenGlowMigrator", "ZenGlowDB", "ZenGlowEmbedding",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowBench",
            dependencies: [
                "ZenGlowIngest", "ZenGlowMigrator", "ZenGlowDB", "ZenGlowEmbedded", "ZenGlowEmbedding", "ZenGlowSpool",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowKeys",
            dependencies: [
                "ZenGlowDB",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowDemo",
            dependencies: [
                "ZenGlowDB", "ZenGlowIngest", "ZenGlowKeys", "ZenGlowEmbedding",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowAPI",
            dependencies: [
                "ZenGlowDB", "ZenGlowIngest", "ZenGlowKeys", "ZenGlowEmbedding", "ZenGlowCache",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/openapi.json")],
            swiftSettings: swiftSettings
        ),
        // System calls Swift's Glibc module does not export (renameat2).
        .target(name: "CZenGlowSystem"),
        .target(
            name: "ZenGlowSpool",
            dependencies: [
                "CZstd", "CZenGlowSystem", "ZenGlowDB", "ZenGlowIngest", "ZenGlowEmbedding",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowCache",
            dependencies: [
                "CHiredis", "ZenGlowIngest",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowEmbedded",
            dependencies: [
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowDB",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowMigrator",
            dependencies: [
                "ZenGlowDB",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowStats",
            dependencies: [
                "ZenGlowDB",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowMaintenance",
            dependencies: [
                "ZenGlowDB",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowBackup",
            dependencies: [
                "ZenGlowDB", "ZenGlowEmbedded",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowTracing",
            dependencies: [
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowDoctor",
            dependencies: ["CZstd", "CHiredis", "CBLAS", "ZenGlowEmbedded", "ZenGlowEmbedding"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "zenglow",
            dependencies: [
                "ZenGlowEmbedded",
                "ZenGlowDoctor",
                "ZenGlowDB",
                "ZenGlowMigrator",
                "ZenGlowEval",
                "ZenGlowBench",
                "ZenGlowKeys",
                "ZenGlowDemo",
                "ZenGlowAPI",
                "ZenGlowEmbedding",
                "ZenGlowSpool",
                "ZenGlowStats",
                "ZenGlowMaintenance",
                "ZenGlowBackup",
                "ZenGlowTracing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZenGlowTestSupport",
            dependencies: [
                "ZenGlowEmbedded", "ZenGlowEmbedding", "ZenGlowMigrator", "ZenGlowDB",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowIngestTests",
            dependencies: [
                "ZenGlowIngest", "ZenGlowTestSupport", "ZenGlowEmbedding",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowAPITests",
            dependencies: [
                "ZenGlowAPI", "ZenGlowKeys", "ZenGlowDB", "ZenGlowEmbedding", "ZenGlowTestSupport", "ZenGlowCache",
                "ZenGlowEmbedded",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowStatsTests",
            dependencies: [
                "ZenGlowStats", "ZenGlowDB", "ZenGlowTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowCLITests",
            dependencies: [
                "zenglow", "ZenGlowTestSupport", "ZenGlowEmbedded",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowSpoolTests",
            dependencies: [
                "ZenGlowSpool", "ZenGlowIngest", "ZenGlowDB", "ZenGlowEmbedding", "ZenGlowTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowEmbeddingTests",
            dependencies: ["ZenGlowEmbedding", "ZenGlowTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowKeysTests",
            dependencies: ["ZenGlowKeys"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowEvalTests",
            dependencies: ["ZenGlowEval"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowCacheTests",
            dependencies: [
                "ZenGlowCache", "ZenGlowTestSupport", "ZenGlowIngest", "ZenGlowEmbedded",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowMigratorTests",
            dependencies: [
                "ZenGlowMigrator", "ZenGlowDB", "ZenGlowTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowDoctorTests",
            dependencies: ["ZenGlowDoctor", "ZenGlowEmbedded", "ZenGlowEmbedding", "ZenGlowTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowMaintenanceTests",
            dependencies: [
                "ZenGlowMaintenance", "ZenGlowDB", "ZenGlowTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowBackupTests",
            dependencies: [
                "ZenGlowBackup", "ZenGlowDB", "ZenGlowTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowTracingTests",
            dependencies: [
                "ZenGlowTracing", "ZenGlowTestSupport", "ZenGlowEmbedded",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZenGlowEmbeddedTests",
            dependencies: [
                "ZenGlowEmbedded", "ZenGlowTestSupport",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
