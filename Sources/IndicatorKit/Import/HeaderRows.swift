// HeaderRows: finds a table's header — one row, or two where a parent stands over sub-headers
// (目標值 over 原定 | 達成, 年度績效目標值 over 112 | 113, 「107 年度」 over 目標值, 達成情形 over
// 達成值 | 達成度) — and per-year target columns on one row (「112年度目標值」 … 「115年度目標值」).

/// Reads header rows into a ``TableLayout``.
struct HeaderRows {
  let words: HeaderWords

  /// A column dated by a year: a per-year target, a single-year target, or a year alone.
  private struct YearColumn {
    var column: Int
    var year: Int
    var field: ColumnField?
  }

  /// The table whose header starts at `row`: at least two known headers, one of them a goal or an
  /// indicator. Looks at the next row for sub-headers.
  func layout(at row: Int, in grid: SheetGrid) -> TableLayout? {
    let cells = grid.distinctTexts(row)
    guard cells.count >= 2 else { return nil }
    // Most rows are not headers: the names first, the rest only for a row that is one.
    let names = cells.map { words.name(of: $0.text) }
    let fieldsNamed = names.compactMap { $0?.field }
    guard fieldsNamed.count >= 2, fieldsNamed.contains(.goal) || fieldsNamed.contains(.indicator) else { return nil }
    var layout = TableLayout(kind: .indicators, headerRows: row...row)
    var years: [YearColumn] = []
    var known = 0
    for ((column, text), name) in zip(cells, names) {
      guard let name else {
        if SubHeader.units.contains(normalizedHeader(text)) {
          layout.unitColumn = column
        } else if text.hasScalar("分"), case let n = normalizedHeader(text), n.ends(bytes: "分數") || n == "總分" {
          layout.scoreColumns[column] = text
        } else {
          layout.unknown[column] = text
        }
        continue
      }
      layout.headers[column] = text
      guard let field = name.field else {
        years.append(YearColumn(column: column, year: name.year ?? 0, field: nil))
        continue
      }
      known += 1
      if let year = name.year, field == .target || field == .yearTargets {
        years.append(YearColumn(column: column, year: year, field: field))
      } else if layout.column(field) != nil && field != .yearTargets && field != .sequence {
        layout.unknown[column] = text  // a second column of one field: its values kept as extra
      } else {
        layout.fields[column] = field
        if field == .indicator && normalizedHeader(text).hasPrefix("共同性指標") { layout.commonIndicators = true }
      }
    }
    let fields = Set(layout.fields.values)
    guard known >= 2, fields.contains(.goal) || fields.contains(.indicator) else { return nil }
    readSubHeaders(row + 1, into: &layout, years: &years, grid)
    place(years, into: &layout)
    for (column, text) in layout.headers where normalizedHeader(QuantityParser.normalize(text)).hasSuffix("(%)")
      || normalizedHeader(QuantityParser.normalize(grid.text(row, column))).hasSuffix("(%)")
    {
      layout.percentColumns.insert(column)
    }
    layout.seal()
    let all = Set(layout.fields.values)
    if all.contains(.explanation) || all.contains(.gap) {
      layout.kind = .reviews
    } else if all.contains(.content) && !all.contains(.indicator) {
      layout.kind = .budgets
    } else if !layout.scoreColumns.isEmpty && !all.contains(.target) && layout.years.isEmpty {
      layout.kind = .scores
    }
    return layout
  }

  /// The row under a header when it holds sub-headers: each of its own texts a year, a known
  /// header or a sub-word (原定, 達成, 預定, 實際), and the header above it merged, a year, or
  /// merged down over both rows.
  private func readSubHeaders(_ row: Int, into layout: inout TableLayout, years: inout [YearColumn], _ grid: SheetGrid) {
    let next = grid.distinctTexts(row)
    guard !next.isEmpty else { return }
    var found: [(column: Int, field: ColumnField?, year: Int?, text: String)] = []
    var framed = false
    for (column, text) in next {
      let parentText = grid.text(row - 1, column)
      let parent = words.name(of: parentText)
      let parentIsMerged = grid.cell(row - 1, column)?.mergeOrigin != nil
      if parentIsMerged || (parent?.field == nil && parent?.year != nil) { framed = true }
      if let name = words.name(of: text) {
        if let field = name.field {
          // 「107 年度」 over 目標值: the year dates the column.
          found.append((column, field, name.year ?? (parent?.field == nil ? parent?.year : nil), text))
        } else {
          found.append((column, .yearTargets, name.year, text))
        }
      } else if let sub = SubHeader.field(text), parent?.field == .target || parent?.field == .yearTargets
        || parent?.field == .actual || parentText.includes("目標")
      {
        found.append((column, sub, parent?.year, text))
      } else {
        return
      }
    }
    // A row of years alone is sub-headers; so is one under headers merged down over both rows.
    if found.allSatisfy({ $0.field == .yearTargets && $0.year != nil }) { framed = true }
    if !framed {
      framed = layout.fields.keys.contains { grid.cell(row, $0)?.fromMerge == true }
    }
    guard framed else { return }
    for entry in found {
      guard let field = entry.field else { continue }
      years.removeAll { $0.column == entry.column }
      layout.unknown[entry.column] = nil
      layout.headers[entry.column] = entry.text
      if let year = entry.year, field == .target || field == .yearTargets {
        years.append(YearColumn(column: entry.column, year: year, field: field))
        layout.fields[entry.column] = nil
      } else {
        layout.fields[entry.column] = field
      }
    }
    layout.headerRows = layout.headerRows.lowerBound...row
  }

  /// Year columns: two or more are a target per year; one target column with a year dates the
  /// table's target; a lone year over no field is the target of that year.
  private func place(_ years: [YearColumn], into layout: inout TableLayout) {
    let distinct = Set(years.map(\.year))
    if years.count >= 2 && distinct.count == years.count {
      for y in years {
        layout.fields[y.column] = .yearTargets
        layout.years[y.column] = y.year
      }
    } else if let y = years.first, years.count == 1 {
      if y.field == .yearTargets {
        layout.fields[y.column] = .yearTargets
        layout.years[y.column] = y.year
      } else if layout.column(.target) == nil {
        layout.fields[y.column] = .target
        layout.targetYear = y.year
      } else {
        layout.unknown[y.column] = layout.headers[y.column]
      }
    } else {
      for y in years { layout.unknown[y.column] = layout.headers[y.column] }
    }
  }
}

/// Sub-headers that name a field only under a parent: 目標值 over 原定 | 達成.
enum SubHeader {
  static let targets = ["原定", "原訂", "預定", "預計", "目標", "計畫", "規劃"]
  static let actuals = ["達成", "實際", "實績", "執行", "完成"]
  /// Headers of a column that gives the unit of the values beside it.
  static let units: Set<String> = ["單位", "衡量單位", "計量單位", "單位別", "計算單位"]

  /// The field a sub-word names.
  static func field(_ text: String) -> ColumnField? {
    let t = normalizedHeader(text)
    if targets.contains(where: { t.hasPrefix($0) }) { return .target }
    if actuals.contains(where: { t.hasPrefix($0) }) { return .actual }
    return nil
  }
}
