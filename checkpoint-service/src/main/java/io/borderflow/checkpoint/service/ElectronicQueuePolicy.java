package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.config.CheckpointConfig;
import io.borderflow.checkpoint.domain.booking.QueuePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The policy every checkpoint's electronic queue runs with, from {@code borderflow.checkpoint.queue.*}. */
@ApplicationScoped
public class ElectronicQueuePolicy {

    @Produces
    @Singleton
    QueuePolicy policy(CheckpointConfig config) {
        CheckpointConfig.Queue queue = config.queue();
        return new QueuePolicy(
                queue.bookableShare(),
                queue.priorityShare(),
                queue.horizon(),
                queue.maxReschedules(),
                queue.noShowGrace());
    }
}
