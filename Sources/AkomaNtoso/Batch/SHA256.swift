// The one place that touches libcrypto.
import AKNXML
internal import CLibCrypto

/// SHA-256 (FIPS 180-4), used to fingerprint batch inputs and outputs in the report: OpenSSL's
/// implementation, which uses the processor's SHA instructions where it has them.
enum SHA256 {
  /// libcrypto's SHA-256, fetched once (nil if it cannot be: then `EVP_sha256()`, which
  /// `EVP_Digest` fetches again at every call). A fetched `EVP_MD` is read-only and may be shared
  /// between threads.
  nonisolated(unsafe) private static let algorithm = EVP_MD_fetch(nil, "SHA256", nil)

  /// Fetches the algorithm now (libcrypto loads its provider at the first fetch), so that the
  /// first document does not pay for it.
  static func prepare() { _ = algorithm }

  /// The digest of `bytes` as 64 lowercase hexadecimal digits.
  static func hex(_ bytes: [UInt8]) -> String {
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    let done = bytes.withUnsafeBufferPointer { input in
      digest.withUnsafeMutableBufferPointer { output in
        EVP_Digest(
          input.baseAddress, input.count, output.baseAddress, &length, algorithm ?? EVP_sha256(), nil)
      }
    }
    // EVP_Digest fails only when it cannot allocate; that is not a state to report from.
    precondition(done == 1 && length == 32, "libcrypto's SHA-256 failed")
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xf)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
