import Foundation

/// Why a file operation failed, in words a user can act on: Foundation's own texts ("The
/// operation could not be completed", "NSCocoaErrorDomain error 256") say neither what nor why.
/// The caller names the file; this gives the reason. Errors of other domains are described as
/// Swift describes them.
public enum FileErrorText {
    public static func reason(_ original: Error) -> String {
        let error = original as NSError
        if let posix = posixCode(error) { return String(cString: strerror(posix)) }
        switch error.domain == NSCocoaErrorDomain ? error.code : -1 {
        case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue: return "no such file"
        case CocoaError.fileReadNoPermission.rawValue, CocoaError.fileWriteNoPermission.rawValue:
            return "permission denied"
        case CocoaError.fileReadInapplicableStringEncoding.rawValue: return "not UTF-8 text"
        case CocoaError.fileWriteOutOfSpace.rawValue: return "no space left on the device"
        case CocoaError.fileWriteVolumeReadOnly.rawValue: return "read-only file system"
        case CocoaError.fileReadCorruptFile.rawValue, CocoaError.propertyListReadCorrupt.rawValue:
            return "not in the expected format"
        case CocoaError.fileReadUnknown.rawValue: return "cannot read (is it a folder?)"
        case CocoaError.fileWriteUnknown.rawValue: return "cannot write"
        default: return error.domain == NSCocoaErrorDomain ? "file error \(error.code)" : String(describing: original)
        }
    }

    /// The file a Foundation error names, if it names one.
    public static func path(_ error: Error) -> String? {
        let info = (error as NSError).userInfo
        return info[NSFilePathErrorKey] as? String ?? (info[NSURLErrorKey] as? URL)?.path
    }

    private static func posixCode(_ error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(underlying) }
        return nil
    }
}
