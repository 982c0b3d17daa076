/// The vote by which a document was adopted, as its adoption trailer prints it ("Adopted at the
/// 1234th meeting by 12 votes to 2, with 1 abstention (France).").
public struct Vote: Sendable, Hashable, Codable {
  /// Votes in favour, when counted.
  public var inFavour: Int?
  /// Votes against ("to none": 0).
  public var against: Int?
  /// Abstentions ("with 1 abstention"); nil when the trailer names none.
  public var abstentions: Int?
  /// "Adopted unanimously".
  public var unanimous: Bool
  /// "Adopted without vote", "without a vote", "by consensus".
  public var withoutVote: Bool

  /// A vote.
  public init(
    inFavour: Int? = nil, against: Int? = nil, abstentions: Int? = nil, unanimous: Bool = false,
    withoutVote: Bool = false
  ) {
    self.inFavour = inFavour
    self.against = against
    self.abstentions = abstentions
    self.unanimous = unanimous
    self.withoutVote = withoutVote
  }

  /// The vote an adoption trailer's text states, or nil when it states none.
  public static func read(_ trailer: String) -> Vote? {
    let words = trailer.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." || $0 == ";" })
      .map { $0.lowercased() }
    var vote = Vote()
    var stated = false
    func number(_ word: String) -> Int? {
      if let value = Int(word) { return value }
      return ["none": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5][word]
    }
    for (index, word) in words.enumerated() {
      switch word {
      case "unanimously":
        vote.unanimous = true
        stated = true
      case "consensus":
        vote.withoutVote = true
        stated = true
      case "vote" where index > 0 && (words[index - 1] == "without" || words[index - 1] == "a"):
        if words[index - 1] == "without" || (index > 1 && words[index - 2] == "without") {
          vote.withoutVote = true
          stated = true
        }
      case "votes", "vote":
        // "by 12 votes to 2" (OCR: "ta" for "to").
        if index > 0, let count = number(words[index - 1]),
          index + 2 < words.count, words[index + 1] == "to" || words[index + 1] == "ta",
          let against = number(words[index + 2])
        {
          vote.inFavour = count
          vote.against = against
          stated = true
        }
      case "abstention", "abstentions":
        if index > 0, let count = number(words[index - 1]) {
          vote.abstentions = count
          stated = true
        }
      default:
        break
      }
    }
    return stated ? vote : nil
  }
}
