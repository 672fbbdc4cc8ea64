import Foundation

extension LearningSettings {
    /// The keys of the final stage, which only the final fit and the final MD read: a stopped
    /// loop may be resumed with them changed. (`training.final_learning_rate` is not one: every
    /// fit's step decays to it.)
    static let finalFitKeys: Set<String> = [
        "training.final_epochs", "training.final_force_weight", "training.final_initial_learning_rate", "training.final_energy_offset",
    ]

    static func isFinalStageKey(_ key: String) -> Bool {
        finalFitKeys.contains(key) || key == "final_md" || key.hasPrefix("final_md.")
    }

    /// The dotted keys (`exploration.steps`) whose values differ between these settings and
    /// `other`, sorted; a key given in one only counts as differing.
    func changedKeys(comparedWith other: LearningSettings) -> [String] {
        let mine = Self.flatten(jsonObject()), theirs = Self.flatten(other.jsonObject())
        return Set(mine.keys).union(theirs.keys).filter { mine[$0] != theirs[$0] }.sorted()
    }

    private func jsonObject() -> Any {
        // Plain numbers, strings, arrays and dictionaries: encoding cannot fail.
        let data = try! JSONEncoder().encode(self)
        return try! JSONSerialization.jsonObject(with: data)
    }

    /// Leaves of nested dictionaries by dotted path; arrays are leaves.
    private static func flatten(_ value: Any, prefix: String = "") -> [String: NSObject] {
        guard let dictionary = value as? [String: Any] else { return [prefix: value as! NSObject] }
        var leaves: [String: NSObject] = [:]
        for (key, child) in dictionary {
            leaves.merge(flatten(child, prefix: prefix.isEmpty ? key : prefix + "." + key)) { first, _ in first }
        }
        return leaves
    }
}
