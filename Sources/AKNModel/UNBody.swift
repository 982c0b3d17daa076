/// A body whose resolutions or decisions are adopted or cited: its names as printed, its AKN
/// actor code, its symbol series and how it names its meetings.
///
/// Every organ name, actor code and symbol series in the package comes from ``UNBody/all``: a new
/// body is one row there.
public struct UNBody: Sendable, Hashable, CustomStringConvertible {
  /// The AKN actor code used in IRIs and TLCs (`un-ga`, `un-sc`, `un-hrc`, `un-ga-c1` …).
  public var actor: String {
    get { row.fields.actor }
    set { update { $0.actor = newValue } }
  }
  /// The name as printed ("General Assembly").
  public var name: String {
    get { row.fields.name }
    set { update { $0.name = newValue } }
  }
  /// Other names it is printed under in citations ("Environment Assembly"), longest first.
  public var otherNames: [String] {
    get { row.fields.otherNames }
    set { update { $0.otherNames = newValue } }
  }
  /// The enacting formula that opens its resolutions ("The General Assembly"), if akn reads
  /// documents it adopts.
  public var formula: String? {
    get { row.fields.formula }
    set { update { $0.formula = newValue } }
  }
  /// The symbol series of its resolutions (`A/RES/`), when undocs.org serves them by symbol.
  public var resolutionSeries: String? {
    get { row.fields.resolutionSeries }
    set { update { $0.resolutionSeries = newValue } }
  }
  /// The symbol series of its decisions (`A/DEC/`), when undocs.org serves them by symbol.
  public var decisionSeries: String? {
    get { row.fields.decisionSeries }
    set { update { $0.decisionSeries = newValue } }
  }
  /// How its resolutions are numbered.
  public var numbering: Numbering {
    get { row.fields.numbering }
    set { update { $0.numbering = newValue } }
  }
  /// The AKN name of its meetings (`plenaryMeeting`, `meeting`) and their printed name.
  public var meeting: (akn: String, printed: String) {
    get { (row.fields.meetingAKN, row.fields.meetingPrinted) }
    set { update { ($0.meetingAKN, $0.meetingPrinted) = newValue } }
  }
  /// Whether its meetings are numbered within a session (the General Assembly's plenary
  /// meetings), so that a meeting's IRI names the session.
  public var meetingsBySession: Bool {
    get { row.fields.meetingsBySession }
    set { update { $0.meetingsBySession = newValue } }
  }
  /// Whether it is a United Nations body whose documents have AKN IRIs under `/akn/un/`
  /// (a treaty body or specialised agency's are cited but not linked).
  public var isUNOrgan: Bool {
    get { row.fields.isUNOrgan }
    set { update { $0.isUNOrgan = newValue } }
  }

  /// The row's values.
  private struct Fields: Sendable {
    var actor: String
    var name: String
    var otherNames: [String]
    var formula: String?
    var resolutionSeries: String?
    var decisionSeries: String?
    var numbering: Numbering
    var meetingAKN: String
    var meetingPrinted: String
    var meetingsBySession: Bool
    var isUNOrgan: Bool
  }

  /// The row's values, shared and never changed: a body is copied many times while reading
  /// (each citation, each list of numbers under way), and a copy of one reference costs one
  /// retain where a copy of the values costs one for each string and array. A setter gives
  /// the body a row of its own (value semantics as before).
  private final class Row: Sendable {
    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var row: Row

  private mutating func update(_ change: (inout Fields) -> Void) {
    var fields = row.fields
    change(&fields)
    row = Row(fields)
  }

  /// How a body numbers its resolutions.
  public enum Numbering: Sendable, Hashable {
    /// Session and number: `67/27` (General Assembly, Human Rights Council, UNEA …).
    case sessionSlashNumber
    /// Year and number: `1980/67` (Economic and Social Council).
    case yearSlashNumber
    /// Number and year in brackets: `242 (1967)` (Security Council).
    case numberAndYear
    /// Some other way akn does not read.
    case other

    /// A resolution's number as printed from its number within the year and the year: "242
    /// (1967)" (number and year), "1980/67" (year and number); nil for the other numberings.
    public func printed(number: String, year: Int) -> String? {
      switch self {
      case .numberAndYear: "\(number) (\(year))"
      case .yearSlashNumber: "\(year)/\(number)"
      case .sessionSlashNumber, .other: nil
      }
    }
  }

  /// A row of the table.
  public init(
    actor: String, name: String, otherNames: [String] = [], formula: String? = nil,
    resolutionSeries: String? = nil, decisionSeries: String? = nil, numbering: Numbering = .other,
    meeting: (akn: String, printed: String) = ("meeting", "meeting"), meetingsBySession: Bool = false,
    isUNOrgan: Bool = true
  ) {
    self.row = Row(
      Fields(
        actor: actor, name: name, otherNames: otherNames, formula: formula,
        resolutionSeries: resolutionSeries, decisionSeries: decisionSeries, numbering: numbering,
        meetingAKN: meeting.akn,
        meetingPrinted: meeting.printed, meetingsBySession: meetingsBySession, isUNOrgan: isUNOrgan))
  }

  /// The actor code.
  public var description: String { actor }

  /// Bodies are the same when their actor codes are.
  public static func == (lhs: UNBody, rhs: UNBody) -> Bool {
    // The same row has the same actor code: no string comparison for it.
    lhs.row === rhs.row || lhs.actor == rhs.actor
  }

  /// Hashes the actor code.
  public func hash(into hasher: inout Hasher) { hasher.combine(actor) }
}

extension UNBody {
  /// The General Assembly (`un-ga`).
  public static let generalAssembly = UNBody(
    actor: "un-ga", name: "General Assembly", otherNames: ["Assembly"], formula: "The General Assembly",
    resolutionSeries: "A/RES/", decisionSeries: "A/DEC/", numbering: .sessionSlashNumber,
    meeting: ("plenaryMeeting", "plenary meeting"), meetingsBySession: true)
  /// The Security Council (`un-sc`).
  public static let securityCouncil = UNBody(
    actor: "un-sc", name: "Security Council", formula: "The Security Council", resolutionSeries: "S/RES/",
    numbering: .numberAndYear)
  /// The Economic and Social Council (`un-ecosoc`).
  public static let economicAndSocialCouncil = UNBody(
    actor: "un-ecosoc", name: "Economic and Social Council", formula: "The Economic and Social Council",
    resolutionSeries: "E/RES/", decisionSeries: "E/DEC/", numbering: .yearSlashNumber)
  /// The Human Rights Council (`un-hrc`).
  public static let humanRightsCouncil = UNBody(
    actor: "un-hrc", name: "Human Rights Council", formula: "The Human Rights Council",
    resolutionSeries: "A/HRC/RES/", decisionSeries: "A/HRC/DEC/", numbering: .sessionSlashNumber)

  /// The six Main Committees of the General Assembly (`un-ga-c1` … `un-ga-c6`).
  public static let mainCommittees: [UNBody] = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
    .enumerated().map { offset, ordinal in
      UNBody(actor: "un-ga-c\(offset + 1)", name: "\(ordinal) Committee")
    }

  /// Every body akn knows: those whose documents it reads, the General Assembly's Main
  /// Committees, and the bodies resolutions cite. Longer names come before the names they contain
  /// ("Human Rights Council" before a bare "Council").
  public static let all: [UNBody] =
    [generalAssembly, securityCouncil, economicAndSocialCouncil, humanRightsCouncil] + mainCommittees + [
      UNBody(
        actor: "unep-unea", name: "United Nations Environment Assembly",
        otherNames: ["Environment Assembly"], numbering: .sessionSlashNumber, isUNOrgan: false),
      UNBody(
        actor: "unhabitat-assembly", name: "United Nations Habitat Assembly",
        otherNames: ["Habitat Assembly"],
        numbering: .sessionSlashNumber, isUNOrgan: false),
      UNBody(actor: "who-wha", name: "World Health Assembly", isUNOrgan: false),
      UNBody(
        actor: "un-chr", name: "Commission on Human Rights", numbering: .yearSlashNumber, isUNOrgan: false),
      UNBody(actor: "un-csw", name: "Commission on the Status of Women", isUNOrgan: false),
      UNBody(actor: "un-cnd", name: "Commission on Narcotic Drugs", isUNOrgan: false),
      UNBody(
        actor: "un-ccpcj", name: "Commission on Crime Prevention and Criminal Justice", isUNOrgan: false),
      UNBody(actor: "un-cpd", name: "Commission on Population and Development", isUNOrgan: false),
      UNBody(actor: "un-csocd", name: "Commission for Social Development", isUNOrgan: false),
      UNBody(
        actor: "un-cstd", name: "Commission on Science and Technology for Development", isUNOrgan: false),
      UNBody(actor: "un-statcom", name: "Statistical Commission", isUNOrgan: false),
      UNBody(actor: "unctad-tdb", name: "Trade and Development Board", isUNOrgan: false),
      UNBody(
        actor: "iaea-gc", name: "General Conference of the International Atomic Energy Agency",
        isUNOrgan: false),
      UNBody(
        actor: "cbd-cop", name: "Conference of the Parties to the Convention on Biological Diversity",
        isUNOrgan: false),
      UNBody(
        actor: "unfccc-cop",
        name: "Conference of the Parties to the United Nations Framework Convention on Climate Change",
        isUNOrgan: false),
      UNBody(actor: "cosp", name: "Conference of the States Parties", isUNOrgan: false),
      UNBody(actor: "cop", name: "Conference of the Parties", isUNOrgan: false),
      // The regional commissions number their resolutions by session, as the Assembly does;
      // akn has no address for them.
      UNBody(
        actor: "un-escap", name: "Economic and Social Commission for Asia and the Pacific",
        numbering: .sessionSlashNumber, isUNOrgan: false),
      UNBody(
        actor: "un-escwa", name: "Economic and Social Commission for Western Asia",
        numbering: .sessionSlashNumber, isUNOrgan: false),
      UNBody(actor: "un-eca", name: "Economic Commission for Africa", isUNOrgan: false),
      UNBody(actor: "un-ece", name: "Economic Commission for Europe", isUNOrgan: false),
      UNBody(
        actor: "un-eclac", name: "Economic Commission for Latin America and the Caribbean",
        numbering: .sessionSlashNumber, isUNOrgan: false),
      UNBody(
        actor: "las", name: "League of Arab States", otherNames: ["Council of the League of Arab States"],
        isUNOrgan: false),
      UNBody(
        actor: "fao-conference",
        name: "Conference of the Food and Agriculture Organization of the United Nations",
        otherNames: ["Conference of the Food and Agriculture Organization", "FAO Conference"],
        isUNOrgan: false),
    ]

  /// The body whose formula `text` is ("The General Assembly"), among those akn reads.
  public static func withFormula(_ text: String) -> UNBody? {
    all.first { $0.formula == text }
  }

  /// The bodies whose resolutions akn reads (those with an enacting formula).
  public static let adopting: [UNBody] = all.filter { $0.formula != nil }

  /// The symbol of its resolution printed `number` ("1445 (2002)" → "S/RES/1445 (2002)"); nil
  /// when it has no resolution series.
  public func resolutionSymbol(number: String) -> String? {
    resolutionSeries.map { $0 + number }
  }

  /// The number in `symbol` when it is a symbol of its resolution series ("S/RES/1445 (2002)" →
  /// "1445 (2002)"); nil otherwise.
  public func resolutionNumber(inSymbol symbol: String) -> String? {
    guard let series = resolutionSeries, symbol.hasPrefix(series) else { return nil }
    return String(symbol.dropFirst(series.count))
  }

  /// Whether `text` opens with a symbol of its resolution series ("S/RES/…").
  public func opensWithResolutionSymbol(_ text: String) -> Bool {
    resolutionSeries.map { text.hasPrefix($0) } ?? false
  }

  /// The body with actor code `actor`.
  public static func withActor(_ actor: String) -> UNBody? {
    all.first { $0.actor == actor }
  }
}
