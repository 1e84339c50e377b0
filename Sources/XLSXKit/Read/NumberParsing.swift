// NumberParsing: decimal text to Double, fast for the plain numbers sheets hold, exact for the rest.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let exactPowersOfTen: [Double] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
  1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// Parses a decimal number as written in a `<v>` element: `-12`, `0.5`, `1.2E-3`, ` 7 `.
///
/// Numbers with at most 15 significant digits and a small exponent are computed exactly with one
/// multiplication or division (both operands are exact doubles, so the result is correctly
/// rounded); anything else goes through `strtod`. Returns nil for text that is not a number.
func parseDouble(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
  var i = 0
  var n = b.count
  while i < n && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) { i += 1 }
  while n > i && (b[n - 1] == 0x20 || b[n - 1] == 0x09 || b[n - 1] == 0x0A || b[n - 1] == 0x0D) { n -= 1 }
  if i == n { return nil }
  let start = i
  var negative = false
  if b[i] == 0x2D { negative = true; i += 1 } else if b[i] == 0x2B { i += 1 }
  var mantissa: UInt64 = 0
  var digits = 0
  var sawDigit = false
  var exponent = 0
  while i < n, b[i] >= 0x30 && b[i] <= 0x39 {
    sawDigit = true
    if digits < 19 {
      mantissa = mantissa * 10 + UInt64(b[i] - 0x30)
      if mantissa != 0 { digits += 1 }
    } else {
      exponent += 1
      digits += 1
    }
    i += 1
  }
  if i < n && b[i] == 0x2E {
    i += 1
    while i < n, b[i] >= 0x30 && b[i] <= 0x39 {
      sawDigit = true
      if digits < 19 {
        mantissa = mantissa * 10 + UInt64(b[i] - 0x30)
        if mantissa != 0 { digits += 1 }
        exponent -= 1
      } else {
        digits += 1
      }
      i += 1
    }
  }
  if !sawDigit { return nil }
  if i < n && (b[i] == 0x45 || b[i] == 0x65) {
    i += 1
    var expNegative = false
    if i < n && (b[i] == 0x2D || b[i] == 0x2B) {
      expNegative = b[i] == 0x2D
      i += 1
    }
    var e = 0
    var sawExp = false
    while i < n, b[i] >= 0x30 && b[i] <= 0x39 {
      sawExp = true
      if e < 100_000 { e = e * 10 + Int(b[i] - 0x30) }
      i += 1
    }
    if !sawExp { return nil }
    exponent += expNegative ? -e : e
  }
  if i != n { return nil }
  if digits <= 15 && exponent >= -22 && exponent <= 22 {
    var v = Double(mantissa)
    if exponent < 0 { v /= exactPowersOfTen[-exponent] } else { v *= exactPowersOfTen[exponent] }
    return negative ? -v : v
  }
  // Slow path: strtod on a NUL-terminated copy.
  var tmp = [CChar](repeating: 0, count: n - start + 1)
  for k in start..<n { tmp[k - start] = CChar(bitPattern: b[k]) }
  return strtod(tmp, nil)
}
