/// A problem with what a command was given that shows only once it runs (a file's contents,
/// a structure the potential cannot serve); printed as one line, exit code 1.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
