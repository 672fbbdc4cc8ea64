import BasinAtoms
import BasinIO
import BasinPotentials
import Foundation

/// Labels structures with the reference: a Basin `Potential`, or an external program.
///
/// The command hook, for ab initio codes: the structures are written to `input` (extended XYZ,
/// one frame each, in order), `/bin/sh -c COMMAND` runs with `{input}` and `{output}` replaced
/// by the two paths (also in the environment as `BASIN_LABEL_INPUT` and `BASIN_LABEL_OUTPUT`),
/// and `output` must then hold the same frames, in order, each with `energy=` (eV) in its
/// comment line and a `forces` property (eV/Å). A non-zero exit status, a missing file or a
/// frame that does not match is an error naming it.
public enum ReferenceLabeler: Sendable {
    case potential(any Potential)
    case command(String)

    /// Whether every explored frame can be compared with the reference (a potential).
    public var potential: (any Potential)? {
        if case .potential(let p) = self { return p }
        return nil
    }

    /// The reference's energies and forces for `configurations`; `folder` holds the command's files.
    public func label(_ configurations: [Configuration], folder: URL, threads: Int) throws(LearningError) -> [Frame] {
        switch self {
        case .potential(let potential):
            let calculator = Calculator(potential: potential, threads: threads)
            var frames: [Frame] = []
            for configuration in configurations {
                do {
                    let evaluation = try calculator.evaluate(configuration, [.energy, .forces])
                    frames.append(Frame(configuration: configuration, energy: evaluation.energy, forces: evaluation.forces))
                } catch {
                    throw LearningError("reference: cannot label a structure (\(error))")
                }
            }
            return frames
        case .command(let command):
            return try runCommand(command, configurations, folder: folder)
        }
    }

    private func runCommand(_ command: String, _ configurations: [Configuration], folder: URL) throws(LearningError) -> [Frame] {
        let input = folder.appendingPathComponent("label-input.extxyz"), output = folder.appendingPathComponent("label-output.extxyz")
        try LearningFiles.writeFrames(configurations.map { Frame(configuration: $0) }, to: input)
        try? FileManager.default.removeItem(at: output)
        let line = command.replacingOccurrences(of: "{input}", with: input.path).replacingOccurrences(of: "{output}", with: output.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["BASIN_LABEL_INPUT"] = input.path
        environment["BASIN_LABEL_OUTPUT"] = output.path
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw LearningError("reference.command: cannot start /bin/sh (\(error.localizedDescription))")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LearningError("reference.command: '\(line)' exited with status \(process.terminationStatus)")
        }
        guard FileManager.default.fileExists(atPath: output.path) else {
            throw LearningError("reference.command: '\(line)' wrote no \(output.path)")
        }
        let frames = try LearningFiles.readFrames(output)
        guard frames.count == configurations.count else {
            throw LearningError("\(output.path): \(frames.count) frames for \(configurations.count) structures")
        }
        for (index, (frame, configuration)) in zip(frames, configurations).enumerated() {
            guard frame.energy != nil, let forces = frame.forces, forces.count == configuration.count,
                  frame.configuration.symbols == configuration.symbols else {
                throw LearningError("\(output.path): frame \(index + 1) lacks energy or forces, or its atoms differ from the input's")
            }
        }
        return frames.enumerated().map { index, frame in
            Frame(configuration: configurations[index], energy: frame.energy, forces: frame.forces)
        }
    }
}
