// swift-tools-version:6.0
// Jixiao's libFuzzer targets, a package of their own so that the main build never needs the
// sanitizer. Built and run by scripts/fuzz.sh TARGET SECONDS.

import PackageDescription

let package = Package(
  name: "JixiaoFuzz",
  dependencies: [.package(name: "Jixiao", path: "..")],
  targets: [
    .target(name: "CFuzzer"),
    // The workbook reader: any bytes as an .xlsx, every sheet read to the end.
    .executableTarget(name: "FuzzWorkbook", dependencies: ["CFuzzer", .product(name: "XLSXKit", package: "Jixiao")]),
    // The importer and the validator: any bytes as a plan or report workbook.
    .executableTarget(
      name: "FuzzImport",
      dependencies: ["CFuzzer", .product(name: "IndicatorKit", package: "Jixiao"), .product(name: "XLSXKit", package: "Jixiao")]),
    // The value grammar: any text as a target or actual, a name with a weight, an ROC date.
    .executableTarget(name: "FuzzValues", dependencies: ["CFuzzer", .product(name: "IndicatorKit", package: "Jixiao")]),
  ],
  swiftLanguageModes: [.v6]
)
