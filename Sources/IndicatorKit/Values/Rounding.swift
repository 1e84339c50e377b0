// Rounding: numbers as a person or a script reads them — to the decimals a cell shows, and
// without the float noise of sums (0.9500000000000003) in JSON.

/// `v` rounded to `places` decimals: the number a cell formatted to that many decimals shows.
func rounded(_ v: Double, _ places: Int) -> Double {
  var scale = 1.0
  for _ in 0..<places { scale *= 10 }
  return (v * scale).rounded() / scale
}

/// `v` as JSON carries it: rounded to 9 decimals, which removes the noise of binary sums
/// (0.05 + 0.9 = 0.9500000000000003 → 0.95) and keeps every digit a workbook states.
func jsonNumber(_ v: Double) -> Double {
  guard v.isFinite, abs(v) < 1e9 else { return v }
  return rounded(v, 9)
}
