package io.borderflow.routing.service;

import io.borderflow.routing.model.LegView;
import io.borderflow.routing.model.Page;
import io.borderflow.routing.model.PlaceEntity;
import io.borderflow.routing.model.Sourced;
import io.borderflow.routing.repository.NetworkRepository;
import io.borderflow.routing.repository.NetworkRepository.LegFilter;
import io.borderflow.routing.repository.NetworkRepository.PlaceFilter;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.paging.PageTokens;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;

/** Use cases on the corridor network's reference data. */
@ApplicationScoped
public class NetworkApplicationService {
    private final NetworkRepository network;

    public NetworkApplicationService(NetworkRepository network) {
        this.network = network;
    }

    /** @param kind stored kind or null; @param country ISO code or null */
    @WithSession
    public Uni<Page<PlaceEntity>> listPlaces(String kind, String country, String pageToken, int pageSize) {
        PlaceFilter filter = new PlaceFilter(kind, country);
        String after = PageTokens.decode(pageToken, filter.toString()).orElse(null);
        return network.findPlaces(filter, after, pageSize + 1)
                .chain(rows -> network.countPlaces(filter)
                        .map(total -> page(filter.toString(), rows, pageSize, total, p -> p.id)));
    }

    /**
     * @param placeId id of a place the legs must touch, or null
     * @throws NotFoundException reason {@code PLACE_NOT_FOUND} (in the Uni) for a place that does not exist
     */
    @WithSession
    public Uni<Page<LegView>> listLegs(String corridor, String placeId, String mode, String pageToken, int pageSize) {
        LegFilter filter = new LegFilter(corridor, placeId, mode);
        String after = PageTokens.decode(pageToken, filter.toString()).orElse(null);
        Uni<Boolean> placeKnown = placeId == null ? Uni.createFrom().item(true) : network.placeExists(placeId);
        return placeKnown.chain(known -> {
            if (!known) {
                throw new NotFoundException("PLACE_NOT_FOUND", "places/" + placeId);
            }
            return network.findLegs(filter, after, pageSize + 1)
                    .chain(rows -> network.countLegs(filter)
                            .map(total -> page(filter.toString(), rows, pageSize, total, l -> l.leg().id)));
        });
    }

    private static <T> Page<T> page(
            String filterKey, Sourced<T> rows, int pageSize, long total, Function<T, String> id) {
        if (rows.rows().size() <= pageSize) {
            return new Page<>(rows, "", (int) total);
        }
        List<T> page = rows.rows().subList(0, pageSize);
        String next = PageTokens.encode(filterKey, id.apply(page.get(page.size() - 1)));
        return new Page<>(new Sourced<>(page, rows.sources()), next, (int) total);
    }
}
