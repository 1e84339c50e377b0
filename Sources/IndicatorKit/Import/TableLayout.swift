// TableLayout: the columns of one table, as its header row or rows name them.

/// The columns of one table, found from its header row or rows.
struct TableLayout {
  /// What the table holds.
  enum Kind { case indicators, reviews, budgets, scores }
  var kind: Kind
  var headerRows: ClosedRange<Int>
  /// Field of each column; year targets keyed by year.
  var fields: [Int: ColumnField] = [:] {
    didSet {
      var first: [ColumnField: Int] = [:]
      for (c, f) in fields where c < first[f] ?? Int.max { first[f] = c }
      firstColumns = first.map { ($0.key, $0.value) }
    }
  }
  /// The leftmost column of each field, looked up for every cell of every row: a short list compared
  /// case by case (a dictionary hashes the field's name each time).
  private(set) var firstColumns: [(field: ColumnField, column: Int)] = []
  /// The ROC year of each per-year target column.
  var years: [Int: Int] = [:]
  /// Headers of columns no template knows, kept as `extra`.
  var unknown: [Int: String] = [:]
  /// The year a single-year target column names (「107 年度 目標值」).
  var targetYear: Int?
  /// The indicator column's header says 共同性指標.
  var commonIndicators = false
  /// Score columns: column → name (「業務面向分數」).
  var scoreColumns: [Int: String] = [:]
  /// A 單位 column: the unit of the target and actual beside it (「人次」, 「%」).
  var unitColumn: Int?
  /// Columns headed 「(%)」 (「目標值(%)」): their plain numbers are percentages.
  var percentColumns: Set<Int> = []
  /// The header text of each field column.
  var headers: [Int: String] = [:]

  /// The leftmost column of `field`.
  func column(_ field: ColumnField) -> Int? {
    for entry in firstColumns where entry.field == field { return entry.column }
    return nil
  }

  /// Every column the table names — fields, years, scores, unit and unknown ones — in order; set by
  /// ``seal()`` once the header is read (it is looked at for every row).
  private(set) var allColumns: [Int] = []

  /// The leftmost column the table names.
  var firstColumn: Int { allColumns.first ?? 1 }

  /// Records ``allColumns`` from the columns found.
  mutating func seal() {
    allColumns = Set(fields.keys).union(unknown.keys).union(scoreColumns.keys).union(years.keys)
      .union(unitColumn.map { [$0] } ?? []).sorted()
  }

  /// The numbering columns: 序號 before the goal numbers goals, 編號 right of it numbers indicators.
  var goalNumberColumn: Int? {
    let goal = column(.goal) ?? Int.max
    return fields.filter { $0.value == .sequence && $0.key < goal }.keys.max()
  }
  var indicatorNumberColumn: Int? {
    guard let goal = column(.goal) else { return nil }
    return fields.filter { $0.value == .sequence && $0.key > goal }.keys.min()
  }
}
