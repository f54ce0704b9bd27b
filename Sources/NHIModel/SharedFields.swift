/// A value's fields in one heap object, shared by the value's copies until one of them writes
/// (copy on write, as `Array` does). A struct with many reference-counted fields retains every one
/// of them at each copy (`for finding in findings`, passing one into a closure, appending it);
/// a struct keeping them here retains one object.
///
/// Fields are reached through the header's address: a class's stored property is read and written
/// under a dynamic exclusivity check, a runtime call at each access.
@usableFromInline
struct SharedFields<Fields> {
    @usableFromInline
    var buffer: ManagedBuffer<Fields, Void>

    @inlinable
    init(_ fields: Fields) {
        buffer = ManagedBuffer<Fields, Void>.create(minimumCapacity: 0) { _ in fields }
    }

    // The header's address outlives the closure that gives it because `buffer` holds the object
    // for as long as the accessor's caller holds this value.
    @inlinable
    var fields: Fields {
        _read { yield buffer.withUnsafeMutablePointerToHeader { $0 }.pointee }
        _modify {
            if !isKnownUniquelyReferenced(&buffer) {
                let shared = buffer
                buffer = ManagedBuffer<Fields, Void>.create(minimumCapacity: 0) { _ in
                    shared.withUnsafeMutablePointerToHeader { $0.pointee }
                }
            }
            yield &buffer.withUnsafeMutablePointerToHeader { $0 }.pointee
        }
    }
}

extension SharedFields: Equatable where Fields: Equatable {
    @inlinable
    static func == (lhs: SharedFields, rhs: SharedFields) -> Bool {
        lhs.fields == rhs.fields
    }
}

extension SharedFields: Hashable where Fields: Hashable {
    @inlinable
    func hash(into hasher: inout Hasher) { fields.hash(into: &hasher) }
}

// Mutated only through `fields`' `_modify`, which writes to an object no other value shares.
extension SharedFields: @unchecked Sendable where Fields: Sendable {}

/// Coded as the fields themselves: the same keys in the same order, nil values left out alike.
extension SharedFields: Codable where Fields: Codable {
    @inlinable
    init(from decoder: Decoder) throws { self.init(try Fields(from: decoder)) }

    @inlinable
    func encode(to encoder: Encoder) throws { try fields.encode(to: encoder) }
}
