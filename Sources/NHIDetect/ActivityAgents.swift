import NHIModel

/// The user agents of every aggregate as numbers, each distinct agent numbered once. Three rules
/// judge agents (interactive use, CI systems); each judges a number once and looks its verdict up
/// by number (`AgentVerdicts`), rather than reading every aggregate's counter and hashing every
/// agent again, each rule on its own. Derived once per context (`RuleContext.userAgents`).
struct ActivityAgents: Sendable {
    /// The distinct agents, numbered in the order they first appear.
    let agents: [String]
    /// Per aggregate (its position in the inventory), where its numbers start in `numbers`, and
    /// where the last one's end.
    private let starts: [Int]
    private let numbers: [Int32]

    init(_ activity: [ClassifiedActivity]) {
        var numberOf: [String: Int32] = [:]
        var agents: [String] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(activity.count + 1)
        var numbers: [Int32] = []
        for item in activity {
            for agent in item.record.userAgents.values {
                if let number = numberOf[agent] {
                    numbers.append(number)
                } else {
                    numberOf[agent] = Int32(agents.count)
                    numbers.append(Int32(agents.count))
                    agents.append(agent)
                }
            }
            starts.append(numbers.count)
        }
        self.agents = agents; self.starts = starts; self.numbers = numbers
    }

    /// The numbers of an aggregate's agents.
    func numbers(of item: ClassifiedActivity) -> ArraySlice<Int32> {
        numbers[starts[item.position]..<starts[item.position + 1]]
    }
}

/// What a rule concludes about each user agent, by number, worked out the first time it is asked.
struct AgentVerdicts<Value> {
    private let agents: [String]
    private var known: [Value?]
    private let judge: (String) -> Value

    init(_ agents: ActivityAgents, _ judge: @escaping (String) -> Value) {
        self.agents = agents.agents; self.judge = judge
        known = Array(repeating: nil, count: agents.agents.count)
    }

    mutating func callAsFunction(_ number: Int32) -> Value {
        if let value = known[Int(number)] { return value }
        let value = judge(agents[Int(number)])
        known[Int(number)] = value
        return value
    }
}
