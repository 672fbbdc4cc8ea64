// swift-tools-version:6.0
import PackageDescription

/// Basin: machine-learned interatomic potentials, molecular dynamics and energy landscapes.
///
/// Modules are layered (see docs/architecture.md); a module imports only modules above it in this list.
let package = Package(
    name: "Basin",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "basin", targets: ["basin"]),
        .library(name: "BasinText", targets: ["BasinText"]),
        .library(name: "BasinMath", targets: ["BasinMath"]),
        .library(name: "BasinAtoms", targets: ["BasinAtoms"]),
        .library(name: "BasinIO", targets: ["BasinIO"]),
        .library(name: "BasinPotentials", targets: ["BasinPotentials"]),
        .library(name: "BasinDynamics", targets: ["BasinDynamics"]),
        .library(name: "BasinOptimize", targets: ["BasinOptimize"]),
        .library(name: "BasinNN", targets: ["BasinNN"]),
        .library(name: "BasinDescriptors", targets: ["BasinDescriptors"]),
        .library(name: "BasinNNP", targets: ["BasinNNP"]),
        .library(name: "BasinTraining", targets: ["BasinTraining"]),
        .library(name: "BasinCompression", targets: ["BasinCompression"]),
        .library(name: "BasinMinima", targets: ["BasinMinima"]),
        .library(name: "BasinPaths", targets: ["BasinPaths"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .target(name: "BasinText"),
        .target(name: "BasinMath", dependencies: [.product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "BasinAtoms", dependencies: ["BasinMath"]),
        .target(name: "BasinIO", dependencies: ["BasinAtoms", "BasinText"]),
        .target(name: "BasinPotentials", dependencies: ["BasinAtoms", "BasinText"]),
        .target(name: "BasinDynamics", dependencies: ["BasinPotentials"]),
        .target(name: "BasinOptimize", dependencies: ["BasinPotentials"]),
        .target(name: "BasinNN", dependencies: ["BasinMath", "BasinText"]),
        .target(name: "BasinDescriptors", dependencies: ["BasinAtoms", "BasinText"]),
        .target(name: "BasinNNP", dependencies: ["BasinNN", "BasinDescriptors", "BasinPotentials", "BasinText"]),
        .target(name: "BasinTraining", dependencies: ["BasinNNP", "BasinIO", "BasinDynamics", "BasinOptimize"]),
        .target(name: "BasinCompression", dependencies: ["BasinOptimize"]),
        .target(
            name: "BasinMinima",
            dependencies: ["BasinCompression", "BasinIO", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "BasinPaths", dependencies: ["BasinPotentials", "BasinDynamics", "BasinOptimize", "BasinNN", "BasinMinima", "BasinIO"]),
        .executableTarget(
            name: "basin",
            dependencies: [
                "BasinIO", "BasinPotentials", "BasinDynamics", "BasinOptimize", "BasinDescriptors", "BasinNNP", "BasinTraining",
                "BasinCompression", "BasinMinima", "BasinPaths", "BasinText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "BasinTextTests", dependencies: ["BasinText"]),
        .testTarget(name: "BasinMathTests", dependencies: ["BasinMath"]),
        .testTarget(name: "BasinAtomsTests", dependencies: ["BasinAtoms"]),
        .testTarget(name: "BasinIOTests", dependencies: ["BasinIO", "BasinTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BasinPotentialsTests", dependencies: ["BasinPotentials", "BasinTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BasinDynamicsTests", dependencies: ["BasinDynamics"]),
        .testTarget(name: "BasinOptimizeTests", dependencies: ["BasinOptimize", "BasinIO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BasinCLITests", dependencies: ["basin", "BasinNNP", "BasinPotentials", "BasinTestSupport"]),
        .testTarget(name: "BasinNNTests", dependencies: ["BasinNN"]),
        .testTarget(name: "BasinDescriptorsTests", dependencies: ["BasinDescriptors"]),
        .target(name: "BasinTestSupport", dependencies: ["BasinNNP"], path: "Tests/BasinTestSupport"),
        .testTarget(name: "BasinNNPTests", dependencies: ["BasinNNP", "BasinIO", "BasinTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BasinTrainingTests", dependencies: ["BasinTraining", "BasinTestSupport"]),
        .testTarget(name: "BasinCompressionTests", dependencies: ["BasinCompression", "BasinIO"]),
        .testTarget(name: "BasinMinimaTests", dependencies: ["BasinMinima"]),
        .testTarget(name: "BasinPathsTests", dependencies: ["BasinPaths", "BasinTestSupport"]),
    ]
)
