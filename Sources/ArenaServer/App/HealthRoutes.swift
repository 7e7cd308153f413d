import Foundation
import Hummingbird
import Prometheus

/// Operations endpoints: health without auth, Prometheus metrics, and the served OpenAPI document.
struct HealthRoutes {
    let startedAt = Date()
    let registry: PrometheusCollectorRegistry
    let openAPIPath: String?

    func add(to router: Router<AppRequestContext>) {
        router.get("/health") { _, _ -> Response in
            let body = """
                {"status":"ok","uptime_seconds":\(Int(Date().timeIntervalSince(startedAt))),"version":"\(ArenaVersion.current)"}
                """
            return Self.json(body)
        }
        router.get("/metrics") { _, _ -> Response in
            var body = ByteBuffer(bytes: registry.emitToBuffer())
            body.writeString(ProcessMetrics.text(startedAt: startedAt))
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: body))
        }
        router.get("/openapi.yaml") { _, _ -> Response in
            guard let text = OpenAPIDocument.text(near: openAPIPath) else {
                throw APIError.notFound("The OpenAPI document")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

public enum ArenaVersion {
    public static let current = "0.1.0"
}
