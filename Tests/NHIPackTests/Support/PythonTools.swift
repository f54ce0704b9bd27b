import Foundation
import TestSupport

/// The Python the OSCAL checks run with: `.ci/run`'s virtual environment (`.venv-ci`) when it
/// exists, else `python3` on the PATH.
enum PythonTools {
    static let python = ExternalProgram.python

    static func has(_ modules: String) -> Bool { ExternalProgram.pythonHas(modules) }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ExternalProgram.python(arguments)
    }
}

/// Runs scripts/validate-oscal-json.py (jsonschema + regex) on a document.
enum OSCALJSONCheck {
    static let script = Fixtures.packageRoot.appendingPathComponent("scripts/validate-oscal-json.py")
    static let available = PythonTools.has("jsonschema, regex")

    static func run(schema: URL, document: URL) throws -> (status: Int32, output: String) {
        try PythonTools.run([script.path, schema.path, document.path])
    }
}

/// Runs scripts/check-oscal-trestle.py (compliance-trestle) on packs.
enum TrestleCheck {
    static let script = Fixtures.packageRoot.appendingPathComponent("scripts/check-oscal-trestle.py")
    static let available = PythonTools.has("trestle.oscal.assessment_results")
    static let missingMessage =
        "compliance-trestle is not installed (.ci/run installs it into .venv-ci): the OSCAL client test is skipped"

    static func run(_ packs: [URL]) throws -> (status: Int32, output: String) {
        try PythonTools.run([script.path] + packs.map(\.path))
    }
}
