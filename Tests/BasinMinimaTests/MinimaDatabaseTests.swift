import Testing

@testable import BasinMinima
