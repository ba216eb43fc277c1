package io.borderflow.checkpoint.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code grpc-message} of a failed call as it goes over the wire, read with a plain HTTP/2 client rather than a
 * gRPC library (which would decode it): printable ASCII as it is, {@code :} and {@code /} included, and only bytes
 * outside it and {@code %} percent-encoded (gRPC over HTTP/2, "Responses"). Node.js' grpc-js decodes no more than that
 * and showed {@code authorization%3A Bearer} when the server encoded the message as a URL query value.
 */
@QuarkusTest
class StatusMessageEncodingTest {
    private Vertx vertx;
    private HttpClient http;

    @BeforeEach
    void client() {
        vertx = Vertx.vertx();
        http = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    }

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** One unary call with an empty request message; the response's headers and trailers as they came. */
    private MultiMap call(String method, byte[] message, Map<String, String> headers) throws Exception {
        int port = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.test-port", Integer.class)
                .orElse(8081);
        Buffer frame =
                Buffer.buffer().appendByte((byte) 0).appendInt(message.length).appendBytes(message);
        MultiMap all = MultiMap.caseInsensitiveMultiMap();
        http.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("localhost")
                        .setPort(port)
                        .setURI("/borderflow.checkpoint.v1.CheckpointService/" + method))
                .compose(request -> {
                    request.putHeader("content-type", "application/grpc").putHeader("te", "trailers");
                    headers.forEach(request::putHeader);
                    return request.send(frame);
                })
                .compose(response -> response.body().map(body -> {
                    all.addAll(response.headers());
                    all.addAll(((HttpClientResponse) response).trailers());
                    return body;
                }))
                .toCompletionStage()
                .toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        return all;
    }

    @Test
    void aMissingTokenIsToldInPrintableAsciiAsItIs() throws Exception {
        MultiMap response = call("GetCheckpoint", new byte[0], Map.of());

        assertThat(response.get("grpc-status")).isEqualTo("16");
        assertThat(response.get("grpc-message")).isEqualTo("a bearer token is required (authorization: Bearer <jwt>)");
    }

    @Test
    void aFieldNamedInTheMessageKeepsItsSlashes() throws Exception {
        byte[] request = GetCheckpointRequest.newBuilder()
                .setName("checkpoints/atlantis")
                .build()
                .toByteArray();
        MultiMap response = call(
                "GetCheckpoint",
                request,
                Map.of(
                        "authorization",
                        "Bearer "
                                + TestTokens.issuer()
                                        .token("encoding-test")
                                        .roles(Roles.FREIGHT_PLATFORM)
                                        .sign()));

        assertThat(response.get("grpc-status")).isEqualTo("5");
        assertThat(response.get("grpc-message"))
                .contains("checkpoints/atlantis")
                .doesNotContain("%2F");
    }
}
