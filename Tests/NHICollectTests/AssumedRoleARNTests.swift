import Foundation
@testable import NHICollect
import Testing
import TestSupport

/// `AssumedRoleARN` must split exactly the ARNs `AWSPrincipals.resolve` splits into a role and a
/// session, at the same place: the aggregator resolves a new session through it.
@Suite struct AssumedRoleARNTests {
    private func parse(_ text: String) -> (role: String, session: String)? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            AssumedRoleARN(ByteSpan(start: UnsafePointer(buffer.baseAddress), count: buffer.count)).map {
                (String(decoding: $0.role.buffer, as: UTF8.self), String(decoding: $0.session.buffer, as: UTF8.self))
            }
        }
    }

    /// What the byte parse must agree with: the session `resolve` gives, and the identity an ARN
    /// of the same role part resolves to whatever its session.
    private func expectAgrees(_ arn: String) {
        let slow = AWSPrincipals.resolve(arn)
        guard let fast = parse(arn) else {
            #expect(slow.session == nil, "\(arn): resolve finds session \(slow.session ?? "")")
            return
        }
        #expect(fast.role + "/" + fast.session == arn, "\(arn)")
        #expect(slow.session == fast.session, "\(arn)")
        #expect(AWSPrincipals.resolve(fast.role + "/other").id == slow.id, "\(arn)")
    }

    @Test func splitsSessionARNsAsResolveDoes() {
        let arns = [
            "arn:aws:sts::111122223333:assumed-role/deploy/botocore-session-1700000000",
            "arn:aws-cn:sts:cn-north-1:1:assumed-role/deploy/s", "arn:aws:sts::1:assumed-role/deploy/",
            "arn:aws:sts::1:assumed-role/deploy/a/b", "arn:aws:sts::1:assumed-role//s",
            "arn:aws:sts::1:assumed-role/d\u{E9}ploy/s\u{E9}",
            "arn:aws:sts::1:assumed-role/a:b/c", "arn::sts:::assumed-role/r/s",
            // Not split: no session, another service or resource, too few fields, not an ARN.
            "arn:aws:sts::1:assumed-role/deploy", "arn:aws:sts::1:assumed-role/", "arn:aws:iam::1:role/deploy",
            "arn:aws:sts::1:federated-user/bob", "arn:aws:STS::1:assumed-role/r/s", "arn:aws:sts::assumed-role/r/s",
            "arn:aws:sts:1:assumed-role/r/s", "arn:", "ar", "", "aws:sts::1:assumed-role/r/s",
            "arn:aws:sts::1:assumed-rol/r/s",
        ]
        for arn in arns { expectAgrees(arn) }
        #expect(parse("arn:aws:sts::1:assumed-role/deploy/a/b")! == ("arn:aws:sts::1:assumed-role/deploy", "a/b"))
        #expect(parse("arn:aws:sts::1:assumed-role/deploy") == nil)
    }

    /// Strings cut from an ARN's alphabet at random, around the separators that matter.
    @Test func agreesWithResolveOnRandomText() {
        var random = SplitMix64(seed: 3)
        let pieces = [
            "arn:", "aws", ":", "sts", "iam", "assumed-role/", "assumed-role", "/", "r", "s", "1", "\u{E9}", "",
        ]
        for _ in 0..<5_000 {
            let count = Int(random.next() % 12)
            expectAgrees((0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined())
        }
    }
}
