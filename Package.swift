// swift-tools-version:6.0
// Jixiao (績效): read, validate, merge and write the performance-plan workbooks of Taiwanese local governments.

import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
  name: "Jixiao",
  products: [
    .library(name: "XLSXKit", targets: ["XLSXKit"]),
    .library(name: "IndicatorKit", targets: ["IndicatorKit"]),
    .executable(name: "jixiao", targets: ["jixiao"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // MARK: C
    .systemLibrary(
      name: "CLibzip",
      pkgConfig: "libzip",
      providers: [.apt(["libzip-dev"]), .brew(["libzip"])]
    ),

    // MARK: Engine
    .target(name: "XLSXKit", dependencies: ["CLibzip"]),

    // MARK: Domain
    .target(name: "IndicatorKit", dependencies: ["XLSXKit"]),

    // MARK: CLI
    .executableTarget(name: "jixiao", dependencies: ["XLSXKit", "IndicatorKit", argumentParser]),

    // MARK: Tests
    // Helpers both test targets use (paths, temporary folders) and the sample workbooks the Swift
    // tests read back and the pytest suite has real clients open.
    .target(name: "TestSupport", dependencies: ["XLSXKit"], path: "Tests/TestSupport"),
    // writer-samples FOLDER: writes those sample workbooks for tests/test_writer_samples.py.
    .executableTarget(name: "writer-samples", dependencies: ["TestSupport"], path: "Tests/WriterSamples"),
    .testTarget(name: "XLSXKitTests", dependencies: ["XLSXKit", "TestSupport"]),
    .testTarget(
      name: "IndicatorKitTests",
      dependencies: ["IndicatorKit", "XLSXKit", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
