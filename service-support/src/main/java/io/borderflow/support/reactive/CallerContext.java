package io.borderflow.support.reactive;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * For results shared between calls (one computation or one peer call that several requests wait for): a shared
 * Uni completes on the Vert.x context of the request that started it, so each waiting request is handed its result
 * back on its own context, where its Hibernate Reactive session and its gRPC call live.
 */
public final class CallerContext {
    private CallerContext() {}

    /** {@code shared} as seen by the caller: completing on the caller's current Vert.x context, if it has one. */
    public static <T> Uni<T> resume(Uni<T> shared) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return shared;
        }
        return shared.emitOn(task -> {
            if (Vertx.currentContext() == caller) {
                task.run();
            } else {
                caller.runOnContext(ignored -> task.run());
            }
        });
    }
}
