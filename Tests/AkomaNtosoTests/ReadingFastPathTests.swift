import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading

/// The inline reading's fast paths and shared rows (issue 24) give what the code they replace
/// gave.
@Suite struct ReadingFastPathTests {
  /// A body's row is shared by its copies; a setter gives the body a row of its own, so a copy
  /// keeps its values (value semantics), and equality and hashing stay by actor code.
  @Test("a body's shared row keeps value semantics")
  func bodyRowValueSemantics() {
    let assembly = UNBody.generalAssembly
    var copy = assembly
    #expect(copy == assembly)
    copy.name = "Assembly of Another Name"
    copy.otherNames.append("Another")
    copy.meeting = ("session", "session")
    copy.isUNOrgan = false
    #expect(assembly.name == "General Assembly")
    #expect(assembly.otherNames == ["Assembly"])
    #expect(assembly.meeting.akn == "plenaryMeeting" && assembly.meeting.printed == "plenary meeting")
    #expect(assembly.isUNOrgan)
    #expect(UNBody.generalAssembly.name == "General Assembly")
    #expect(copy.name == "Assembly of Another Name" && copy.otherNames == ["Assembly", "Another"])
    #expect(copy.meeting.akn == "session" && !copy.isUNOrgan)
    // Same actor code: equal, whatever the other values.
    #expect(copy == assembly && copy.hashValue == assembly.hashValue)
    copy.actor = "un-other"
    #expect(copy != assembly && UNBody.generalAssembly.actor == "un-ga")
    // Rows made apart with the same actor code are equal.
    #expect(UNBody(actor: "un-ga", name: "x") == UNBody.generalAssembly)
    #expect(UNBody.withActor("un-sc") == .securityCouncil)
    #expect(UNBody.all.allSatisfy { UNBody.withActor($0.actor)?.name == $0.name })
  }
}
