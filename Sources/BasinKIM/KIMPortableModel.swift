import BasinNN
import BasinNNP
import Foundation

/// A KIM portable model of an n2p2 model folder, served by Basin's KIM model driver: the model
/// files as they are, `basin-kim.params` and the CMakeLists.txt that
/// `kim-api-collections-management install user FOLDER` builds.
public enum KIMPortableModel {
    /// The KIM name of Basin's neural-network model driver.
    public static let driverName = "Basin_NNP__MD_000000000000_000"

    /// Writes the portable model `name` of the n2p2 folder `model` as the folder `output`
    /// (replaced as a whole). The model is loaded first, so a missing or broken file throws its
    /// `ModelFileError` before anything is written; a name KIM would refuse throws too.
    public static func export(model: URL, name: String, parameters: KIMParameters, to output: URL) throws(ModelFileError) {
        guard isValidName(name) else {
            throw ModelFileError(file: name, reason: "not a KIM model name (letters, digits and '_', starting with a letter)")
        }
        let loaded = try NNPModel(directory: model)
        guard loaded.baseline == nil else {
            throw ModelFileError(
                file: model.appendingPathComponent(ModelBaseline.fileName).path,
                reason: "the KIM driver serves the networks only; run a model with a baseline in LAMMPS with pair_style hybrid/overlay hdnnp and coul/dsf (plus zbl for a repulsive core, vashishta for a steric term and table for a charge–dipole tail)")
        }
        var files = ["input.nn"]
        if loaded.settings.scaling.needsStatistics { files.append("scaling.data") }
        files += loaded.settings.elements.map { NeuralNetwork.weightsFileName(atomicNumber: $0.atomicNumber) }
        try NNPModel.replaceFolder(output) { staging throws(ModelFileError) in
            let manager = FileManager.default
            do {
                try manager.createDirectory(at: staging, withIntermediateDirectories: true)
                for file in files {
                    try manager.copyItem(at: model.appendingPathComponent(file), to: staging.appendingPathComponent(file))
                }
                try Data(parameters.text.utf8).write(to: staging.appendingPathComponent(KIMParameters.fileName))
                try Data(cmakeLists(name: name, files: [KIMParameters.fileName] + files).utf8)
                    .write(to: staging.appendingPathComponent("CMakeLists.txt"))
            } catch {
                throw ModelFileError(file: output.path, reason: "cannot write the KIM model: \(error.localizedDescription)")
            }
        }
    }

    /// KIM item names are C identifiers.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// The portable model's build file, as KIM's model template has it.
    static func cmakeLists(name: String, files: [String]) -> String {
        """
        # KIM portable model \(name): n2p2 model files served by Basin's model driver.
        cmake_minimum_required(VERSION 3.10)
        list(APPEND CMAKE_PREFIX_PATH $ENV{KIM_API_CMAKE_PREFIX_DIR})
        find_package(KIM-API-ITEMS 2.2 REQUIRED CONFIG)
        kim_api_items_setup_before_project(ITEM_TYPE "portableModel")
        project(\(name))
        kim_api_items_setup_after_project(ITEM_TYPE "portableModel")
        add_kim_api_model_library(
          NAME            ${PROJECT_NAME}
          DRIVER_NAME     "\(driverName)"
          PARAMETER_FILES \(files.map { "\"\($0)\"" }.joined(separator: " "))
          )

        """
    }
}
