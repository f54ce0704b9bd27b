import Foundation
import NHIModel
import Testing

/// Foundation's file errors become a reason a user can act on, never "The operation could not be
/// completed" or "NSCocoaErrorDomain error 256".
@Suite struct FileErrorTextTests {
    @Test func foundationErrorsBecomePlainReasons() {
        let underlying = NSError(domain: NSPOSIXErrorDomain, code: Int(EISDIR))
        let wrapped = NSError(
            domain: NSCocoaErrorDomain, code: CocoaError.fileReadUnknown.rawValue,
            userInfo: [NSUnderlyingErrorKey: underlying])
        #expect(FileErrorText.reason(wrapped) == String(cString: strerror(EISDIR)))
        #expect(FileErrorText.reason(CocoaError(.fileReadNoPermission)) == "permission denied")
        #expect(FileErrorText.reason(CocoaError(.fileReadUnknown)) == "cannot read (is it a folder?)")
        #expect(FileErrorText.reason(CocoaError(.fileNoSuchFile)) == "no such file")
        for error in [wrapped, CocoaError(.fileReadUnknown) as NSError, CocoaError(.fileWriteUnknown) as NSError] {
            let text = FileErrorText.reason(error)
            #expect(!text.contains("could not be completed") && !text.contains("NSCocoaErrorDomain"), "\(text)")
        }
    }

    @Test func readingAFolderAsAFileNamesTheReason() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nhi-file-error-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(throws: (any Error).self) { try Data(contentsOf: folder) }
        let text = FileErrorText.reason(error)
        #expect(
            !text.isEmpty && !text.contains("could not be completed") && !text.contains("NSCocoaErrorDomain"), "\(text)"
        )
        #expect(FileErrorText.path(error)?.hasSuffix(folder.lastPathComponent) == true)
        #expect(FileErrorText.path(CocoaError(.fileReadUnknown)) == nil)
    }
}
