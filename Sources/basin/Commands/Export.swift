import ArgumentParser

/// `basin export`: Basin models in other programs' formats.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a model for another program.",
        subcommands: [ExportKIM.self])
}
