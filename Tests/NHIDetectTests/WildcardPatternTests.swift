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

    @Test func overlapOfGrantAndRulePatterns() {
        #expect(WildcardPattern("ecs:*").overlaps(WildcardPattern("ecs:UpdateService")))
        #expect(WildcardPattern("*").overlaps(WildcardPattern("autoscaling:SetDesiredCapacity")))
        #expect(WildcardPattern("ecs:UpdateS*").overlaps(WildcardPattern("ecs:Update*")))
        #expect(WildcardPattern("* *").overlaps(WildcardPattern("update apps/deployments/scale")))
        #expect(!WildcardPattern("lambda:*").overlaps(WildcardPattern("ecs:Update*")))
        #expect(!WildcardPattern("s3:PutObject").overlaps(WildcardPattern("ecs:UpdateService")))
    }
}
