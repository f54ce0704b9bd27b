import Foundation
import NHICollect

extension CollectError {
    /// Readers name files relative to the evidence folder; show them as the user can open them.
    func located(in evidence: String) -> CollectError {
        guard !file.hasPrefix("/") else { return self }
        var located = self
        located.file = (evidence as NSString).appendingPathComponent(file)
        return located
    }
}
