import Foundation
import Testing
import TestSupport

/// On Linux nhi-audit allocates with jemalloc (Package.swift says why):
/// asked through jemalloc's own `MALLOC_CONF` to print its statistics at exit, the binary does.
@Suite struct AllocatorTests {
    @Test func theBinaryAllocatesWithJemalloc() throws {
        #if os(Linux)
            let result = try CLIRunner.run(["--version"], environment: ["MALLOC_CONF": "stats_print:true"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("Begin jemalloc statistics"), "\(result.stderr.prefix(300))")
        #endif
    }
}
