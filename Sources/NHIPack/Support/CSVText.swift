/// CSV as spreadsheets read it (RFC 4180 quoting), with cells that a spreadsheet would take for a
/// formula (starting with `=`, `+`, `-`, `@`, tab or CR) prefixed with `'` (OWASP CSV injection):
/// the values come from inputs. The placeholder `-` alone is no formula.
public enum CSVText {
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            let cell = neutralised(field)
            return cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\t" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",") + "\n"
    }

    public static func neutralised(_ field: String) -> String {
        guard field != "-", let first = field.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first)
        else { return field }
        return "'" + field
    }
}
