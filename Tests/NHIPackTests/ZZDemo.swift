import Foundation
import NHIPack
import Testing
@Test func zzDemo() throws {
    let f = try PackFixture()
    try? FileManager.default.removeItem(atPath: "/tmp/packdemo/pack")
    try FileManager.default.copyItem(at: f.pack, to: URL(fileURLWithPath: "/tmp/packdemo/pack"))
    f.remove()
}
