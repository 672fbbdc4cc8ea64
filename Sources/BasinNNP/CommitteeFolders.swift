import Foundation

/// Where a committee's member models are: a comma-separated list of n2p2 model folders, or one
/// folder whose subfolders holding an input.nn are the members (`member-1`, `member-2`, … as
/// `basin train --committee` writes them), in natural order (member-2 before member-10).
public enum CommitteeFolders {
    public static func members(_ text: String) throws(ModelFileError) -> [URL] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
        guard names.allSatisfy({ !$0.isEmpty }) else { throw ModelFileError(file: text, reason: "an empty name in the list of member folders") }
        if names.count > 1 { return names.map { URL(fileURLWithPath: $0) } }
        let folder = URL(fileURLWithPath: names[0])
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: folder.appendingPathComponent("input.nn").path) { return [folder] }
        let entries = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
        let members = entries
            .filter { fileManager.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("input.nn").path) }
            .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        guard !members.isEmpty else {
            throw ModelFileError(file: folder.path, reason: "neither a model folder (no input.nn) nor a folder of member model folders")
        }
        return members.map { folder.appendingPathComponent($0) }
    }
}
