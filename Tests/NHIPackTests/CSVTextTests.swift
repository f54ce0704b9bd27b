import Testing

@testable import NHIPack

/// findings.csv cells come from inputs: each must stay one cell of one row in a CSV reader, and
/// none may start a formula.
@Suite struct CSVTextTests {
    @Test func plainCellsAreWrittenAsTheyAre() {
        #expect(CSVText.line(["a", "b c", "-", "é"]) == "a,b c,-,é\n")
    }

    @Test func separatorsQuotesAndLineBreaksAreQuoted() {
        #expect(
            CSVText.line(["a,b", "say \"hi\"", "x\ny", "x\ry", "x\ty"])
                == "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"x\ry\",\"x\ty\"\n")
    }

    /// Swift takes CR LF, and a quote followed by a combining mark, for one character equal to
    /// neither separator; a CSV reader sees the separator byte.
    @Test func separatorsHiddenInGraphemeClustersAreQuoted() {
        #expect(CSVText.line(["a\r\nb", "c"]) == "\"a\r\nb\",c\n")
        #expect(CSVText.line(["x\"\u{301}y"]) == "\"x\"\"\u{301}y\"\n")
        #expect(CSVText.line(["x,\u{301}y"]) == "\"x,\u{301}y\"\n")
    }

    @Test func formulaCellsAreNeutralised() {
        #expect(CSVText.line(["=1+1", "+1", "-1", "@a", "\tx", "-"]) == "'=1+1,'+1,'-1,'@a,\"'\tx\",-\n")
    }

    @Test func appendWritesTheSameBytesAsLine() {
        var out: [UInt8] = []
        CSVText.append(["a", "b,c"], to: &out)
        CSVText.append(["d"], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == CSVText.line(["a", "b,c"]) + CSVText.line(["d"]))
    }
}
