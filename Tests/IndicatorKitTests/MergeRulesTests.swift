// The merge's rules written down as cases: when two names are one agency, which resubmission is
// kept, what a file's name says it is.

import Foundation
import Testing
@testable import IndicatorKit

@Suite struct MergeRulesTests {
  @Test func oneAgencyWrittenTwoWays() {
    #expect(AgencyName.same("新竹縣政府財政處", "財政處"))
    #expect(AgencyName.same("新竹縣政府 財政處", "新竹縣政府財政處"))
    #expect(AgencyName.same("新竹縣政府財政處", "新竹縣政府財政處（修正）") == false)  // more after the name is another name
    #expect(!AgencyName.same("新竹縣政府財政處", "新竹市政府財政處"))
    #expect(!AgencyName.same("新竹縣政府財政處", "新竹縣政府民政處"))
    #expect(!AgencyName.same("處", "新竹縣政府財政處"))  // one character says nothing
    #expect(AgencyName.withoutGovernment("新竹縣政府財政處") == "財政處")
  }

  @Test func theCorrectionIsKeptWhateverItsTime() {
    let early = Date(timeIntervalSince1970: 1_000), late = Date(timeIntervalSince1970: 2_000)
    // The clerk re-saved the old file after sending the 修正版: the name decides.
    let (kept, why) = Merger.choose([(0, "收件/民政處.xlsx", late), (1, "收件/民政處(修正版).xlsx", early)])
    #expect(kept == 1 && why == .correctedName)
    // No name says more: the last modified, else the last path.
    #expect(Merger.choose([(0, "a/工務處.xlsx", late), (1, "b/工務處.xlsx", early)]) == (0, .modifiedLast))
    #expect(Merger.choose([(0, "a/工務處.xlsx", early), (1, "b/工務處.xlsx", early)]) == (1, .lastPath))
    // Two corrections: the later of them.
    #expect(Merger.choose([(0, "x.xlsx", late), (1, "x_修正.xlsx", early), (2, "x_修正v2.xlsx", late)]) == (2, .correctedName))
    #expect(DuplicateChoice.namesCorrection("報告_final.xlsx") && DuplicateChoice.namesCorrection("報告第二版.xlsx"))
    #expect(!DuplicateChoice.namesCorrection("報告 (2).xlsx") && !DuplicateChoice.namesCorrection("報告.xlsx"))
  }

  @Test func whatANameSays() {
    #expect(Exclusion.byName("收件/~$財政處.xlsx") == .lockFile)
    #expect(Exclusion.byName("收件/財政處.ods") == .unsupportedFormat("ods"))
    #expect(Exclusion.byName("收件/財政處.CSV") == .unsupportedFormat("csv"))
    #expect(Exclusion.byName("收件/公文.pdf") == .notASpreadsheet)
    #expect(Exclusion.byName("收件/說明") == .notASpreadsheet)
    #expect(Exclusion.byName("收件/財政處.xls") == nil)   // read: it may be an .xlsx renamed
    #expect(Exclusion.byName("收件/財政處.XLSX") == nil)
  }
}
