// FormulaShifter: moves the relative references of a shared formula to another cell.

/// Shifts the relative A1 references of a formula, as spreadsheet applications do when a shared
/// formula (`<f t="shared" si="0" ref="…">`) is used in another cell of its range.
enum FormulaShifter {
  /// Returns `formula` with every relative row moved by `rows` and column by `columns`.
  /// String literals and quoted sheet names are left alone; `$`-anchored parts do not move;
  /// function names such as `LOG10(` are not references.
  static func shift(_ formula: String, rows: Int, columns: Int) -> String {
    if rows == 0 && columns == 0 { return formula }
    let s = Array(formula.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    func isWordChar(_ c: Unicode.Scalar) -> Bool {
      (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "."
    }
    while i < s.count {
      let c = s[i]
      if c == "\"" || c == "'" {
        // Copy a quoted literal, with doubled quotes inside.
        out.append(c)
        i += 1
        while i < s.count {
          out.append(s[i])
          if s[i] == c {
            if i + 1 < s.count && s[i + 1] == c {
              out.append(s[i + 1])
              i += 2
              continue
            }
            i += 1
            break
          }
          i += 1
        }
        continue
      }
      let prevIsWord = i > 0 && isWordChar(s[i - 1])
      if !prevIsWord, let (text, length) = reference(s, at: i, rows: rows, columns: columns) {
        out.append(contentsOf: text.unicodeScalars)
        i += length
        continue
      }
      out.append(c)
      i += 1
    }
    return String(out)
  }

  /// A reference `$?COL$?ROW` at `i`, shifted; nil when there is none (or it is a function name).
  private static func reference(_ s: [Unicode.Scalar], at start: Int, rows: Int, columns: Int) -> (String, Int)? {
    var i = start
    var colAbs = false
    var rowAbs = false
    if i < s.count && s[i] == "$" { colAbs = true; i += 1 }
    var col = 0
    let colStart = i
    while i < s.count, let v = letterValue(s[i]) {
      col = col * 26 + v
      i += 1
      if i - colStart > 3 { return nil }
    }
    if i == colStart { return nil }
    if i < s.count && s[i] == "$" { rowAbs = true; i += 1 }
    var row = 0
    let rowStart = i
    while i < s.count, s[i] >= "0" && s[i] <= "9" {
      row = row * 10 + Int(s[i].value - 48)
      i += 1
      if i - rowStart > 7 { return nil }
    }
    if i == rowStart || row == 0 { return nil }
    // A name or function continues with word characters or '('.
    if i < s.count {
      let n = s[i]
      if (n >= "A" && n <= "Z") || (n >= "a" && n <= "z") || (n >= "0" && n <= "9") || n == "_" || n == "(" {
        return nil
      }
    }
    if !colAbs { col += columns }
    if !rowAbs { row += rows }
    guard col >= 1, col <= CellReference.maxColumn, row >= 1, row <= CellReference.maxRow else {
      return ("#REF!", i - start)
    }
    let text = (colAbs ? "$" : "") + CellReference.columnName(col) + (rowAbs ? "$" : "") + String(row)
    return (text, i - start)
  }

  private static func letterValue(_ c: Unicode.Scalar) -> Int? {
    if c >= "A" && c <= "Z" { return Int(c.value - 64) }
    if c >= "a" && c <= "z" { return Int(c.value - 96) }
    return nil
  }
}
