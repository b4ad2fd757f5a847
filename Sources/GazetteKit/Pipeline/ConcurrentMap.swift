import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// Maps the elements on all cores; the results keep the order of the elements.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let results = Mutex<[T?]>(Array<T?>(repeating: nil, count: count))
        withoutActuallyEscaping(transform) { transform in
            let items = self
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                let result = transform(items[index])
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}

extension Array where Element: Sendable {
    /// Maps the elements on all cores; the results keep the order of the elements. When `transform` throws, the
    /// error of the first element (in order) that failed is thrown once every element has been tried.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
        let results: [Result<T, any Error>] = concurrentMap { element in Result { try transform(element) } }
        return try results.map { try $0.get() }
    }
}
