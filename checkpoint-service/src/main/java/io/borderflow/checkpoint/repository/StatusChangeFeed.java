package io.borderflow.checkpoint.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which checkpoints' status changed, across every replica of checkpoint-service on the database: a write announces
 * its checkpoint with PostgreSQL's NOTIFY inside its transaction (so the announcement goes out only if it commits),
 * and each replica LISTENs on one connection of its own (re-established after a database restart) and passes the
 * checkpoint ids on to its watchers.
 */
@ApplicationScoped
public class StatusChangeFeed {
    public static final String CHANNEL = "checkpoint_status";
    private static final Logger LOG = Logger.getLogger(StatusChangeFeed.class);

    private final Vertx vertx;
    private final String url;
    private final String user;
    private final String password;
    private final String sslMode;
    private final Optional<List<String>> trustedCertificates;
    private final String hostnameVerification;
    /** Fed from the subscriber's one connection, so from one thread at a time. */
    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();

    private final BroadcastProcessor<Boolean> listening = BroadcastProcessor.create();
    private volatile boolean connected;
    private PgSubscriber subscriber;

    public StatusChangeFeed(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            // the reactive pool's TLS settings, so this connection is as protected as the pool's (deploy/README.md)
            @ConfigProperty(name = "quarkus.datasource.reactive.postgresql.ssl-mode", defaultValue = "disable")
                    String sslMode,
            @ConfigProperty(name = "quarkus.datasource.reactive.trust-certificate-pem.certs")
                    Optional<List<String>> trustedCertificates,
            @ConfigProperty(name = "quarkus.datasource.reactive.hostname-verification-algorithm", defaultValue = "NONE")
                    String hostnameVerification) {
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password;
        this.sslMode = sslMode;
        this.trustedCertificates = trustedCertificates;
        this.hostnameVerification = hostnameVerification;
    }

    void onStart(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user)
                .setPassword(password)
                .setSslMode(SslMode.of(sslMode));
        trustedCertificates.ifPresent(certificates -> {
            PemTrustOptions trust = new PemTrustOptions();
            certificates.forEach(trust::addCertPath);
            options.setPemTrustOptions(trust);
        });
        if (!"NONE".equalsIgnoreCase(hostnameVerification)) {
            options.setHostnameVerificationAlgorithm(hostnameVerification);
        }
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(CHANNEL).handler(changes::onNext).subscribeHandler(ignored -> {
            // (re)subscribed: changes made while not listening were missed
            connected = true;
            listening.onNext(true);
        });
        subscriber.closeHandler(ignored -> {
            connected = false;
            listening.onNext(false);
            LOG.warn("status change feed disconnected; reconnecting");
        });
        subscriber
                .connect()
                .onFailure(e -> LOG.warn("status change feed could not connect; watchers get heartbeats only", e));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** Checkpoint ids as their status changes, from every replica; hot: only what happens after subscribing. */
    public Multi<String> changes() {
        return changes;
    }

    /**
     * Whether this replica hears every change now. While it does not (before the first LISTEN, and from a lost
     * connection until it is back), nothing computed from the database may be kept on the grounds that no change was
     * announced.
     */
    public boolean listening() {
        return connected;
    }

    /** Each time listening starts (true: every change may have been missed until now) or stops (false). */
    public Multi<Boolean> listeningChanges() {
        return listening;
    }

    /** Announces in the current transaction that the checkpoint's status changed; sent when it commits. */
    public Uni<Void> announce(String checkpointId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_notify(:channel, :checkpoint)) n", Long.class)
                        .setParameter("channel", CHANNEL)
                        .setParameter("checkpoint", checkpointId)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
