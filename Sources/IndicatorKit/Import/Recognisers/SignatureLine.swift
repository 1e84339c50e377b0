// SignatureLine: the footer under a table — who filled it in, who checked it, how to reach them:
// 「承辦人：林小姐」, 「電話：(03)5518101 分機 305」, 「科長：」, 「處長」, 「製表日期：114年3月1日」.

/// A footer or signature line: a role and what follows it.
enum SignatureLine: LineRecogniser {
  /// The roles and contact fields of a form's footer, longest first where one starts another.
  static let roles: [String] = [
    "填表人", "填報人", "承辦人", "承辦人員", "聯絡人", "聯絡電話", "連絡電話", "電話", "分機", "傳真", "手機",
    "單位主管", "業務主管", "主管", "機關首長", "首長", "核稿", "審核", "複核", "覆核", "會辦", "會簽", "決行",
    "製表日期", "填表日期", "填報日期", "製表", "填表", "e-mail", "E-mail", "E-Mail", "email", "Email", "EMAIL",
    "電子郵件", "電子信箱", "信箱", "科長", "股長", "課長", "組長", "隊長", "主任", "主任秘書", "秘書長", "秘書", "處長", "鎮長", "鄉長", "市長", "縣長",
    "區長", "所長", "院長", "館長", "校長", "站長", "場長", "總幹事", "執行長", "主委", "主任委員",
    "副處長", "局長", "副局長", "主計", "人事", "研考", "科員", "辦事員", "承辦單位", "簽章", "核章",
  ].sorted { $0.count > $1.count }

  private static let firstScalars = Set(roles.compactMap { $0.unicodeScalars.first })

  /// The role as written and the rest of the line, trimmed ("" when blank).
  struct Match: Equatable {
    var role: String
    var value: String
  }

  static func mayMatch(_ text: String) -> Bool {
    guard text.utf8.count <= 160, let first = text.unicodeScalars.first(where: { !$0.isBlank }) else { return false }
    return firstScalars.contains(first)
  }

  /// Every signature in one cell: 「承辦人：林小姐　　科長：　　處長：」, 「科長： 秘書長：」: a part after
  /// white space that is a role and a colon starts the next one, any other part goes on with the
  /// value (「電話：(02)2420 分機 1502」); nil when the first part is none.
  static func matchAll(_ text: String) -> [Match]? {
    guard mayMatch(text) else { return nil }
    let parts = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    guard parts.count > 1 else { return match(text).map { [$0] } }
    var out: [Match] = []
    for part in parts {
      let startsOne = out.isEmpty || part.hasSuffix("：") || part.hasSuffix(":") || part.contains("：") || part.contains(":")
      if startsOne, let m = match(part) {
        out.append(m)
      } else if let last = out.indices.last {
        out[last].value += (out[last].value.isEmpty ? "" : " ") + part
      } else {
        return nil
      }
    }
    return out
  }

  /// 「承辦人：林小姐」 (or 「承辦人:林小姐」, 「承辦人 林小姐」 after a space), or the role alone.
  static func read(_ text: String) -> Match? {
    let t = text.trimmed
    for role in roles where t.hasPrefix(role) {
      let rest = t.dropFirst(role.count)
      if rest.isEmpty { return Match(role: role, value: "") }
      guard let next = rest.unicodeScalars.first else { continue }
      if next == "：" || next == ":" || next.isBlank {
        let value = String(rest.drop { $0 == "：" || $0 == ":" || $0.isWhitespace }).trimmed
        // 「電話 服務滿意度」 is a name; a value after a bare space must look like a contact.
        if next.isBlank && !value.isEmpty && !value.unicodeScalars.contains(where: { $0.isRegexDigit || $0 == "@" }) { continue }
        return Match(role: role, value: value)
      }
    }
    return nil
  }
}
