package io.borderflow.routing.domain.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The corridor network the search runs on: places and the links between them, checked to be consistent and indexed
 * once (places by number, the ways out of each place in leg-id order), so that a search allocates no look-up tables.
 * Immutable; build a new one when the reference data changes.
 */
public final class Network {
    private final List<Place> places;
    private final List<Link> links;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final Map<String, Link> linkById = new HashMap<>();
    private final Set<String> checkpointIds = new HashSet<>();
    private final int[] countryOf;
    private final boolean[] borderControl;
    private final List<String> countries;
    private final List<List<Arc>> arcsFrom;
    private final List<List<Arc>> arcsInto;
    private int arcCount;
    /** The arcs out of each place, in {@link #arcsFrom} order, flat: those of place p at [outStart[p], outStart[p+1]). */
    private final int[] outStart;

    private final Arc[] outArcs;
    private final int[] outTo;
    private final int[] outId;

    private Network(List<Place> places, List<Link> links) {
        this.places = places;
        this.links = links;
        for (int i = 0; i < places.size(); i++) {
            Place place = places.get(i);
            if (indexById.put(place.id(), i) != null) {
                throw new IllegalArgumentException("duplicate place " + place.id());
            }
            if (place.checkpointId() != null) {
                checkpointIds.add(place.checkpointId());
            }
        }
        countries =
                List.copyOf(new TreeSet<>(places.stream().map(Place::country).toList()));
        countryOf = places.stream()
                .mapToInt(place -> countries.indexOf(place.country()))
                .toArray();
        borderControl = new boolean[places.size()];
        for (int i = 0; i < places.size(); i++) {
            borderControl[i] = places.get(i).hasBorderControl();
        }
        arcsFrom = new ArrayList<>();
        arcsInto = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            arcsFrom.add(new ArrayList<>());
            arcsInto.add(new ArrayList<>());
        }
        for (Link link : links) {
            if (linkById.put(link.legId(), link) != null) {
                throw new IllegalArgumentException("duplicate leg " + link.legId());
            }
            Integer from = indexById.get(link.from());
            Integer to = indexById.get(link.to());
            if (from == null || to == null) {
                throw new IllegalArgumentException("leg " + link.legId() + " joins a place that is not in the network");
            }
            addArc(new Arc(arcCount++, from, to, link));
            if (link.bidirectional()) {
                addArc(new Arc(arcCount++, to, from, link));
            }
        }
        outStart = new int[places.size() + 1];
        outArcs = new Arc[arcCount];
        outTo = new int[arcCount];
        outId = new int[arcCount];
        int at = 0;
        for (int node = 0; node < places.size(); node++) {
            outStart[node] = at;
            for (Arc arc : arcsFrom.get(node)) {
                outArcs[at] = arc;
                outTo[at] = arc.to();
                outId[at] = arc.id();
                at++;
            }
        }
        outStart[places.size()] = at;
    }

    /** @throws IllegalArgumentException on duplicate ids or a link to an unknown place */
    public static Network of(Collection<Place> places, Collection<Link> links) {
        return new Network(
                places.stream().sorted(Comparator.comparing(Place::id)).toList(),
                links.stream().sorted(Comparator.comparing(Link::legId)).toList());
    }

    private void addArc(Arc arc) {
        arcsFrom.get(arc.from()).add(arc);
        arcsInto.get(arc.to()).add(arc);
    }

    public Optional<Place> place(String id) {
        Integer index = indexById.get(id);
        return index == null ? Optional.empty() : Optional.of(places.get(index));
    }

    public Optional<Link> link(String legId) {
        return Optional.ofNullable(linkById.get(legId));
    }

    /** Every place, ordered by id. */
    public List<Place> places() {
        return places;
    }

    /** Every link, ordered by leg id. */
    public List<Link> links() {
        return links;
    }

    public boolean hasCheckpoint(String checkpointId) {
        return checkpointIds.contains(checkpointId);
    }

    int size() {
        return places.size();
    }

    int index(String placeId) {
        return indexById.get(placeId);
    }

    Place place(int index) {
        return places.get(index);
    }

    int countryIndex(int node) {
        return countryOf[node];
    }

    boolean hasBorderControl(int node) {
        return borderControl[node];
    }

    /** Number of distinct countries; country indexes run from 0 below it. */
    int countryCount() {
        return countries.size();
    }

    String country(int countryIndex) {
        return countries.get(countryIndex);
    }

    List<Arc> arcsFrom(int node) {
        return arcsFrom.get(node);
    }

    /** The first position of the arcs out of {@code node} in the flat arrays; those of node+1 start where they end. */
    int firstArcFrom(int node) {
        return outStart[node];
    }

    Arc outArc(int position) {
        return outArcs[position];
    }

    int outTo(int position) {
        return outTo[position];
    }

    int outId(int position) {
        return outId[position];
    }

    int arcCount() {
        return arcCount;
    }

    List<Arc> arcsInto(int node) {
        return arcsInto.get(node);
    }

    /** One direction of a link, between place numbers; {@code id} numbers the arcs from 0. */
    record Arc(int id, int from, int to, Link link) {}
}
