// IndicatorKit: the indicator model of performance plans and reports (built out in its own issue).

import XLSXKit

/// The version of the indicator model's JSON contract.
public let indicatorModelVersion = 1
