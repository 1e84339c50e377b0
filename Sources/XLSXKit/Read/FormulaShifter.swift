// FormulaShifter: finds the A1 references of a formula and rewrites them — to move a shared
// formula to another cell, or to follow rows inserted into a sheet.

/// One A1 reference in a formula, as ``FormulaShifter/rewrite(_:_:)`` hands it over.
struct FormulaReference {
  /// The sheet it is qualified with (`'Plan 114'!A1`, `Sheet1!A1`), or nil for the formula's own sheet.
  var sheet: String?
  /// The column (1-based), or nil in a whole-row reference such as `$3:$5`.
  var column: Int?
  /// Whether the column is `$`-anchored.
  var columnAbsolute: Bool
  /// The row (1-based).
  var row: Int
  /// Whether the row is `$`-anchored.
  var rowAbsolute: Bool
  /// Whether this is the second half of a range (`B2` in `A1:B2`).
  var endsRange = false
}

/// Rewrites the A1 references of formulas. String literals and quoted sheet names are left alone;
/// function names such as `LOG10(` are not references.
enum FormulaShifter {
  /// Returns `formula` with every relative row moved by `rows` and column by `columns`, as
  /// spreadsheet applications do when a shared formula (`<f t="shared" si="0" ref="…">`) is used in
  /// another cell of its range; `$`-anchored parts do not move.
  static func shift(_ formula: String, rows: Int, columns: Int) -> String {
    if rows == 0 && columns == 0 { return formula }
    return rewrite(formula) { ref in
      var r = ref
      if !r.rowAbsolute { r.row += rows }
      if let c = r.column, !r.columnAbsolute { r.column = c + columns }
      return r
    }
  }

  /// Returns `formula` with each reference replaced by what `transform` makes of it; a reference
  /// moved off the grid becomes `#REF!`.
  static func rewrite(_ formula: String, _ transform: (FormulaReference) -> FormulaReference) -> String {
    let s = Array(formula.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    var sheet: String?  // the qualifier for the next reference, once its '!' is passed
    var lastQuoted: String?
    var carry: String?  // the qualifier of a range's first half, for its second half
    while i < s.count {
      let c = s[i]
      if c == "\"" || c == "'" {
        // Copy a quoted literal, with doubled quotes inside.
        var content = String.UnicodeScalarView()
        out.append(c)
        i += 1
        while i < s.count {
          out.append(s[i])
          if s[i] == c {
            if i + 1 < s.count && s[i + 1] == c {
              out.append(s[i + 1])
              content.append(c)
              i += 2
              continue
            }
            i += 1
            break
          }
          content.append(s[i])
          i += 1
        }
        lastQuoted = c == "'" ? String(content) : nil
        continue
      }
      if c == "!" {
        sheet = lastQuoted ?? unquotedName(s, before: i)
        lastQuoted = nil
        out.append(c)
        i += 1
        continue
      }
      lastQuoted = nil
      let prevIsWord = i > 0 && isWordChar(s[i - 1])
      if !prevIsWord, let (ref, length) = reference(s, at: i, sheet: sheet ?? carry) {
        let moved = transform(ref)
        out.append(contentsOf: text(of: moved).unicodeScalars)
        i += length
        carry = i < s.count && s[i] == ":" ? ref.sheet : nil
        sheet = nil
        continue
      }
      if c != ":" { carry = nil }
      if !isWordChar(c) { sheet = nil }
      out.append(c)
      i += 1
    }
    return String(out)
  }

  private static func isWordChar(_ c: Unicode.Scalar) -> Bool {
    (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "."
      || c.value > 0x7F
  }

  /// The unquoted sheet name that ends just before `end` (`Sheet1` in `Sheet1!A1`).
  private static func unquotedName(_ s: [Unicode.Scalar], before end: Int) -> String? {
    var j = end
    while j > 0 && (isWordChar(s[j - 1]) || s[j - 1] == "[" || s[j - 1] == "]") { j -= 1 }
    guard j < end else { return nil }
    var v = String.UnicodeScalarView()
    v.append(contentsOf: s[j..<end])
    return String(v)
  }

  private static func text(of r: FormulaReference) -> String {
    guard r.row >= 1, r.row <= CellReference.maxRow else { return "#REF!" }
    let rowText = (r.rowAbsolute ? "$" : "") + String(r.row)
    guard let column = r.column else { return rowText }
    guard column >= 1, column <= CellReference.maxColumn else { return "#REF!" }
    return (r.columnAbsolute ? "$" : "") + CellReference.columnName(column) + rowText
  }

  /// A reference `$?COL$?ROW` (or a whole row `$?ROW` before or after a ':') at `start`; nil when
  /// there is none (or it is a function or defined name).
  private static func reference(_ s: [Unicode.Scalar], at start: Int, sheet: String?) -> (FormulaReference, Int)? {
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
    let hasColumn = i > colStart
    if hasColumn && i < s.count && s[i] == "$" { rowAbs = true; i += 1 }
    if !hasColumn { rowAbs = colAbs }
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
      if isWordChar(n) || n == "(" { return nil }
    }
    if !hasColumn {
      // A bare number is a whole row only as part of a row range: `3:5`, `$3:$5`.
      let before = start > 0 && s[start - 1] == ":"
      let after = i < s.count && s[i] == ":"
      guard before || after else { return nil }
    }
    let ref = FormulaReference(sheet: sheet, column: hasColumn ? col : nil, columnAbsolute: colAbs,
                               row: row, rowAbsolute: rowAbs, endsRange: start > 0 && s[start - 1] == ":")
    return (ref, i - start)
  }

  private static func letterValue(_ c: Unicode.Scalar) -> Int? {
    if c >= "A" && c <= "Z" { return Int(c.value - 64) }
    if c >= "a" && c <= "z" { return Int(c.value - 96) }
    return nil
  }
}
