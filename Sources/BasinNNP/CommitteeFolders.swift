import Foundation

/// Where a committee's member models are: a comma-separated list of n2p2 model folders, or one
/// folder whose subfolders are the members, in natural order (member-2 before member-10). A
/// member is a model folder (with input.nn) or a training output holding one as `model/`, as
/// `basin train --committee` writes them (OUTPUT/member-1/model, …).
public enum CommitteeFolders {
    public static func members(_ text: String) throws(ModelFileError) -> [URL] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
        guard names.allSatisfy({ !$0.isEmpty }) else { throw ModelFileError(file: text, reason: "an empty name in the list of member folders") }
        let folders = names.map { URL(fileURLWithPath: $0) }
        if folders.count > 1 { return folders.map { modelFolder($0) ?? $0 } }
        if let model = modelFolder(folders[0]) { return [model] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folders[0].path)) ?? []
        let members = entries.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
            .compactMap { modelFolder(folders[0].appendingPathComponent($0)) }
        guard !members.isEmpty else {
            throw ModelFileError(file: folders[0].path, reason: "neither a model folder (no input.nn) nor a folder of member model folders")
        }
        return members
    }

    /// `folder` when it holds input.nn, `folder/model` when that does, else nil.
    private static func modelFolder(_ folder: URL) -> URL? {
        [folder, folder.appendingPathComponent("model")].first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("input.nn").path)
        }
    }
}
