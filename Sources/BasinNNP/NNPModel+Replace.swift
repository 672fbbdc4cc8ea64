import Foundation

extension NNPModel {
    /// Writes the model as the folder `url`, replacing whatever folder is there as a whole: the
    /// files go into a hidden staging folder beside `url`, the old folder (if any) is renamed
    /// aside, the staging folder renamed into place and the old one removed. `url` therefore
    /// never holds a mix of old and new files or a half-written file; between the two renames
    /// it briefly does not exist. On failure the old folder is put back.
    public func replaceFolder(_ url: URL) throws(ModelFileError) {
        try Self.replaceFolder(url) { staging throws(ModelFileError) in try write(to: staging) }
    }

    /// Replaces the folder `url` as `replaceFolder(_:)` does, with the files `fill` writes into
    /// the staging folder it is given (which it must create).
    public static func replaceFolder(_ url: URL, filling fill: (URL) throws(ModelFileError) -> Void) throws(ModelFileError) {
        let manager = FileManager.default
        let parent = url.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try fill(staging)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
        var old: URL?
        do {
            if manager.fileExists(atPath: url.path) {
                let aside = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(UUID().uuidString)")
                try manager.moveItem(at: url, to: aside)
                old = aside
            }
            try manager.moveItem(at: staging, to: url)
        } catch {
            if let old, !manager.fileExists(atPath: url.path) { try? manager.moveItem(at: old, to: url) }
            try? manager.removeItem(at: staging)
            throw ModelFileError(file: url.path, reason: "cannot replace the model folder (\(error.localizedDescription))")
        }
        if let old { try? manager.removeItem(at: old) }
    }
}
