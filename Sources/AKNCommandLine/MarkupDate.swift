public import AKNModel
import Foundation

/// The dates the commands take: `--markup-date`, `--date`, and `SOURCE_DATE_EPOCH`.
public enum MarkupDate {
  /// A real date written YYYY-MM-DD, the value of `option`.
  /// - Throws: ``DateOptionError`` naming the option and the value.
  public static func parse(_ value: String, option: String) throws(DateOptionError) -> SimpleDate {
    let parts = value.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, value.count == 10,
      let date = SimpleDate(year: parts[0], month: parts[1], day: parts[2])
    else {
      throw DateOptionError(message: "\(option) \(value): expected a real date as YYYY-MM-DD")
    }
    return date
  }

  /// The manifestation date fixed for the whole run: `explicit` (the `--markup-date` value), else
  /// the day of `SOURCE_DATE_EPOCH` (UTC), else nil (the day of each conversion).
  public static func fixed(_ explicit: String?, environment: [String: String]) throws(DateOptionError)
    -> SimpleDate?
  {
    if let explicit { return try parse(explicit, option: "--markup-date") }
    guard let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty else { return nil }
    guard let seconds = Double(epoch), seconds >= 0 else {
      throw DateOptionError(message: "SOURCE_DATE_EPOCH=\(epoch): expected a number of seconds since 1970")
    }
    return day(of: seconds)
  }

  /// The manifestation date: ``fixed(_:environment:)``, else today (UTC).
  public static func resolve(_ explicit: String?, environment: [String: String]) throws(DateOptionError)
    -> SimpleDate
  {
    try fixed(explicit, environment: environment) ?? day(of: Date().timeIntervalSince1970)
  }

  /// The UTC day of a time in seconds since 1970.
  static func day(of seconds: Double) -> SimpleDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
    return SimpleDate(year: parts.year!, month: parts.month!, day: parts.day!)!
  }
}

/// A date option or `SOURCE_DATE_EPOCH` that is not a date.
public struct DateOptionError: Error, CustomStringConvertible {
  /// What is wrong, naming the option and its value.
  public var message: String
  /// The message.
  public var description: String { message }
}
