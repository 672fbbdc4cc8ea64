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
        .library(name: "BasinPlots", targets: ["BasinPlots"]),
        .library(name: "BasinSampling", targets: ["BasinSampling"]),
        .library(name: "BasinTraining", targets: ["BasinTraining"]),
        .library(name: "BasinLearning", targets: ["BasinLearning"]),
        .library(name: "BasinWorkflows", targets: ["BasinWorkflows"]),
        .library(name: "BasinCompression", targets: ["BasinCompression"]),
        .library(name: "BasinMinima", targets: ["BasinMinima"]),
        .library(name: "BasinToyModel", targets: ["BasinToyModel"]),
        .library(name: "BasinPaths", targets: ["BasinPaths"]),
        .library(name: "BasinInterop", targets: ["BasinInterop"]),
        .library(name: "BasinKIM", type: .dynamic, targets: ["BasinKIM"]),
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
        .target(name: "BasinIO", dependencies: ["BasinText", "BasinMath", "BasinAtoms"]),
        .target(name: "BasinPotentials", dependencies: ["BasinText", "BasinMath", "BasinAtoms"]),
        .target(name: "BasinDynamics", dependencies: ["BasinMath", "BasinAtoms", "BasinPotentials"]),
        .target(name: "BasinOptimize", dependencies: ["BasinMath", "BasinAtoms", "BasinPotentials"]),
        .target(name: "BasinNN", dependencies: ["BasinMath", "BasinText"]),
        .target(name: "BasinDescriptors", dependencies: ["BasinText", "BasinMath", "BasinAtoms"]),
        .target(name: "BasinNNP", dependencies: ["BasinText", "BasinMath", "BasinAtoms", "BasinPotentials", "BasinNN", "BasinDescriptors"]),
        .target(name: "BasinPlots"),
        .target(name: "BasinSampling", dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinDynamics"]),
        .target(
            name: "BasinTraining",
            dependencies: ["BasinText", "BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinOptimize", "BasinNN", "BasinDescriptors", "BasinNNP", "BasinPlots", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "BasinLearning",
            dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinDynamics", "BasinOptimize", "BasinNN", "BasinDescriptors", "BasinNNP", "BasinPlots", "BasinSampling", "BasinTraining"]
        ),
        .target(name: "BasinWorkflows", dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinDynamics", "BasinOptimize", "BasinNN", "BasinDescriptors", "BasinNNP", "BasinPlots", "BasinSampling", "BasinTraining"]),
        .target(name: "BasinCompression", dependencies: ["BasinMath"]),
        .target(
            name: "BasinMinima",
            dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinOptimize", "BasinCompression", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "BasinToyModel", dependencies: ["BasinText", "BasinMath", "BasinOptimize", "BasinNN"]),
        .target(name: "BasinPaths", dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinDynamics", "BasinOptimize", "BasinNN", "BasinMinima"]),
        .target(name: "BasinInterop", dependencies: ["BasinMath", "BasinAtoms", "BasinPotentials"]),
        .target(name: "BasinKIM", dependencies: ["BasinText", "BasinMath", "BasinAtoms", "BasinPotentials", "BasinNN", "BasinNNP"]),
        .executableTarget(
            name: "basin",
            dependencies: ["BasinText", "BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinDynamics", "BasinOptimize", "BasinDescriptors", "BasinNNP", "BasinPlots", "BasinSampling", "BasinTraining", "BasinLearning", "BasinWorkflows", "BasinCompression", "BasinMinima", "BasinToyModel", "BasinPaths", "BasinInterop", "BasinKIM", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "BasinTextTests", dependencies: ["BasinText", "BasinTestSupport"]),
        .testTarget(name: "BasinMathTests", dependencies: ["BasinMath"]),
        .testTarget(name: "BasinAtomsTests", dependencies: ["BasinMath", "BasinAtoms"]),
        .testTarget(name: "BasinIOTests", dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BasinPotentialsTests", dependencies: ["BasinMath", "BasinAtoms", "BasinPotentials", "BasinTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BasinDynamicsTests", dependencies: ["BasinMath", "BasinAtoms", "BasinPotentials", "BasinDynamics"]),
        .testTarget(name: "BasinOptimizeTests", dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinOptimize"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BasinCLITests", dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinNN", "BasinDescriptors", "BasinNNP", "BasinTraining", "basin", "BasinTestSupport"]),
        .testTarget(name: "BasinNNTests", dependencies: ["BasinMath", "BasinNN", "BasinTestSupport"]),
        .testTarget(name: "BasinDescriptorsTests", dependencies: ["BasinMath", "BasinAtoms", "BasinDescriptors"]),
        .target(name: "BasinTestSupport", dependencies: ["BasinMath", "BasinAtoms", "BasinPotentials", "BasinNN", "BasinDescriptors", "BasinNNP"], path: "Tests/BasinTestSupport"),
        .testTarget(name: "BasinNNPTests", dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinDynamics", "BasinNN", "BasinDescriptors", "BasinNNP", "BasinTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BasinPlotsTests", dependencies: ["BasinPlots"]),
        .testTarget(name: "BasinSamplingTests", dependencies: ["BasinAtoms", "BasinIO", "BasinPotentials", "BasinDynamics", "BasinSampling"]),
        .testTarget(name: "BasinTrainingTests", dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinOptimize", "BasinDescriptors", "BasinNNP", "BasinTraining", "BasinTestSupport"]),
        .testTarget(name: "BasinLearningTests", dependencies: ["BasinAtoms", "BasinIO", "BasinPotentials", "BasinNNP", "BasinTraining", "BasinLearning", "BasinTestSupport"]),
        .testTarget(name: "BasinWorkflowsTests", dependencies: ["BasinMath", "BasinAtoms", "BasinPotentials", "BasinWorkflows", "BasinTestSupport"]),
        .testTarget(name: "BasinToyModelTests", dependencies: ["BasinMath", "BasinOptimize", "BasinToyModel", "BasinTestSupport"]),
        .testTarget(name: "BasinPathsTests", dependencies: ["BasinMath", "BasinAtoms", "BasinPotentials", "BasinOptimize", "BasinMinima", "BasinPaths", "BasinTestSupport"]),
        .testTarget(name: "BasinInteropTests", dependencies: ["BasinMath", "BasinAtoms", "BasinPotentials", "BasinInterop"]),
        .testTarget(name: "BasinKIMTests", dependencies: ["BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinNNP", "BasinKIM", "BasinTestSupport"]),
        .testTarget(name: "BasinCompressionTests", dependencies: ["BasinMath", "BasinIO", "BasinCompression"]),
        .testTarget(
            name: "BasinMinimaTests",
            dependencies: [
                "BasinMath", "BasinAtoms", "BasinIO", "BasinPotentials", "BasinOptimize", "BasinCompression", "BasinMinima", "BasinTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
