#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected stream socket (UNIX or TCP) with exact reads and writes.
public final class SocketConnection {
    private var descriptor: Int32

    /// Connects to `address`: `unix:NAME` (a UNIX socket at NAME, or at /tmp/ipi_NAME as i-PI
    /// and ASE name them when NAME has no slash) or `HOST:PORT` (TCP).
    public init(address: String) throws(InteropError) {
        if address.hasPrefix("unix:") {
            let name = String(address.dropFirst(5))
            guard !name.isEmpty else { throw .connection("give a socket name after unix:") }
            descriptor = try Self.connectUnix(path: name.contains("/") ? name : "/tmp/ipi_\(name)")
        } else {
            guard let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...]) else {
                throw .connection("'\(address)' is neither unix:NAME nor HOST:PORT")
            }
            descriptor = try Self.connectTCP(host: String(address[..<colon]), port: port)
        }
    }

    deinit { close(descriptor) }

    private static func connectUnix(path: String) throws(InteropError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw .connection("socket path \(path) is longer than \(capacity - 1) bytes") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
            raw[bytes.count] = 0
        }
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw .connection("cannot create a UNIX socket") }
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard status == 0 else {
            close(socket)
            throw .connection("cannot connect to \(path): \(String(cString: strerror(errno)))")
        }
        return socket
    }

    private static func connectTCP(host: String, port: UInt16) throws(InteropError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let lookup = getaddrinfo(host.isEmpty ? "localhost" : host, String(port), &hints, &list)
        guard lookup == 0, let first = list else { throw .connection("cannot resolve host '\(host)'") }
        defer { freeaddrinfo(list) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            let socket = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if socket >= 0 {
                if connect(socket, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    var one: Int32 = 1
                    setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    return socket
                }
                close(socket)
            }
            entry = info.pointee.ai_next
        }
        throw .connection("cannot connect to \(host):\(port): \(String(cString: strerror(errno)))")
    }

    /// Fills `buffer` completely, or throws when the peer closes first.
    public func read(into buffer: UnsafeMutableRawBufferPointer, what: String) throws(InteropError) {
        var done = 0
        while done < buffer.count {
            let n = recv(descriptor, buffer.baseAddress! + done, buffer.count - done, 0)
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw .closed(done == 0 ? "before \(what)" : "in the middle of \(what)")
            }
        }
    }

    /// Sends all of `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(InteropError) {
        var done = 0
        while done < bytes.count {
            let n = send(descriptor, bytes.baseAddress! + done, bytes.count - done, Int32(MSG_NOSIGNAL))
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw .closed("while sending")
            }
        }
    }
}
