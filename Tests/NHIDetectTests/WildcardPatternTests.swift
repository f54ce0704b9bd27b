import NHIModel
import Testing

@Suite struct WildcardPatternTests {
    @Test func matchesWholeStrings() {
        #expect(WildcardPattern("ecs:Update*").matches("ecs:UpdateService"))
        #expect(WildcardPattern("ecs:Update*").matches("ECS:updateservice"))
        #expect(!WildcardPattern("ecs:Update*").matches("xecs:UpdateService"))
        #expect(WildcardPattern("*:Describe*").matches("ec2:DescribeInstances"))
        #expect(WildcardPattern("a?c").matches("abc") && !WildcardPattern("a?c").matches("abbc"))
        #expect(!WildcardPattern("Case", caseInsensitive: false).matches("case"))
    }

    @Test func segmentedPatternsStayWithinASegment() {
        #expect(WildcardPattern.action("*:Describe*").matches("ec2:DescribeInstances"))
        #expect(!WildcardPattern.action("*:Describe*").matches("lambda:Update:DescribeX"))
        #expect(WildcardPattern.action("* *").matches("update apps/deployments/scale"))
        #expect(!WildcardPattern.action("get *").matches("get pods extra"))
        #expect(WildcardPattern.action("*").matches("anything at: all"))
        #expect(WildcardPattern("Mozilla/*").matches("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari:1"))
        #expect(WildcardPattern("arn:*").matches("arn:aws:iam::111122223333:role/deploy"))
    }

    @Test func overlapOfGrantAndRulePatterns() {
        #expect(WildcardPattern("ecs:*").overlaps(WildcardPattern("ecs:UpdateService")))
        #expect(WildcardPattern("*").overlaps(WildcardPattern("autoscaling:SetDesiredCapacity")))
        #expect(WildcardPattern("ecs:UpdateS*").overlaps(WildcardPattern("ecs:Update*")))
        #expect(WildcardPattern("* *").overlaps(WildcardPattern("update apps/deployments/scale")))
        #expect(!WildcardPattern("lambda:*").overlaps(WildcardPattern("ecs:Update*")))
        #expect(!WildcardPattern("s3:PutObject").overlaps(WildcardPattern("ecs:UpdateService")))
        #expect(!WildcardPattern.action("*:Describe*").overlaps(.action("lambda:UpdateFunctionCode*")))
        #expect(WildcardPattern.action("*:Describe*").overlaps(.action("ec2:Describe*")))
        #expect(WildcardPattern.action("ecs:*Service").overlaps(.action("ecs:Update*")))
        #expect(WildcardPattern.action("ECS:update*").overlaps(.action("ecs:UpdateService")))
        #expect(WildcardPattern.action("*").overlaps(.action("iam:CreateAccessKey")))
        // Unsegmented patterns may cross separators (user agents, identity ids).
        #expect(WildcardPattern("*:Describe*").overlaps(WildcardPattern("lambda:UpdateFunctionCode*")))
    }
}
