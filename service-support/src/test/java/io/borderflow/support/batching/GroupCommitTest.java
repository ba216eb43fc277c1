package io.borderflow.support.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.support.error.DomainException;
import io.borderflow.support.error.ErrorKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    /**
     * The writer stalls on its first group (a database that stopped answering): the first request is in that group,
     * the next four fill the queue of four, and the sixth is refused at once with RESOURCE_EXHAUSTED (reason
     * QUEUE_FULL, a retry delay given) rather than held in memory. Once the writer goes on, the five taken are all
     * written and answered (1 alone, then 2 + 2 in groups of at most two): nothing taken is lost.
     */
    @Test
    void aFullQueueRefusesTheNextRequestAndLosesNoneItTook() throws Exception {
        CompletableFuture<Void> stalled = new CompletableFuture<>();
        List<List<Integer>> written = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(
                "test requests",
                vertx,
                2,
                1,
                4,
                failure -> false,
                group -> Uni.createFrom().completionStage(stalled).map(ignored -> {
                    group.locked();
                    written.add(group.requests());
                    return group.requests().stream().map(GroupCommit.Answer::of).toList();
                }));

        List<CompletableFuture<Integer>> taken = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            taken.add(commits.submit(i).subscribeAsCompletionStage());
        }
        CompletableFuture<Integer> sixth = commits.submit(6).subscribeAsCompletionStage();

        Throwable refusal = sixth.handle((value, failure) -> failure)
                .get(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(refusal).isInstanceOf(DomainException.class);
        DomainException full = (DomainException) refusal;
        assertThat(full.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED);
        assertThat(full.reason()).isEqualTo("QUEUE_FULL");
        assertThat(full.metadata()).containsEntry("queue", "test requests").containsEntry("max_queued", "4");
        assertThat(full.retryDelay()).isPositive();
        assertThat(taken).noneMatch(CompletableFuture::isDone);

        stalled.complete(null);
        for (int i = 0; i < taken.size(); i++) {
            assertThat(taken.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i + 1);
        }
        assertThat(written).containsExactly(List.of(1), List.of(2, 3), List.of(4, 5));
        assertThat(commits.submit(7).await().atMost(Duration.ofSeconds(5)))
                .as("taken again once there is room")
                .isEqualTo(7);
    }
}
