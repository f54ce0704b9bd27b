import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Renames that never replace a folder by accident. On Linux, `renameat2` exchanges two folders
/// in one step (so the pack's path is never missing) and renames without replacing; glibc has it
/// since 2.28 but Swift's Glibc module does not declare it, so it is looked up at run time. Where
/// it is missing (other systems, older libc, or a file system that refuses the flags) the caller
/// falls back to two plain renames and the recovery in `PackLeftovers`.
enum FolderSwap {
    enum Outcome {
        case done
        /// The destination exists (a no-replace rename).
        case exists
        /// The system cannot do this rename in one step.
        case unsupported
        case failed(String)
    }

    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    private static let noReplace: UInt32 = 1
    private static let exchange: UInt32 = 2

    private static let renameat2: RenameAt2? = {
        #if os(Linux)
            guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
            return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
            return nil
        #endif
    }()

    /// Swaps the two entries atomically: afterwards `a` holds what `b` held and the reverse.
    static func exchange(_ a: URL, _ b: URL) -> Outcome {
        call(a, b, flags: exchange)
    }

    /// Renames `from` to `to` only if `to` does not exist, in one step.
    static func renameNoReplace(_ from: URL, _ to: URL) -> Outcome {
        call(from, to, flags: noReplace)
    }

    private static func call(_ from: URL, _ to: URL, flags: UInt32) -> Outcome {
        guard let renameat2 else { return .unsupported }
        if renameat2(AT_FDCWD, from.path, AT_FDCWD, to.path, flags) == 0 { return .done }
        switch errno {
        case EEXIST, ENOTEMPTY: return .exists
        case EINVAL, ENOSYS, ENOTSUP: return .unsupported
        case let code: return .failed(String(cString: strerror(code)))
        }
    }
}
