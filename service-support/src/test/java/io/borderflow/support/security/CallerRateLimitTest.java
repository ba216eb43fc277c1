package io.borderflow.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Empty;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallerRateLimitTest {
    /** A BorderFlow-like RPC, and gRPC health, both answering an empty message. */
    private static final MethodDescriptor<Empty, Empty> READ = method("borderflow.test.v1.TestService/Read");

    private static final MethodDescriptor<Empty, Empty> HEALTH = method("grpc.health.v1.Health/Check");

    /** The clock of the buckets: it stands still unless a test moves it. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private VerifiedTokens tokens;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void serve() throws Exception {
        tokens = new VerifiedTokens(new SubjectVerifier(), Clock.systemUTC());
        CallerRateLimit limit = new CallerRateLimit(config(2, 3), tokens, "test-service", nanos::get);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(service("borderflow.test.v1.TestService", READ), limit))
                .addService(ServerInterceptors.intercept(service("grpc.health.v1.Health", HEALTH), limit))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void aCallerOverItsRateIsToldWhenToRetryWhileAnotherCallerIsServed() throws Exception {
        // both tokens verified before, by earlier calls
        tokens.parse("subject-carrier-a");
        tokens.parse("subject-carrier-b");

        // a bucket of 3 calls, refilled at 2 a second: carrier a's 4th call at once finds it empty
        for (int i = 0; i < 3; i++) {
            call(READ, "subject-carrier-a");
        }
        StatusRuntimeException refused =
                catchThrowableOfType(StatusRuntimeException.class, () -> call(READ, "subject-carrier-a"));
        // carrier b at the same moment: its own bucket is full
        for (int i = 0; i < 3; i++) {
            call(READ, "subject-carrier-b");
        }

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        com.google.rpc.Status details = StatusProto.fromThrowable(refused);
        RetryInfo retry = details.getDetailsList().stream()
                .filter(d -> d.is(RetryInfo.class))
                .findFirst()
                .orElseThrow()
                .unpack(RetryInfo.class);
        // one call's token comes back in 1/2 s
        assertThat(retry.getRetryDelay().getSeconds()).isZero();
        assertThat(retry.getRetryDelay().getNanos()).isEqualTo(500_000_000);
        assertThat(details.getDetailsList().stream()
                        .filter(d -> d.is(ErrorInfo.class))
                        .findFirst()
                        .orElseThrow()
                        .unpack(ErrorInfo.class)
                        .getReason())
                .isEqualTo("RATE_LIMITED");

        // after the delay it was told, carrier a is served again
        nanos.addAndGet(500_000_000L);
        call(READ, "subject-carrier-a");
    }

    @Test
    void callsWithoutAVerifiedTokenShareTheirAddressesBucketSoMadeUpSubjectsGainNothing() {
        // never verified: each could claim any subject, so all count against the address they come from
        for (int i = 0; i < 3; i++) {
            call(READ, "subject-invented-" + i);
        }
        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> call(READ, "subject-invented-9"))
                        .getStatus()
                        .getCode())
                .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void healthChecksAreNeverLimited() {
        for (int i = 0; i < 20; i++) {
            call(HEALTH, null);
        }
    }

    private Empty call(MethodDescriptor<Empty, Empty> method, String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return ClientCalls.blockingUnaryCall(
                ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                method,
                CallOptions.DEFAULT,
                Empty.getDefaultInstance());
    }

    private static MethodDescriptor<Empty, Empty> method(String fullName) {
        return MethodDescriptor.<Empty, Empty>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullName)
                .setRequestMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
                .build();
    }

    private static ServerServiceDefinition service(String name, MethodDescriptor<Empty, Empty> method) {
        return ServerServiceDefinition.builder(name)
                .addMethod(method, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(Empty.getDefaultInstance());
                    response.onCompleted();
                }))
                .build();
    }

    private static RateLimitConfig config(double perSecond, int burst) {
        return new RateLimitConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public double requestsPerSecond() {
                return perSecond;
            }

            @Override
            public int burst() {
                return burst;
            }

            @Override
            public double serviceRequestsPerSecond() {
                return perSecond * 10;
            }

            @Override
            public int serviceBurst() {
                return burst * 10;
            }

            @Override
            public int maxCallers() {
                return 1000;
            }
        };
    }

    /** Accepts a token "subject-<name>" as a token of that subject, valid for an hour. */
    private static final class SubjectVerifier extends DefaultJWTParser {
        @Override
        public JsonWebToken parse(String token) throws ParseException {
            if (!token.startsWith("subject-")) {
                throw new ParseException("bad token");
            }
            String subject = token.substring("subject-".length());
            long exp = System.currentTimeMillis() / 1000 + 3600;
            Map<String, Object> claims = Map.of("sub", subject, "exp", exp, "groups", Set.of());
            return new JsonWebToken() {
                @Override
                public String getName() {
                    return subject;
                }

                @Override
                public Set<String> getClaimNames() {
                    return claims.keySet();
                }

                @Override
                @SuppressWarnings("unchecked")
                public <T> T getClaim(String claimName) {
                    return (T) claims.get(claimName);
                }
            };
        }
    }
}
