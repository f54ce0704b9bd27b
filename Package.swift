// swift-tools-version: 6.1
import PackageDescription

// On Linux the programs allocate with jemalloc instead of glibc's malloc: the pipeline makes and
// frees millions of small values on both cores, and glibc's allocator took a tenth of its CPU time
// (docs/performance.md). Linked as a shared library (libjemalloc-dev; libjemalloc2 where the binary
// runs), which comes before the C library among the binary's libraries, so every allocation of
// the process, the C library's own (`strdup`) included, is jemalloc's. Its static archive cannot
// serve: with the Swift runtime linked in (`--static-swift-stdlib`, as scripts/install.sh builds)
// the linker keeps every archive's symbols private, and memory glibc allocated would be freed by
// jemalloc.
let jemalloc: [LinkerSetting] = [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]

// Targets follow the pipeline: collect -> detect -> assess -> render. Each stage may import only
// the model and the stages before it (see docs/ARCHITECTURE.md; Tests/ArchitectureTests checks it).
let package = Package(
    name: "nhi-audit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nhi-audit", targets: ["nhi-audit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // SSE2 / NEON byte search for the JSON scanners (docs/performance.md says why).
        .target(name: "CJSONScan"),
        .target(name: "NHIModel"),
        // File I/O every module shares: SHA-256 of files, where JSON text breaks.
        .target(name: "NHIFiles", dependencies: ["NHIModel", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "NHICollect",
            dependencies: [
                "NHIModel", "NHIFiles", "CZlib", "CJSONScan",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                // RSA signature checks of CloudTrail digest files (SHA256withRSA).
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "NHIDetect", dependencies: ["NHIModel"]),
        .target(
            name: "NHIFrameworks",
            dependencies: [
                "NHIModel", "NHIFiles",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "NHIPack",
            dependencies: [
                "NHIModel", "NHIFiles", "CLibXML2",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "nhi-audit",
            dependencies: [
                "NHIModel", "NHICollect", "NHIDetect", "NHIFrameworks", "NHIPack",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: jemalloc,
            plugins: ["EmbedShippedData"]
        ),
        // mappings/ and templates/ compiled into nhi-audit, so a lone binary carries its defaults.
        .executableTarget(name: "nhi-embed"),
        .plugin(name: "EmbedShippedData", capability: .buildTool(), dependencies: ["nhi-embed"]),
        // The ingest benchmark's in-process timer (scripts/bench-ingest.sh); not shipped.
        .executableTarget(name: "nhi-bench", dependencies: ["NHIModel", "NHICollect"], linkerSettings: jemalloc),
        .executableTarget(name: "nhi-fuzz", dependencies: ["NHIModel", "NHICollect"]),
        .target(name: "TestSupport", dependencies: ["NHIModel"], path: "Tests/TestSupport"),
        .testTarget(name: "NHIModelTests", dependencies: ["NHIModel", "TestSupport"]),
        .testTarget(name: "NHIFilesTests", dependencies: ["NHIFiles", "NHIModel", "TestSupport"]),
        .testTarget(name: "NHICollectTests", dependencies: [
            "NHICollect", "NHIModel", "TestSupport", "CZlib",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        .testTarget(name: "NHIDetectTests", dependencies: ["NHIDetect", "NHIModel", "TestSupport"]),
        .testTarget(name: "NHIFrameworksTests", dependencies: ["NHIFrameworks", "NHIDetect", "NHIModel", "TestSupport"]),
        .testTarget(name: "NHIPackTests", dependencies: ["NHIPack", "NHIFiles", "NHIModel", "TestSupport", "CLibXML2"]),
        .testTarget(name: "CLITests", dependencies: ["nhi-audit", "NHIModel", "NHICollect", "NHIDetect", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
