package io.borderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Checks that every RPC a gRPC service implements says who may call it. */
public final class RpcProtection {
    private RpcProtection() {}

    /** Fails naming each RPC method of {@code services} without @RolesAllowed, @Authenticated or @PermitAll. */
    public static void assertEveryRpcDeclaresItsRoles(Class<?>... services) {
        List<String> unprotected = new ArrayList<>();
        int rpcs = 0;
        for (Class<?> service : services) {
            assertThat(service.isAnnotationPresent(GrpcService.class))
                    .as(service + " is a @GrpcService")
                    .isTrue();
            for (Class<?> api : service.getInterfaces()) {
                for (Method rpc : api.getDeclaredMethods()) {
                    if (Modifier.isStatic(rpc.getModifiers())) {
                        continue;
                    }
                    rpcs++;
                    Method implementation = implementation(service, rpc);
                    if (implementation == null
                            || !(implementation.isAnnotationPresent(RolesAllowed.class)
                                    || implementation.isAnnotationPresent(Authenticated.class)
                                    || implementation.isAnnotationPresent(PermitAll.class))) {
                        unprotected.add(service.getSimpleName() + "." + rpc.getName());
                    }
                }
            }
        }
        assertThat(rpcs).as("RPCs found").isPositive();
        assertThat(unprotected).as("RPCs that do not declare who may call them").isEmpty();
    }

    private static Method implementation(Class<?> service, Method rpc) {
        return Arrays.stream(service.getDeclaredMethods())
                .filter(m -> m.getName().equals(rpc.getName())
                        && Arrays.equals(m.getParameterTypes(), rpc.getParameterTypes()))
                .findFirst()
                .orElse(null);
    }
}
