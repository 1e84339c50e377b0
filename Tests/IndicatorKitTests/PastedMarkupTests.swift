// Tests of pasted HTML turned into the plain text a printed form shows.

import Testing
@testable import IndicatorKit

@Suite struct PastedMarkupTests {
  @Test(arguments: [
    // The seed document's 達成情形, as the city's system exported it.
    ("<p>1. 歡揚資訊股份有限公司（為民服務資訊匯流平台）。</p> <p>2. 哈瑪星科技股份有限公司。</p>",
     "1. 歡揚資訊股份有限公司（為民服務資訊匯流平台）。\n2. 哈瑪星科技股份有限公司。"),
    ("第一行<br>第二行<BR/>第三行", "第一行\n第二行\n第三行"),
    ("<ul><li>甲</li><li>乙</li></ul>", "・甲\n・乙"),
    ("<span style=\"color:red\">達成</span>&nbsp;100%&amp;&lt;以上&gt; &#x4E2D;&#25991;", "達成 100%&<以上> 中文"),
    ("<p>&amp;lt; 是字面</p>", "&lt; 是字面"),
    // No tag it knows: left as written.
    ("目標 <5 件，> 3 件為佳", "目標 <5 件，> 3 件為佳"),
    ("<研考會> 列管", "<研考會> 列管"),
    ("a < b and c > d", "a < b and c > d"),
  ])
  func plainText(_ pasted: String, _ shown: String) {
    #expect(PastedMarkup.plainText(pasted) == shown)
  }
}
